package rules

import (
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "XREF110",
		Name:     "eap-trusted-root-unknown",
		Severity: lint.Note,
		Summary:  "A TrustedRootCA thumbprint matches no certificate of the scan",
		Fix:      "add the root CA certificate with this SHA-1 thumbprint to the scan (or pass it with --trust) so that the pin can be checked",
		Tags:     []string{"eap", "certificate"},
		CheckEap: func(p *lint.Pass, cfg *model.EapConfig) {
			d := p.Deployment
			if len(d.Certs) == 0 {
				return // a profile-only scan: no certificate to look the pin up in
			}
			for _, m := range cfg.Methods() {
				if m.ServerValidation == nil {
					continue
				}
				for _, n := range m.ServerValidation.TrustedRootCAs {
					t, ok := xrefThumbprint(n.Value())
					if !ok || xrefCertBySHA1(d, t) != nil {
						continue
					}
					p.Reportf(n.ValueLoc(), "%s TrustedRootCA %q matches no certificate of the scan: aovpnlint cannot check that it is the root of the NPS server certificate", m.Name(), n.Value())
				}
			}
		},
	})
}
