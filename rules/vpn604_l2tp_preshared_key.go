package rules

import (
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:               "VPN604",
		Name:             "l2tp-preshared-key",
		Severity:         lint.Warning,
		Summary:          "L2tpPsk puts the L2TP/IPsec pre-shared key in the profile in clear text",
		Fix:              "remove <L2tpPsk>, change the key on the VPN server, and move to IKEv2 (or L2TP) with certificate authentication",
		Tags:             []string{"security", "secret"},
		SecuritySeverity: 7.0,
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			n := prof.Native
			if n == nil {
				return
			}
			if _, ok := knownValue(n.L2tpPsk); !ok {
				return
			}
			// Never show the key: not in the message, not in a related
			// location's message.
			p.Reportf(n.L2tpPsk.Loc(), "<L2tpPsk> holds the L2TP/IPsec pre-shared key in clear text (value not shown): it is in every copy of the profile (deployment script, Intune policy, the ProfileXML on each device), and anyone who has it can pose as the VPN server to the clients that share it")
		},
	})
}
