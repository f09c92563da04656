package rules

import (
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:            "VPN102",
		Name:          "server-placeholder",
		Severity:      lint.Error,
		Summary:       "VPN server in <Servers> is a template placeholder, not a real server",
		Fix:           "replace the placeholder with the public DNS name of your VPN server (the name on its certificate)",
		Tags:          []string{"reliability"},
		WindowsErrors: []string{"868"},
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			if prof.Native == nil {
				return
			}
			for _, s := range prof.Native.ServerList {
				if why := placeholderReason(s.Host); why != "" {
					p.Reportf(s.Loc, "server %q is a placeholder left from a template (%s): no real VPN server answers there", s.Host, why)
				}
			}
		},
	})
}
