package rules

import (
	"fmt"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "VPN707",
		Name:     "nrpt-domain-name-list",
		Severity: lint.Warning,
		Summary:  "NRPT rule's DomainName holds a list of names, but it takes a single namespace",
		Fix:      "write one <DomainNameInformation> element per domain, each with one <DomainName>",
		Tags:     []string{"reliability", "dns"},
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			for _, r := range prof.NRPT {
				d := r.DomainName
				if d == nil || skipValue(d) {
					continue
				}
				v := d.Value()
				names := splitList(v, ",; \t\r\n")
				if len(names) < 2 {
					continue
				}
				var quoted []string
				for _, n := range names {
					quoted = append(quoted, fmt.Sprintf("%q", n.Text))
				}
				p.Reportf(d.ValueLoc(), "<DomainName> is %q, a list of %d names (%s): an NRPT rule's DomainName is one namespace (an FQDN, or a suffix with a leading dot); Windows does not split it, so the rule matches none of the names and their queries do not go to the rule's DNS servers", v, len(names), strings.Join(quoted, ", "))
			}
		},
	})
}
