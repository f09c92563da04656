package rules

import (
	"strings"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:               "VPN203",
		Name:             "eap-server-names-empty",
		Severity:         lint.Warning,
		Summary:          "ServerNames is empty: any RADIUS server with a trusted certificate is accepted",
		Fix:              "list the NPS server names (semicolon-separated) in ServerNames and set AcceptServerName to true",
		Tags:             []string{"security", "eap"},
		SecuritySeverity: 5.0,
		CheckEap: func(p *lint.Pass, cfg *model.EapConfig) {
			for _, m := range cfg.Methods() {
				sv := m.ServerValidation
				if sv == nil {
					continue
				}
				level := m.Name()
				switch {
				case sv.ServerNames == nil:
					p.Reportf(sv.Node.Loc(), "%s ServerValidation has no ServerNames: the client accepts any RADIUS (NPS) server whose certificate chains to a trusted root", level)
				case !eapHasServerName(sv.ServerNames.Value()):
					p.Reportf(sv.ServerNames.Loc(), "%s ServerNames is %q: the client accepts any RADIUS (NPS) server whose certificate chains to a trusted root", level, sv.ServerNames.Text())
				}
			}
		},
	})
}

// eapHasServerName reports whether a ServerNames value (a semicolon-separated
// list) names at least one server.
func eapHasServerName(v string) bool {
	for _, s := range strings.Split(v, ";") {
		if strings.TrimSpace(s) != "" {
			return true
		}
	}
	return false
}
