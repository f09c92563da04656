package rules

import (
	"fmt"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "VPN507",
		Name:     "schema-boolean-invalid",
		Severity: lint.Error,
		Summary:  "a boolean element holds something other than true or false",
		Fix:      "write true or false",
		Tags:     []string{"schema", "reliability"},
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			walkSchema(p.Deployment, prof.Root, func(n *model.Node, e *schemaElem) {
				if e.Kind != kindBool {
					return
				}
				v, ok := schemaValue(n, e)
				if !ok {
					return
				}
				if class, _ := classifyValue(e, v); class != valueInvalid {
					return
				}
				what := fmt.Sprintf("is %q", v)
				if v == "" {
					what = "is empty"
				}
				p.Report(lint.Diagnostic{
					At:      n.ValueLoc(),
					Message: fmt.Sprintf("<%s> %s: not a boolean (true or false); Windows rejects the profile or does not apply the setting, and aovpnlint's other rules read it as unset", e.Name, what),
					Fix:     fmt.Sprintf("write <%s>true</%s> or <%s>false</%s>", e.Name, e.Name, e.Name, e.Name),
				})
			}, nil)
		},
	})
}
