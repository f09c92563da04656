package rules

import (
	"fmt"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "VPN703",
		Name:     "force-tunnel-with-routes",
		Severity: lint.Warning,
		Summary:  "force tunnel profile also lists inclusion routes, which are redundant",
		Fix:      "remove the <Route> entries that are not exclusion routes, or set RoutingPolicyType to SplitTunnel if only those networks belong in the tunnel",
		Tags:     []string{"routing"},
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			if routingPolicy(prof) != "ForceTunnel" || prof.IsDeviceTunnel() {
				return // a device tunnel's force tunnel is VPN113's finding
			}
			routes := inclusionRoutes(prof)
			if len(routes) == 0 {
				return
			}
			var names []string
			var related []lint.Related
			for _, r := range routes {
				name := strings.TrimSpace(r.Address.Value()) + "/" + strings.TrimSpace(r.PrefixSize.Value())
				names = append(names, name)
				related = append(related, lint.Related{Location: r.Node.Loc(), Message: "inclusion route " + name})
			}
			list := strings.Join(names, ", ")
			if len(names) > 4 {
				list = strings.Join(names[:4], ", ") + fmt.Sprintf(" and %d more", len(names)-4)
			}
			rt := prof.Native.RoutingPolicyType
			p.Report(lint.Diagnostic{
				At:      rt.ValueLoc(),
				Message: fmt.Sprintf("RoutingPolicyType is %q but the profile also has %d inclusion <Route> entries (%s): with force tunneling Windows already sends all traffic into the tunnel through its default route, so these routes are redundant and suggest a split tunnel that is not in force; only exclusion routes (ExclusionRoute true) have an effect here", rt.Value(), len(routes), list),
				Related: related,
			})
		},
	})
}
