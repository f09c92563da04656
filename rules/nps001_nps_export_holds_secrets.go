package rules

import (
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:               "NPS001",
		Name:             "nps-export-holds-secrets",
		Severity:         lint.Warning,
		Summary:          "The NPS configuration export holds RADIUS shared secrets in clear text",
		Fix:              "treat the export as a secret: keep it out of repositories and shared folders, blank the Shared_Secret values in copies you share, and change any secret that leaked",
		Tags:             []string{"security", "secret", "nps"},
		SecuritySeverity: 6.5,
		Check: func(p *lint.Pass) {
			for _, f := range p.Deployment.Files {
				for _, cfg := range f.NPS {
					npsReportSecrets(p, cfg)
				}
			}
		},
	})
}

// npsReportSecrets reports one finding per export, at the first secret. The
// secret itself is never shown.
func npsReportSecrets(p *lint.Pass, cfg *model.NPSConfig) {
	var first *model.RADIUSClient
	n := 0
	for _, c := range cfg.Clients {
		if c.HasSecret {
			if first == nil {
				first = c
			}
			n++
		}
	}
	if first == nil {
		return
	}
	p.Reportf(first.SecretLoc, "the NPS export holds %s in clear text (values not shown), first for RADIUS client %q: anyone with a copy of the file can pose as that VPN server to NPS or as NPS to the VPN server",
		npsPlural(n, "RADIUS shared secret"), first.Name)
}
