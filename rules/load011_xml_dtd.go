package rules

import (
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:               "LOAD011",
		Name:             "xml-dtd",
		Severity:         lint.Error,
		Summary:          "XML declares a DTD or entities: never expanded, the document was not read",
		Fix:              "delete the <!DOCTYPE ...> declaration: ProfileXML and EAP configuration use no DTD or entities",
		Tags:             []string{"security", "input"},
		SecuritySeverity: 5.0,
		Check:            reportProblems(model.DTD),
	})
}
