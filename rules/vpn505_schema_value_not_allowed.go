package rules

import (
	"fmt"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "VPN505",
		Name:     "schema-value-not-allowed",
		Severity: lint.Error,
		Summary:  "an element's value is not one the VPNv2 CSP allows",
		Fix:      "set one of the values the VPNv2 CSP lists for the element",
		Tags:     []string{"schema", "reliability"},
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			walkSchema(p.Deployment, prof.Root, func(n *model.Node, e *schemaElem) {
				if e.Kind != kindEnum {
					return
				}
				v, ok := schemaValue(n, e)
				if !ok {
					return
				}
				if _, gcm := gcmConfusion(e, v); gcm {
					return // VPN509 gives the exact spelling
				}
				if class, _ := classifyValue(e, v); class != valueInvalid {
					return
				}
				what := fmt.Sprintf("is %q", v)
				if v == "" {
					what = "is empty"
				}
				msg := fmt.Sprintf("<%s> %s: not one of %s", e.Name, what, quoteList(e.Values))
				fix := fmt.Sprintf("set <%s> to one of %s", e.Name, quoteList(e.Values))
				if s, ok := suggestValue(e, v); ok {
					msg += fmt.Sprintf(" (did you mean %s?)", s)
					fix = fmt.Sprintf("write <%s>%s</%s>", e.Name, s, e.Name)
				}
				p.Report(lint.Diagnostic{
					At:      n.ValueLoc(),
					Message: msg + "; Windows does not accept the value, so the profile is rejected or the setting ignored",
					Fix:     fix,
				})
			}, nil)
		},
	})
}
