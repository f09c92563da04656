package rules

import (
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "VPN410",
		Name:     "device-tunnel-user-scope",
		Severity: lint.Error,
		Summary:  "device tunnel profile is delivered to the user scope (./User/Vendor/MSFT/VPNv2)",
		Fix:      "deliver the device tunnel through ./Device/Vendor/MSFT/VPNv2/<name>/ProfileXML",
		Tags:     []string{"device-tunnel", "reliability"},
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			o := prof.Origin
			if o.Scope != "user" || !prof.IsDeviceTunnel() {
				return
			}
			// The converse, a profile without DeviceTunnel sent to ./Device, is
			// a device-wide user tunnel: supported, not reported.
			at := o.URILoc
			if o.URI == "" || at.StartLine == 0 {
				at = prof.DeviceTunnel.ValueLoc()
			}
			what := "the user scope"
			if o.URI != "" {
				what = "the user scope (" + o.URI + ")"
			}
			p.Report(lint.Diagnostic{
				At: at,
				Message: "the profile sets DeviceTunnel \"" + prof.DeviceTunnel.Value() + "\" but is written to " + what +
					": a device tunnel exists only in the device scope, and the user-scope deployment fails to create it",
				Related: []lint.Related{{Location: prof.DeviceTunnel.ValueLoc(), Message: "DeviceTunnel is set here"}},
			})
		},
	})
}
