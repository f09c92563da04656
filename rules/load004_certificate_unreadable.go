package rules

import (
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "LOAD004",
		Name:     "certificate-unreadable",
		Severity: lint.Error,
		Summary:  "A certificate, PEM block or PKCS#7 bundle does not parse",
		Fix:      "export the certificate again (Base-64 encoded X.509 or DER) and replace the damaged one",
		Tags:     []string{"reliability", "input", "certificate"},
		Check:    reportProblems(model.BadCertificate),
	})
}
