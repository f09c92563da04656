package rules

import (
	"fmt"
	"net/netip"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:               "VPN708",
		Name:             "nrpt-internal-name-public-resolver",
		Severity:         lint.Warning,
		Summary:          "NRPT rule sends internal DNS names to a public resolver",
		Fix:              "set DnsServers to the internal DNS servers reached through the tunnel",
		Tags:             []string{"security", "dns"},
		SecuritySeverity: 4.3,
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			for _, r := range prof.NRPT {
				d, s := r.DomainName, r.DNSServers
				if d == nil || s == nil || skipValue(d) || s.HoldsUnresolved() {
					continue
				}
				var name, why string
				for _, it := range splitList(d.Value(), ",; \t\r\n") {
					if why = internalReason(it.Text, prof); why != "" {
						name = it.Text
						break
					}
				}
				if why == "" {
					continue
				}
				for _, it := range splitList(s.Value(), ",; \t\r\n") {
					a, err := netip.ParseAddr(it.Text)
					if err != nil || !publicAddr(a) {
						continue
					}
					var msg string
					if svc, ok := publicResolvers[a.Unmap().String()]; ok {
						msg = fmt.Sprintf("DnsServers sends queries for %q to %s (%s), a public resolver, although %s: public resolvers cannot answer for internal names, so they fail to resolve, and every such lookup discloses internal host names to a third party", name, it.Text, svc, why)
					} else if outsideTunnel(prof, a) {
						msg = fmt.Sprintf("DnsServers sends queries for %q to %s, a public address that no route of this split tunnel sends into the VPN, although %s: the queries leave over the internet instead of the tunnel, disclosing internal host names, and internal names fail to resolve", name, it.Text, why)
					} else {
						continue
					}
					p.Report(lint.Diagnostic{
						At:      s.SubLoc(it.I, it.J),
						Message: msg,
						Related: []lint.Related{{Location: d.ValueLoc(), Message: "namespace of the rule"}},
					})
				}
			}
		},
	})
}

// outsideTunnel reports whether traffic to a certainly bypasses the tunnel:
// the profile is an explicit split tunnel without the class-based route (whose
// prefix depends on the address the server assigns), no route from elsewhere,
// and no inclusion route covers a.
func outsideTunnel(prof *model.Profile, a netip.Addr) bool {
	if routingPolicy(prof) != "SplitTunnel" || prof.LockDown.IsTrue() || !prof.Native.DisableClassBasedDefaultRoute.IsTrue() || routesFromElsewhere(prof) != "" {
		return false
	}
	a = a.Unmap()
	for _, r := range inclusionRoutes(prof) {
		if r.Address.HoldsUnresolved() || r.PrefixSize.HoldsUnresolved() {
			return false
		}
		pf, ok := routePrefix(r)
		if !ok {
			return false // an unreadable route might be meant to cover it
		}
		if pf.Masked().Contains(a) {
			return false
		}
	}
	return true
}
