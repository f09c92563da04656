package rules

import (
	"fmt"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "VPN503",
		Name:     "schema-element-repeated",
		Severity: lint.Error,
		Summary:  "an element that the VPNv2 schema allows once appears more than once",
		Fix:      "keep one of the elements, with the value you mean, and remove the others",
		Tags:     []string{"schema", "reliability"},
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			type place struct {
				parent *model.Node
				name   string
			}
			first := map[place]*model.Node{}
			walkSchema(p.Deployment, prof.Root, func(n *model.Node, e *schemaElem) {
				if e.Repeated {
					return
				}
				f, dup := first[place{n.Parent, n.Name}]
				if !dup {
					first[place{n.Parent, n.Name}] = n
					return
				}
				fl := f.Loc()
				p.Report(lint.Diagnostic{
					At: n.Loc(),
					Message: fmt.Sprintf("<%s> appears again under <%s> (first at line %d): the VPNv2 schema allows it once, and which one Windows applies, if it accepts the profile at all, is not defined (aovpnlint reads the first)",
						n.Name, n.Parent.Name, fl.StartLine),
					Related: []lint.Related{{Location: fl, Message: fmt.Sprintf("first <%s>", n.Name)}},
				})
			}, nil)
		},
	})
}
