package rules

import (
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "VPN114",
		Name:     "device-tunnel-device-compliance",
		Severity: lint.Error,
		Summary:  "device tunnel enables DeviceCompliance (Entra conditional access)",
		Fix:      "remove <DeviceCompliance> from the device tunnel; use conditional access on the user tunnel only",
		Tags:     []string{"device-tunnel", "reliability", "conditional-access"},
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			if !prof.IsDeviceTunnel() || !prof.ComplianceEnabled() {
				return
			}
			e := prof.DeviceCompliance.Enabled
			p.Reportf(e.ValueLoc(), "DeviceCompliance Enabled is %q on a device tunnel: conditional access issues a short-lived user certificate, and a device tunnel has no user and authenticates with a machine certificate", e.Value())
		},
	})
}
