package rules

import (
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "LOAD010",
		Name:     "file-too-large",
		Severity: lint.Warning,
		Summary:  "A deployment file is larger than --max-file-size and was not read",
		Fix:      "raise --max-file-size if the file is meant to be this large, or split it",
		Tags:     []string{"input"},
		Check:    reportProblems(model.TooLarge),
	})
}
