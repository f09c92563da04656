package rules

import (
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:               "VPN212",
		Name:             "peap-inner-mschapv2",
		Severity:         lint.Warning,
		Summary:          "EAP-MSCHAPv2 uses passwords; NPS policies that require certificates reject it",
		Fix:              "use EAP-TLS (13) with user certificates, inside PEAP if the NPS policy requires PEAP",
		Tags:             []string{"security", "reliability", "eap"},
		WindowsErrors:    []string{"812"},
		SecuritySeverity: 4.0,
		CheckEap: func(p *lint.Pass, cfg *model.EapConfig) {
			methods := cfg.Methods()
			for i, m := range methods {
				if m.Type != model.EapMSCHAPv2 {
					continue
				}
				switch {
				case i == 0:
					p.Reportf(m.TypeNode.ValueLoc(), "the EAP method is %s without PEAP: users authenticate with passwords, and an NPS policy that requires PEAP with certificates rejects the connection (error 812)", model.EapTypeName(m.Type))
				case methods[i-1].Type == model.EapPEAP:
					p.Reportf(m.TypeNode.ValueLoc(), "the inner PEAP method is %s: users authenticate with passwords instead of certificates, and an NPS policy that allows only certificate authentication in PEAP rejects the connection (error 812)", model.EapTypeName(m.Type))
				default:
					p.Reportf(m.TypeNode.ValueLoc(), "the inner method of %s is %s: users authenticate with passwords instead of certificates, and an NPS policy that requires certificates rejects the connection (error 812)", model.EapTypeName(methods[i-1].Type), model.EapTypeName(m.Type))
				}
			}
		},
	})
}
