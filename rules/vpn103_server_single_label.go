package rules

import (
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:            "VPN103",
		Name:          "server-single-label",
		Severity:      lint.Warning,
		Summary:       "VPN server in <Servers> is a short name without a domain",
		Fix:           "use the VPN server's fully qualified public DNS name, the one on its certificate",
		Tags:          []string{"reliability"},
		WindowsErrors: []string{"13801", "868"},
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			if prof.Native == nil {
				return
			}
			for _, s := range prof.Native.ServerList {
				if isSingleLabel(s.Host) && placeholderReason(s.Host) == "" {
					p.Reportf(s.Loc, "server %q is a single-label name: clients on the internet cannot resolve it, and it will not match the DNS name on the VPN server's certificate", s.Host)
				}
			}
		},
	})
}
