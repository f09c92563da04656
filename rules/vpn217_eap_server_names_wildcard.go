package rules

import (
	"fmt"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "VPN217",
		Name:     "eap-server-names-wildcard",
		Severity: lint.Warning,
		Summary:  "A ServerNames entry is a wildcard (*.contoso.com), not a regular expression",
		Fix:      "write the pattern as a regular expression: .*\\.contoso\\.com for *.contoso.com, or list the NPS names",
		Tags:     []string{"eap", "reliability"},
		CheckEap: func(p *lint.Pass, cfg *model.EapConfig) {
			checkServerNames(p, cfg, snGlob, func(m *model.EapMethod, e serverNameEntry, c serverNameCheck) (string, string) {
				g := c.Globs[0]
				var how string
				switch ex := globExample(g); {
				case strings.HasPrefix(g, "*"):
					how = "a regular expression cannot start with *, so the entry matches nothing"
				case ex != "":
					how = fmt.Sprintf("* and ? repeat or make optional the character before them and . matches any character, so the entry does not match names such as %s", ex)
				default:
					how = "* and ? repeat or make optional the character before them and . matches any character, so the entry does not mean what the wildcard says"
				}
				return fmt.Sprintf("%s ServerNames entry %s is a wildcard pattern, but Windows reads each entry as a regular expression: %s; %s%s",
						m.Name(), quoteEntry(e.Text), how, serverNameOutcome(m), alsoMistakes(c)),
					serverNameFix(c, "write the entry as a regular expression")
			})
		},
	})
}
