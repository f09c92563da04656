package rules

import (
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "LOAD014",
		Name:     "input-unreadable",
		Severity: lint.Error,
		Summary:  "A file or folder of the scan could not be read; the run exits 2",
		Fix:      "give the account that runs aovpnlint read access, or exclude the path with --exclude",
		Tags:     []string{"input"},
		Check:    reportProblems(model.Unreadable),
	})
}
