package rules

import (
	"fmt"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:            "CERT153",
		Name:          "path-length-exceeded",
		Severity:      lint.Error,
		Summary:       "More CA certificates follow a CA in a chain than its pathLenConstraint allows",
		Fix:           "renew the constraining CA with a larger pathLenConstraint (or none), or issue the certificates from a CA nearer the root",
		Tags:          []string{"reliability", "certificate"},
		WindowsErrors: []string{"0x80096019", "13801"},
		CheckCert: func(p *lint.Pass, c *model.Cert) {
			// Each chain is judged once, at the certificate Windows validates
			// with it: the one no other chain passes through.
			if !isTerminal(p.Deployment, c) {
				return
			}
			at, limit, below := model.PathLenExceeded(c.Chain)
			if at < 0 {
				return
			}
			ca := c.Chain[at]
			cas := "1 CA certificate follows"
			if below != 1 {
				cas = fmt.Sprintf("%d CA certificates follow", below)
			}
			p.Report(lint.Diagnostic{
				At: c.Loc,
				Message: fmt.Sprintf("in the chain of %s certificate %s, %s %s, whose pathLenConstraint allows %d: Windows rejects the chain (TRUST_E_BASIC_CONSTRAINTS 0x80096019; IKEv2 clients report 13801)",
					cryptoRole(c), c, cas, ca, limit),
				Related: []lint.Related{{Location: ca.Loc, Message: fmt.Sprintf("CA with pathLenConstraint %d: %s", limit, ca)}},
			})
		},
	})
}
