package rules

import (
	"fmt"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "VPN218",
		Name:     "eap-server-names-invalid-regexp",
		Severity: lint.Warning,
		Summary:  "A ServerNames entry is not a valid regular expression",
		Fix:      "write the entry as a valid regular expression (escape literal characters: nps1\\.contoso\\.com) or as the plain NPS name",
		Tags:     []string{"eap", "reliability"},
		CheckEap: func(p *lint.Pass, cfg *model.EapConfig) {
			checkServerNames(p, cfg, snInvalid, func(m *model.EapMethod, e serverNameEntry, c serverNameCheck) (string, string) {
				return fmt.Sprintf("%s ServerNames entry %s is not a valid regular expression (%s): Windows reads each entry as one, so the entry matches no RADIUS (NPS) server name; %s",
					m.Name(), quoteEntry(e.Text), c.Invalid, serverNameOutcome(m)), ""
			})
		},
	})
}
