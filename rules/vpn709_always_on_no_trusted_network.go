package rules

import (
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "VPN709",
		Name:     "always-on-no-trusted-network-detection",
		Severity: lint.Note,
		Summary:  "AlwaysOn without TrustedNetworkDetection also connects on the corporate network",
		Fix:      "set <TrustedNetworkDetection> to the DNS suffix(es) of the corporate network, e.g. corp.contoso.com",
		Tags:     []string{"routing"},
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			ao, tnd := prof.AlwaysOn, prof.TrustedNetworkDetection
			if !ao.IsTrue() || tnd.HoldsUnresolved() || len(splitList(tnd.Value(), ",;")) > 0 {
				return
			}
			msg := "AlwaysOn is \"" + ao.Value() + "\" and TrustedNetworkDetection is "
			if tnd == nil {
				msg += "not set"
			} else {
				msg += "empty"
			}
			msg += ": nothing tells Windows when the device is inside the corporate network, so the VPN connects there too"
			switch routingPolicy(prof) {
			case "ForceTunnel":
				msg += ", and with ForceTunnel all traffic of office devices then hairpins through the VPN server"
			case "SplitTunnel":
				msg += ", and traffic to the routed internal networks takes the tunnel instead of the local network"
			}
			p.Reportf(ao.ValueLoc(), "%s", msg)
		},
	})
}
