package rules

import (
	"fmt"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:               "VPN607",
		Name:             "user-method-mschapv2",
		Severity:         lint.Warning,
		Summary:          "UserMethod MSChapv2: users authenticate with passwords instead of certificates",
		Fix:              "set <UserMethod> to Eap with an EAP-TLS (or PEAP with EAP-TLS) configuration and user certificates",
		Tags:             []string{"security"},
		SecuritySeverity: 5.0,
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			n := prof.Native
			if n == nil || !n.UserMethod.Is("MSChapv2") {
				return
			}
			msg := fmt.Sprintf("UserMethod is %q: users authenticate with a password, which can be phished or guessed, and an MS-CHAPv2 exchange captured outside a protected tunnel can be cracked offline", n.UserMethod.Value())
			if nativeProtocol(n) == "ikev2" {
				msg += "; the VPNv2 CSP also says MSChapv2 is not supported with IKEv2"
			}
			p.Reportf(n.UserMethod.ValueLoc(), "%s", msg)
		},
	})
}
