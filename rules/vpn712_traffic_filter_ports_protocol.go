package rules

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "VPN712",
		Name:     "traffic-filter-ports-protocol",
		Severity: lint.Error,
		Summary:  "TrafficFilter has port ranges but its Protocol is not TCP (6) or UDP (17)",
		Fix:      "set <Protocol>6</Protocol> (TCP) or <Protocol>17</Protocol> (UDP) in the filter, or remove the port ranges",
		Tags:     []string{"reliability", "traffic-filter"},
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			for _, f := range prof.TrafficFilters {
				var ports []*model.Node
				for _, n := range []*model.Node{f.LocalPortRanges, f.RemotePortRanges} {
					if n != nil && (n.Value() != "" || n.HoldsUnresolved()) {
						ports = append(ports, n)
					}
				}
				if len(ports) == 0 || f.Protocol.HoldsUnresolved() {
					continue
				}
				var names []string
				for _, n := range ports {
					names = append(names, fmt.Sprintf("%s %q", n.Name, n.Value()))
				}
				what := strings.Join(names, " and ")
				pr := f.Protocol
				v := pr.Value()
				var msg string
				var related []lint.Related
				switch num, err := strconv.Atoi(v); {
				case pr == nil || v == "":
					msg = fmt.Sprintf("the TrafficFilter sets %s but no Protocol: port ranges exist only for TCP and UDP, and the VPNv2 CSP accepts them only with Protocol 6 or 17, so the filter is invalid", what)
				case err == nil && (num == 6 || num == 17):
					continue
				case err == nil:
					msg = fmt.Sprintf("the TrafficFilter sets %s with Protocol %d (%s): port ranges exist only for TCP and UDP, and the VPNv2 CSP accepts them only with Protocol 6 or 17, so the filter is invalid", what, num, protocolName(num))
					related = []lint.Related{{Location: pr.ValueLoc(), Message: "protocol " + v}}
				case strings.EqualFold(v, "tcp") || strings.EqualFold(v, "udp"):
					n := map[bool]string{true: "6", false: "17"}[strings.EqualFold(v, "tcp")]
					msg = fmt.Sprintf("the TrafficFilter sets %s with Protocol %q: Protocol takes the IP protocol number (%s for %s), and the VPNv2 CSP accepts port ranges only with Protocol 6 or 17", what, v, n, strings.ToUpper(v))
					related = []lint.Related{{Location: pr.ValueLoc(), Message: "write " + n}}
				default:
					continue // an unreadable Protocol is a schema finding
				}
				p.Report(lint.Diagnostic{At: ports[0].ValueLoc(), Message: msg, Related: related})
			}
		},
	})
}

// protocolName names the common IP protocol numbers.
func protocolName(n int) string {
	switch n {
	case 0:
		return "any protocol"
	case 1:
		return "ICMP"
	case 47:
		return "GRE"
	case 50:
		return "ESP"
	case 58:
		return "ICMPv6"
	}
	return "neither TCP nor UDP"
}
