package rules

import (
	"crypto/rsa"
	"fmt"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:               "CERT150",
		Name:             "weak-key",
		Severity:         lint.Error,
		Summary:          "A certificate has a weak key (RSA < 2048, curve < P-256, DSA) or odd RSA size",
		Fix:              "reissue the certificate (renew a CA on a new key) with RSA 2048 bits or more, or ECDSA P-256 or P-384",
		Tags:             []string{"security", "certificate"},
		SecuritySeverity: 7.5,
		CheckCert: func(p *lint.Pass, c *model.Cert) {
			desc, why := weakKey(c)
			if why == "" {
				if k, ok := c.X509.PublicKey.(*rsa.PublicKey); ok && k.N.BitLen()%8 != 0 {
					p.Report(lint.Diagnostic{
						At: c.Loc,
						Message: fmt.Sprintf("%s certificate %s has %s, which is not a multiple of 8 bits: Microsoft's RSA providers (the Software Key Storage Provider and the Enhanced, Strong and AES cryptographic providers) handle RSA keys from 384 to 16,384 bits in 8-bit increments only, so no Windows CA or enrolment made this key, Windows software may not accept it, and strict validators reject it; reissue it with a 2048-, 3072- or 4096-bit key",
							cryptoRole(c), c, desc),
						Fix: "reissue the certificate (renew a CA on a new key) with an RSA key of 2048, 3072 or 4096 bits, or ECDSA P-256 or P-384",
					})
				}
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
