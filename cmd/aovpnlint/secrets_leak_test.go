package main

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"encoding/xml"
	"fmt"
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/aovpnlint/aovpnlint/internal/testpki"
	"github.com/aovpnlint/aovpnlint/lint/load"
)

// The secret-leak test (issue 7): every secret planted in any input, found
// by its form rather than listed by hand, appears in no output of the CLI:
// no report format, no -v log, no error message, no baseline, no -o file.

// Kinds of secrets, as the extractor names them.
const (
	kindL2tpPsk       = "L2tpPsk"
	kindPassword      = "Password"
	kindSharedSecret  = "RADIUS shared secret"
	kindPrivateKey    = "private key line"
	kindScriptVar     = "script variable"
	kindIntuneEncrypt = "Intune encrypted value"
	kindIntuneField   = "Intune secret field"
)

// Fixture floors: the secrets of each kind planted in testdata today. The
// test fails when fewer are found, so an extractor that stops matching (or a
// fixture that loses its secret) cannot go unnoticed.
var fixtureSecretFloor = map[string]int{
	kindL2tpPsk:      3,
	kindPassword:     3,
	kindSharedSecret: 4,
	kindPrivateKey:   1,
}

// fixtureSecretTotal is the floor of distinct secrets over all kinds.
const fixtureSecretTotal = 11

type secret struct {
	kind, value, file string
}

var (
	secretElemRE = regexp.MustCompile(`(?is)<(L2tpPsk|Password)\s*>(.*?)</(?:L2tpPsk|Password)\s*>`)
	sharedSecRE  = regexp.MustCompile(`(?is)<Shared_Secret\b[^>]*>(.*?)</Shared_Secret\s*>`)
	pemKeyRE     = regexp.MustCompile(`(?m)^-----BEGIN ([A-Z0-9 ]*PRIVATE KEY)-----\r?\n((?s:.*?))^-----END [A-Z0-9 ]*PRIVATE KEY-----`)
	// A PowerShell assignment of a quoted string: $Psk = '...', ${Psk} = "...".
	psAssignRE = regexp.MustCompile(`(?m)\$\{?([A-Za-z_][\w]*)\}?[ \t]*=[ \t]*(?:'([^'\r\n]*)'|"([^"\r\n]*)")`)
	// A value that is a variable: $Psk, ${Psk}, $($Psk).
	psVarRefRE    = regexp.MustCompile(`^\$\(?\{?\$?([A-Za-z_]\w*)\}?\)?$`)
	secretNameRE  = regexp.MustCompile(`(?i)psk|passw|secret|sharedkey|presharedkey`)
	jsonSecretKey = regexp.MustCompile(`(?i)^(password|passphrase|presharedkey|sharedsecret|psk|l2tppsk)$`)
	jsonStringRE  = regexp.MustCompile(`"(?:[^"\\\r\n]|\\.)*"`)
)

// extractSecrets finds the secrets of one file by their form, in the file
// as it is and in the texts it carries: UTF-16, XML-escaped ProfileXML
// (SyncML, CIM dumps, scripts), JSON strings and base64 values (Intune).
func extractSecrets(name string, data []byte) []secret {
	var out []secret
	seen := map[string]bool{}
	add := func(kind, value string) {
		value = strings.TrimSpace(value)
		if len(value) < 6 || seen[kind+"\x00"+value] {
			return
		}
		seen[kind+"\x00"+value] = true
		out = append(out, secret{kind, value, name})
	}
	for _, text := range secretTexts(name, data) {
		scanSecretText(text, add)
	}
	scanJSONSecrets(data, add)
	return out
}

// scanSecretText applies the textual forms to one text.
func scanSecretText(text string, add func(kind, value string)) {
	type found struct{ kind, value string }
	var cands []found
	var spans [][]int
	assigns := map[string]string{}
	for _, m := range psAssignRE.FindAllStringSubmatchIndex(text, -1) {
		name := strings.ToLower(text[m[2]:m[3]])
		v := ""
		if m[4] >= 0 {
			v = text[m[4]:m[5]]
		} else {
			v = text[m[6]:m[7]]
		}
		assigns[name] = v
		if secretNameRE.MatchString(name) {
			cands = append(cands, found{kindScriptVar, v})
			spans = append(spans, m[:2])
		}
	}
	for _, m := range secretElemRE.FindAllStringSubmatchIndex(text, -1) {
		kind, v := text[m[2]:m[3]], strings.TrimSpace(html.UnescapeString(text[m[4]:m[5]]))
		spans = append(spans, m[:2])
		if r := psVarRefRE.FindStringSubmatch(v); r != nil {
			if val, ok := assigns[strings.ToLower(r[1])]; ok {
				cands = append(cands, found{kindScriptVar, val})
				for _, a := range psAssignRE.FindAllStringSubmatchIndex(text, -1) {
					if strings.EqualFold(text[a[2]:a[3]], r[1]) {
						spans = append(spans, a[:2])
					}
				}
			}
			continue
		}
		if strings.EqualFold(kind, "L2tpPsk") {
			kind = kindL2tpPsk
		} else {
			kind = kindPassword
		}
		cands = append(cands, found{kind, v})
	}
	for _, m := range sharedSecRE.FindAllStringSubmatchIndex(text, -1) {
		cands = append(cands, found{kindSharedSecret, html.UnescapeString(text[m[2]:m[3]])})
		spans = append(spans, m[:2])
	}
	for _, m := range pemKeyRE.FindAllStringSubmatchIndex(text, -1) {
		spans = append(spans, m[:2])
		for l := range strings.Lines(text[m[4]:m[5]]) {
			l = strings.TrimSpace(l)
			if l == "" || strings.Contains(l, ":") { // Proc-Type:, DEK-Info: headers
				continue
			}
			cands = append(cands, found{kindPrivateKey, l})
		}
	}
	// A value that occurs outside the secrets too ("true", a server name) is
	// no secret of its own: an output may show it for another reason.
	rest := []byte(text)
	for _, s := range spans {
		for i := s[0]; i < s[1]; i++ {
			rest[i] = 0
		}
	}
	for _, c := range cands {
		v := strings.TrimSpace(c.value)
		if v == "" || strings.HasPrefix(v, "$") || bytes.Contains(rest, []byte(v)) {
			continue
		}
		add(c.kind, v)
	}
}

// secretTexts returns the texts a file holds.
func secretTexts(name string, data []byte) []string {
	var texts []string
	have := map[string]bool{}
	var addText func(s string, depth int)
	addText = func(s string, depth int) {
		if have[s] || depth > 3 {
			return
		}
		have[s] = true
		texts = append(texts, s)
		if u := html.UnescapeString(s); u != s {
			addText(u, depth+1)
		}
	}
	raw := decodeText(data)
	addText(raw, 0)
	if strings.EqualFold(filepath.Ext(name), ".json") || strings.HasPrefix(strings.TrimSpace(raw), "{") || strings.HasPrefix(strings.TrimSpace(raw), "[") {
		for _, lit := range jsonStringRE.FindAllString(raw, -1) {
			var s string
			if json.Unmarshal([]byte(lit), &s) != nil || len(s) < 8 {
				continue
			}
			if strings.Contains(s, "<") {
				addText(s, 1)
				continue
			}
			clean := strings.Join(strings.Fields(s), "")
			b, err := base64.StdEncoding.DecodeString(clean)
			if err != nil {
				b, err = base64.RawStdEncoding.DecodeString(strings.TrimRight(clean, "="))
			}
			if err == nil {
				if t := decodeText(b); strings.Contains(t, "<") {
					addText(t, 1)
				}
			}
		}
	}
	return texts
}

// decodeText reads a file's bytes as the loader does (UTF-8, UTF-16 with or
// without a byte order mark, Windows-1252).
func decodeText(b []byte) string {
	text, _ := load.Decode(b)
	return string(text)
}

// scanJSONSecrets reads the JSON forms: an OMA-URI setting's encrypted value
// ("isEncrypted": true), and fields named like a password or key.
func scanJSONSecrets(data []byte, add func(kind, value string)) {
	var v any
	if json.Unmarshal(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), &v) != nil {
		return
	}
	raw := string(data)
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if enc, _ := v["isEncrypted"].(bool); enc {
				if s, ok := v["value"].(string); ok && strings.Trim(s, "*") != "" {
					add(kindIntuneEncrypt, s)
				}
			}
			for k, x := range v {
				if s, ok := x.(string); ok && jsonSecretKey.MatchString(k) && strings.Count(raw, s) == 1 {
					add(kindIntuneField, s)
				}
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(v)
}

// walkSecrets extracts the secrets of every file under root.
func walkSecrets(t *testing.T, root string, skip ...string) []secret {
	t.Helper()
	var all []secret
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && slices.Contains(skip, d.Name()) {
			return filepath.SkipDir
		}
		if !d.Type().IsRegular() {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		all = append(all, extractSecrets(p, b)...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return all
}

// leakNeedles are the spellings of a secret an output could carry, in lower
// case: as is, escaped for XML, JSON, HTML or GitHub workflow commands,
// and, for key lines, a middle slice (a key re-wrapped at another width).
func leakNeedles(s secret) []string {
	v := s.value
	var xmlEsc bytes.Buffer
	_ = xml.EscapeText(&xmlEsc, []byte(v))
	jsonEsc, _ := json.Marshal(v)
	gh := strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(v)
	n := []string{v, html.EscapeString(v), xmlEsc.String(), string(jsonEsc[1 : len(jsonEsc)-1]), gh}
	if s.kind == kindPrivateKey && len(v) >= 40 {
		n = append(n, v[len(v)/2-10:len(v)/2+10])
	}
	for i := range n {
		n[i] = strings.ToLower(n[i]) // checkNoLeak compares in lower case
	}
	slices.Sort(n)
	return slices.Compact(n)
}

// checkNoLeak fails for each secret an output shows, in any case.
func checkNoLeak(t *testing.T, what, out string, secrets []secret) {
	t.Helper()
	if out == "" {
		return
	}
	lower := strings.ToLower(out)
	for _, s := range secrets {
		for _, n := range leakNeedles(s) {
			if i := strings.Index(lower, n); i >= 0 {
				from, to := max(0, i-120), min(len(out), i+len(n)+40)
				t.Errorf("%s shows the %s %q of %s (as %q) at byte %d: …%s…", what, s.kind, s.value, s.file, n, i, out[from:to])
				break
			}
		}
	}
}

// runInPlace runs the CLI in the package folder (no chdir, so subtests can
// run in parallel).
func runInPlace(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

var allFormats = []string{"text", "json", "sarif", "github", "junit", "gitlab"}

// plantSecrets writes one file per form with fresh random secrets and
// returns the folder, the secrets and the private key files.
func plantSecrets(t *testing.T) (dir string, planted []secret, keyFiles []string) {
	t.Helper()
	dir = t.TempDir()
	rnd := func(prefix string) string {
		b := make([]byte, 12)
		_, _ = rand.Read(b)
		return prefix + "-" + hex.EncodeToString(b)
	}
	psk, apn, scriptPsk, scriptApn := rnd("Psk"), rnd("Apn"), rnd("PsPsk"), rnd("PsApn")
	radius, radiusShort := rnd("Radius"), rnd("R")[:10]
	intunePsk, intuneB64Pwd, intuneEnc := rnd("IntPsk"), rnd("IntPwd"), base64.StdEncoding.EncodeToString([]byte(rnd("cipher")))
	planted = []secret{
		{kindL2tpPsk, psk, "profile.xml"}, {kindPassword, apn, "profile.xml"},
		{kindScriptVar, scriptPsk, "VPN_Profile.ps1"}, {kindPassword, scriptApn, "VPN_Profile.ps1"},
		{kindSharedSecret, radius, "nps-export.xml"}, {kindSharedSecret, radiusShort, "nps-export.xml"},
		{kindL2tpPsk, intunePsk, "intune/AOVPN.json"}, {kindPassword, intuneB64Pwd, "intune/AOVPN.json"},
		{kindIntuneEncrypt, intuneEnc, "intune/AOVPN.json"},
	}
	profile := func(psk, apn string) string {
		return `<VPNProfile>
  <APNBinding>
    <AccessPointName>internet.carrier.test</AccessPointName>
    <Password>` + apn + `</Password>
  </APNBinding>
  <NativeProfile>
    <Servers>vpn.contoso.com</Servers>
    <NativeProtocolType>L2TP</NativeProtocolType>
    <L2tpPsk>` + psk + `</L2tpPsk>
    <Authentication><UserMethod>MSChapv2</UserMethod></Authentication>
  </NativeProfile>
</VPNProfile>
`
	}
	script := `$ProfileName = 'Contoso VPN'
$ProfileNameEscaped = $ProfileName -replace ' ', '%20'
$Psk = '` + scriptPsk + `'
$ProfileXML = @"
` + profile("$Psk", scriptApn) + `"@
$ProfileXML = $ProfileXML -replace '<', '&lt;'
$ProfileXML = $ProfileXML -replace '>', '&gt;'
$ProfileXML = $ProfileXML -replace '"', '&quot;'
$Session = New-CimSession
$NewInstance = New-Object Microsoft.Management.Infrastructure.CimInstance 'MDM_VPNv2_01', 'root\cimv2\mdm\dmmap'
$Property = [Microsoft.Management.Infrastructure.CimProperty]::Create('ParentID', './Vendor/MSFT/VPNv2', 'String', 'Key')
$NewInstance.CimInstanceProperties.Add($Property)
$Property = [Microsoft.Management.Infrastructure.CimProperty]::Create('InstanceID', "$ProfileNameEscaped", 'String', 'Key')
$NewInstance.CimInstanceProperties.Add($Property)
$Property = [Microsoft.Management.Infrastructure.CimProperty]::Create('ProfileXML', "$ProfileXML", 'String', 'Property')
$NewInstance.CimInstanceProperties.Add($Property)
$Session.CreateInstance('root\cimv2\mdm\dmmap', $NewInstance)
`
	nps, err := os.ReadFile(repo(t, "testdata/rules/nps002_bad.xml"))
	if err != nil {
		t.Fatal(err)
	}
	npsText := strings.Replace(strings.Replace(string(nps), "Zq7!fixture-secret-one-9f3Kd2", radius, 1), "short-Sec9", radiusShort, 1)
	oma := func(name, value string, encrypted bool) map[string]any {
		return map[string]any{
			"@odata.type": "#microsoft.graph.omaSettingStringXml", "displayName": "ProfileXML",
			"omaUri":      "./User/Vendor/MSFT/VPNv2/" + name + "/ProfileXML",
			"isEncrypted": encrypted, "fileName": "ProfileXML.xml", "value": value,
		}
	}
	intune, err := json.MarshalIndent(map[string]any{
		"@odata.type": "#microsoft.graph.windows10CustomConfiguration", "displayName": "AOVPN",
		"omaSettings": []any{
			oma("Plain", profile(intunePsk, "short"), false),
			oma("Base64", base64.StdEncoding.EncodeToString([]byte(profile("", intuneB64Pwd))), false),
			oma("Encrypted", intuneEnc, true),
		},
	}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}

	// Private keys: PKCS#8 (EC), SEC 1 (EC) and PKCS#1 (RSA), next to a
	// certificate and on their own.
	ca := testpki.Root(t, "Leak Test Root")
	leaf := ca.Issue(t, testpki.Spec{CN: "vpn.contoso.com", DNS: []string{"vpn.contoso.com"}})
	pkcs8, err := x509.MarshalPKCS8PrivateKey(leaf.Key)
	if err != nil {
		t.Fatal(err)
	}
	ec, err := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	sec1, err := x509.MarshalECPrivateKey(ec)
	if err != nil {
		t.Fatal(err)
	}
	rk, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	withCert := append(leaf.PEM(), pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: pkcs8})...)
	keyOnly := append(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: sec1}),
		pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(rk)})...)
	for _, b := range [][]byte{withCert, keyOnly} {
		for _, s := range extractSecrets("key", b) {
			s.file = "certs/ (generated key)"
			planted = append(planted, s)
		}
	}

	files := map[string][]byte{
		"profile.xml": []byte(profile(psk, apn)), "VPN_Profile.ps1": []byte(script),
		"nps-export.xml": []byte(npsText), "intune/AOVPN.json": intune,
		"certs/server.pem": withCert, "certs/keys.pem": keyOnly,
	}
	for name, b := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, planted, []string{filepath.Join(dir, "certs", "server.pem"), filepath.Join(dir, "certs", "keys.pem")}
}

// TestSecretExtractor: the extractor finds each planted form, so the leak
// test covers every form even when the fixtures change.
func TestSecretExtractor(t *testing.T) {
	dir, planted, _ := plantSecrets(t)
	got := walkSecrets(t, dir)
	for _, p := range planted {
		if !slices.ContainsFunc(got, func(s secret) bool { return s.kind == p.kind && s.value == p.value }) {
			t.Errorf("the %s %q in %s was not extracted", p.kind, p.value, p.file)
		}
	}
	kinds := map[string]int{}
	for _, p := range planted {
		kinds[p.kind]++
	}
	for _, k := range []string{kindL2tpPsk, kindPassword, kindSharedSecret, kindPrivateKey, kindScriptVar, kindIntuneEncrypt} {
		if kinds[k] == 0 {
			t.Errorf("no planted %s", k)
		}
	}
	if kinds[kindPrivateKey] < 6 {
		t.Errorf("%d private key lines planted, want the lines of three keys", kinds[kindPrivateKey])
	}
	// Not secrets: empty values, short placeholders, variables without a
	// value, values the file shows elsewhere.
	for _, text := range []string{
		"<L2tpPsk></L2tpPsk><Password>abc</Password>",
		"<L2tpPsk>$Unset</L2tpPsk>",
		"<VPNProfile><AlwaysOn>true-ish</AlwaysOn><Password>true-ish</Password></VPNProfile>",
		"# -----BEGIN PRIVATE KEY----- in a comment is no key\n",
	} {
		if s := extractSecrets("x.xml", []byte(text)); len(s) != 0 {
			t.Errorf("extractSecrets(%q) = %q, want none", text, s)
		}
	}
}

// fixtureSecrets extracts the secrets of the testdata inputs; golden holds
// the CLI's outputs (rule help quotes placeholders such as "(a shared key)").
func fixtureSecrets(t *testing.T) []secret {
	t.Helper()
	all := walkSecrets(t, repo(t, "testdata"), "golden")
	// One entry per value: the same secret in several fixtures is one.
	seen := map[string]bool{}
	var out []secret
	for _, s := range all {
		if rel, err := filepath.Rel(repo(t, "."), s.file); err == nil {
			s.file = filepath.ToSlash(rel)
		}
		if !seen[s.kind+"\x00"+s.value] {
			seen[s.kind+"\x00"+s.value] = true
			out = append(out, s)
		}
	}
	return out
}

// TestSecretsFoundInFixtures: the fixtures hold the secrets the leak test
// looks for; zero would make it test nothing.
func TestSecretsFoundInFixtures(t *testing.T) {
	secrets := fixtureSecrets(t)
	kinds := map[string]int{}
	for _, s := range secrets {
		kinds[s.kind]++
		t.Logf("%-22s %-45q %s", s.kind, s.value, s.file)
	}
	if len(secrets) == 0 {
		t.Fatal("no secret found in testdata: the leak test would test nothing")
	}
	for k, n := range fixtureSecretFloor {
		if kinds[k] < n {
			t.Errorf("%d %s secrets found in testdata, want at least %d", kinds[k], k, n)
		}
	}
	if len(secrets) < fixtureSecretTotal {
		t.Errorf("%d distinct secrets found in testdata, want at least %d", len(secrets), fixtureSecretTotal)
	}
	t.Logf("%d distinct secrets in testdata: %v", len(secrets), kinds)
}

// TestSecretsNeverLeak runs the CLI over every testdata root and fixture and
// over planted secrets of every form, in every format, and looks for each
// secret in everything the CLI writes.
func TestSecretsNeverLeak(t *testing.T) {
	dir, planted, plantedKeys := plantSecrets(t)
	secrets := append(fixtureSecrets(t), planted...)
	if len(secrets) < fixtureSecretTotal+len(planted) {
		t.Fatalf("%d secrets, want at least %d", len(secrets), fixtureSecretTotal+len(planted))
	}
	// The private key files of the fixtures and the planted ones, for
	// --trust, --nps-cert and --vpn-cert.
	keyFiles := slices.Clone(plantedKeys)
	for _, s := range secrets {
		if s.kind == kindPrivateKey && !strings.HasPrefix(s.file, "certs/") {
			if p := repo(t, s.file); !slices.Contains(keyFiles, p) {
				keyFiles = append(keyFiles, p)
			}
		}
	}
	sort.Strings(keyFiles)
	testdata := filepath.Join("..", "..", "testdata")
	roots, err := os.ReadDir(testdata)
	if err != nil {
		t.Fatal(err)
	}
	outDir := t.TempDir()
	check := func(t *testing.T, what string, args ...string) {
		t.Helper()
		_, stdout, stderr := runInPlace(args...)
		checkNoLeak(t, what+" stdout", stdout, secrets)
		checkNoLeak(t, what+" stderr", stderr, secrets)
	}
	// checkFiles reads back the -o report and the baseline.
	checkFiles := func(t *testing.T, what string, files ...string) {
		t.Helper()
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Errorf("%s: %v", what, err)
				continue
			}
			if len(b) == 0 {
				t.Errorf("%s: %s is empty", what, f)
			}
			checkNoLeak(t, what+" "+filepath.Base(f), string(b), secrets)
		}
	}
	keyFlags := func() []string {
		var a []string
		for _, k := range keyFiles {
			a = append(a, "--trust", k, "--nps-cert", k, "--vpn-cert", k)
		}
		return a
	}

	// The whole testdata tree and each root (and the planted secrets): once
	// per format, with -v, the key files as --trust, --nps-cert and
	// --vpn-cert, the report to -o and a baseline written.
	targets := []string{testdata, dir}
	for _, r := range roots {
		if r.IsDir() && r.Name() != "rules" { // rules: in the whole tree and per fixture below
			targets = append(targets, filepath.Join(testdata, r.Name()))
		}
	}
	t.Run("roots", func(t *testing.T) {
		for i, target := range targets {
			for _, format := range allFormats {
				t.Run(fmt.Sprintf("%s/%s", filepath.Base(target), format), func(t *testing.T) {
					t.Parallel()
					what := fmt.Sprintf("check -v -f %s %s", format, target)
					args := []string{"check", "-v", "-f", format, "--now", fixedNow}
					var files []string
					if (i+len(format))%2 == 0 {
						o := filepath.Join(outDir, fmt.Sprintf("out-%d-%s", i, format))
						args, files = append(args, "-o", o), append(files, o)
					}
					if format == "json" || format == "text" { // a baseline needs every path read
						b := filepath.Join(outDir, fmt.Sprintf("baseline-%d-%s.json", i, format))
						args, files = append(args, "--write-baseline", b), append(files, b)
					}
					if format == "sarif" || format == "github" || format == "gitlab" {
						args = append(args, keyFlags()...)
					}
					check(t, what, append(args, target)...)
					checkFiles(t, what, files...)
				})
			}
		}
	})

	// Each fixture on its own: a file or folder of testdata/rules, and each
	// entry of the other roots.
	var fixtures []string
	for _, r := range roots {
		if !r.IsDir() || r.Name() == "golden" {
			continue
		}
		entries, err := os.ReadDir(filepath.Join(testdata, r.Name()))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if !strings.HasSuffix(e.Name(), ".want") {
				fixtures = append(fixtures, filepath.Join(testdata, r.Name(), e.Name()))
			}
		}
	}
	t.Run("fixtures", func(t *testing.T) {
		for _, format := range []string{"text", "github"} {
			t.Run(format, func(t *testing.T) {
				t.Parallel()
				for _, f := range fixtures {
					check(t, fmt.Sprintf("check -v -f %s %s", format, f), "check", "-v", "-f", format, "--now", fixedNow, f)
				}
			})
		}
	})

	// Error messages: a missing path, and files full of secrets (the key
	// files, a profile, an NPS export, an Intune export) given to the flags
	// that read a file, and to nps-log.
	misplaced := append(slices.Clone(keyFiles), filepath.Join(dir, "profile.xml"), filepath.Join(dir, "VPN_Profile.ps1"),
		filepath.Join(dir, "nps-export.xml"), filepath.Join(dir, "intune", "AOVPN.json"))
	examples := filepath.Join(testdata, "examples")
	t.Run("errors", func(t *testing.T) {
		missing := filepath.Join(dir, "no such folder")
		for _, format := range allFormats {
			check(t, "check over a missing path", "check", "-v", "-f", format, "--now", fixedNow, missing)
		}
		for _, f := range misplaced {
			for _, flag := range []string{"--trust", "--nps-cert", "--vpn-cert", "--baseline"} {
				check(t, "check "+flag+" "+f, "check", "-v", "--now", fixedNow, flag, f, examples)
			}
			check(t, "nps-log "+f, "nps-log", f)
		}
	})
	t.Run("errors/config", func(t *testing.T) {
		for _, f := range misplaced {
			check(t, "check --config "+f, "check", "-v", "--now", fixedNow, "--config", f, examples)
		}
	})

	t.Run("nps-log", func(t *testing.T) {
		logs, err := filepath.Glob(filepath.Join(testdata, "nps-logs", "*"))
		if err != nil || len(logs) == 0 {
			t.Fatalf("no NPS logs: %v", err)
		}
		inputs := append(slices.Clone(logs), keyFiles...)
		for _, format := range []string{"text", "json", "csv"} {
			check(t, "nps-log "+format, append([]string{"nps-log", "--format", format}, logs...)...)
			for _, f := range inputs {
				check(t, "nps-log "+format+" "+f, "nps-log", "--format", format, f)
			}
		}
	})

	t.Run("explain", func(t *testing.T) {
		for _, arg := range []string{"VPN604", "VPN611", "VPN512", "NPS001", "NPS002", "CERT001", "13801", "nps:66"} {
			check(t, "explain "+arg, "explain", arg)
		}
		check(t, "explain --all", "explain", "--all")
		check(t, "explain --all markdown", "explain", "--all", "--format", "markdown")
		for _, format := range []string{"text", "json", "markdown"} {
			check(t, "rules "+format, "rules", "--format", format)
		}
	})
}
