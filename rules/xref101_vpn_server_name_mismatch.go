package rules

import (
	"fmt"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:            "XREF101",
		Name:          "vpn-server-name-mismatch",
		Severity:      lint.Error,
		Summary:       "A VPN server the profile dials matches no name of the VPN server certificate",
		Fix:           "dial a name the VPN server certificate carries, or reissue the certificate with the profile's server name as a DNS SAN",
		Tags:          []string{"reliability", "certificate"},
		WindowsErrors: []string{"13801", "0x800B010F"},
		Check: func(p *lint.Pass) {
			d := p.Deployment
			cands := xrefVPNNameCerts(d)
			if len(cands) == 0 {
				// A profile-only scan: nothing to compare with.
				return
			}
			match := xrefHostMatcher(cands)
			for _, e := range xrefHostEntries(d) {
				m := match(e.match)
				if len(m.san)+len(m.cnOnly) > 0 {
					continue
				}
				msg, related := xref101Message(e, cands, m)
				xrefReportHost(p, e, msg, related)
			}
		},
	})
}

// xref101Message says why no candidate certificate covers the host, and which
// certificates to point at: those whose CN matches although their DNS SANs do
// not, or else all of them.
func xref101Message(e xrefHostEntry, cands []*model.Cert, m xrefHostMatch) (string, []*model.Cert) {
	if len(m.cnNotSAN) > 0 {
		sans := "its DNS SANs"
		if len(m.cnNotSAN) == 1 {
			sans += " (" + strings.Join(m.cnNotSAN[0].X509.DNSNames, ", ") + ")"
		} else {
			sans = "their DNS SANs"
		}
		return fmt.Sprintf("%s matches the subject CN of %s but none of %s: once a certificate has DNS SANs, Windows, like every validator, ignores the CN, so the IKEv2 client rejects the server's certificate with error 13801; add %s as a DNS SAN",
			e.what(), xrefCertList(m.cnNotSAN), sans, e.match), m.cnNotSAN
	}
	of := "the VPN server certificate " + xrefDescribeCerts(cands)
	if len(cands) > 1 {
		of = fmt.Sprintf("any of the %d VPN server certificates of the scan: %s", len(cands), xrefDescribeCerts(cands))
	}
	why := "the IKEv2 client checks the server's certificate against the name it dials and rejects it with error 13801"
	if _, ip := serverAddr(e.match); ip {
		why = "an IP address entry matches only an IP address SAN, so " + why
	}
	return fmt.Sprintf("%s matches no name of %s: %s", e.what(), of, why), cands
}
