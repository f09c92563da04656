package rules

import (
	"fmt"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:            "XREF120",
		Name:          "profile-eap-not-accepted-by-nps",
		Severity:      lint.Error,
		Summary:       "No enabled VPN network policy of the NPS export accepts the profile's EAP method",
		Fix:           "add the profile's EAP method (and PEAP inner method) to the VPN network policy's EAP types on NPS, or change the profile to the method the policy allows",
		Tags:          []string{"eap", "nps", "reliability"},
		WindowsErrors: []string{"812"},
		CheckEap: func(p *lint.Pass, cfg *model.EapConfig) {
			if cfg.Profile == nil || cfg.Method == nil || cfg.Method.Type == 0 {
				return
			}
			pols := npsVPNPolicies(p.Deployment)
			if len(pols) == 0 {
				return // no export, or no policy for VPN at all (reason code 48, not 812)
			}
			chain := cfg.Chain()
			for _, pol := range pols {
				if pol.AcceptsChain(chain) {
					return
				}
			}
			// Point at the outer Type when no policy takes the outer method,
			// else at the inner one.
			at := cfg.Method.TypeNode
			for _, pol := range pols {
				if pol.AcceptsChain(chain[:1]) && cfg.Method.Inner != nil && cfg.Method.Inner.TypeNode != nil {
					at = cfg.Method.Inner.TypeNode
					break
				}
			}
			p.Report(lint.Diagnostic{
				At: at.ValueLoc(),
				Message: fmt.Sprintf("the profile authenticates with %s, which no enabled VPN network policy of the NPS export accepts (%s): NPS rejects the request (reason code 66) and Windows shows error 812",
					npsChainName(chain), npsNames(pols)),
				Related: npsRelated(pols),
			})
		},
	})
}
