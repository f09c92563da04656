package rules

import (
	"fmt"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:               "VPN206",
		Name:             "eap-accept-server-name-false",
		Severity:         lint.Warning,
		Summary:          "AcceptServerName is false: the ServerNames list is not enforced",
		Fix:              "set AcceptServerName to true so the RADIUS server name is checked against ServerNames",
		Tags:             []string{"security", "eap"},
		SecuritySeverity: 4.0,
		CheckEap: func(p *lint.Pass, cfg *model.EapConfig) {
			for _, m := range cfg.Methods() {
				n := m.AcceptServerName
				if !n.IsFalse() || m.ServerValidation == nil {
					continue
				}
				names := m.ServerValidation.ServerNames
				if !eapHasServerName(names.Value()) {
					continue // no names to enforce: VPN203's finding
				}
				p.Report(lint.Diagnostic{
					At: n.ValueLoc(),
					Message: fmt.Sprintf("%s AcceptServerName is %q although ServerNames is %q: the RADIUS (NPS) server name is not checked against the list",
						m.Name(), n.Value(), names.Value()),
					Related: []lint.Related{{Location: names.ValueLoc(), Message: "the server names that are not enforced"}},
				})
			}
		},
	})
}
