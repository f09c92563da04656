package rules

import (
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:            "VPN105",
		Name:          "native-protocol-automatic",
		Severity:      lint.Warning,
		Summary:       "NativeProtocolType Automatic tries every tunnel type and fails with error 800",
		Fix:           "set <NativeProtocolType> to the tunnel the server offers: IKEv2 (or SSTP)",
		Tags:          []string{"reliability"},
		WindowsErrors: []string{"800"},
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			if n := prof.Native; n != nil && n.NativeProtocolType.Is("Automatic") {
				p.Reportf(n.NativeProtocolType.ValueLoc(), "NativeProtocolType is %q: the client tries each tunnel type in turn and reports error 800 when all fail", n.NativeProtocolType.Value())
			}
		},
	})
}
