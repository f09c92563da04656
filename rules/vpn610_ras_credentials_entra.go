package rules

import (
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:               "VPN610",
		Name:             "ras-credentials-entra",
		Severity:         lint.Note,
		Summary:          "Conditional-access profile leaves UseRasCredentials at its default, true",
		Fix:              "on Microsoft Entra joined (not hybrid joined) Windows 11 devices, add <UseRasCredentials>false</UseRasCredentials> to <VPNProfile>",
		Tags:             []string{"security", "conditional-access"},
		SecuritySeverity: 2.0,
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			if !prof.ComplianceEnabled() || prof.IsDeviceTunnel() {
				return
			}
			const why = "Windows saves the VPN connection's credentials in Credential Manager and offers them when the user opens internal resources; on devices that are Microsoft Entra joined only (not hybrid joined), the recommended setting is false"
			n := prof.Root.Child("UseRasCredentials")
			switch {
			case n == nil:
				en := prof.DeviceCompliance.Enabled
				p.Reportf(en.ValueLoc(), "DeviceCompliance is enabled (Microsoft Entra conditional access) and <UseRasCredentials> is not set, so it defaults to true: %s", why)
			case n.IsTrue() && !n.HoldsUnresolved():
				p.Reportf(n.ValueLoc(), "UseRasCredentials is %q in a profile with DeviceCompliance enabled (Microsoft Entra conditional access): %s", n.Value(), why)
			}
		},
	})
}
