package rules

import (
	"fmt"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "CERT131",
		Name:     "nps-server-empty-subject",
		Severity: lint.Error,
		Summary:  "NPS server certificate has an empty subject",
		Fix:      "reissue the NPS certificate with the server's FQDN as subject CN (and as DNS SAN)",
		Tags:     []string{"reliability", "certificate", "eap"},
		CheckCert: func(p *lint.Pass, c *model.Cert) {
			if !c.Roles.Has(model.RoleNPSServer) || c.X509.Subject.String() != "" {
				return
			}
			why, related := certNPSServerWhy(p.Deployment, c)
			names := "no subject alternative name either"
			if n := c.Names(); len(n) > 0 {
				names = "only the subject alternative name " + strings.Join(n, ", ")
			}
			p.Report(lint.Diagnostic{
				At: c.Loc,
				Message: fmt.Sprintf("NPS server certificate %s has an empty subject and %s: NPS does not list certificates with an empty subject, so PEAP and EAP-TLS cannot use it; it is taken as the NPS server certificate because %s",
					c, names, why),
				Related: related,
			})
		},
	})
}
