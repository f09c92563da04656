package rules

import (
	"fmt"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "VPN706",
		Name:     "route-host-bits-set",
		Severity: lint.Error,
		Summary:  "Route Address has host bits set beyond PrefixSize: not a network address",
		Fix:      "set <Address> to the network address of the prefix (or PrefixSize to 32/128 for a single host)",
		Tags:     []string{"reliability", "routing"},
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			for _, r := range prof.Routes {
				if skipValue(r.Address) || skipValue(r.PrefixSize) {
					continue
				}
				pf, ok := routePrefix(r)
				if !ok || pf.Masked() == pf {
					continue
				}
				net := pf.Masked()
				p.Report(lint.Diagnostic{
					At: r.Address.ValueLoc(),
					Message: fmt.Sprintf("route %s has host bits set: %s is not the network address of a /%d, which is %s; Windows keeps such a route in the profile but it does not show up in the routing table when the tunnel connects, so the network is not reached over the VPN",
						pf, pf.Addr(), pf.Bits(), net),
					Fix:     fmt.Sprintf("write <Address>%s</Address> for %s, or <PrefixSize>%d</PrefixSize> if the route is for the single host %s", net.Addr(), net, pf.Addr().BitLen(), pf.Addr()),
					Related: []lint.Related{{Location: r.PrefixSize.ValueLoc(), Message: fmt.Sprintf("prefix length %d", pf.Bits())}},
				})
			}
		},
	})
}
