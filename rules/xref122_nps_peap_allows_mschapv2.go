package rules

import (
	"fmt"
	"slices"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "XREF122",
		Name:     "nps-peap-allows-mschapv2",
		Severity: lint.Warning,
		Summary:  "An NPS VPN policy allows EAP-MSCHAPv2 inside PEAP while profiles use PEAP-TLS",
		Fix:      "remove EAP-MSCHAPv2 from the policy's PEAP inner methods and keep only \"Smart Card or other certificate\"",
		Tags:     []string{"eap", "nps", "security"},
		// Passwords accepted next to certificates: a phished password
		// suffices where a certificate was meant to be needed.
		SecuritySeverity: 5.0,
		WindowsErrors:    []string{},
		Check: func(p *lint.Pass) {
			var peapTLS []*model.EapConfig
			for _, cfg := range p.Deployment.EapConfigs {
				if cfg.Profile != nil && slices.Equal(cfg.Chain(), []int{model.EapPEAP, model.EapTLS}) {
					peapTLS = append(peapTLS, cfg)
				}
			}
			if len(peapTLS) == 0 {
				return
			}
			for _, cfg := range p.Deployment.NPS {
				for _, pol := range cfg.Policies {
					s := pol.Settings
					if !pol.Enabled || !pol.MatchesVPN() || s == nil || s.EapConfigNode == nil ||
						!slices.Contains(s.EapTypes, model.EapPEAP) || !slices.Contains(s.PEAPInner, model.EapMSCHAPv2) {
						continue
					}
					var rel []lint.Related
					for _, c := range peapTLS {
						rel = append(rel, lint.Related{Location: c.Method.Inner.TypeNode.ValueLoc(), Message: "the profile uses PEAP with inner EAP-TLS (13)"})
					}
					p.Report(lint.Diagnostic{
						At: s.EapConfigNode.Loc(),
						Message: fmt.Sprintf("NPS network policy %q allows EAP-MSCHAPv2 (26) inside PEAP although the scan's profiles use certificates (%s with PEAP-TLS): anyone with a user's password can connect, so the certificate adds no protection",
							pol.Name, npsPlural(len(peapTLS), "profile EAP configuration")),
						Related: rel,
					})
				}
			}
		},
	})
}
