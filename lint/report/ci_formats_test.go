package report_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/aovpnlint/aovpnlint/internal/sariftest"
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
	"github.com/aovpnlint/aovpnlint/lint/report"
)

// ciSample is sample() with rules that declare what they check, so the JUnit
// writer has rules that apply to some files and not others: VPN201 checks EAP
// (the two profiles), XREF101 the whole deployment (every file), CERT110
// certificates (the certificate file) and VPN105 profiles. Copies, so the
// shared rule values stay as they are.
func ciSample() *lint.Result {
	res := sample()
	sec, note := *ruleSec, *ruleNote
	sec.CheckEap = func(*lint.Pass, *model.EapConfig) {}
	note.Check = func(*lint.Pass) {}
	cert := &lint.Rule{ID: "CERT110", Name: "certificate-expired", Severity: lint.Error, CheckCert: func(*lint.Pass, *model.Cert) {}}
	prof := &lint.Rule{ID: "VPN105", Name: "native-protocol-automatic", Severity: lint.Warning, CheckProfile: func(*lint.Pass, *model.Profile) {}}
	res.Rules = []*lint.Rule{&sec, &note, cert, prof}
	return res
}

// ciWriters are the CI formats this file tests.
var ciWriters = map[string]func(io.Writer, *lint.Result, report.Options) error{
	"github": report.GitHub, "junit": report.JUnit, "gitlab": report.GitLab,
}

func TestGitHub(t *testing.T) {
	res := ciSample()
	got := render(t, func(w io.Writer) error { return report.GitHub(w, res, opts) })
	golden(t, "report.github.txt", got)

	lines := strings.Split(strings.TrimSuffix(string(got), "\n"), "\n")
	f := res.Findings[2]
	want := []string{
		"::notice file=profiles/device.xml,line=2,col=3,endLine=2,endColumn=17,title=XREF101 device-tunnel-conditional-access::" +
			`profile has <DeviceTunnel> true and conditional access is on. Predicts the conditional-access "Oops, you can't get to this yet" loop.`,
		// UTF-16 columns, as in SARIF (byte column 70 is UTF-16 column 58).
		"::error file=profiles/user vpn.xml,line=3,col=58,endLine=3,endColumn=62,title=VPN201 eap-server-validation-disabled::" +
			f.Message + ". Predicts Windows errors 13801, 0x80070040. Fix: " + f.Fix + ".",
		// The suppressed finding is left out and counted.
		"aovpnlint: 1 error, 0 warnings, 1 note in 3 files (2 profiles, 1 certificate), 1 suppressed",
	}
	if !slices.Equal(lines, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}

func TestGitHubEscaping(t *testing.T) {
	res := &lint.Result{Findings: []lint.Finding{
		{
			RuleID: "VPN999", RuleName: "odd,name:x", Level: lint.Warning,
			Message:  "100% broken\r\nsecond line: a, b",
			Location: lint.Location{Path: "dir,1/a:b%.xml", StartLine: 4, StartColumn: 2, EndLine: 6, EndColumn: 3},
		},
		{RuleID: "VPN998", Level: lint.Note, Message: "m", Location: lint.Location{Path: "x.xml"}},
	}}
	got := string(render(t, func(w io.Writer) error { return report.GitHub(w, res, opts) }))
	lines := strings.Split(got, "\n")
	// A finding over several lines has no col or endColumn (GitHub accepts
	// columns only on a one-line annotation); % CR LF are escaped in the
	// message, and : , too in properties.
	want0 := "::warning file=dir%2C1/a%3Ab%25.xml,line=4,endLine=6,title=VPN999 odd%2Cname%3Ax::100%25 broken%0D%0Asecond line: a, b"
	if lines[0] != want0 {
		t.Errorf("got  %s\nwant %s", lines[0], want0)
	}
	// Zero positions are clamped, never line or column 0.
	if want1 := "::notice file=x.xml,line=1,col=1,endLine=1,endColumn=2,title=VPN998::m"; lines[1] != want1 {
		t.Errorf("got  %s\nwant %s", lines[1], want1)
	}
	if n := strings.Count(got, "\n"); n != 3 {
		t.Errorf("%d lines, want 2 commands and a summary:\n%s", n, got)
	}
	// Every command parses back: properties split at "," and ":" only where
	// the writer put them, and unescaping gives the original values.
	cmd := regexp.MustCompile(`^::(error|warning|notice) ([^:]*)::(.*)$`)
	m := cmd.FindStringSubmatch(lines[0])
	if m == nil {
		t.Fatalf("not a workflow command: %s", lines[0])
	}
	props := map[string]string{}
	for _, kv := range strings.Split(m[2], ",") {
		k, v, _ := strings.Cut(kv, "=")
		props[k] = unescapeCommand(v)
	}
	if props["file"] != "dir,1/a:b%.xml" || props["title"] != "VPN999 odd,name:x" || props["line"] != "4" || props["endLine"] != "6" {
		t.Errorf("properties read back as %v", props)
	}
	if msg := unescapeCommand(m[3]); msg != "100% broken\r\nsecond line: a, b" {
		t.Errorf("message reads back as %q", msg)
	}
}

func unescapeCommand(s string) string {
	return strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%").Replace(s)
}

// junitDoc is what the JUnit tests read back.
type junitDoc struct {
	XMLName  xml.Name `xml:"testsuites"`
	Name     string   `xml:"name,attr"`
	Tests    string   `xml:"tests,attr"`
	Failures string   `xml:"failures,attr"`
	Errors   string   `xml:"errors,attr"`
	Suites   []struct {
		Name     string `xml:"name,attr"`
		Tests    string `xml:"tests,attr"`
		Failures string `xml:"failures,attr"`
		Errors   string `xml:"errors,attr"`
		Skipped  string `xml:"skipped,attr"`
		Time     string `xml:"time,attr"`
		Cases    []struct {
			ClassName string `xml:"classname,attr"`
			Name      string `xml:"name,attr"`
			File      string `xml:"file,attr"`
			Time      string `xml:"time,attr"`
			Failures  []struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
			Errors    []struct{} `xml:"error"`
			Skipped   []struct{} `xml:"skipped"`
			SystemOut string     `xml:"system-out"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

// checkJUnit parses JUnit XML strictly and checks the structure Azure
// Pipelines and GitLab read: a <testsuites> root whose counts add up, named
// suites of test cases with classname, name and time, at most one <failure>
// per case with a message and a level as its type, and nothing else at the
// top level.
func checkJUnit(t *testing.T, b []byte) junitDoc {
	t.Helper()
	if !bytes.HasPrefix(b, []byte(`<?xml version="1.0" encoding="UTF-8"?>`+"\n")) {
		t.Errorf("no XML declaration with UTF-8 encoding")
	}
	// Well-formed: a strict decoder reads every token to the end.
	dec := xml.NewDecoder(bytes.NewReader(b))
	dec.Strict = true
	depth, roots := 0, 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, b)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
				if el.Name.Local != "testsuites" {
					t.Errorf("root element <%s>, want <testsuites>", el.Name.Local)
				}
			}
			allowed := map[int][]string{1: {"testsuite"}, 2: {"testcase"}, 3: {"failure", "system-out"}}
			if want, ok := allowed[depth]; ok && !slices.Contains(want, el.Name.Local) {
				t.Errorf("<%s> at depth %d, want one of %v", el.Name.Local, depth, want)
			}
			if depth > 3 {
				t.Errorf("<%s> nested too deep", el.Name.Local)
			}
			depth++
		case xml.EndElement:
			depth--
		}
	}
	if roots != 1 {
		t.Errorf("%d root elements", roots)
	}
	var d junitDoc
	if err := xml.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	atoi := func(s, what string) int {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			t.Errorf("%s = %q, want a count", what, s)
		}
		return n
	}
	tests, failures := 0, 0
	for _, s := range d.Suites {
		if s.Name == "" || s.Time == "" {
			t.Errorf("suite without name or time: %+v", s.Name)
		}
		if atoi(s.Tests, s.Name+" tests") != len(s.Cases) {
			t.Errorf("suite %s: tests=%s, has %d test cases", s.Name, s.Tests, len(s.Cases))
		}
		failed := 0
		names := map[string]bool{}
		for _, c := range s.Cases {
			if c.ClassName != s.Name || c.Name == "" || c.Time == "" {
				t.Errorf("suite %s: test case classname %q name %q time %q", s.Name, c.ClassName, c.Name, c.Time)
			}
			if names[c.Name] {
				t.Errorf("suite %s: two test cases named %q", s.Name, c.Name)
			}
			names[c.Name] = true
			if len(c.Failures) > 1 || len(c.Errors) > 0 || len(c.Skipped) > 0 {
				t.Errorf("%s %s: %d failures, %d errors, %d skipped; want at most one failure", s.Name, c.Name, len(c.Failures), len(c.Errors), len(c.Skipped))
			}
			for _, f := range c.Failures {
				failed++
				if f.Message == "" || !slices.Contains([]string{"error", "warning", "note"}, f.Type) || strings.TrimSpace(f.Text) == "" {
					t.Errorf("%s %s: failure message %q type %q text %q", s.Name, c.Name, f.Message, f.Type, f.Text)
				}
			}
		}
		if atoi(s.Failures, s.Name+" failures") != failed || atoi(s.Errors, s.Name+" errors") != 0 || atoi(s.Skipped, s.Name+" skipped") != 0 {
			t.Errorf("suite %s: failures=%s errors=%s skipped=%s, counted %d failures", s.Name, s.Failures, s.Errors, s.Skipped, failed)
		}
		tests += len(s.Cases)
		failures += failed
	}
	if d.Name != "aovpnlint" || atoi(d.Tests, "tests") != tests || atoi(d.Failures, "failures") != failures || atoi(d.Errors, "errors") != 0 {
		t.Errorf("testsuites name=%q tests=%s failures=%s errors=%s; counted %d tests, %d failures", d.Name, d.Tests, d.Failures, d.Errors, tests, failures)
	}
	return d
}

func TestJUnit(t *testing.T) {
	got := render(t, func(w io.Writer) error { return report.JUnit(w, ciSample(), opts) })
	golden(t, "report.junit.xml", got)
	d := checkJUnit(t, got)

	// Which rule has a test case in which file: CERT110 only where there are
	// certificates, VPN105 and VPN201 only in profiles, XREF101 everywhere.
	cases := map[string][]string{}
	for _, s := range d.Suites {
		for _, c := range s.Cases {
			cases[s.Name] = append(cases[s.Name], c.Name)
		}
	}
	want := map[string][]string{
		"certs/vpn server.pem":  {"CERT110 certificate-expired", "XREF101 device-tunnel-conditional-access"},
		"profiles/device.xml":   {"VPN105 native-protocol-automatic", "VPN201 eap-server-validation-disabled", "XREF101 device-tunnel-conditional-access"},
		"profiles/user vpn.xml": {"VPN105 native-protocol-automatic", "VPN201 eap-server-validation-disabled", "XREF101 device-tunnel-conditional-access"},
	}
	if len(cases) != len(want) {
		t.Errorf("suites %v, want %v", cases, want)
	}
	for file, names := range want {
		if !slices.Equal(cases[file], names) {
			t.Errorf("%s: test cases %q, want %q", file, cases[file], names)
		}
	}
	if d.Tests != "8" || d.Failures != "2" {
		t.Errorf("tests=%s failures=%s, want 8 and 2", d.Tests, d.Failures)
	}
	for _, s := range d.Suites {
		for _, c := range s.Cases {
			switch {
			case s.Name == "profiles/user vpn.xml" && strings.HasPrefix(c.Name, "VPN201"):
				f := c.Failures[0]
				if f.Type != "error" || f.Message != `user can accept any server: DisableUserPromptForServerValidation is "true"` {
					t.Errorf("VPN201 failure %+v", f)
				}
				for _, line := range []string{
					"profiles/user vpn.xml:3:70: error VPN201 user can accept any server",
					"    predicts Windows errors 13801, 0x80070040",
					"    fix: set <DisableUserPromptForServerValidation> to true",
					"    certs/vpn server.pem:1:1: the server certificate the profile should pin",
				} {
					if !strings.Contains(f.Text, line) {
						t.Errorf("VPN201 failure text lacks %q:\n%s", line, f.Text)
					}
				}
			case s.Name == "profiles/device.xml" && strings.HasPrefix(c.Name, "VPN201"):
				// Only a suppressed finding: the case passes and says so.
				if len(c.Failures) != 0 || !strings.HasPrefix(c.SystemOut, "suppressed: profiles/device.xml:2:3: error VPN201") {
					t.Errorf("suppressed VPN201: failures %v, system-out %q", c.Failures, c.SystemOut)
				}
			case s.Name == "profiles/device.xml" && strings.HasPrefix(c.Name, "XREF101"):
				if len(c.Failures) != 1 || c.Failures[0].Type != "note" {
					t.Errorf("XREF101: %+v", c.Failures)
				}
			default:
				if len(c.Failures) != 0 || c.SystemOut != "" {
					t.Errorf("%s %s should pass quietly", s.Name, c.Name)
				}
			}
		}
	}
}

func TestJUnitEdges(t *testing.T) {
	// Several findings of one rule in one file: one failure with the highest
	// level, the first message and a count, every finding in the text.
	// Characters XML cannot hold are replaced, and the document stays
	// well-formed; a file outside Inputs and a rule outside Rules still get
	// their test case; a finding without a path gets a suite of its own.
	res := &lint.Result{
		Rules: []*lint.Rule{{ID: "VPN105", Name: "native-protocol-automatic", Severity: lint.Warning, CheckProfile: func(*lint.Pass, *model.Profile) {}}},
		Findings: []lint.Finding{
			{RuleID: "VPN105", RuleName: "native-protocol-automatic", Level: lint.Note, Message: "first <&> \"quoted\" \x01 ]]>", Location: lint.Location{Path: "a.xml", StartLine: 1}},
			{RuleID: "VPN105", RuleName: "native-protocol-automatic", Level: lint.Warning, Message: "second\nline", Location: lint.Location{Path: "a.xml", StartLine: 9}},
			{RuleID: "VPN999", RuleName: "unknown", Level: lint.Error, Message: "m", Location: lint.Location{Path: "a.xml", StartLine: 2}},
			{RuleID: "VPN999", RuleName: "unknown", Level: lint.Error, Message: "crash"},
		},
	}
	got := render(t, func(w io.Writer) error { return report.JUnit(w, res, opts) })
	d := checkJUnit(t, got)
	if len(d.Suites) != 2 || d.Suites[0].Name != "(deployment)" || d.Suites[1].Name != "a.xml" {
		t.Fatalf("suites %+v", d.Suites)
	}
	a := d.Suites[1]
	if len(a.Cases) != 2 || a.Cases[0].Name != "VPN105 native-protocol-automatic" || a.Cases[1].Name != "VPN999 unknown" {
		t.Fatalf("cases %+v", a.Cases)
	}
	f := a.Cases[0].Failures[0]
	if f.Type != "warning" || f.Message != "first <&> \"quoted\" \uFFFD ]]> (and 1 more)" ||
		!strings.Contains(f.Text, "a.xml:1:1: note VPN105 first") || !strings.Contains(f.Text, "a.xml:9:1: warning VPN105 second line") {
		t.Errorf("failure %+v", f)
	}
	if d.Suites[0].Cases[0].File != "" {
		t.Errorf("the suite without a file has file=%q", d.Suites[0].Cases[0].File)
	}

	empty := render(t, func(w io.Writer) error { return report.JUnit(w, &lint.Result{}, opts) })
	checkJUnit(t, empty)
	if !bytes.Contains(empty, []byte(`<testsuites name="aovpnlint" tests="0" failures="0" errors="0" skipped="0" time="0"></testsuites>`)) {
		t.Errorf("empty JUnit:\n%s", empty)
	}
}

// checkGitLab checks a Code Quality report against GitLab's documented
// fields: a JSON array of objects with a description, check_name, a
// fingerprint unique in the report, a severity of info, minor, major, critical
// or blocker, and a location with a relative path and lines.begin >= 1.
func checkGitLab(t *testing.T, b []byte) []map[string]any {
	t.Helper()
	var issues []map[string]any
	if err := json.Unmarshal(b, &issues); err != nil {
		t.Fatalf("not a JSON array: %v\n%s", err, b)
	}
	fps := map[string]bool{}
	for i, is := range issues {
		for _, k := range []string{"description", "check_name", "fingerprint", "severity"} {
			if s, ok := is[k].(string); !ok || s == "" {
				t.Errorf("issue %d: %s = %v, want a non-empty string", i, k, is[k])
			}
		}
		if sev, _ := is["severity"].(string); !slices.Contains([]string{"info", "minor", "major", "critical", "blocker"}, sev) {
			t.Errorf("issue %d: severity %v", i, is["severity"])
		}
		fp, _ := is["fingerprint"].(string)
		if fps[fp] {
			t.Errorf("issue %d: fingerprint %s repeats", i, fp)
		}
		fps[fp] = true
		loc, _ := is["location"].(map[string]any)
		path, _ := loc["path"].(string)
		if path == "" || strings.HasPrefix(path, "/") || strings.Contains(path, `\`) {
			t.Errorf("issue %d: location.path %q, want a relative path", i, path)
		}
		lines, _ := loc["lines"].(map[string]any)
		begin, ok := lines["begin"].(float64)
		if !ok || begin < 1 || begin != float64(int(begin)) {
			t.Errorf("issue %d: location.lines.begin %v, want a line number", i, lines["begin"])
		}
		if end, ok := lines["end"].(float64); ok && end < begin {
			t.Errorf("issue %d: lines.end %v before begin %v", i, end, begin)
		}
	}
	return issues
}

func TestGitLab(t *testing.T) {
	res := ciSample()
	got := render(t, func(w io.Writer) error { return report.GitLab(w, res, opts) })
	golden(t, "report.gitlab.json", got)
	issues := checkGitLab(t, got)
	if len(issues) != 2 {
		t.Fatalf("%d issues, want 2 (the suppressed finding left out)", len(issues))
	}
	f := res.Findings[2]
	is := issues[1]
	if is["check_name"] != "VPN201" || is["severity"] != "critical" || is["fingerprint"] != f.Fingerprint ||
		is["description"] != "VPN201 eap-server-validation-disabled: "+f.Message+". Predicts Windows errors 13801, 0x80070040. Fix: "+f.Fix+"." {
		t.Errorf("issue %v", is)
	}
	loc := is["location"].(map[string]any)
	if loc["path"] != "profiles/user vpn.xml" || loc["lines"].(map[string]any)["begin"] != 3.0 {
		t.Errorf("location %v", loc)
	}
	if issues[0]["severity"] != "minor" || issues[0]["check_name"] != "XREF101" {
		t.Errorf("note issue %v", issues[0])
	}
	if cat := is["categories"].([]any); len(cat) != 1 || cat[0] != "Security" {
		t.Errorf("categories %v", cat)
	}
}

func TestGitLabFingerprints(t *testing.T) {
	// Two findings with the same stable fingerprint (same rule, file, place
	// and message at two lines), and one without: every fingerprint in the
	// report is unique, the first keeps the stable one, and the output is
	// the same on every run.
	res := &lint.Result{Findings: []lint.Finding{
		{RuleID: "VPN105", Level: lint.Warning, Message: "m", Location: lint.Location{Path: "a.xml", StartLine: 3}, Fingerprint: "aaaa"},
		{RuleID: "VPN105", Level: lint.Warning, Message: "m", Location: lint.Location{Path: "a.xml", StartLine: 7}, Fingerprint: "aaaa"},
		{RuleID: "VPN105", Level: lint.Warning, Message: "m", Location: lint.Location{Path: "a.xml", StartLine: 9}, Fingerprint: "aaaa"},
		{RuleID: "VPN106", Level: lint.Error, Message: "n", Location: lint.Location{Path: "b.xml"}},
		{RuleID: "VPN107", Level: lint.Error, Message: "s", Location: lint.Location{Path: "b.xml"}, Suppressed: true, Fingerprint: "bbbb"},
	}}
	got := render(t, func(w io.Writer) error { return report.GitLab(w, res, opts) })
	issues := checkGitLab(t, got)
	if len(issues) != 4 || issues[0]["fingerprint"] != "aaaa" || issues[1]["fingerprint"] == "aaaa" {
		t.Errorf("issues %v", issues)
	}
	if fp := issues[3]["fingerprint"].(string); len(fp) != 32 {
		t.Errorf("computed fingerprint %q", fp)
	}
	if again := render(t, func(w io.Writer) error { return report.GitLab(w, res, opts) }); !bytes.Equal(got, again) {
		t.Errorf("two runs differ")
	}
	if empty := render(t, func(w io.Writer) error { return report.GitLab(w, &lint.Result{}, opts) }); string(empty) != "[]\n" {
		t.Errorf("empty report %q", empty)
	}
}

func TestCIFormatsDeterministic(t *testing.T) {
	for _, name := range []string{"github", "gitlab", "junit"} {
		first := render(t, func(w io.Writer) error { return ciWriters[name](w, ciSample(), opts) })
		for range 10 {
			res := ciSample()
			slices.Reverse(res.Rules)
			slices.Reverse(res.Inputs)
			if again := render(t, func(w io.Writer) error { return ciWriters[name](w, res, opts) }); !bytes.Equal(first, again) {
				t.Fatalf("%s output differs between runs", name)
			}
		}
		if !bytes.HasSuffix(first, []byte("\n")) || bytes.HasSuffix(first, []byte("\n\n")) {
			t.Errorf("%s output does not end in one newline", name)
		}
	}
}

func TestSARIFCategory(t *testing.T) {
	for _, c := range []struct{ in, want, err string }{
		{"aovpnlint", "aovpnlint/", ""},
		{"aovpnlint/prod", "aovpnlint/prod/", ""},
		{"aovpnlint/prod/", "aovpnlint/prod/", ""},
		{"/language:xml", "/language:xml/", ""},
		{"", "", "empty"},
		{"  ", "", "empty"},
		{" aovpnlint", "", "whitespace"},
		{"aovpnlint\n", "", "whitespace"},
		{"a\x00b", "", "control"},
	} {
		got, err := report.SARIFCategory(c.in)
		if got != c.want || (err == nil) != (c.err == "") || (err != nil && !strings.Contains(err.Error(), c.err)) {
			t.Errorf("SARIFCategory(%q) = %q, %v; want %q, error containing %q", c.in, got, err, c.want, c.err)
		}
	}

	id, err := report.SARIFCategory("aovpnlint/profiles")
	if err != nil {
		t.Fatal(err)
	}
	got := render(t, func(w io.Writer) error {
		return report.SARIF(w, sample(), report.Options{Version: "(devel)", SARIFCategory: id})
	})
	t.Run("schema", func(t *testing.T) { sariftest.Validate(t, got) })
	var d struct {
		Runs []struct {
			AutomationDetails struct {
				ID string `json:"id"`
			} `json:"automationDetails"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(got, &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Runs) != 1 || d.Runs[0].AutomationDetails.ID != "aovpnlint/profiles/" {
		t.Errorf("automationDetails %+v", d.Runs)
	}
	// Without a category there is no automationDetails: upload-sarif then
	// derives one from the workflow and job.
	if plain := render(t, func(w io.Writer) error { return report.SARIF(w, sample(), opts) }); bytes.Contains(plain, []byte("automationDetails")) {
		t.Errorf("SARIF without a category has automationDetails")
	}
}
