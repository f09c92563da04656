package lint_test

import (
	"strings"
	"testing"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/load"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func fakeRules() []*lint.Rule {
	return []*lint.Rule{
		{ID: "VPN101", Name: "a", Severity: lint.Error},
		{ID: "VPN201", Name: "b", Severity: lint.Warning},
		{ID: "VPN202", Name: "c", Severity: lint.Note},
		{ID: "CERT101", Name: "d", Severity: lint.Error},
	}
}

func ids(rs []*lint.Rule) string {
	var s []string
	for _, r := range rs {
		s = append(s, r.ID)
	}
	return strings.Join(s, ",")
}

func TestSelect(t *testing.T) {
	for _, tc := range []struct {
		enable, disable []string
		want            string
	}{
		{nil, nil, "VPN101,VPN201,VPN202,CERT101"},
		{nil, []string{"VPN"}, "CERT101"},
		{nil, []string{"vpn2"}, "VPN101,CERT101"},
		{[]string{"VPN201"}, []string{"VPN"}, "VPN201,CERT101"},
		{[]string{"VPN"}, []string{"VPN"}, "CERT101"},
		{nil, []string{"all"}, ""},
		{[]string{"CERT*"}, []string{"all"}, "CERT101"},
		{nil, []string{"VPN201", "c"}, "VPN101,CERT101"},
	} {
		got, err := lint.Select(fakeRules(), tc.enable, tc.disable)
		if err != nil || ids(got) != tc.want {
			t.Errorf("Select(%v, %v) = %s, %v; want %s", tc.enable, tc.disable, ids(got), err, tc.want)
		}
	}
	if _, err := lint.Select(fakeRules(), []string{"VPN999"}, []string{"FOO"}); err == nil || !strings.Contains(err.Error(), "VPN999, FOO") {
		t.Errorf("unknown patterns: err = %v", err)
	}
}

func deployment(t *testing.T) *model.Deployment {
	t.Helper()
	f, probs, _ := load.Parse("p.xml", []byte("<VPNProfile>\n<AlwaysOn>true</AlwaysOn>\n</VPNProfile>\n"))
	if f == nil || len(probs) > 0 {
		t.Fatal("fixture does not load")
	}
	d := &model.Deployment{}
	d.Add(f)
	return d
}

// TestPanicBecomesFinding: a crashing rule yields an error finding that names
// it, and the other rules still run.
func TestPanicBecomesFinding(t *testing.T) {
	crash := &lint.Rule{ID: "VPN900", Name: "crash", Severity: lint.Note, CheckProfile: func(*lint.Pass, *model.Profile) {
		panic("boom")
	}}
	ok := &lint.Rule{ID: "VPN901", Name: "ok", Severity: lint.Warning, CheckProfile: func(p *lint.Pass, prof *model.Profile) {
		p.Reportf(prof.AlwaysOn.Loc(), "always on is %s", prof.AlwaysOn.Value())
	}}
	res := lint.Check(deployment(t), []*lint.Rule{crash, ok})
	if len(res.Findings) != 2 {
		t.Fatalf("findings %+v", res.Findings)
	}
	f := res.Findings[0]
	if f.RuleID != "VPN900" || f.Level != lint.Error || !strings.Contains(f.Message, "VPN900 (crash) crashed on this input: boom") || f.Location.StartLine != 1 {
		t.Errorf("panic finding %+v", f)
	}
	if res.Findings[1].RuleID != "VPN901" || res.Findings[1].Location.StartLine != 2 {
		t.Errorf("second finding %+v", res.Findings[1])
	}
}

// TestSortAndDedup: findings come out in file order, exact repeats once, and
// the fingerprint ignores the line number.
func TestSortAndDedup(t *testing.T) {
	r := &lint.Rule{ID: "VPN902", Name: "dup", Severity: lint.Warning, CheckProfile: func(p *lint.Pass, prof *model.Profile) {
		p.Reportf(prof.AlwaysOn.Loc(), "second")
		p.Reportf(prof.Root.Loc(), "first")
		p.Reportf(prof.AlwaysOn.Loc(), "second")
	}}
	res := lint.Check(deployment(t), []*lint.Rule{r})
	if len(res.Findings) != 2 || res.Findings[0].Message != "first" || res.Findings[1].Message != "second" {
		t.Fatalf("findings %+v", res.Findings)
	}
	if res.Summary.Warnings != 2 || res.Summary.Profiles != 1 || res.Summary.Files != 1 {
		t.Errorf("summary %+v", res.Summary)
	}

	moved, _, _ := load.Parse("p.xml", []byte("<VPNProfile>\n\n\n<AlwaysOn>true</AlwaysOn>\n</VPNProfile>\n"))
	d := &model.Deployment{}
	d.Add(moved)
	again := lint.Check(d, []*lint.Rule{r})
	if again.Findings[1].Location.StartLine != 4 || again.Findings[1].Fingerprint != res.Findings[1].Fingerprint {
		t.Errorf("fingerprint changed when the line moved: %s vs %s", again.Findings[1].Fingerprint, res.Findings[1].Fingerprint)
	}
}

// TestZeroLocationGetsTarget: a report at an absent element lands on the
// profile instead of line 0, which GitHub rejects.
func TestZeroLocationGetsTarget(t *testing.T) {
	r := &lint.Rule{ID: "VPN903", Name: "absent", Severity: lint.Note, CheckProfile: func(p *lint.Pass, prof *model.Profile) {
		p.Reportf(prof.DeviceTunnel.Loc(), "reported at a missing element")
	}}
	res := lint.Check(deployment(t), []*lint.Rule{r})
	if l := res.Findings[0].Location; l.StartLine != 1 || l.StartColumn != 1 || l.Path != "p.xml" {
		t.Errorf("location %+v, want the profile root", l)
	}
}

func TestFails(t *testing.T) {
	res := &lint.Result{Findings: []lint.Finding{{Level: lint.Warning}, {Level: lint.Error, Suppressed: true}}}
	for level, want := range map[lint.Severity]bool{lint.Error: false, lint.Warning: true, lint.Note: true, 0: false} {
		if got := res.Fails(level); got != want {
			t.Errorf("Fails(%v) = %v, want %v", level, got, want)
		}
	}
}
