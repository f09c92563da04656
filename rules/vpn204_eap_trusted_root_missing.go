package rules

import (
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:               "VPN204",
		Name:             "eap-trusted-root-missing",
		Severity:         lint.Warning,
		Summary:          "ServerValidation names no TrustedRootCA: the RADIUS server chain is not pinned",
		Fix:              "add a TrustedRootCA with the SHA-1 thumbprint of the root CA that issued the NPS server certificate",
		Tags:             []string{"security", "eap"},
		SecuritySeverity: 5.0,
		CheckEap: func(p *lint.Pass, cfg *model.EapConfig) {
			for _, m := range cfg.Methods() {
				sv := m.ServerValidation
				if sv == nil {
					continue
				}
				empty := 0
				for _, r := range sv.TrustedRootCAs {
					if r.Value() == "" {
						empty++
					}
				}
				if empty < len(sv.TrustedRootCAs) {
					continue
				}
				what := "has no TrustedRootCA"
				if empty > 0 {
					what = "has only an empty TrustedRootCA"
				}
				p.Reportf(sv.Node.Loc(), "%s ServerValidation %s: the RADIUS (NPS) server certificate is not pinned to a root CA, so a certificate from any root the client trusts can pass", m.Name(), what)
			}
		},
	})
}
