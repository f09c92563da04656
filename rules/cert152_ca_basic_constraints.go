package rules

import (
	"fmt"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:            "CERT152",
		Name:          "ca-basic-constraints",
		Severity:      lint.Error,
		Summary:       "A certificate that signs others lacks basicConstraints CA:TRUE",
		Fix:           "renew the CA certificate on the same key with basicConstraints cA TRUE (critical); the certificates it signed stay valid",
		Tags:          []string{"reliability", "certificate"},
		WindowsErrors: []string{"0x80096019", "13801"},
		CheckCert: func(p *lint.Pass, c *model.Cert) {
			var bad []issuance
			status := model.CAValid
			for _, is := range issuancesOf(p.Deployment, c) {
				if s := model.IssuerCAStatus(is.chain, is.at); s != model.CAValid {
					bad = append(bad, is)
					status = s
				}
			}
			if len(bad) == 0 {
				return
			}
			children, related := childrenRelated(bad)
			what := "its basicConstraints extension says cA FALSE"
			if status == model.CANoBasicConstraints {
				what = "it has no basicConstraints extension, which Windows forgives only in a self-signed root"
			}
			p.Report(lint.Diagnostic{
				At: c.Loc,
				Message: fmt.Sprintf("%s signed %s, but %s: Windows does not accept it as a CA and rejects every chain through it (TRUST_E_BASIC_CONSTRAINTS 0x80096019; IKEv2 clients report 13801)",
					c, children, what),
				Related: related,
			})
		},
	})
}
