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
			cands := xrefVPNNameCerts(d)
			if len(cands) == 0 {
				return
			}
			match := xrefHostMatcher(cands)
			for _, e := range xrefHostEntries(d) {
				m := match(e.match)
				// A SAN match is fine; a CN match on a certificate that has
				// DNS SANs, or no match at all, is XREF101's.
				if len(m.san) > 0 || len(m.cnOnly) == 0 {
					continue
				}
				matched := m.cnOnly
				msg := fmt.Sprintf("%s matches only the subject CN of %s, which has no DNS SAN: Windows IKEv2 documents a subject-name match, but validators that follow RFC 6125 ignore the CN, so the name is fragile; add %s as a DNS SAN",
					e.what(), xrefCertList(matched), e.match)
				xrefReportHost(p, e, msg, matched)
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
