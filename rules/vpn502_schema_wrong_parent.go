package rules

import (
	"fmt"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "VPN502",
		Name:     "schema-wrong-parent",
		Severity: lint.Error,
		Summary:  "a VPNv2 ProfileXML element sits under the wrong parent element",
		Fix:      "move the element under the parent the VPNv2 schema gives it",
		Tags:     []string{"schema", "reliability"},
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			walkSchema(p.Deployment, prof.Root, nil, func(n *model.Node, parent *schemaElem, _ *model.Node) {
				if parent.Kind != kindContainer {
					return // a child of a value element: VPN501
				}
				if kind, _ := classifyUnknown(n.Name, parent); kind != unknownMisplaced {
					return // misspelt or unknown: VPN501
				}
				places := schemaByName[n.Name]
				p.Report(lint.Diagnostic{
					At: n.Loc(),
					Message: fmt.Sprintf("<%s> belongs under %s, not under <%s>: Windows does not read it here, so the setting has no effect or the profile is rejected",
						n.Name, parentPaths(places), parent.Name),
					Fix: fmt.Sprintf("move <%s> into %s", n.Name, parentPaths(places)),
				})
			})
		},
	})
}
