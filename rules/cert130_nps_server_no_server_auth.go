package rules

import (
	"crypto/x509"
	"fmt"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "CERT130",
		Name:     "nps-server-no-server-auth",
		Severity: lint.Error,
		Summary:  "NPS server certificate lacks the Server Authentication EKU",
		Fix:      "reissue the NPS certificate from a \"RAS and IAS Server\" based template, which carries Server Authentication",
		Tags:     []string{"reliability", "certificate", "eap"},
		CheckCert: func(p *lint.Pass, c *model.Cert) {
			if !c.Roles.Has(model.RoleNPSServer) || c.NoEKU() || c.HasEKU(x509.ExtKeyUsageServerAuth) {
				return
			}
			why, related := certNPSServerWhy(p.Deployment, c)
			p.Report(lint.Diagnostic{
				At: c.Loc,
				Message: fmt.Sprintf("NPS server certificate %s has no Server Authentication EKU (1.3.6.1.5.5.7.3.1), only %s: NPS does not list it for PEAP or EAP-TLS and clients reject it, so EAP authentication fails; it is taken as the NPS server certificate because %s",
					c, strings.Join(c.EKUNames(), ", "), why),
				Related: related,
			})
		},
	})
}
