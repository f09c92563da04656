package rules

import (
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:               "VPN202",
		Name:             "eap-server-validation-prompt",
		Severity:         lint.Warning,
		Summary:          "users may be asked to trust an unknown RADIUS server and can click through",
		Fix:              "set DisableUserPromptForServerValidation to true so that an unexpected server fails the connection",
		Tags:             []string{"security", "eap"},
		WindowsErrors:    []string{"703"},
		SecuritySeverity: 5.0,
		CheckEap: func(p *lint.Pass, cfg *model.EapConfig) {
			for _, m := range cfg.Methods() {
				if m.ServerValidation == nil {
					continue
				}
				n := m.ServerValidation.DisablePrompt
				if !n.IsFalse() {
					continue
				}
				p.Reportf(n.ValueLoc(), "%s DisableUserPromptForServerValidation is %q: when the RADIUS (NPS) server certificate does not match, Windows asks the user, who can accept a rogue server", m.Name(), n.Value())
			}
		},
	})
}
