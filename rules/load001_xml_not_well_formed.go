package rules

import (
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:            "LOAD001",
		Name:          "xml-not-well-formed",
		Severity:      lint.Error,
		Summary:       "ProfileXML or EAP configuration is not well-formed XML",
		Fix:           "correct the XML at the position shown, then check the file with an XML parser before deploying",
		Tags:          []string{"reliability", "input"},
		WindowsErrors: []string{"0x80070057"},
		Check:         reportProblems(model.NotWellFormed),
	})
}
