package rules

import (
	"fmt"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:            "CERT110",
		Name:          "certificate-expired",
		Severity:      lint.Error,
		Summary:       "A certificate of the deployment has expired",
		Fix:           "renew the certificate (and reissue what it signed, for a CA) and deploy the new one",
		Tags:          []string{"reliability", "certificate"},
		WindowsErrors: []string{"13801", "0x800B0101"},
		CheckCert: func(p *lint.Pass, c *model.Cert) {
			now := p.Deployment.Now
			// Conditional-access certificates live one hour by design:
			// Microsoft Entra issues a new one at every connection, so an
			// exported one is always expired soon after.
			if c.Roles == 0 || !certExpiredAt(c, now) || isConditionalAccessLeaf(c) {
				return
			}
			// An expired cross-certificate or old CA certificate that the
			// chains of the scan pass over breaks nothing.
			if certSupersededCA(p.Deployment, c) {
				return
			}
			im := certValidityImpact(p.Deployment, c)
			p.Report(lint.Diagnostic{
				At: c.Loc,
				Message: fmt.Sprintf("%s certificate %s expired on %s, %s ago: %s",
					certRoleWords(c), c, certTime(c.X509.NotAfter), certSpan(now.Sub(c.X509.NotAfter)), im.Clause),
				Related:       im.Related,
				WindowsErrors: im.Codes,
			})
		},
	})
}

// isConditionalAccessLeaf reports whether c is a short-lived client
// certificate issued by Microsoft Entra's "Microsoft VPN root CA gen 1".
func isConditionalAccessLeaf(c *model.Cert) bool {
	return c.Roles.Has(model.RoleConditionalAccess) && !c.Roles.Has(model.RoleRoot|model.RoleIntermediate)
}
