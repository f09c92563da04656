package rules

import (
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:               "CERT001",
		Name:             "private-key-in-input",
		Severity:         lint.Error,
		Summary:          "A private key is stored in a scanned file",
		Fix:              "remove the key from the repository, rotate it, and reissue the certificate",
		Tags:             []string{"security", "certificate"},
		SecuritySeverity: 9.0,
		Check:            reportProblems(model.PrivateKey),
	})
}
