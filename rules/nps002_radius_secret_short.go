package rules

import (
	"github.com/aovpnlint/aovpnlint/lint"
)

// npsMinSecret is the shortest RADIUS shared secret not reported (22
// characters of a random mix give about 128 bits).
const npsMinSecret = 22

func init() {
	register(&lint.Rule{
		ID:               "NPS002",
		Name:             "radius-secret-short",
		Severity:         lint.Warning,
		Summary:          "A RADIUS client's shared secret is shorter than 22 characters",
		Fix:              "generate a random shared secret of at least 22 characters (NPS can generate one) and set it on both the RADIUS client and NPS",
		Tags:             []string{"security", "secret", "nps"},
		SecuritySeverity: 5.0,
		Check: func(p *lint.Pass) {
			for _, cfg := range p.Deployment.NPS {
				for _, c := range cfg.Clients {
					if !c.HasSecret || c.SecretLen >= npsMinSecret {
						continue
					}
					p.Reportf(c.SecretLoc, "the shared secret of RADIUS client %q is %d characters long (value not shown), less than %d: a captured Access-Request lets an attacker guess it offline and then read or forge RADIUS traffic, including the MPPE keys",
						c.Name, c.SecretLen, npsMinSecret)
				}
			}
		},
	})
}
