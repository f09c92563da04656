package rules

import (
	"crypto/x509"
	"fmt"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:               "CERT157",
		Name:             "server-certificate-can-sign",
		Severity:         lint.Error,
		Summary:          "A VPN or NPS server certificate may sign certificates (cA TRUE or keyCertSign)",
		Fix:              "reissue the server certificate from a copy of the \"RAS and IAS Server\" template, without cA TRUE or keyCertSign, and revoke the old one",
		Tags:             []string{"security", "certificate"},
		SecuritySeverity: 7.0,
		CheckCert: func(p *lint.Pass, c *model.Cert) {
			x := c.X509
			ca := c.IsCA()
			certSign := x.KeyUsage&x509.KeyUsageCertSign != 0
			if !ca && !certSign {
				return
			}
			role, why, related := cert157ServerRole(p.Deployment, c)
			if role == "" {
				return
			}
			server := "the internet-facing RRAS server"
			if role == "NPS server" {
				server = "the NPS server"
			}
			root := "the root its issuer chains to"
			switch n := len(c.Chain); {
			case c.Roles.Has(model.RoleRoot):
				root = "it, a root,"
			case n > 1:
				root = c.Chain[n-1].String()
			}
			var msg string
			if ca {
				has := "basicConstraints cA TRUE"
				if certSign {
					has += " and keyUsage keyCertSign"
				}
				msg = fmt.Sprintf("%s certificate %s has %s: it is a CA certificate, so its private key, kept on %s, can issue certificates that chain to %s",
					role, c, has, server, root)
			} else {
				msg = fmt.Sprintf("%s certificate %s has keyUsage keyCertSign: its private key, kept on %s, is declared fit to sign certificates, a usage no server needs; only basicConstraints stops validators from accepting what it signs under %s",
					role, c, server, root)
			}
			p.Report(lint.Diagnostic{
				At: c.Loc,
				Message: msg + fmt.Sprintf("; the \"RAS and IAS Server\" template sets neither cA TRUE nor keyCertSign; it is taken as the %s certificate because %s",
					role, why),
				Related: related,
			})
		},
	})
}

// cert157ServerRole says whether a certificate is a VPN or NPS server's, why,
// and where it is named. Besides the vpn-server and nps-server roles, a CA
// certificate counts when it is no root, no certificate of the scan names it
// as issuer, and a DNS or IP SAN of it is a host the clients dial or matches
// an EAP ServerNames entry: a server certificate issued with cA TRUE. Other
// roots and intermediates, cross-certificates among them, are not server
// certificates.
func cert157ServerRole(d *model.Deployment, c *model.Cert) (role, why string, related []lint.Related) {
	switch {
	case c.Roles.Has(model.RoleVPNServer):
		why, related = certVPNServerWhy(d, c)
		return "VPN server", why, related
	case c.Roles.Has(model.RoleNPSServer):
		why, related = certNPSServerWhy(d, c)
		return "NPS server", why, related
	case !c.IsCA() || c.SelfSigned() || cert157NamedIssuer(d, c):
		return "", "", nil
	}
	for _, h := range d.VPNServerHosts() {
		if san, _ := c.MatchHost(xrefHost(h)); san {
			why, related = certVPNServerWhy(d, c)
			return "VPN server", why + ", and it signs no certificate of the scan", related
		}
	}
	patterns := d.NPSServerPatterns()
	for _, n := range c.X509.DNSNames {
		for _, re := range patterns {
			if re.MatchString(n) {
				why, related = certNPSServerWhy(d, c)
				return "NPS server", why + ", and it signs no certificate of the scan", related
			}
		}
	}
	return "", "", nil
}

// cert157NamedIssuer reports whether another certificate of the scan names
// c's subject as its issuer: c is then a CA of the hierarchy (or a
// cross-certificate or renewal of one), whether or not the chain built for
// that certificate runs through c itself.
func cert157NamedIssuer(d *model.Deployment, c *model.Cert) bool {
	for _, x := range d.Certs {
		if x != c && string(x.X509.RawIssuer) == string(c.X509.RawSubject) {
			return true
		}
	}
	return false
}
