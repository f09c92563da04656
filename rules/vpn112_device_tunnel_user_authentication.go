package rules

import (
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "VPN112",
		Name:     "device-tunnel-user-authentication",
		Severity: lint.Error,
		Summary:  "device tunnel carries user authentication (UserMethod or EAP)",
		Fix:      "remove <UserMethod> and <Eap> from the device tunnel; keep only <MachineMethod>Certificate</MachineMethod>",
		Tags:     []string{"device-tunnel", "reliability"},
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			n := prof.Native
			if !prof.IsDeviceTunnel() || n == nil {
				return
			}
			if um := n.UserMethod; um != nil {
				p.Reportf(um.Loc(), "the device tunnel sets UserMethod %q: a device tunnel connects before anyone signs in and supports only machine certificate authentication", um.Value())
			}
			if n.Eap != nil {
				p.Reportf(n.Eap.Loc(), "the device tunnel has an <Eap> configuration: a device tunnel supports only machine certificate authentication, not EAP")
			}
		},
	})
}
