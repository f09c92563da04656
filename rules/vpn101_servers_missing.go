package rules

import (
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "VPN101",
		Name:     "servers-missing",
		Severity: lint.Error,
		Summary:  "NativeProfile names no VPN server in <Servers>",
		Fix:      "add <Servers> with the public DNS name of the VPN server, the name on its certificate",
		Tags:     []string{"reliability"},
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			n := prof.Native
			if n == nil {
				return // plug-in profiles list their servers in PluginProfile/ServerUrlList
			}
			if n.Servers == nil {
				p.Reportf(n.Node.Loc(), "NativeProfile has no <Servers> element: the client has no server to connect to")
				return
			}
			if n.Servers.HoldsUnresolved() {
				return // set at run time by a script: LOAD006 says so
			}
			for _, s := range n.ServerList {
				if s.Host != "" {
					return
				}
			}
			if v := n.Servers.Value(); v != "" {
				p.Reportf(n.Servers.ValueLoc(), "<Servers> is %q, which names no server: the client has no server to connect to", v)
				return
			}
			p.Reportf(n.Servers.Loc(), "<Servers> is empty: the client has no server to connect to")
		},
	})
}
