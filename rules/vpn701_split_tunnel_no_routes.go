package rules

import (
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "VPN701",
		Name:     "split-tunnel-no-routes",
		Severity: lint.Warning,
		Summary:  "split tunnel without any Route or NRPT rule: only the class-based route is used",
		Fix:      "add a <Route> for every internal network (and DomainNameInformation rules for internal DNS names)",
		Tags:     []string{"reliability", "routing"},
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			if routingPolicy(prof) != "SplitTunnel" || prof.LockDown.IsTrue() {
				return
			}
			n := prof.Native
			if n.DisableClassBasedDefaultRoute.IsTrue() {
				return // VPN702: then not even the class-based route is left
			}
			if len(inclusionRoutes(prof)) > 0 || len(prof.NRPT) > 0 || routesFromElsewhere(prof) != "" {
				return
			}
			p.Reportf(n.RoutingPolicyType.ValueLoc(), "RoutingPolicyType is %q but the profile has no <Route> (other than exclusion routes) and no DomainNameInformation rule: the tunnel carries only the class-based route Windows derives from the client's VPN address (10.0.0.0/8 for a 10.x address, a /16 or /24 for class B or C), so internal networks outside that class are not reached over the VPN unless the server pushes routes", n.RoutingPolicyType.Value())
		},
	})
}
