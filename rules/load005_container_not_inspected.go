package rules

import (
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:               "LOAD005",
		Name:             "pkcs12-not-inspected",
		Severity:         lint.Warning,
		Summary:          "An encrypted PKCS#12 (.pfx) file was found and not inspected",
		Fix:              "lint the certificates exported without their private key (.cer or .p7b) and keep .pfx files out of the repository",
		Tags:             []string{"security", "input", "certificate"},
		SecuritySeverity: 5.0,
		Check:            reportProblems(model.NotInspected),
	})
}
