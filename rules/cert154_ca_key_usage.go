package rules

import (
	"fmt"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:            "CERT154",
		Name:          "ca-key-usage",
		Severity:      lint.Error,
		Summary:       "A CA certificate's keyUsage does not include Certificate Signing",
		Fix:           "renew the CA certificate on the same key with keyUsage Certificate Signing and CRL Signing (Digital Signature may stay)",
		Tags:          []string{"reliability", "certificate"},
		WindowsErrors: []string{"0x800B0110", "13801"},
		CheckCert: func(p *lint.Pass, c *model.Cert) {
			if c.KeyUsageAllowsCertSign() {
				return
			}
			list := issuancesOf(p.Deployment, c)
			if len(list) == 0 {
				return
			}
			children, related := childrenRelated(list)
			p.Report(lint.Diagnostic{
				At: c.Loc,
				Message: fmt.Sprintf("%s signed %s, but its keyUsage extension (%s) lacks Certificate Signing: Windows finds the chains through it not valid for their usage (CERT_E_WRONG_USAGE 0x800B0110; IKEv2 clients report 13801)",
					c, children, keyUsageNames(c.X509.KeyUsage)),
				Related: related,
			})
		},
	})
}
