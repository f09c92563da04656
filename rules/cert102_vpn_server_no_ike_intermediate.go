package rules

import (
	"crypto/x509"
	"fmt"
	"slices"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "CERT102",
		Name:     "vpn-server-no-ike-intermediate",
		Severity: lint.Note,
		Summary:  "VPN server certificate lacks the IP security IKE intermediate EKU",
		Fix:      "add the IP security IKE intermediate EKU (1.3.6.1.5.5.8.2.2) to the VPN server template and reissue the certificate",
		Tags:     []string{"reliability", "certificate"},
		CheckCert: func(p *lint.Pass, c *model.Cert) {
			// No EKU extension or Any Purpose: valid for IKE as for
			// everything else, nothing to recommend. Without Server
			// Authentication CERT101 reports the certificate.
			if !c.Roles.Has(model.RoleVPNServer) || c.NoEKU() || slices.Contains(c.X509.ExtKeyUsage, x509.ExtKeyUsageAny) ||
				!c.HasEKU(x509.ExtKeyUsageServerAuth) || c.HasEKUOID(model.OIDIKEIntermediate) {
				return
			}
			why, related := certVPNServerWhy(p.Deployment, c)
			p.Report(lint.Diagnostic{
				At: c.Loc,
				Message: fmt.Sprintf("VPN server certificate %s has Server Authentication but not the IP security IKE intermediate EKU (1.3.6.1.5.5.8.2.2): it works, but when the server holds several certificates with Server Authentication, IKE intermediate is what lets RRAS pick this one; it is taken as the VPN server certificate because %s",
					c, why),
				Related: related,
			})
		},
	})
}
