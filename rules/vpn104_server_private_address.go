package rules

import (
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:            "VPN104",
		Name:          "server-private-address",
		Severity:      lint.Error,
		Summary:       "VPN server in <Servers> is a private, link-local or loopback IP address",
		Fix:           "use the VPN server's public DNS name, the one on its certificate",
		Tags:          []string{"reliability"},
		WindowsErrors: []string{"13801", "809"},
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			if prof.Native == nil {
				return
			}
			for _, s := range prof.Native.ServerList {
				a, ok := serverAddr(s.Host)
				if !ok {
					continue
				}
				if class := unreachableClass(a); class != "" {
					p.Reportf(s.Loc, "server %q is %s: clients on the internet cannot reach it, and an IP address never matches the DNS name on the VPN server's certificate", s.Host, class)
				}
			}
		},
	})
}
