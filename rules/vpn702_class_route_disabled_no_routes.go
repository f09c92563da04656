package rules

import (
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "VPN702",
		Name:     "class-route-disabled-no-routes",
		Severity: lint.Error,
		Summary:  "class-based route disabled on a split tunnel without any Route: no traffic flows",
		Fix:      "add a <Route> (Address and PrefixSize) for every internal network the clients must reach",
		Tags:     []string{"reliability", "routing"},
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			if routingPolicy(prof) != "SplitTunnel" || prof.LockDown.IsTrue() {
				return
			}
			n := prof.Native
			d := n.DisableClassBasedDefaultRoute
			if !d.IsTrue() || len(inclusionRoutes(prof)) > 0 || routesFromElsewhere(prof) != "" {
				return
			}
			p.Report(lint.Diagnostic{
				At:      d.ValueLoc(),
				Message: "DisableClassBasedDefaultRoute is \"" + d.Value() + "\" on a split tunnel and the profile has no <Route> (other than exclusion routes): Windows adds neither the class-based route nor any other, so the tunnel connects but no traffic goes through it",
				Related: []lint.Related{{Location: n.RoutingPolicyType.ValueLoc(), Message: "split tunnel set here"}},
			})
		},
	})
}
