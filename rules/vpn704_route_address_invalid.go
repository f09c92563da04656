package rules

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "VPN704",
		Name:     "route-address-invalid",
		Severity: lint.Error,
		Summary:  "Route Address is not an IP address",
		Fix:      "put the network's IPv4 or IPv6 address in <Address> and its prefix length in <PrefixSize>",
		Tags:     []string{"reliability", "routing"},
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			for _, r := range prof.Routes {
				a := r.Address
				if a == nil || skipValue(a) {
					continue // a missing Address is a schema finding
				}
				v := a.Value()
				if _, ok := routeAddr(v); ok {
					continue
				}
				msg, fix := routeAddressProblem(v)
				p.Report(lint.Diagnostic{At: a.ValueLoc(), Message: msg, Fix: fix})
			}
		},
	})
}

// routeAddressProblem explains why v is not a route address and how to
// write it instead.
func routeAddressProblem(v string) (msg, fix string) {
	if v == "" {
		return "<Address> of the route is empty: Windows cannot add a route without a destination", ""
	}
	if addr, size, ok := strings.Cut(v, "/"); ok {
		if pf, err := netip.ParsePrefix(strings.TrimSpace(addr) + "/" + strings.TrimSpace(size)); err == nil {
			net := pf.Masked().Addr()
			return fmt.Sprintf("<Address> is %q, a prefix in CIDR notation: Address takes only the network address and the length goes in <PrefixSize>", v),
				fmt.Sprintf("write <Address>%s</Address><PrefixSize>%d</PrefixSize>", net, pf.Bits())
		}
	}
	if f := strings.Fields(v); len(f) == 2 {
		if a, err := netip.ParseAddr(f[0]); err == nil && a.Is4() {
			if n, ok := maskLength(f[1]); ok {
				net := netip.PrefixFrom(a, n).Masked().Addr()
				return fmt.Sprintf("<Address> is %q, an address with a subnet mask: Address takes only the network address and the prefix length goes in <PrefixSize>", v),
					fmt.Sprintf("write <Address>%s</Address><PrefixSize>%d</PrefixSize>", net, n)
			}
		}
	}
	if a, err := netip.ParseAddr(v); err == nil && a.Zone() != "" {
		return fmt.Sprintf("<Address> is %q, an IPv6 address with a zone index: a route destination has no zone", v),
			"write the address without the %zone suffix"
	}
	if strings.Contains(v, "-") {
		if lo, _, ok := strings.Cut(v, "-"); ok {
			if _, err := netip.ParseAddr(strings.TrimSpace(lo)); err == nil {
				return fmt.Sprintf("<Address> is %q, an address range: a route is a network address with a prefix length", v),
					"write the range as one or more <Route> entries, each a network address with its <PrefixSize>"
			}
		}
	}
	if strings.ContainsAny(v, ",; ") {
		return fmt.Sprintf("<Address> is %q, a list: each <Route> takes one network address", v),
			"write one <Route> element per network"
	}
	return fmt.Sprintf("<Address> is %q, which is not an IPv4 or IPv6 address: routes take network addresses, not names, so Windows cannot add this route", v), ""
}
