package report

import (
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

// sarifSuppression is SARIF's suppression object: kind "inSource" (an
// aovpnlint:ignore comment) or "external" (the config file, the baseline).
type sarifSuppression struct {
	Kind          string `json:"kind"`
	Justification string `json:"justification,omitempty"`
}

// sarifSuppressionsOf returns a suppressed finding's suppressions; nil for
// the others.
func sarifSuppressionsOf(f *lint.Finding) []sarifSuppression {
	if !f.Suppressed {
		return nil
	}
	s := sarifSuppression{Kind: string(model.External)}
	if f.Suppression != nil {
		s.Kind, s.Justification = string(f.Suppression.Kind), f.Suppression.Justification
	}
	return []sarifSuppression{s}
}

// sarifBaselineState is "unchanged" for a finding the baseline holds and
// "new" for the others, when the run was compared with a baseline; "" when
// it was not.
func sarifBaselineState(res *lint.Result, f *lint.Finding) string {
	switch {
	case !res.BaselineApplied:
		return ""
	case f.Suppression != nil && f.Suppression.Baseline:
		return "unchanged"
	}
	return "new"
}
