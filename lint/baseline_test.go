package lint_test

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

// baselineRules report at XML elements (a logical place, as real rules
// do) and on FLAG lines.
func baselineRules() []*lint.Rule {
	proto := &lint.Rule{ID: "VPN105", Name: "protocol", Severity: lint.Warning, CheckProfile: func(p *lint.Pass, prof *model.Profile) {
		if prof.Native == nil {
			return
		}
		if n := prof.Native.NativeProtocolType; n != nil && n.Value() == "Automatic" {
			p.Reportf(n.ValueLoc(), "NativeProtocolType is %q", n.Value())
		}
	}}
	routing := &lint.Rule{ID: "VPN701", Name: "routing", Severity: lint.Note, CheckProfile: func(p *lint.Pass, prof *model.Profile) {
		if prof.Native == nil {
			return
		}
		if n := prof.Native.RoutingPolicyType; n != nil {
			p.Reportf(n.Loc(), "RoutingPolicyType is %q", n.Value())
		}
	}}
	return []*lint.Rule{proto, routing, flagRule("VPN101", "servers", lint.Error)}
}

const baselineXML = `<VPNProfile>
  <NativeProfile>
    <Servers>vpn.contoso.com</Servers>
    <RoutingPolicyType>SplitTunnel</RoutingPolicyType>
    <NativeProtocolType>Automatic</NativeProtocolType>
    <!-- aovpnlint:ignore VPN101 accepted in the file, so not in the baseline -->
    <X>FLAG-VPN101</X>
  </NativeProfile>
</VPNProfile>
`

func lintFile(t *testing.T, text string, b *lint.Baseline) *lint.Result {
	t.Helper()
	if err := os.WriteFile("p.xml", []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := lint.Run(baselineRules(), lint.Options{Baseline: b})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestBaselineRoundTrip(t *testing.T) {
	t.Chdir(t.TempDir())
	res := lintFile(t, baselineXML, nil)
	if len(res.Findings) != 3 || !res.Fails(lint.Warning) || res.BaselineApplied {
		t.Fatalf("findings %+v", res.Findings)
	}
	b := lint.NewBaseline(res)
	var buf bytes.Buffer
	if err := b.Write(&buf); err != nil {
		t.Fatal(err)
	}
	written := buf.String()
	for _, want := range []string{`"version": 1`, `"tool": "aovpnlint"`, `"ruleId": "VPN105"`, `"path": "p.xml"`, `"message": "NativeProtocolType is \"Automatic\""`} {
		if !strings.Contains(written, want) {
			t.Errorf("baseline lacks %s:\n%s", want, written)
		}
	}
	if strings.Contains(written, "VPN101") {
		t.Errorf("an inline-suppressed finding went into the baseline:\n%s", written)
	}
	if i, j := strings.Index(written, "VPN105"), strings.Index(written, "VPN701"); i < 0 || j < i {
		t.Errorf("entries not sorted by rule:\n%s", written)
	}
	read, err := lint.ReadBaseline(strings.NewReader(written))
	if err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	if err := read.Write(&buf); err != nil || buf.String() != written {
		t.Fatalf("read and written again differs (%v):\n%s", err, buf.String())
	}

	// The same deployment with the baseline: nothing new, nothing fails.
	res = lintFile(t, baselineXML, read)
	if res.Fails(lint.Note) || res.Summary.Warnings+res.Summary.Notes+res.Summary.Errors != 0 || !res.BaselineApplied {
		t.Errorf("with its own baseline: fails %v, summary %+v", res.Fails(lint.Note), res.Summary)
	}
	for _, f := range res.Findings {
		if f.RuleID != "VPN101" && (!f.Suppressed || !f.Suppression.Baseline || f.Suppression.Kind != model.External) {
			t.Errorf("%s not baselined: %+v", f.RuleID, f.Suppression)
		}
		if f.RuleID == "VPN101" && (f.Suppression == nil || f.Suppression.Baseline) {
			t.Errorf("VPN101 should stay suppressed in the file: %+v", f.Suppression)
		}
	}
	// Writing the baseline of a baselined run gives the same file.
	buf.Reset()
	if err := lint.NewBaseline(res).Write(&buf); err != nil || buf.String() != written {
		t.Errorf("baseline of a baselined run differs:\n%s", buf.String())
	}
}

func TestBaselineSurvivesMovedLines(t *testing.T) {
	t.Chdir(t.TempDir())
	b := lint.NewBaseline(lintFile(t, baselineXML, nil))

	// A comment and a new server above every finding: all lines move.
	moved := strings.Replace(baselineXML, "<NativeProfile>\n", "<NativeProfile>\n    <!-- edited -->\n    <AlwaysOnX/>\n", 1)
	res := lintFile(t, moved, b)
	if res.Fails(lint.Note) {
		for _, f := range res.Findings {
			t.Logf("%s line %d suppressed %v", f.RuleID, f.Location.StartLine, f.Suppressed)
		}
		t.Fatal("findings that only moved fail the run")
	}
	if got := res.Findings[0].Location.StartLine; got != 6 {
		t.Fatalf("test data: the first finding is on line %d, want 6 (moved down by 2)", got)
	}

	// A new finding fails the run; the old ones still do not.
	changed := strings.Replace(moved, "SplitTunnel", "ForceTunnel", 1)
	res = lintFile(t, changed, b)
	var fresh []string
	for _, f := range res.Findings {
		if !f.Suppressed {
			fresh = append(fresh, f.RuleID+" "+f.Message)
		}
	}
	if len(fresh) != 1 || fresh[0] != `VPN701 RoutingPolicyType is "ForceTunnel"` || !res.Fails(lint.Note) || res.Fails(lint.Warning) {
		t.Errorf("new findings %q; fails at note %v, at warning %v", fresh, res.Fails(lint.Note), res.Fails(lint.Warning))
	}
	if res.Summary.Notes != 1 || res.Summary.Warnings != 0 {
		t.Errorf("summary %+v, want the one new note", res.Summary)
	}
}

func TestBaselineCountsRepeats(t *testing.T) {
	t.Chdir(t.TempDir())
	// Two findings with one fingerprint (same rule, file and message, no
	// logical place): a baseline with one of them leaves the second new.
	two := "<VPNProfile>\n<A>FLAG-VPN101</A>\n<B>FLAG-VPN101</B>\n</VPNProfile>\n"
	res := lintFile(t, two, nil)
	b := lint.NewBaseline(res)
	if len(b.Entries) != 2 || b.Entries[0].Fingerprint != b.Entries[1].Fingerprint {
		t.Fatalf("entries %+v, want the fingerprint twice", b.Entries)
	}
	b.Entries = b.Entries[:1]
	res = lintFile(t, two, b)
	if !res.Findings[0].Suppressed || res.Findings[1].Suppressed || res.Summary.Errors != 1 {
		t.Errorf("one of two repeats baselined: suppressed %v %v, summary %+v", res.Findings[0].Suppressed, res.Findings[1].Suppressed, res.Summary)
	}
}

func TestReadBaselineErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{"version": 1, "tool": "aovpnlint", "entries": [{"fingerprint": "ab", "ruleId": "VPN101", "path": "p", "message": "m"}]}`, ""},
		{`not json`, "not an aovpnlint baseline"},
		{`{"version": 1, "tool": "other", "entries": []}`, `tool "other"`},
		{`{"version": 2, "tool": "aovpnlint", "entries": []}`, "version 2"},
		{`{"version": 1, "tool": "aovpnlint", "entries": [], "extra": 1}`, "unknown field"},
		{`{"version": 1, "tool": "aovpnlint", "entries": [{"ruleId": "VPN101"}]}`, "entry 1 has no fingerprint"},
	} {
		_, err := lint.ReadBaseline(strings.NewReader(tc.in))
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v", tc.in, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: error %v, want %q", tc.in, err, tc.want)
		}
	}
}
