package rules

import (
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "VPN113",
		Name:     "device-tunnel-split-tunnel",
		Severity: lint.Error,
		Summary:  "device tunnel is set to force tunnel, which device tunnels do not support",
		Fix:      "set <RoutingPolicyType>SplitTunnel</RoutingPolicyType> and add <Route> entries for the servers the device needs",
		Tags:     []string{"device-tunnel", "reliability"},
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			n := prof.Native
			if !prof.IsDeviceTunnel() || n == nil {
				return
			}
			if r := n.RoutingPolicyType; r.Is("ForceTunnel") {
				p.Reportf(r.ValueLoc(), "RoutingPolicyType is %q on a device tunnel: only split tunneling is supported for the device tunnel", r.Value())
			}
		},
	})
}
