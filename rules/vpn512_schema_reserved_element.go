package rules

import (
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "VPN512",
		Name:     "schema-reserved-element",
		Severity: lint.Warning,
		Summary:  "ProfileXML sets a reserved or read-only VPNv2 node",
		Fix:      "remove the element: it is not a setting Windows applies",
		Tags:     []string{"schema"},
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			walkSchema(p.Deployment, prof.Root, func(n *model.Node, e *schemaElem) {
				if e.Reserved == "" {
					return
				}
				// A password inside APNBinding is VPN611's finding.
				p.Reportf(n.Loc(), "<%s> is not a setting Windows applies: %s", n.Name, e.Reserved)
			}, nil)
		},
	})
}
