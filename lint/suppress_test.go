package lint_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aovpnlint/aovpnlint/internal/testpki"
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

// flagRule reports a finding on every line of every file that holds
// "FLAG-<id>".
func flagRule(id, name string, sev lint.Severity) *lint.Rule {
	return &lint.Rule{ID: id, Name: name, Severity: sev, Check: func(p *lint.Pass) {
		for _, f := range p.Deployment.Files {
			for n := 1; n <= f.Src.Lines(); n++ {
				if strings.Contains(f.Src.Line(n), "FLAG-"+id) {
					p.Reportf(f.Src.LineSpan(n, n), "%s flagged", id)
				}
			}
		}
	}}
}

const suppressXML = `<?xml version="1.0" encoding="utf-8"?>
<!-- aovpnlint:ignore VPN105 the whole file -->
<VPNProfile>
  <NativeProfile>
    <!-- aovpnlint:ignore VPN101 line above -->
    <Servers>FLAG-VPN101 FLAG-VPN105</Servers>
    <NativeProtocolType>FLAG-VPN201</NativeProtocolType> <!-- aovpnlint:ignore server-validation same line, by rule name -->
    <X>FLAG-VPN101</X>
    <Y>FLAG-VPN105</Y>
  </NativeProfile>
  <!-- aovpnlint:ignore VPN202 nothing to suppress -->
  <!-- aovpnlint:ignore LOAD099 findings about suppressions stay -->
</VPNProfile>
`

const suppressPS1 = `# Deployment script
# aovpnlint:ignore VPN101 script, line above
$Server = 'FLAG-VPN101'
$Other = 'FLAG-VPN201' # aovpnlint:ignore VPN2 script, same line, by prefix
$ProfileXML = @'
<VPNProfile>
  <NativeProfile><Servers>FLAG-VPN105</Servers></NativeProfile>
</VPNProfile>
'@
`

// suppressRun lints the suppression test files and captures what the
// suppression rule sees.
func suppressRun(t *testing.T, opts lint.Options) (*lint.Result, []*lint.Suppression) {
	t.Helper()
	var seen []*lint.Suppression
	meta := &lint.Rule{ID: "LOAD099", Name: "meta", Severity: lint.Warning, CheckSuppression: func(p *lint.Pass, s *lint.Suppression) {
		seen = append(seen, s)
		p.Reportf(s.Loc, "suppression of %s", strings.Join(s.Names, ","))
	}}
	cert := &lint.Rule{ID: "CERT150", Name: "cert", Severity: lint.Error, CheckCert: func(p *lint.Pass, c *model.Cert) {
		p.Reportf(c.Loc, "certificate %s", c.SHA1)
	}}
	xref := &lint.Rule{ID: "XREF999", Name: "xref", Severity: lint.Error, Check: func(p *lint.Pass) {
		for _, c := range p.Deployment.Certs {
			for _, prof := range p.Deployment.Profiles {
				p.Report(lint.Diagnostic{At: prof.Root.Loc(), Message: "profile and " + c.SHA1, Related: []lint.Related{{Location: c.Loc, Message: "the certificate"}}})
			}
		}
	}}
	rules := []*lint.Rule{
		flagRule("VPN101", "servers", lint.Error), flagRule("VPN105", "protocol", lint.Warning),
		flagRule("VPN201", "server-validation", lint.Error), flagRule("VPN202", "prompt", lint.Warning),
		cert, xref, meta,
	}
	res, err := lint.Run(rules, opts)
	if err != nil {
		t.Fatal(err)
	}
	return res, seen
}

// state is a finding as "RULE@path:line" with "+" for suppressed and the
// kind and justification.
func state(f lint.Finding) string {
	s := fmt.Sprintf("%s@%s:%d", f.RuleID, f.Location.Path, f.Location.StartLine)
	if f.Suppressed {
		s += fmt.Sprintf(" +%s %q", f.Suppression.Kind, f.Suppression.Justification)
	}
	return s
}

func TestSuppressions(t *testing.T) {
	testpki.Seed(t, 6)
	root := testpki.Root(t, "Contoso Lab Root")
	other := testpki.Root(t, "Contoso Other Root")
	dir := t.TempDir()
	write := func(name string, b []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("p.xml", []byte(suppressXML))
	write("s.ps1", []byte(suppressPS1))
	write("root.pem", append(root.PEM("the lab root"), other.PEM()...))
	t.Chdir(dir)
	// The config file's entries: the fingerprint as certutil or a browser
	// shows it, upper case with colons, and in Cert.SHA256's spelling.
	fp := certSHA256(t, root)
	conf := model.NewSource(".aovpnlint.yaml", []byte("suppress:\n  - x\n  - y\n"))
	res, seen := suppressRun(t, lint.Options{Suppress: []lint.CertSuppression{
		{SHA256: fp, Rule: "CERT150", Reason: "lab root, never deployed", Loc: conf.LineSpan(2, 2)},
		{SHA256: strings.NewReplacer(":", "").Replace(strings.ToLower(fp)), Rule: "XREF", Loc: conf.LineSpan(3, 3)},
	}})
	var got []string
	for _, f := range res.Findings {
		got = append(got, state(f))
	}
	want := []string{
		`CERT150@root.pem:2 +external "lab root, never deployed"`,
		`CERT150@root.pem:12`,
		`VPN105@p.xml:6 +inSource "the whole file"`,
		`VPN101@p.xml:6 +inSource "line above"`,
		`VPN201@p.xml:7 +inSource "same line, by rule name"`,
		`VPN101@p.xml:8`,
		`VPN105@p.xml:9 +inSource "the whole file"`,
		`XREF999@p.xml:3 +external ""`,
		`XREF999@p.xml:3`,
		`VPN101@s.ps1:3 +inSource "script, line above"`,
		`VPN201@s.ps1:4 +inSource "script, same line, by prefix"`,
		`VPN105@s.ps1:7`,
		`XREF999@s.ps1:6 +external ""`,
		`XREF999@s.ps1:6`,
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("missing %s", w)
		}
	}
	// Every suppression comment and config entry reached the rule about
	// suppressions, whose own findings are never suppressed.
	meta := 0
	for _, f := range res.Findings {
		if f.RuleID == "LOAD099" {
			meta++
			if f.Suppressed {
				t.Errorf("finding about a suppression was suppressed: %s", state(f))
			}
		}
	}
	if meta != len(seen) || len(seen) != 9 {
		t.Errorf("%d suppressions seen, %d findings about them; want 9", len(seen), meta)
	}
	if t.Failed() {
		t.Logf("got:\n%s", strings.Join(got, "\n"))
	}
	used := map[string]string{}
	for _, s := range seen {
		key := fmt.Sprintf("%s:%d %s", s.Loc.Path, s.Loc.StartLine, strings.Join(s.Names, ","))
		used[key] = fmt.Sprint(s.Ran, s.Used, s.Matched)
	}
	for key, w := range map[string]string{
		"p.xml:2 VPN105":            "[[VPN105]] [2] 2",
		"p.xml:5 VPN101":            "[[VPN101]] [1] 1",
		"p.xml:7 server-validation": "[[VPN201]] [1] 1",
		"p.xml:11 VPN202":           "[[VPN202]] [0] 0",
		"p.xml:12 LOAD099":          "[[]] [0] 0",
		"s.ps1:4 VPN2":              "[[VPN201 VPN202]] [1] 1",
		".aovpnlint.yaml:2 CERT150": "[[CERT150]] [1] 1",
		".aovpnlint.yaml:3 XREF":    "[[XREF999]] [2] 2",
		"s.ps1:2 VPN101":            "[[VPN101]] [1] 1",
	} {
		if used[key] != w {
			t.Errorf("%s: ran, used, matched = %s, want %s", key, used[key], w)
		}
	}

	// Suppressed findings are not counted: the errors are CERT150 of the
	// other root, VPN101 at p.xml:8 and the two XREF999 of the other root;
	// the warnings VPN105 in the script and the 9 LOAD099.
	if res.Summary.Errors != 4 || res.Summary.Warnings != 10 {
		t.Errorf("summary %+v, want 4 errors and 10 warnings", res.Summary)
	}

	// Suppressed findings do not fail the run. A suppression naming a rule
	// that did not run only lists the rules that did.
	res, seen = suppressRun(t, lint.Options{Paths: []string{"s.ps1"}, Disable: []string{"VPN105", "VPN202", "XREF999", "LOAD099"}})
	if len(res.Findings) != 2 || !res.Findings[0].Suppressed || !res.Findings[1].Suppressed {
		t.Fatalf("findings %v, want the two suppressed ones", res.Findings)
	}
	if res.Fails(lint.Note) || res.Summary.Errors+res.Summary.Warnings+res.Summary.Notes != 0 {
		t.Errorf("only suppressed findings: Fails(note) = %v, summary %+v", res.Fails(lint.Note), res.Summary)
	}
	if len(seen) != 0 {
		t.Errorf("the rule about suppressions was disabled but saw %d", len(seen))
	}
}

func TestSuppressionRan(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "s.ps1"), []byte(suppressPS1), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	_, seen := suppressRun(t, lint.Options{Disable: []string{"VPN202"}})
	for _, s := range seen {
		if s.Names[0] == "VPN2" && fmt.Sprint(s.Ran, s.Used) != "[[VPN201]] [1]" {
			t.Errorf("VPN2 with VPN202 disabled: ran %v, used %v", s.Ran, s.Used)
		}
	}
	if len(seen) != 2 {
		t.Errorf("%d suppressions, want 2", len(seen))
	}
}

func certSHA256(t *testing.T, c *testpki.Cert) string {
	t.Helper()
	mc := model.NewCert(c.Certificate, nil, model.Location{})
	var b strings.Builder
	for i := 0; i < len(mc.SHA256); i += 2 {
		if i > 0 {
			b.WriteByte(':')
		}
		b.WriteString(strings.ToUpper(mc.SHA256[i : i+2]))
	}
	return b.String()
}
