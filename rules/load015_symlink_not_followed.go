package rules

import (
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "LOAD015",
		Name:     "symlink-not-followed",
		Severity: lint.Note,
		Summary:  "A symbolic link leaves the scan root, loops or dangles, and was not followed",
		Fix:      "scan the link's target as a PATH of its own, or remove the link",
		Tags:     []string{"input"},
		Check:    reportProblems(model.LinkNotFollowed),
	})
}
