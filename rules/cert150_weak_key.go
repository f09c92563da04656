package rules

import (
	"fmt"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:               "CERT150",
		Name:             "weak-key",
		Severity:         lint.Error,
		Summary:          "A certificate has an RSA key below 2048 bits, a curve below P-256 or a DSA key",
		Fix:              "reissue the certificate (renew a CA on a new key) with RSA 2048 bits or more, or ECDSA P-256 or P-384",
		Tags:             []string{"security", "certificate"},
		SecuritySeverity: 7.5,
		CheckCert: func(p *lint.Pass, c *model.Cert) {
			desc, why := weakKey(c)
			if why == "" {
				return
			}
			var impact string
			switch {
			case c.Roles.Has(model.RoleRoot | model.RoleIntermediate):
				impact = "whoever recovers its private key can issue certificates that the clients accept"
			case c.Roles.Has(model.RoleVPNServer | model.RoleNPSServer):
				impact = "whoever recovers its private key can impersonate the server to the clients"
			default:
				impact = "whoever recovers its private key can authenticate as its user or device"
			}
			p.Report(lint.Diagnostic{
				At:      c.Loc,
				Message: fmt.Sprintf("%s certificate %s has %s: %s; %s", cryptoRole(c), c, desc, why, impact),
			})
		},
	})
}
