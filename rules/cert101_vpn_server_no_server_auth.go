package rules

import (
	"crypto/x509"
	"fmt"
	"slices"
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
			// The IKEv2 client checks that the EKU lists Server Authentication
			// (MS-RRASM DisableIKENameEkuCheck): a certificate without EKU
			// extension, valid for every usage elsewhere in Windows, fails it.
			eku := c.X509.ExtKeyUsage
			if !c.Roles.Has(model.RoleVPNServer) || slices.Contains(eku, x509.ExtKeyUsageServerAuth) || slices.Contains(eku, x509.ExtKeyUsageAny) {
				return
			}
			why, related := certVPNServerWhy(p.Deployment, c)
			has := "no EKU extension at all (valid for every usage elsewhere in Windows, but the IKEv2 client checks that the EKU lists Server Authentication)"
			if names := c.EKUNames(); len(names) > 0 {
				has = "only " + strings.Join(names, ", ")
			} else if !c.NoEKU() {
				has = "an empty EKU extension"
			}
			p.Report(lint.Diagnostic{
				At: c.Loc,
				Message: fmt.Sprintf("VPN server certificate %s has no Server Authentication EKU (1.3.6.1.5.5.7.3.1), %s: RRAS cannot use it for IKEv2 (0x80070040) and clients reject it (13801); it is taken as the VPN server certificate because %s",
					c, has, why),
				Related: related,
			})
		},
	})
}
