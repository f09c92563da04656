package rules

import (
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "LOAD012",
		Name:     "input-limit-exceeded",
		Severity: lint.Warning,
		Summary:  "Input goes beyond one of the readers' limits and was not read in full",
		Fix:      "remove the runaway content; no real profile, script or certificate bundle comes near these limits",
		Tags:     []string{"input"},
		Check:    reportProblems(model.LimitExceeded),
	})
}
