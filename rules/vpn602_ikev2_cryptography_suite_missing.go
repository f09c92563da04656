package rules

import (
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:               "VPN602",
		Name:             "ikev2-cryptography-suite-missing",
		Severity:         lint.Warning,
		Summary:          "IKEv2 profile without CryptographySuite: the weak default IKEv2 parameters apply",
		Fix:              "add a <CryptographySuite> to <NativeProfile> with the values of the VPN server's IPsec policy (e.g. GCMAES128, GCMAES128, ECP256, Group14, SHA256, AES_GCM_128)",
		Tags:             []string{"security", "ikev2"},
		SecuritySeverity: 5.0,
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			n := prof.Native
			// The Intune template's cryptographySuite field is not mapped
			// into the synthetic profile: a missing element means nothing.
			if n == nil || nativeProtocol(n) != "ikev2" || intuneTemplate(prof) {
				return
			}
			if cs := n.CryptographySuite; cs != nil {
				if len(cs.Node.Children) > 0 || cs.Node.Value() != "" {
					return
				}
				p.Reportf(cs.Node.Loc(), "<CryptographySuite> is empty and NativeProtocolType is %q: Windows negotiates its default IKEv2 parameters, which with a default RRAS server are 3DES, SHA-1 and DH group 2 (1024-bit)", n.NativeProtocolType.Value())
				return
			}
			p.Reportf(n.NativeProtocolType.ValueLoc(), "NativeProtocolType is %q but <NativeProfile> has no <CryptographySuite>: Windows negotiates its default IKEv2 parameters, which with a default RRAS server are 3DES, SHA-1 and DH group 2 (1024-bit)", n.NativeProtocolType.Value())
		},
	})
}
