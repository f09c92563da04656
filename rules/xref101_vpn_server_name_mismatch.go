package rules

import (
	"fmt"

	"github.com/aovpnlint/aovpnlint/lint"
)

func init() {
	register(&lint.Rule{
		ID:            "XREF101",
		Name:          "vpn-server-name-mismatch",
		Severity:      lint.Error,
		Summary:       "A VPN server the profile dials matches no name of the VPN server certificate",
		Fix:           "dial a name the VPN server certificate carries, or reissue the certificate with the profile's server name as a DNS SAN",
		Tags:          []string{"reliability", "certificate"},
		WindowsErrors: []string{"13801"},
		Check: func(p *lint.Pass) {
			d := p.Deployment
			cands := xrefVPNServerCerts(d)
			if len(cands) == 0 {
				// A profile-only scan: nothing to compare with.
				return
			}
			for _, e := range xrefHostEntries(d) {
				m := xrefMatchVPNHost(cands, e.match)
				if len(m.san)+len(m.cnOnly)+len(m.cnNotSAN) > 0 {
					continue
				}
				of := "the VPN server certificate " + xrefDescribeCerts(cands)
				if len(cands) > 1 {
					of = fmt.Sprintf("any of the %d VPN server certificates of the scan: %s", len(cands), xrefDescribeCerts(cands))
				}
				why := "the IKEv2 client checks the server's certificate against the name it dials and rejects it with error 13801"
				if _, ip := serverAddr(e.match); ip {
					why = "an IP address entry matches only an IP address SAN, so " + why
				}
				msg := fmt.Sprintf("%s matches no name of %s: %s", e.what(), of, why)
				if e.inFile {
					p.Report(lint.Diagnostic{At: e.loc, Message: msg, Related: xrefRelated(cands, "VPN server certificate")})
					continue
				}
				// A --server-name has no place in a file: report at the certificate.
				p.Report(lint.Diagnostic{At: cands[0].Loc, Message: msg, Related: xrefRelated(cands[1:], "VPN server certificate")})
			}
		},
	})
}
