package rules

import (
	"fmt"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:            "XREF121",
		Name:          "nps-ca-oid-not-required",
		Severity:      lint.Error,
		Summary:       "NPS does not restrict conditional access certificates to OID 1.3.6.1.4.1.311.87",
		Fix:           "add the Allowed Certificate OID 1.3.6.1.4.1.311.87 (AAD Conditional Access) to the VPN network policy's conditions or EAP-TLS constraints",
		Tags:          []string{"conditional-access", "nps", "certificate"},
		WindowsErrors: []string{"oops"},
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			if !prof.ComplianceEnabled() {
				return
			}
			chain := []int(nil)
			if cfg := prof.Eap(); cfg != nil {
				chain = cfg.Chain()
			}
			for _, cfg := range p.Deployment.NPS {
				pol := npsMatchingPolicy(cfg, chain)
				if pol == nil || pol.RequiresCAOID() {
					continue
				}
				p.Report(lint.Diagnostic{
					At: prof.DeviceCompliance.Enabled.ValueLoc(),
					Message: fmt.Sprintf("DeviceCompliance is enabled, but NPS network policy %q, the first enabled VPN policy that accepts the profile's EAP method, does not restrict client certificates to the conditional access OID %s: any other client-authentication certificate of the user passes NPS, so the user closes the \"Oops - you can't get to this yet\" dialog and connects without the compliance check",
						pol.Name, "1.3.6.1.4.1.311.87"),
					Related: []lint.Related{{Location: pol.Node.Loc(), Message: fmt.Sprintf("NPS network policy %q", pol.Name)}},
				})
			}
		},
	})
}

// npsMatchingPolicy is the first enabled network policy of cfg that could
// match a VPN request with the EAP chain, or nil.
func npsMatchingPolicy(cfg *model.NPSConfig, chain []int) *model.NPSPolicy {
	for _, pol := range cfg.Policies {
		if pol.Enabled && pol.MatchesVPN() && pol.AcceptsChain(chain) {
			return pol
		}
	}
	return nil
}
