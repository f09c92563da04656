package rules

import (
	"fmt"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:            "XREF103",
		Name:          "nps-server-name-mismatch",
		Severity:      lint.Error,
		Summary:       "An NPS server certificate given with --nps-cert matches no EAP ServerNames entry",
		Fix:           "add the NPS server's name (its certificate's CN or DNS SAN) to ServerNames, or reissue the certificate with the name ServerNames expects",
		Tags:          []string{"eap", "certificate", "reliability"},
		WindowsErrors: []string{"0x800B010F"},
		CheckEap: func(p *lint.Pass, cfg *model.EapConfig) {
			d := p.Deployment
			for _, m := range cfg.Methods() {
				sv := m.ServerValidation
				if sv == nil || xrefValidationOff(m) {
					continue
				}
				names := sv.ServerNames.Value()
				pats := d.ServerNamePatternsOf(names)
				if len(pats) == 0 {
					continue // empty (VPN203) or no entry that compiles
				}
				for _, c := range d.Certs {
					if !c.NPS || !xrefServerLeaf(c) || model.MatchesNPSNames(c, pats) {
						continue
					}
					p.Report(lint.Diagnostic{
						At: sv.ServerNames.ValueLoc(),
						Message: fmt.Sprintf("%s ServerNames %q matches neither the subject CN nor a DNS SAN of NPS server certificate %s (%s): the client does not accept that server's certificate, so authentication through it fails",
							m.Name(), names, c, xrefNPSNames(c)),
						Related: []lint.Related{{Location: c.Loc, Message: "NPS server certificate " + c.String()}},
					})
				}
			}
		},
	})
}

// xrefNPSNames lists the names ServerNames is compared with: the subject CN and
// the DNS SANs.
func xrefNPSNames(c *model.Cert) string {
	var parts []string
	if cn := c.X509.Subject.CommonName; cn != "" {
		parts = append(parts, "CN "+cn)
	}
	if len(c.X509.DNSNames) > 0 {
		parts = append(parts, "DNS SANs "+strings.Join(c.X509.DNSNames, ", "))
	}
	if len(parts) == 0 {
		return "no name at all"
	}
	return strings.Join(parts, "; ")
}
