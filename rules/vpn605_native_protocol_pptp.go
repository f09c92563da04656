package rules

import (
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:               "VPN605",
		Name:             "native-protocol-pptp",
		Severity:         lint.Warning,
		Summary:          "NativeProtocolType PPTP: broken encryption and password authentication",
		Fix:              "set <NativeProtocolType> to IKEv2 (or SSTP) and offer that tunnel on the VPN server",
		Tags:             []string{"security"},
		SecuritySeverity: 8.0,
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			if n := prof.Native; nativeProtocol(n) == "pptp" {
				p.Reportf(n.NativeProtocolType.ValueLoc(), "NativeProtocolType is %q: PPTP encrypts with MPPE (RC4) keyed from the PPP authentication, and with MS-CHAPv2 a captured handshake can be cracked to recover the password and decrypt the session; Microsoft has deprecated PPTP in Windows Server", n.NativeProtocolType.Value())
			}
		},
	})
}
