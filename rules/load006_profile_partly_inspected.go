package rules

import (
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "LOAD006",
		Name:     "profile-partly-inspected",
		Severity: lint.Note,
		Summary:  "Part of a profile could not be checked (run-time value, encrypted, cut off)",
		Fix:      "lint the profile as it is deployed: the final XML file, or an export with decrypted values",
		Tags:     []string{"input"},
		Check:    reportProblems(model.PartlyInspected),
	})
}
