package rules

import (
	"crypto/x509"
	"fmt"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:            "CERT156",
		Name:          "issuer-eku-excludes-usage",
		Severity:      lint.Error,
		Summary:       "A CA's EKU extension leaves out the usage the certificate below it is for",
		Fix:           "renew the CA certificate with an EKU list that includes the usage (or without EKU extension), or issue the certificate from another CA",
		Tags:          []string{"reliability", "certificate"},
		WindowsErrors: []string{"0x800B0110", "13801"},
		CheckCert: func(p *lint.Pass, c *model.Cert) {
			if !isTerminal(p.Deployment, c) {
				return
			}
			// The usage the certificate is for; a certificate that lacks it
			// itself is the EKU rules' business (CERT101, CERT130, CERT140).
			var usage x509.ExtKeyUsage
			var name string
			switch {
			case c.Roles.Has(model.RoleVPNServer | model.RoleNPSServer):
				usage, name = x509.ExtKeyUsageServerAuth, "Server Authentication"
			case c.Roles.Has(model.RoleClient|model.RoleConditionalAccess) && !c.NoEKU():
				usage, name = x509.ExtKeyUsageClientAuth, "Client Authentication"
			default:
				return
			}
			if !c.HasEKU(usage) {
				return
			}
			var cas []*model.Cert
			for _, ca := range c.Chain[min(1, len(c.Chain)):] {
				if !ca.HasEKU(usage) {
					cas = append(cas, ca)
				}
			}
			if len(cas) == 0 {
				return
			}
			var related []lint.Related
			for _, ca := range cas {
				related = append(related, lint.Related{Location: ca.Loc, Message: "CA whose EKUs leave out " + name + ": " + ca.String()})
			}
			p.Report(lint.Diagnostic{
				At: c.Loc,
				Message: fmt.Sprintf("%s certificate %s is for %s, but %s above it in the chain lists only %s: Windows limits a certificate to the usages every CA of its chain allows and finds it not valid for %s (CERT_E_WRONG_USAGE 0x800B0110; IKEv2 clients report 13801)",
					cryptoRole(c), c, name, cas[0], joinEKUs(cas[0]), name),
				Related: related,
			})
		},
	})
}

// joinEKUs lists a certificate's EKUs for messages.
func joinEKUs(c *model.Cert) string {
	names := c.EKUNames()
	if len(names) == 0 {
		return "no usage"
	}
	out := names[0]
	for i, n := range names[1:] {
		if i == len(names)-2 {
			out += " and " + n
		} else {
			out += ", " + n
		}
	}
	return out
}
