package rules

import (
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:               "VPN201",
		Name:             "eap-server-validation-disabled",
		Severity:         lint.Error,
		Summary:          "PerformServerValidation is false: the RADIUS server certificate is not checked",
		Fix:              "set PerformServerValidation to true and pin the NPS root CA (TrustedRootCA) and name (ServerNames)",
		Tags:             []string{"security", "eap"},
		SecuritySeverity: 8.0,
		CheckEap: func(p *lint.Pass, cfg *model.EapConfig) {
			for _, m := range cfg.Methods() {
				n := m.PerformServerValidation
				if !n.IsFalse() {
					continue
				}
				what := "the client accepts any certificate the RADIUS (NPS) server presents, so a rogue server can complete the authentication"
				if m.Type == model.EapPEAP {
					what = "the PEAP tunnel is set up without validating the RADIUS (NPS) server certificate, so a rogue server can terminate it"
				}
				p.Reportf(n.ValueLoc(), "%s PerformServerValidation is %q: %s", m.Name(), n.Value(), what)
			}
		},
	})
}
