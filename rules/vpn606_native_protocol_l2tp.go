package rules

import (
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:               "VPN606",
		Name:             "native-protocol-l2tp",
		Severity:         lint.Warning,
		Summary:          "NativeProtocolType L2TP: a legacy IKEv1 tunnel Microsoft has deprecated",
		Fix:              "set <NativeProtocolType> to IKEv2 (or SSTP) and offer that tunnel on the VPN server",
		Tags:             []string{"security"},
		SecuritySeverity: 4.0,
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			n := prof.Native
			if nativeProtocol(n) != "l2tp" {
				return
			}
			why := "L2TP/IPsec is a legacy tunnel negotiated with IKEv1, and Microsoft has deprecated L2TP in Windows Server in favour of IKEv2 and SSTP"
			if _, ok := knownValue(n.L2tpPsk); ok {
				why += "; here the IPsec layer is authenticated with a pre-shared key that every client holds (VPN604)"
			}
			p.Reportf(n.NativeProtocolType.ValueLoc(), "NativeProtocolType is %q: %s", n.NativeProtocolType.Value(), why)
		},
	})
}
