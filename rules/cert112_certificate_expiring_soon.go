package rules

import (
	"fmt"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "CERT112",
		Name:     "certificate-expiring-soon",
		Severity: lint.Warning,
		Summary:  "A certificate of the deployment expires within --expiry-warning (30 days)",
		Fix:      "renew the certificate now and deploy the new one before the old one expires",
		Tags:     []string{"reliability", "certificate"},
		CheckCert: func(p *lint.Pass, c *model.Cert) {
			d := p.Deployment
			// Conditional-access leaves live one hour by design; their root
			// ("Microsoft VPN root CA gen 1") is reported like any other.
			if c.Roles == 0 || d.ExpiryWarning <= 0 || !c.ValidAt(d.Now) || isConditionalAccessLeaf(c) ||
				!c.X509.NotAfter.Before(d.Now.Add(d.ExpiryWarning)) {
				return
			}
			left := c.X509.NotAfter.Sub(d.Now)
			im := certValidityImpact(d, c)
			then := "when it does, " + im.Clause
			if c.Roles.Has(model.RoleRoot) && c.X509.Subject.CommonName == model.ConditionalAccessRootCN {
				then = "create a new VPN certificate in Microsoft Entra ID, make it primary and deploy it to the VPN and NPS servers before this one expires, or conditional-access connections stop"
			}
			p.Report(lint.Diagnostic{
				At: c.Loc,
				Message: fmt.Sprintf("%s certificate %s expires in %s, on %s (warning period %s): %s",
					certRoleWords(c), c, certSpan(left), certTime(c.X509.NotAfter), certSpan(d.ExpiryWarning), then),
				Related: im.Related,
			})
		},
	})
}
