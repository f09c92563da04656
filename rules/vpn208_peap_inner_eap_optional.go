package rules

import (
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:               "VPN208",
		Name:             "peap-inner-eap-optional",
		Severity:         lint.Warning,
		Summary:          "PEAP InnerEapOptional is true: the inner authentication method may be skipped",
		Fix:              "set InnerEapOptional to false so that the inner method (EAP-TLS) always runs",
		Tags:             []string{"security", "eap"},
		SecuritySeverity: 4.0,
		CheckEap: func(p *lint.Pass, cfg *model.EapConfig) {
			for _, m := range cfg.Methods() {
				// InnerEapOptional exists only in the PEAP schema.
				if n := m.InnerEapOptional; n.IsTrue() {
					p.Reportf(n.ValueLoc(), "%s InnerEapOptional is %q: the client allows PEAP to finish without the inner authentication method", m.Name(), n.Value())
				}
			}
		},
	})
}
