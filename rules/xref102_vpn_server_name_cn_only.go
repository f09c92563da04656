package rules

import (
	"fmt"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:            "XREF102",
		Name:          "vpn-server-name-cn-only",
		Severity:      lint.Warning,
		Summary:       "A VPN server the profile dials matches only the certificate's CN, no DNS SAN",
		Fix:           "reissue the VPN server certificate with the server's public FQDN in both the subject CN and a DNS SAN",
		Tags:          []string{"reliability", "certificate"},
		WindowsErrors: []string{"13801"},
		Check: func(p *lint.Pass) {
			d := p.Deployment
			cands := xrefVPNServerCerts(d)
			if len(cands) == 0 {
				return
			}
			for _, e := range xrefHostEntries(d) {
				m := xrefMatchVPNHost(cands, e.match)
				if len(m.san) > 0 {
					continue
				}
				var msg string
				var matched []*model.Cert
				switch {
				case len(m.cnOnly) > 0:
					matched = m.cnOnly
					msg = fmt.Sprintf("%s matches only the subject CN of %s, which has no DNS SAN: Windows IKEv2 documents a subject-name match, but validators that follow RFC 6125 ignore the CN, so the name is fragile; add %s as a DNS SAN",
						e.what(), xrefCertList(matched), e.match)
				case len(m.cnNotSAN) > 0:
					matched = m.cnNotSAN
					sans := "its DNS SANs"
					if len(matched) == 1 {
						sans += " (" + strings.Join(matched[0].X509.DNSNames, ", ") + ")"
					}
					msg = fmt.Sprintf("%s matches the subject CN of %s but none of %s: a validator that finds DNS SANs ignores the CN and fails the name check (13801); add %s as a DNS SAN",
						e.what(), xrefCertList(matched), sans, e.match)
				default:
					continue // no match at all: XREF101
				}
				if e.inFile {
					p.Report(lint.Diagnostic{At: e.loc, Message: msg, Related: xrefRelated(matched, "VPN server certificate")})
					continue
				}
				p.Report(lint.Diagnostic{At: matched[0].Loc, Message: msg, Related: xrefRelated(matched[1:], "VPN server certificate")})
			}
		},
	})
}

// xrefCertList names certificates for messages: "X" or "X and Y" or "X, Y and Z".
func xrefCertList(cs []*model.Cert) string {
	var s []string
	for _, c := range cs {
		s = append(s, c.String())
	}
	if len(s) <= 1 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}
