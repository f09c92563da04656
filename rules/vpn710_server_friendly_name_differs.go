package rules

import (
	"strings"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "VPN710",
		Name:     "server-friendly-name-differs",
		Severity: lint.Warning,
		Summary:  "Servers friendly name differs from the host: Intune on Windows 11 may redeploy",
		Fix:      "write the entry as host;host (e.g. vpn.contoso.com;vpn.contoso.com)",
		Tags:     []string{"reliability", "intune"},
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			if prof.Native == nil || prof.Native.Servers.HoldsUnresolved() {
				return
			}
			switch prof.Origin.Container {
			case model.KindPowerShell, model.KindCIMDump:
				return // the WMI bridge, not Intune: nothing compares the value afterwards
			}
			for _, s := range prof.Native.ServerList {
				if s.Friendly == "" || s.Host == "" || strings.EqualFold(strings.TrimSuffix(s.Friendly, "."), strings.TrimSuffix(s.Host, ".")) {
					continue
				}
				if placeholderReason(s.Host) != "" {
					continue // VPN102
				}
				p.Report(lint.Diagnostic{
					At:      s.Loc,
					Message: "server \"" + s.Host + "\" has the friendly name \"" + s.Friendly + "\": when Intune deploys ProfileXML to Windows 11, the Servers value Windows reports back must match the one sent, and the form known to work is host;host; with a different friendly name Intune can see the profile as changed and re-apply it again and again",
					Fix:     "write \"" + s.Host + ";" + s.Host + "\"",
				})
			}
		},
	})
}
