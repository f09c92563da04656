package rules

import (
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:               "VPN207",
		Name:             "peap-crypto-binding-disabled",
		Severity:         lint.Warning,
		Summary:          "PEAP RequireCryptoBinding is false: the inner method is not bound to the tunnel",
		Fix:              "set RequireCryptoBinding to true once the RADIUS (NPS) server is confirmed to support PEAP cryptobinding",
		Tags:             []string{"security", "eap"},
		SecuritySeverity: 4.0,
		CheckEap: func(p *lint.Pass, cfg *model.EapConfig) {
			for _, m := range cfg.Methods() {
				// RequireCryptoBinding exists only in the PEAP schema.
				if n := m.RequireCryptoBinding; n.IsFalse() {
					p.Reportf(n.ValueLoc(), "%s RequireCryptoBinding is %q: the inner authentication is not bound to the outer TLS tunnel, so a man in the middle can relay it", m.Name(), n.Value())
				}
			}
		},
	})
}
