package rules

import (
	"crypto/x509"
	"encoding/asn1"
	"fmt"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:            "CERT152",
		Name:          "ca-basic-constraints",
		Severity:      lint.Error,
		Summary:       "A certificate that signs others lacks basicConstraints CA:TRUE",
		Fix:           "renew the CA certificate on the same key with basicConstraints cA TRUE (critical); the certificates it signed stay valid",
		Tags:          []string{"reliability", "certificate"},
		WindowsErrors: []string{"0x80096019", "13801"},
		CheckCert: func(p *lint.Pass, c *model.Cert) {
			var bad, rootOnly []issuance
			status := model.CAValid
			for _, is := range issuancesOf(p.Deployment, c) {
				switch s := model.IssuerCAStatus(is.chain, is.at); s {
				case model.CAValid:
				case model.CARootNoBasicConstraints:
					rootOnly = append(rootOnly, is)
				default:
					bad = append(bad, is)
					status = s
				}
			}
			if len(bad) > 0 {
				children, related := childrenRelated(bad)
				what := "its basicConstraints extension says cA FALSE"
				if status == model.CANoBasicConstraints {
					what = "it has no basicConstraints extension, which Windows forgives only in a self-signed root"
				}
				p.Report(lint.Diagnostic{
					At: c.Loc,
					Message: fmt.Sprintf("%s signed %s, but %s: Windows does not accept it as a CA and rejects every chain through it (TRUST_E_BASIC_CONSTRAINTS 0x80096019; IKEv2 clients report 13801)",
						c, children, what),
					Related: related,
				})
				return
			}
			// A self-signed root without any basicConstraints extension:
			// Windows takes it for a CA, but it is no CA certificate by the
			// standard, and no root an Always On VPN PKI should have.
			const why = "it has no basicConstraints extension at all, so nothing marks it as a CA (RFC 5280 requires cA TRUE in every CA certificate); Windows accepts such a root, as it does version 1 roots, so chains still validate, but an AD CS root is a version 3 certificate with basicConstraints cA TRUE, and other validators (TLS proxies, appliances, non-Windows clients) reject chains through it"
			switch {
			case len(rootOnly) > 0:
				children, related := childrenRelated(rootOnly)
				p.Report(lint.Diagnostic{
					At:            c.Loc,
					Message:       fmt.Sprintf("self-signed root %s signed %s, but %s", c, children, why),
					Related:       related,
					WindowsErrors: []string{},
				})
			case cert152StandaloneRoot(c):
				p.Report(lint.Diagnostic{
					At:            c.Loc,
					Message:       fmt.Sprintf("self-signed root %s is a trust anchor of the scan, but %s", c, why),
					WindowsErrors: []string{},
				})
			}
		},
	})
}

var cert152OIDBasicConstraints = asn1.ObjectIdentifier{2, 5, 29, 19}

// cert152StandaloneRoot reports whether c is a self-signed root without a
// basicConstraints extension that signs nothing in the scan but is given as a
// trust anchor, and looks like a CA rather than a server certificate trusted
// directly: its keyUsage allows certificate signing, or it has neither a SAN
// nor an EKU extension (a version 1 root has no extensions at all).
func cert152StandaloneRoot(c *model.Cert) bool {
	x := c.X509
	if !c.Roles.Has(model.RoleRoot) || !c.Anchor || c.VPN || c.NPS || c.HasExtension(cert152OIDBasicConstraints) || x.BasicConstraintsValid || !c.SelfSigned() {
		return false
	}
	if x.KeyUsage&x509.KeyUsageCertSign != 0 {
		return true
	}
	return c.NoEKU() && len(x.DNSNames)+len(x.IPAddresses)+len(x.EmailAddresses)+len(x.URIs) == 0
}
