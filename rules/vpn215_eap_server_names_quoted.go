package rules

import (
	"fmt"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "VPN215",
		Name:     "eap-server-names-quoted",
		Severity: lint.Warning,
		Summary:  "A ServerNames entry is in quotes, which Windows takes as part of the name",
		Fix:      "remove the quotes: ServerNames entries are bare names or regular expressions separated by semicolons",
		Tags:     []string{"eap", "reliability"},
		CheckEap: func(p *lint.Pass, cfg *model.EapConfig) {
			checkServerNames(p, cfg, snQuoted, func(m *model.EapMethod, e serverNameEntry, c serverNameCheck) (string, string) {
				return fmt.Sprintf("%s ServerNames entry %s is in quotes: Windows reads the quotes as part of the regular expression, so the entry matches no RADIUS (NPS) server name; %s%s",
						m.Name(), e.Text, serverNameOutcome(m), alsoMistakes(c)),
					serverNameFix(c, "remove the quotes around the name")
			})
		},
	})
}
