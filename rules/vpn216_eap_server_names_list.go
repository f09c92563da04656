package rules

import (
	"fmt"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "VPN216",
		Name:     "eap-server-names-list",
		Severity: lint.Warning,
		Summary:  "A ServerNames entry lists several names with commas or spaces, not semicolons",
		Fix:      "separate the NPS server names with semicolons and no spaces: nps1.contoso.com;nps2.contoso.com",
		Tags:     []string{"eap", "reliability"},
		CheckEap: func(p *lint.Pass, cfg *model.EapConfig) {
			checkServerNames(p, cfg, snList, func(m *model.EapMethod, e serverNameEntry, c serverNameCheck) (string, string) {
				return fmt.Sprintf("%s ServerNames entry %s holds %d names separated by commas or spaces: ServerNames separates entries with semicolons only, so Windows reads the whole text as one regular expression that matches no RADIUS (NPS) server name; %s%s",
						m.Name(), quoteEntry(e.Text), len(c.Parts), serverNameOutcome(m), alsoMistakes(c)),
					serverNameFix(c, "separate the names with semicolons")
			})
		},
	})
}
