package rules

import (
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:               "VPN611",
		Name:             "apn-binding-password",
		Severity:         lint.Warning,
		Summary:          "APNBinding/Password puts a password in the profile in clear text",
		Fix:              "remove <APNBinding> (the VPNv2 CSP reserves it for future use) and change the password it held",
		Tags:             []string{"security", "secret"},
		SecuritySeverity: 6.0,
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			n := prof.Root.Find("APNBinding", "Password")
			if _, ok := knownValue(n); !ok {
				return
			}
			// Never show the password.
			p.Reportf(n.Loc(), "<APNBinding><Password> holds a password in clear text (value not shown): it is in every copy of the profile (deployment script, Intune policy, the ProfileXML on each device), although Windows does not use it: the VPNv2 CSP reserves APNBinding for future use")
		},
	})
}
