package rules

import (
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "LOAD007",
		Name:     "xml-reconstructed",
		Severity: lint.Note,
		Summary:  "ProfileXML was repaired before it could be read (wrapped console dump)",
		Fix:      "lint the profile from its source (the XML file or the Intune setting), or dump it with Select-Object -ExpandProperty ProfileXML",
		Tags:     []string{"input"},
		Check:    reportProblems(model.Reconstructed),
	})
}
