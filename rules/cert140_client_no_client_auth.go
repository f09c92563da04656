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
		ID:            "CERT140",
		Name:          "client-no-client-auth",
		Severity:      lint.Error,
		Summary:       "Client (user or device) certificate lacks the Client Authentication EKU",
		Fix:           "reissue the certificate from a User or Computer based template, which carries Client Authentication (1.3.6.1.5.5.7.3.2)",
		Tags:          []string{"reliability", "certificate"},
		WindowsErrors: []string{"13806", "798"},
		CheckCert: func(p *lint.Pass, c *model.Cert) {
			// Conditional-access certificates are CERT141's.
			if !c.Roles.Has(model.RoleClient) || c.Roles.Has(model.RoleVPNServer|model.RoleNPSServer|model.RoleRoot|model.RoleIntermediate) ||
				isConditionalAccessLeaf(c) || c.NoEKU() || c.HasEKU(x509.ExtKeyUsageClientAuth) {
				return
			}
			const taken = "it is taken as a client certificate because it is a leaf that no VPN Servers entry, EAP ServerNames or server EKU marks as a server certificate"
			d := lint.Diagnostic{At: c.Loc}
			ekus := strings.Join(c.EKUNames(), ", ")
			if upns := c.UPNs(); len(upns) > 0 || len(c.X509.EmailAddresses) > 0 {
				who := append(slices.Clone(upns), c.X509.EmailAddresses...)
				d.Message = fmt.Sprintf("user certificate %s (%s) has no Client Authentication EKU (1.3.6.1.5.5.7.3.2), only %s: Windows does not offer it for EAP-TLS, \"a certificate could not be found that can be used with this Extensible Authentication Protocol\" (798); %s",
					c, strings.Join(who, ", "), ekus, taken)
				d.WindowsErrors = []string{"798"}
			} else {
				name := "no user name in its subject alternative name"
				if len(c.X509.DNSNames) > 0 {
					name = "DNS name " + strings.Join(c.X509.DNSNames, ", ")
				}
				d.Message = fmt.Sprintf("device certificate %s (%s) has no Client Authentication EKU (1.3.6.1.5.5.7.3.2), only %s: Windows does not use it for IKEv2 machine authentication, so a device tunnel fails with 13806 (\"IKE failed to find a valid machine certificate\"); %s",
					c, name, ekus, taken)
				d.WindowsErrors = []string{"13806"}
			}
			p.Report(d)
		},
	})
}
