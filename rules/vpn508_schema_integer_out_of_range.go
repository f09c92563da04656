package rules

import (
	"fmt"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "VPN508",
		Name:     "schema-integer-out-of-range",
		Severity: lint.Error,
		Summary:  "an integer element is not a number or lies outside its allowed range",
		Fix:      "write a whole number within the range the VPNv2 CSP allows",
		Tags:     []string{"schema", "reliability"},
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			walkSchema(p.Deployment, prof.Root, func(n *model.Node, e *schemaElem) {
				if e.Kind != kindInt {
					return
				}
				v, ok := schemaValue(n, e)
				if !ok || protocolNameWithPorts(n, e, v) {
					return
				}
				rng := fmt.Sprintf("%d-%d", e.Min, e.Max)
				num, isNum, overflow := parseSchemaInt(v)
				var msg string
				switch {
				case v == "":
					msg = fmt.Sprintf("<%s> is empty: it takes a whole number (%s)", e.Name, rng)
				case !isNum:
					msg = fmt.Sprintf("<%s> is %q: not a whole number (%s)", e.Name, v, rng)
					if e.Path() == "VPNProfile/TrafficFilter/Protocol" {
						msg += "; Protocol takes the IP protocol number: 6 for TCP, 17 for UDP"
					}
				case overflow || num < e.Min || num > e.Max:
					msg = fmt.Sprintf("<%s> is %s: outside the allowed range %s", e.Name, v, rng)
				default:
					return
				}
				p.Report(lint.Diagnostic{
					At:      n.ValueLoc(),
					Message: msg + "; Windows rejects the profile or does not apply the setting",
					Fix:     fmt.Sprintf("set <%s> to a whole number from %s", e.Name, rng),
				})
			}, nil)
		},
	})
}

// protocolNameWithPorts reports a TrafficFilter Protocol written as TCP or
// UDP in a filter with port ranges: VPN712 reports it, with the number to
// write.
func protocolNameWithPorts(n *model.Node, e *schemaElem, v string) bool {
	if e.Path() != "VPNProfile/TrafficFilter/Protocol" || !strings.EqualFold(v, "tcp") && !strings.EqualFold(v, "udp") {
		return false
	}
	return n.Parent.Child("LocalPortRanges").Value() != "" || n.Parent.Child("RemotePortRanges").Value() != ""
}
