package rules

import (
	"fmt"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "VPN506",
		Name:     "schema-value-spelling",
		Severity: lint.Note,
		Summary:  "a value is an allowed one spelt otherwise than the VPNv2 CSP documents it",
		Fix:      "write the value as the VPNv2 CSP spells it",
		Tags:     []string{"schema"},
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			if isWindowsEcho(prof) {
				return // Windows' own spelling, not the author's
			}
			walkSchema(p.Deployment, prof.Root, func(n *model.Node, e *schemaElem) {
				if e.Kind != kindEnum && e.Kind != kindBool {
					return
				}
				v, ok := schemaValue(n, e)
				if !ok {
					return
				}
				class, canonical := classifyValue(e, v)
				var msg string
				switch class {
				case valueCase:
					msg = fmt.Sprintf("<%s> is %q: Windows reads it regardless of letter case, but the VPNv2 CSP spells it %q", e.Name, v, canonical)
				case valueBoolDigit:
					msg = fmt.Sprintf("<%s> is %q: an xs:boolean the XSD accepts, but the VPNv2 CSP documents true and false (%q)", e.Name, v, canonical)
				default:
					return
				}
				p.Report(lint.Diagnostic{
					At:      n.ValueLoc(),
					Message: msg,
					Fix:     fmt.Sprintf("write <%s>%s</%s>", e.Name, canonical, e.Name),
				})
			}, nil)
		},
	})
}
