package rules

import (
	"fmt"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "VPN504",
		Name:     "schema-required-element-missing",
		Severity: lint.Error,
		Summary:  "an element lacks a child element that the VPNv2 schema requires",
		Fix:      "add the required child element",
		Tags:     []string{"schema", "reliability"},
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			if isIntuneTemplate(prof) {
				// Intune builds the XML of its VPN template on delivery: the
				// synthetic profile holds only the fields the export has.
				return
			}
			walkSchema(p.Deployment, prof.Root, func(n *model.Node, e *schemaElem) {
				if e.Kind != kindContainer || n.HoldsUnresolved() {
					return // a script fills it at run time: the child may be there
				}
				for _, c := range e.Children {
					if !c.Required || c.CoveredBy != "" || n.Child(c.Name) != nil {
						continue
					}
					if c.Path() == "VPNProfile/NativeProfile/Authentication" && prof.IsDeviceTunnel() {
						continue // VPN111 says a device tunnel needs MachineMethod Certificate
					}
					p.Report(lint.Diagnostic{
						At:      n.Loc(),
						Message: fmt.Sprintf("<%s> has no <%s>, which the VPNv2 schema requires: %s", n.Name, c.Name, c.Why),
						Fix:     fmt.Sprintf("add <%s> to <%s>", c.Name, n.Name),
					})
				}
			}, nil)
		},
	})
}
