package rules

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "VPN219",
		Name:     "eap-server-names-vpn-gateway",
		Severity: lint.Warning,
		Summary:  "ServerNames lists the VPN gateway from <Servers>, not the NPS server",
		Fix:      "list the NPS servers' names (the subject or a DNS SAN of their certificates) in ServerNames, not the VPN gateway's",
		Tags:     []string{"eap", "reliability"},
		CheckEap: func(p *lint.Pass, cfg *model.EapConfig) {
			d := p.Deployment
			hosts := d.VPNServerHosts()
			if len(hosts) == 0 {
				return
			}
			eachServerName(cfg, func(m *model.EapMethod, e serverNameEntry, at lint.Location) {
				name, ok := serverNameLiteral(e.Text)
				if !ok {
					return
				}
				host := ""
				for _, h := range hosts {
					if strings.EqualFold(h, name) {
						host = h
						break
					}
				}
				if host == "" || npsCertNamed(d, name) {
					return
				}
				var related []lint.Related
				for _, prof := range d.Profiles {
					if prof.Native == nil {
						continue
					}
					for _, s := range prof.Native.ServerList {
						if strings.EqualFold(strings.Trim(s.Host, "[]"), host) {
							related = append(related, lint.Related{Location: s.Loc, Message: "the VPN server " + s.Host})
						}
					}
				}
				p.Report(lint.Diagnostic{
					At: at,
					Message: fmt.Sprintf("%s ServerNames entry %s is the VPN server's name from <Servers>: ServerNames must match the certificate of the RADIUS (NPS) server that runs EAP, not the VPN gateway's; unless the NPS certificate also carries this name, %s",
						m.Name(), quoteEntry(e.Text), serverNameFailure(m)),
					Related: related,
				})
			})
		},
	})
}

// serverNameLiteral reads a ServerNames entry that names one host (quotes,
// ^ and $ anchors and escaped dots allowed) and returns the host; ok is false
// for a pattern.
func serverNameLiteral(e string) (string, bool) {
	s := strings.Trim(e, serverNameQuotes+" ")
	s = strings.TrimSuffix(strings.TrimPrefix(s, "^"), "$")
	s = strings.ReplaceAll(s, `\.`, ".")
	if s == "" || strings.ContainsAny(s, `*+?()[]{}|\^$ ,`) {
		return "", false
	}
	return strings.TrimSuffix(s, "."), true
}

// npsCertNamed reports whether an NPS server certificate given with
// --nps-cert carries the name: then it is the right name after all.
func npsCertNamed(d *model.Deployment, name string) bool {
	re := regexp.MustCompile(`(?i)^` + regexp.QuoteMeta(name) + `$`)
	for _, c := range d.Certs {
		if c.NPS && model.MatchesNPSNames(c, []*regexp.Regexp{re}) {
			return true
		}
	}
	return false
}
