package rules

import (
	"encoding/asn1"
	"fmt"
	"net"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:            "CERT103",
		Name:          "vpn-server-subject-mismatch",
		Severity:      lint.Warning,
		Summary:       "A VPN server certificate has SANs but its subject CN is none of them",
		Fix:           "reissue the VPN server certificate with the public FQDN the clients dial as subject CN and as a DNS SAN",
		Tags:          []string{"reliability", "certificate"},
		WindowsErrors: []string{"13801"},
		CheckCert: func(p *lint.Pass, c *model.Cert) {
			// CA certificates used as server certificates are CERT157's; their
			// subject names the CA by design.
			if !c.Roles.Has(model.RoleVPNServer) || c.IsCA() || c.Roles.Has(model.RoleRoot|model.RoleIntermediate) {
				return
			}
			x := c.X509
			if len(x.DNSNames)+len(x.IPAddresses) == 0 {
				return // CN-only certificates: XREF102
			}
			cns := cert103CommonNames(c)
			for _, cn := range cns {
				if cert103CNInSANs(c, cn) {
					return
				}
			}
			why, related := certVPNServerWhy(p.Deployment, c)
			sans := strings.Join(c.Names(), ", ")
			var seen string
			switch {
			case x.Subject.String() == "":
				seen = "has an empty subject, so no subject name matches its subject alternative names"
			case len(cns) == 0:
				seen = "has no subject CN (subject " + c.Subject() + "), so no subject name matches its subject alternative names"
			case len(cns) == 1:
				seen = fmt.Sprintf("has the subject CN %q, which is none of its subject alternative names", cns[0])
			default:
				seen = fmt.Sprintf("has the subject CNs %q, none of which is one of its subject alternative names", cns)
			}
			p.Report(lint.Diagnostic{
				At: c.Loc,
				Message: fmt.Sprintf("VPN server certificate %s %s (%s): current Windows clients accept the SAN match, but Microsoft's troubleshooting guide names a server name that does not match the subject name as a cause of 13801, and the deployment guide puts the public FQDN in both; it is taken as the VPN server certificate because %s",
					c, seen, sans, why),
				Related: related,
			})
		},
	})
}

// oidCommonName is the X.520 commonName attribute, 2.5.4.3.
var oidCommonName = asn1.ObjectIdentifier{2, 5, 4, 3}

// cert103CommonNames returns every CN attribute of the subject, in order:
// crypto/x509 keeps only the last in Subject.CommonName.
func cert103CommonNames(c *model.Cert) []string {
	var out []string
	for _, a := range c.X509.Subject.Names {
		if a.Type.Equal(oidCommonName) {
			if s, ok := a.Value.(string); ok && s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// cert103CNInSANs reports whether a subject CN is one of the certificate's
// SANs: an IP literal must be written exactly as an IP SAN in canonical form
// (net.IP.String: dotted decimal, RFC 5952 for IPv6); any other CN must equal
// a DNS SAN, case-insensitively and without a final dot. A wildcard SAN covers
// only the same wildcard string.
func cert103CNInSANs(c *model.Cert, cn string) bool {
	if ip := net.ParseIP(cn); ip != nil {
		for _, a := range c.X509.IPAddresses {
			if a.String() == cn {
				return true
			}
		}
		return false
	}
	name := strings.TrimSuffix(cn, ".")
	for _, d := range c.X509.DNSNames {
		if strings.EqualFold(strings.TrimSuffix(d, "."), name) {
			return true
		}
	}
	return false
}
