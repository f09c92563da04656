package rules

import (
	"strings"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:            "CERT141",
		Name:          "conditional-access-no-ca-eku",
		Severity:      lint.Error,
		Summary:       "Conditional-access certificate lacks the AAD Conditional Access EKU",
		Fix:           "use the certificate Microsoft Entra ID issues for VPN conditional access, which lists 1.3.6.1.4.1.311.87; do not issue look-alikes from another CA named \"Microsoft VPN root CA gen 1\"",
		Tags:          []string{"conditional-access", "reliability"},
		WindowsErrors: []string{"oops"},
		CheckCert: func(p *lint.Pass, c *model.Cert) {
			if !isConditionalAccessLeaf(c) || c.HasEKUOID(model.OIDConditionalAccess) {
				return
			}
			has := "no EKU extension"
			if !c.NoEKU() {
				has = "only " + strings.Join(c.EKUNames(), ", ")
			}
			p.Reportf(c.Loc, "conditional-access certificate %s, issued by %q, does not list the AAD Conditional Access EKU (1.3.6.1.4.1.311.87), it has %s: the profile's EKU filter (ClientAuthEKUList) does not select it and NPS policies that require the OID reject it, so the client uses another certificate or none and the user sees \"Oops, you can't get to this yet\"",
				c, model.ConditionalAccessRootCN, has)
		},
	})
}
