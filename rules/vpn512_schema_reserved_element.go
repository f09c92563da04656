package rules

import (
	"fmt"

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
			walkSchema(prof.Root, func(n *model.Node, e *schemaElem) {
				if e.Reserved == "" {
					return
				}
				msg := fmt.Sprintf("<%s> is not a setting Windows applies: %s", n.Name, e.Reserved)
				if pw := n.Child("Password"); pw.Value() != "" || pw.HoldsUnresolved() {
					msg += ", and it holds a clear-text <Password> that anyone who can read the profile can read"
				}
				p.Reportf(n.Loc(), "%s", msg)
			}, nil)
		},
	})
}
