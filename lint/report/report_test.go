package report_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aovpnlint/aovpnlint/internal/sariftest"
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
	"github.com/aovpnlint/aovpnlint/lint/report"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// The fake deployment: a user profile whose line 3 holds Japanese text before
// the element a finding points at, so byte and UTF-16 columns differ; a
// device profile; a certificate with a space in its path.
const (
	userXML = `<VPNProfile>
  <NativeProfile>
    <!-- サーバー検証 --><DisableUserPromptForServerValidation>true</DisableUserPromptForServerValidation>
  </NativeProfile>
</VPNProfile>
`
	deviceXML = `<VPNProfile>
  <DeviceTunnel>true</DeviceTunnel>
</VPNProfile>
`
	certPEM = `-----BEGIN CERTIFICATE-----
MIIB
-----END CERTIFICATE-----
`
)

var (
	ruleSec = &lint.Rule{
		ID:       "VPN201",
		Name:     "eap-server-validation-disabled",
		Severity: lint.Error,
		Summary:  "EAP lets users accept any RADIUS server certificate",
		Help: "With `<DisableUserPromptForServerValidation>` set to false the client asks the user\n" +
			"whether to trust an unknown server, and users say **yes**. See [the CSP](https://learn.microsoft.com/x).\n\n" +
			"Bad:\n\n```xml\n<DisableUserPromptForServerValidation>false</DisableUserPromptForServerValidation>\n```\n",
		Fix:              "set <DisableUserPromptForServerValidation> to true and list the server names",
		Tags:             []string{"security", "eap"},
		WindowsErrors:    []string{"13801", "0x80070040"},
		SecuritySeverity: 8,
	}
	ruleNote = &lint.Rule{
		ID:            "XREF101",
		Name:          "device-tunnel-conditional-access",
		Severity:      lint.Note,
		Summary:       "Device tunnel | conditional access mix",
		Help:          "A device tunnel cannot satisfy *conditional access*: the user sees the loop.",
		Tags:          []string{"conditional-access", "device-tunnel", "conditional-access"},
		WindowsErrors: []string{"oops"},
		Precision:     "medium",
	}
)

func sample() *lint.Result {
	user := model.NewSource("profiles/user vpn.xml", []byte(userXML))
	device := model.NewSource("profiles/device.xml", []byte(deviceXML))
	cert := model.NewSource("certs/vpn server.pem", []byte(certPEM))
	el := strings.Index(userXML, "true</Disable")
	at := user.Span(el, el+len("true"))
	at.Key = "VPNProfile/NativeProfile/DisableUserPromptForServerValidation"
	certAt := cert.LineSpan(1, 3)
	dev := strings.Index(deviceXML, "<DeviceTunnel>")
	devAt := device.Span(dev, dev+len("<DeviceTunnel>"))
	return &lint.Result{
		Rules: []*lint.Rule{ruleSec, ruleNote},
		Inputs: []lint.Input{
			{Path: "certs/vpn server.pem", Kind: model.KindCert, Certificates: 1},
			{Path: "profiles/device.xml", Kind: model.KindProfileXML, Profiles: 1},
			{Path: "profiles/user vpn.xml", Kind: model.KindProfileXML, Profiles: 1},
		},
		Findings: []lint.Finding{
			{
				RuleID: "XREF101", RuleName: ruleNote.Name, Level: lint.Note,
				Message:  "profile has <DeviceTunnel> true and conditional access is on",
				Location: devAt, Related: []lint.Related{}, WindowsErrors: []string{"oops"},
				Tags: ruleNote.Tags, Fingerprint: "00112233445566778899aabbccddeeff",
			},
			{
				RuleID: "VPN201", RuleName: ruleSec.Name, Level: lint.Error,
				Message:  `DisableUserPromptForServerValidation is "true" but no server name is set`,
				Location: devAt, Related: []lint.Related{}, WindowsErrors: []string{"13801"},
				Tags: ruleSec.Tags, Suppressed: true, Fingerprint: "ffeeddccbbaa99887766554433221100",
			},
			{
				RuleID: "VPN201", RuleName: ruleSec.Name, Level: lint.Error,
				Message:  `user can accept any server: DisableUserPromptForServerValidation is "true"`,
				Fix:      ruleSec.Fix,
				Location: at,
				Related: []lint.Related{
					{Location: certAt, Message: "the server certificate the profile should pin"},
				},
				WindowsErrors: ruleSec.WindowsErrors, Tags: ruleSec.Tags,
				Fingerprint: "0123456789abcdef0123456789abcdef",
			},
		},
		Summary: lint.Summary{Files: 3, Profiles: 2, Certificates: 1, Errors: 1, Notes: 1},
	}
}

func render(t *testing.T, f func(io.Writer) error) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := f(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it)\n--- got ---\n%s\n--- want ---\n%s", name, got, want)
	}
}

var opts = report.Options{Version: "(devel)"}

func TestText(t *testing.T) {
	got := render(t, func(w io.Writer) error { return report.Text(w, sample(), opts) })
	want := `profiles/device.xml:2:3: note XREF101 profile has <DeviceTunnel> true and conditional access is on
    predicts the conditional-access "Oops, you can't get to this yet" loop
profiles/user vpn.xml:3:70: error VPN201 user can accept any server: DisableUserPromptForServerValidation is "true"
    predicts Windows errors 13801, 0x80070040
    fix: set <DisableUserPromptForServerValidation> to true and list the server names
    certs/vpn server.pem:1:1: the server certificate the profile should pin

1 error, 0 warnings, 1 note in 3 files (2 profiles, 1 certificate), 1 suppressed
`
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	golden(t, "report.txt", got)
}

func TestTextColor(t *testing.T) {
	got := render(t, func(w io.Writer) error { return report.Text(w, sample(), report.Options{Color: true}) })
	golden(t, "report_color.txt", got)
	for _, s := range []string{"\x1b[31merror\x1b[0m", "\x1b[36mnote\x1b[0m", "\x1b[1mVPN201\x1b[0m"} {
		if !bytes.Contains(got, []byte(s)) {
			t.Errorf("colour output lacks %q", s)
		}
	}
	plain := render(t, func(w io.Writer) error { return report.Text(w, sample(), report.Options{}) })
	if bytes.Contains(plain, []byte("\x1b")) {
		t.Errorf("output without Color has escape sequences")
	}
}

func TestTextQuiet(t *testing.T) {
	got := render(t, func(w io.Writer) error { return report.Text(w, sample(), report.Options{Quiet: true}) })
	want := `profiles/device.xml:2:3: note XREF101 profile has <DeviceTunnel> true and conditional access is on
profiles/user vpn.xml:3:70: error VPN201 user can accept any server: DisableUserPromptForServerValidation is "true"
`
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if got := render(t, func(w io.Writer) error { return report.Text(w, &lint.Result{}, report.Options{Quiet: true}) }); len(got) != 0 {
		t.Errorf("quiet output without findings: %q", got)
	}
}

func TestTextSummary(t *testing.T) {
	for _, c := range []struct {
		res  *lint.Result
		want string
	}{
		{&lint.Result{}, "no findings in 0 files (0 profiles)\n"},
		{&lint.Result{Summary: lint.Summary{Files: 1, Profiles: 1}}, "no findings in 1 file (1 profile)\n"},
		{&lint.Result{
			Findings: []lint.Finding{
				{RuleID: "VPN105", Level: lint.Warning, Message: "m", Location: lint.Location{Path: "a.xml"}},
				{RuleID: "VPN106", Level: lint.Warning, Message: "n", Location: lint.Location{Path: "a.xml", StartLine: 2, StartColumn: 3}},
			},
			Summary: lint.Summary{Files: 2, Profiles: 2, Warnings: 2},
		}, "a.xml:1:1: warning VPN105 m\na.xml:2:3: warning VPN106 n\n\n0 errors, 2 warnings, 0 notes in 2 files (2 profiles)\n"},
	} {
		got := render(t, func(w io.Writer) error { return report.Text(w, c.res, opts) })
		if string(got) != c.want {
			t.Errorf("got %q, want %q", got, c.want)
		}
	}
}

func TestJSON(t *testing.T) {
	got := render(t, func(w io.Writer) error { return report.JSON(w, sample(), report.Options{Version: "0.1.0"}) })
	golden(t, "report.json", got)
	var top map[string]json.RawMessage
	if err := json.Unmarshal(got, &top); err != nil {
		t.Fatal(err)
	}
	if keys := sortedKeys(top); !slices.Equal(keys, []string{"findings", "inputs", "summary", "tool"}) {
		t.Errorf("top-level keys %v", keys)
	}
	var d struct {
		Tool     map[string]string `json:"tool"`
		Inputs   []map[string]any  `json:"inputs"`
		Findings []map[string]any  `json:"findings"`
		Summary  map[string]int    `json:"summary"`
	}
	if err := json.Unmarshal(got, &d); err != nil {
		t.Fatal(err)
	}
	if d.Tool["name"] != "aovpnlint" || d.Tool["version"] != "0.1.0" {
		t.Errorf("tool = %v", d.Tool)
	}
	if len(d.Inputs) != 3 || d.Inputs[0]["kind"] != "certificate" {
		t.Errorf("inputs = %v", d.Inputs)
	}
	if len(d.Findings) != 3 {
		t.Fatalf("%d findings, want 3 (suppressed ones included)", len(d.Findings))
	}
	for _, f := range d.Findings {
		for _, k := range []string{"ruleId", "ruleName", "level", "message", "location", "related", "windowsErrors", "tags", "suppressed"} {
			if _, ok := f[k]; !ok {
				t.Errorf("finding %v lacks %q", f["ruleId"], k)
			}
		}
		loc := f["location"].(map[string]any)
		if keys := sortedKeys(loc); !slices.Equal(keys, []string{"endColumn", "endLine", "path", "startColumn", "startLine"}) {
			t.Errorf("location keys %v", keys)
		}
	}
	rel := d.Findings[2]["related"].([]any)[0].(map[string]any)
	if rel["path"] != "certs/vpn server.pem" || rel["message"] == "" || rel["startLine"] != 1.0 {
		t.Errorf("related = %v", rel)
	}
	if d.Summary["files"] != 3 || d.Summary["errors"] != 1 || d.Summary["notes"] != 1 {
		t.Errorf("summary = %v", d.Summary)
	}
	if !bytes.Contains(got, []byte(`"message": "profile has <DeviceTunnel> true`)) {
		t.Errorf("JSON escapes < and >: %s", got)
	}
}

func TestJSONEmpty(t *testing.T) {
	got := render(t, func(w io.Writer) error { return report.JSON(w, &lint.Result{}, opts) })
	want := `{
  "tool": {
    "name": "aovpnlint",
    "version": "(devel)"
  },
  "inputs": [],
  "findings": [],
  "summary": {
    "files": 0,
    "profiles": 0,
    "certificates": 0,
    "errors": 0,
    "warnings": 0,
    "notes": 0
  }
}
`
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// Nil lists inside a hand-built finding are [] too.
	got = render(t, func(w io.Writer) error {
		return report.JSON(w, &lint.Result{Findings: []lint.Finding{{RuleID: "VPN105", Level: lint.Warning, Message: "m"}}}, opts)
	})
	for _, k := range []string{`"related": []`, `"windowsErrors": []`, `"tags": []`, `"startLine": 1`} {
		if !bytes.Contains(got, []byte(k)) {
			t.Errorf("JSON lacks %s:\n%s", k, got)
		}
	}
}

// sarifDoc is what the SARIF tests read back.
type sarifDoc struct {
	Schema string `json:"$schema"`
	Runs   []struct {
		Tool struct {
			Driver struct {
				Name            string `json:"name"`
				SemanticVersion string `json:"semanticVersion"`
				InformationURI  string `json:"informationUri"`
				Rules           []struct {
					ID                   string `json:"id"`
					Name                 string `json:"name"`
					FullDescription      struct{ Text string }
					Help                 struct{ Text, Markdown string }
					HelpURI              string `json:"helpUri"`
					DefaultConfiguration struct{ Level string }
					Properties           map[string]any `json:"properties"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		OriginalURIBaseIDs map[string]any `json:"originalUriBaseIds"`
		ColumnKind         string         `json:"columnKind"`
		Results            []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex int    `json:"ruleIndex"`
			Level     string `json:"level"`
			Message   struct{ Text string }
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI       string `json:"uri"`
						URIBaseID string `json:"uriBaseId"`
					} `json:"artifactLocation"`
					Region struct{ StartLine, StartColumn, EndLine, EndColumn int } `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
			RelatedLocations []struct {
				ID               int `json:"id"`
				PhysicalLocation struct {
					ArtifactLocation struct{ URI string } `json:"artifactLocation"`
					Region           struct{ StartLine, EndLine int }
				} `json:"physicalLocation"`
				Message struct{ Text string }
			} `json:"relatedLocations"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
		} `json:"results"`
	} `json:"runs"`
}

func TestSARIF(t *testing.T) {
	res := sample()
	got := render(t, func(w io.Writer) error { return report.SARIF(w, res, opts) })
	golden(t, "report.sarif", got)
	t.Run("schema", func(t *testing.T) { sariftest.Validate(t, got) })

	var d sarifDoc
	if err := json.Unmarshal(got, &d); err != nil {
		t.Fatal(err)
	}
	run := d.Runs[0]
	if run.ColumnKind != "utf16CodeUnits" || run.Tool.Driver.SemanticVersion != "0.0.0-devel" {
		t.Errorf("columnKind %q, semanticVersion %q", run.ColumnKind, run.Tool.Driver.SemanticVersion)
	}
	rules := run.Tool.Driver.Rules
	if len(rules) != 2 || rules[0].ID != "VPN201" || rules[1].ID != "XREF101" {
		t.Fatalf("rules %+v", rules)
	}
	sec, note := rules[0].Properties, rules[1].Properties
	if sec["security-severity"] != "8.0" || sec["problem.severity"] != nil || sec["precision"] != "high" {
		t.Errorf("security rule properties %v", sec)
	}
	if note["security-severity"] != nil || note["problem.severity"] != "recommendation" || note["precision"] != "medium" {
		t.Errorf("note rule properties %v", note)
	}
	if tags := note["tags"].([]any); len(tags) != 2 {
		t.Errorf("tags %v not deduplicated", tags)
	}
	if want := "With <DisableUserPromptForServerValidation> set to false the client asks the user whether to trust an unknown server, and users say yes. See the CSP."; rules[0].FullDescription.Text != want {
		t.Errorf("fullDescription %q, want %q", rules[0].FullDescription.Text, want)
	}
	if rules[0].Help.Text != ruleSec.Help || rules[0].Help.Markdown != ruleSec.Help || rules[0].HelpURI != ruleSec.HelpURI() {
		t.Errorf("help of %s", rules[0].ID)
	}

	if len(run.Results) != 2 {
		t.Fatalf("%d results, want 2 (the suppressed finding left out)", len(run.Results))
	}
	r0, r1 := run.Results[0], run.Results[1]
	if r0.RuleID != "XREF101" || r0.RuleIndex != 1 || r0.Level != "note" || r1.RuleID != "VPN201" || r1.RuleIndex != 0 || r1.Level != "error" {
		t.Errorf("results %+v", run.Results)
	}
	loc := r1.Locations[0].PhysicalLocation
	f := res.Findings[2]
	if loc.ArtifactLocation.URI != "profiles/user%20vpn.xml" || loc.ArtifactLocation.URIBaseID != "%SRCROOT%" {
		t.Errorf("artifactLocation %+v", loc.ArtifactLocation)
	}
	if f.Location.StartColumn == f.Location.StartColumn16 {
		t.Fatalf("test data: byte and UTF-16 columns should differ")
	}
	if reg := loc.Region; reg.StartLine != 3 || reg.StartColumn != f.Location.StartColumn16 || reg.EndColumn != f.Location.EndColumn16 || reg.StartColumn != 58 {
		t.Errorf("region %+v, want UTF-16 columns %d-%d", reg, f.Location.StartColumn16, f.Location.EndColumn16)
	}
	// The alert stands on its own: finding first (GitHub's title), then what
	// it predicts and the fix.
	if want := f.Message + ". Predicts Windows errors 13801, 0x80070040. Fix: " + f.Fix + "."; r1.Message.Text != want {
		t.Errorf("message %q, want %q", r1.Message.Text, want)
	}
	if len(r1.RelatedLocations) != 1 || r1.RelatedLocations[0].ID != 1 ||
		r1.RelatedLocations[0].PhysicalLocation.ArtifactLocation.URI != "certs/vpn%20server.pem" ||
		r1.RelatedLocations[0].PhysicalLocation.Region.EndLine != 3 || r1.RelatedLocations[0].Message.Text == "" {
		t.Errorf("relatedLocations %+v", r1.RelatedLocations)
	}
	if r1.PartialFingerprints["aovpnlint/v1"] != f.Fingerprint || len(r1.PartialFingerprints) != 1 {
		t.Errorf("partialFingerprints %v", r1.PartialFingerprints)
	}
	if bytes.Contains(got, []byte("file:")) {
		t.Errorf("SARIF has an absolute URI")
	}
}

func TestSARIFEdges(t *testing.T) {
	res := &lint.Result{
		Rules: []*lint.Rule{{ID: "LOAD001", Name: "xml-not-well-formed", Severity: lint.Error}},
		Findings: []lint.Finding{
			// Zero positions (a hand-built or broken finding) are clamped to 1.
			{RuleID: "LOAD001", Level: lint.Error, Message: "bad", Location: lint.Location{Path: "./a b/c:d#1.xml"}},
			// A rule that is not in Rules gets no ruleIndex.
			{RuleID: "VPN999", Level: lint.Warning, Message: "m", Location: lint.Location{Path: "x.xml", StartLine: 4, StartColumn: 2, EndLine: 3, EndColumn: 1}},
		},
	}
	got := render(t, func(w io.Writer) error { return report.SARIF(w, res, report.Options{Version: "v1.2.3"}) })
	t.Run("schema", func(t *testing.T) { sariftest.Validate(t, got) })
	var compact bytes.Buffer
	if err := json.Compact(&compact, got); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{
		`"uri":"a%20b/c%3Ad%231.xml"`,
		`"semanticVersion":"1.2.3"`,
		`"region":{"startLine":1,"startColumn":1,"endLine":1,"endColumn":2}`,
		`"region":{"startLine":4,"startColumn":2,"endLine":4,"endColumn":3}`,
		`"problem.severity":"error"`,
	} {
		if !bytes.Contains(compact.Bytes(), []byte(s)) {
			t.Errorf("SARIF lacks %s:\n%s", s, got)
		}
	}
	if bytes.Count(got, []byte(`"ruleIndex"`)) != 1 {
		t.Errorf("want one ruleIndex (the unknown rule has none):\n%s", got)
	}

	empty := render(t, func(w io.Writer) error { return report.SARIF(w, &lint.Result{}, opts) })
	t.Run("empty", func(t *testing.T) { sariftest.Validate(t, empty) })
	if !bytes.Contains(empty, []byte(`"results": []`)) || !bytes.Contains(empty, []byte(`"rules": []`)) {
		t.Errorf("empty SARIF lacks results or rules:\n%s", empty)
	}
}

func TestDeterministic(t *testing.T) {
	writers := map[string]func(io.Writer, *lint.Result, report.Options) error{
		"text": report.Text, "json": report.JSON, "sarif": report.SARIF,
	}
	for _, name := range []string{"json", "sarif", "text"} {
		first := render(t, func(w io.Writer) error { return writers[name](w, sample(), opts) })
		for range 20 {
			// Rules in another order give the same bytes.
			res := sample()
			slices.Reverse(res.Rules)
			if again := render(t, func(w io.Writer) error { return writers[name](w, res, opts) }); !bytes.Equal(first, again) {
				t.Fatalf("%s output differs between runs", name)
			}
		}
		if !bytes.HasSuffix(first, []byte("\n")) || bytes.HasSuffix(first, []byte("\n\n")) {
			t.Errorf("%s output does not end in one newline", name)
		}
	}
}

func TestRulesText(t *testing.T) {
	got := render(t, func(w io.Writer) error { return report.RulesText(w, []*lint.Rule{ruleNote, ruleSec}) })
	want := "VPN201   error  eap-server-validation-disabled    EAP lets users accept any RADIUS server certificate\n" +
		"XREF101  note   device-tunnel-conditional-access  Device tunnel | conditional access mix\n"
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestRulesJSON(t *testing.T) {
	got := render(t, func(w io.Writer) error { return report.RulesJSON(w, []*lint.Rule{ruleNote, ruleSec}) })
	golden(t, "rules.json", got)
	var rules []map[string]any
	if err := json.Unmarshal(got, &rules); err != nil {
		t.Fatal(err)
	}
	if len(rules) != 2 || rules[0]["id"] != "VPN201" || rules[0]["securitySeverity"] != 8.0 || rules[0]["helpUri"] != ruleSec.HelpURI() {
		t.Errorf("rules %v", rules)
	}
	if _, ok := rules[1]["securitySeverity"]; ok {
		t.Errorf("non-security rule has securitySeverity")
	}
	for _, k := range []string{"id", "name", "level", "summary", "tags", "windowsErrors", "helpUri", "help"} {
		if _, ok := rules[1][k]; !ok {
			t.Errorf("rule lacks %q", k)
		}
	}
	if empty := render(t, func(w io.Writer) error { return report.RulesJSON(w, nil) }); string(empty) != "[]\n" {
		t.Errorf("no rules: %q", empty)
	}
}

func TestRulesMarkdown(t *testing.T) {
	got := render(t, func(w io.Writer) error { return report.RulesMarkdown(w, []*lint.Rule{ruleNote, ruleSec}) })
	golden(t, "rules.md", got)
	s := string(got)
	for _, want := range []string{
		"aovpnlint rules --format markdown",
		"### VPN: VPN profile",
		"### XREF: cross-checks",
		"| [VPN201](#vpn201) | eap-server-validation-disabled | error |",
		"Device tunnel \\| conditional access mix",
		"<a id=\"vpn201\"></a>\n\n## VPN201 — eap-server-validation-disabled\n",
		"<a id=\"xref101\"></a>\n\n## XREF101 — device-tunnel-conditional-access\n",
		"**Predicts:** Windows errors `13801`, `0x80070040`",
		"**Security severity:** 8.0",
		"**Predicts:** the conditional-access \"Oops, you can't get to this yet\" loop",
		"set &lt;DisableUserPromptForServerValidation&gt; to true",
		ruleSec.Help,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("Markdown lacks %q", want)
		}
	}
	for _, absent := range []string{"### LOAD", "### CERT", "### NPS"} {
		if strings.Contains(s, absent) {
			t.Errorf("Markdown has %q with no such rules", absent)
		}
	}
	// Every rule's help link lands on its anchor.
	for _, r := range []*lint.Rule{ruleSec, ruleNote} {
		anchor := r.HelpURI()[strings.LastIndex(r.HelpURI(), "#")+1:]
		if anchor != strings.ToLower(r.ID) || !strings.Contains(s, `<a id="`+anchor+`"></a>`) {
			t.Errorf("%s: no anchor %q", r.ID, anchor)
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
