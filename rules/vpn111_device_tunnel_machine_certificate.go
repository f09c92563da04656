package rules

import (
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:            "VPN111",
		Name:          "device-tunnel-machine-certificate",
		Severity:      lint.Error,
		Summary:       "device tunnel does not authenticate with a machine certificate",
		Fix:           "set <Authentication><MachineMethod>Certificate</MachineMethod></Authentication> in the device tunnel",
		Tags:          []string{"device-tunnel", "reliability"},
		WindowsErrors: []string{"13806"},
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			n := prof.Native
			if !prof.IsDeviceTunnel() || n == nil {
				return
			}
			switch m := n.MachineMethod; {
			case m == nil && n.Authentication != nil:
				p.Reportf(n.Authentication.Loc(), "the device tunnel's <Authentication> has no <MachineMethod>: a device tunnel must authenticate with MachineMethod Certificate")
			case m == nil:
				p.Reportf(n.Node.Loc(), "the device tunnel's NativeProfile has no <Authentication>: a device tunnel must authenticate with MachineMethod Certificate")
			case !m.Is("Certificate"):
				p.Reportf(m.ValueLoc(), "MachineMethod is %q on a device tunnel: only machine certificate authentication (Certificate) is supported", m.Value())
			}
		},
	})
}
