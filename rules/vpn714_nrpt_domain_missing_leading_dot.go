package rules

import (
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "VPN714",
		Name:     "nrpt-domain-missing-leading-dot",
		Severity: lint.Warning,
		Summary:  "NRPT rule for the profile's own domain lacks the leading dot: matches one name",
		Fix:      "prefix the domain with a dot (.corp.contoso.com) to make the rule cover every name under it",
		Tags:     []string{"reliability", "dns"},
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			domains := profileDomains(prof)
			for _, r := range prof.NRPT {
				d := r.DomainName
				if d == nil || skipValue(d) {
					continue
				}
				v := d.Value()
				if len(splitList(v, ",; \t\r\n")) != 1 || v[0] == '.' {
					continue // a list is VPN707's finding
				}
				name := normDomain(v)
				for _, own := range domains {
					if name == own {
						p.Reportf(d.ValueLoc(), "<DomainName> is %q without a leading dot, although %s is the profile's DNS suffix or trusted network domain: without the dot an NRPT rule is an FQDN rule that matches only the name %s itself, not the hosts under it", v, own, own)
						break
					}
				}
			}
		},
	})
}
