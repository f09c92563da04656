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
		ID:            "CERT101",
		Name:          "vpn-server-no-server-auth",
		Severity:      lint.Error,
		Summary:       "VPN server certificate lacks the Server Authentication EKU",
		Fix:           "reissue the VPN server certificate from a \"RAS and IAS Server\" based template with Server Authentication and IP security IKE intermediate",
		Tags:          []string{"reliability", "certificate"},
		WindowsErrors: []string{"0x80070040", "13801"},
		CheckCert: func(p *lint.Pass, c *model.Cert) {
			// Without an EKU extension, or with Any Purpose, the certificate
			// is valid for every usage.
			if !c.Roles.Has(model.RoleVPNServer) || c.NoEKU() || c.HasEKU(x509.ExtKeyUsageServerAuth) {
				return
			}
			why, related, named := certVPNServerWhy(p.Deployment, c)
			if certLikelyMachineCert(c, named) {
				return
			}
			p.Report(lint.Diagnostic{
				At: c.Loc,
				Message: fmt.Sprintf("VPN server certificate %s has no Server Authentication EKU (1.3.6.1.5.5.7.3.1), only %s: RRAS cannot use it for IKEv2 (0x80070040) and clients reject it (13801); it is taken as the VPN server certificate because %s",
					c, strings.Join(c.EKUNames(), ", "), why),
				Related: related,
			})
		},
	})
}
