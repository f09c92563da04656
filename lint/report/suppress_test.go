package report_test

import (
	"encoding/json"
	"io"
	"strings"
	"testing"

	"github.com/aovpnlint/aovpnlint/internal/sariftest"
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
	"github.com/aovpnlint/aovpnlint/lint/report"
)

// suppressedSample is the sample compared with a baseline: the note is in
// the baseline, the device profile's VPN201 is suppressed in the file, the
// user profile's VPN201 is new.
func suppressedSample() *lint.Result {
	res := sample()
	res.BaselineApplied = true
	res.Findings[0].Suppressed = true
	res.Findings[0].Suppression = &lint.SuppressionInfo{Kind: model.External, Justification: "in the baseline", Baseline: true}
	res.Findings[1].Suppression = &lint.SuppressionInfo{Kind: model.InSource, Justification: "lab profile, TICKET-12"}
	res.Summary.Notes = 0
	return res
}

type sarifSuppressed struct {
	Runs []struct {
		Results []struct {
			RuleID        string `json:"ruleId"`
			BaselineState string `json:"baselineState"`
			Suppressions  []struct {
				Kind          string `json:"kind"`
				Justification string `json:"justification"`
			} `json:"suppressions"`
		} `json:"results"`
	} `json:"runs"`
}

func TestSARIFSuppressions(t *testing.T) {
	read := func(o report.Options) (sarifSuppressed, []byte) {
		t.Helper()
		got := render(t, func(w io.Writer) error { return report.SARIF(w, suppressedSample(), o) })
		var log sarifSuppressed
		if err := json.Unmarshal(got, &log); err != nil {
			t.Fatal(err)
		}
		return log, got
	}
	// By default GitHub gets the new finding only.
	log, _ := read(opts)
	if rs := log.Runs[0].Results; len(rs) != 1 || rs[0].RuleID != "VPN201" || rs[0].BaselineState != "new" || rs[0].Suppressions != nil {
		t.Errorf("default results %+v, want the new VPN201 only", rs)
	}

	o := opts
	o.IncludeSuppressed = true
	log, got := read(o)
	var states []string
	for _, r := range log.Runs[0].Results {
		s := r.RuleID + " " + r.BaselineState
		for _, sp := range r.Suppressions {
			s += " " + sp.Kind + ":" + sp.Justification
		}
		states = append(states, s)
	}
	want := "XREF101 unchanged external:in the baseline|VPN201 new inSource:lab profile, TICKET-12|VPN201 new"
	if strings.Join(states, "|") != want {
		t.Errorf("results\n%s\nwant\n%s", strings.Join(states, "|"), want)
	}
	golden(t, "report_suppressed.sarif", got)
	sariftest.Validate(t, got)
}

func TestJSONSuppression(t *testing.T) {
	got := render(t, func(w io.Writer) error { return report.JSON(w, suppressedSample(), opts) })
	for _, s := range []string{
		`"suppressed": true,
      "suppression": {
        "kind": "inSource",
        "justification": "lab profile, TICKET-12"
      }`,
		`"kind": "external",
        "justification": "in the baseline",
        "baseline": true`,
	} {
		if !strings.Contains(string(got), s) {
			t.Errorf("JSON lacks\n%s\nin\n%s", s, got)
		}
	}
}
