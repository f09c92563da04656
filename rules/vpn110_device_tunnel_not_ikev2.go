package rules

import (
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "VPN110",
		Name:     "device-tunnel-not-ikev2",
		Severity: lint.Error,
		Summary:  "device tunnel does not use the inbox IKEv2 client",
		Fix:      "set <NativeProtocolType>IKEv2</NativeProtocolType> in the device tunnel's NativeProfile",
		Tags:     []string{"device-tunnel", "reliability"},
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			if !prof.IsDeviceTunnel() {
				return
			}
			n := prof.Native
			if n == nil {
				if prof.Plugin != nil {
					p.Reportf(prof.Plugin.Loc(), "the device tunnel uses a plug-in profile: only the inbox IKEv2 client supports device tunnels")
				}
				return
			}
			switch t := n.NativeProtocolType; {
			case t == nil:
				p.Reportf(n.Node.Loc(), "the device tunnel's NativeProfile has no <NativeProtocolType>: a device tunnel must set IKEv2")
			case !t.Is("IKEv2"):
				p.Reportf(t.ValueLoc(), "NativeProtocolType is %q on a device tunnel: only IKEv2 is supported, with no fallback to other tunnel types", t.Value())
			}
		},
	})
}
