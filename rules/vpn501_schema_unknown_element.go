package rules

import (
	"fmt"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "VPN501",
		Name:     "schema-unknown-element",
		Severity: lint.Error,
		Summary:  "ProfileXML holds an element the VPNv2 schema does not know",
		Fix:      "correct the element name (names are case-sensitive) or remove the element",
		Tags:     []string{"schema", "reliability"},
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			walkSchema(p.Deployment, prof.Root, nil, func(n *model.Node, parent *schemaElem, _ *model.Node) {
				const effect = "Windows knows no setting of that name: it ignores the value or rejects the profile"
				if parent.Kind != kindContainer {
					p.Report(lint.Diagnostic{
						At:      n.Loc(),
						Message: fmt.Sprintf("<%s> holds a value, not child elements: <%s> inside it is not ProfileXML, and Windows does not read the value as written", parent.Name, n.Name),
						Fix:     fmt.Sprintf("write the value of <%s> as text and remove <%s>", parent.Name, n.Name),
					})
					return
				}
				kind, s := classifyUnknown(n.Name, parent)
				switch kind {
				case unknownMisplaced:
					return // VPN502
				case unknownMisspelt:
					msg := fmt.Sprintf("<%s> is not a VPNv2 ProfileXML element under <%s>: did you mean <%s>?", n.Name, parent.Name, s.Name)
					if strings.EqualFold(s.Name, n.Name) {
						msg += " (element names are case-sensitive)"
					}
					p.Report(lint.Diagnostic{At: n.Loc(), Message: msg + "; " + effect, Fix: fmt.Sprintf("rename <%s> to <%s>", n.Name, s.Name)})
				case unknownElsewhere:
					p.Report(lint.Diagnostic{
						At: n.Loc(),
						Message: fmt.Sprintf("<%s> is not a VPNv2 ProfileXML element: did you mean <%s>, which belongs under %s?; %s",
							n.Name, s.Name, s.ParentPath(), effect),
						Fix: fmt.Sprintf("use <%s> under %s", s.Name, s.ParentPath()),
					})
				default:
					p.Reportf(n.Loc(), "<%s> is not a VPNv2 ProfileXML element under <%s>: %s", n.Name, parent.Name, effect)
				}
			})
		},
	})
}
