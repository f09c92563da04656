package rules

import (
	"fmt"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "VPN705",
		Name:     "route-prefix-size-invalid",
		Severity: lint.Error,
		Summary:  "Route PrefixSize is not a valid prefix length (0-32 IPv4, 0-128 IPv6)",
		Fix:      "set <PrefixSize> to the network's prefix length: 0-32 for an IPv4 address, 0-128 for IPv6",
		Tags:     []string{"reliability", "routing"},
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			for _, r := range prof.Routes {
				ps := r.PrefixSize
				if ps == nil || skipValue(ps) {
					continue // a missing PrefixSize is a schema finding
				}
				v := ps.Value()
				a, addrOK := routeAddr(r.Address.Value())
				maxLen, family := 128, "an IPv6"
				if addrOK && a.Is4() {
					maxLen, family = 32, "an IPv4"
				}
				n, ok := routePrefixSize(v)
				switch {
				case ok && addrOK && n <= maxLen:
					continue
				case ok && addrOK:
					p.Reportf(ps.ValueLoc(), "<PrefixSize> is %s for %s address (%s): the prefix length of %s route is 0-%d, so Windows cannot add this route", v, family, a, family, maxLen)
				case ok && n <= 128:
					continue // the Address is VPN704's finding
				case ok:
					p.Reportf(ps.ValueLoc(), "<PrefixSize> is %s: no prefix is longer than 128 bits (IPv6) or 32 bits (IPv4), so Windows cannot add this route", v)
				default:
					msg, fix := prefixSizeProblem(v)
					p.Report(lint.Diagnostic{At: ps.ValueLoc(), Message: msg, Fix: fix})
				}
			}
		},
	})
}

// prefixSizeProblem explains a PrefixSize that is not a number.
func prefixSizeProblem(v string) (msg, fix string) {
	switch {
	case v == "":
		return "<PrefixSize> of the route is empty: Windows cannot add a route without a prefix length", ""
	case strings.HasPrefix(v, "/"):
		if n, ok := routePrefixSize(v[1:]); ok {
			return fmt.Sprintf("<PrefixSize> is %q: the prefix length is a bare number, without the slash", v),
				fmt.Sprintf("write <PrefixSize>%d</PrefixSize>", n)
		}
	}
	if n, ok := maskLength(v); ok {
		return fmt.Sprintf("<PrefixSize> is %q, a subnet mask: PrefixSize takes the prefix length, which for this mask is %d", v, n),
			fmt.Sprintf("write <PrefixSize>%d</PrefixSize>", n)
	}
	return fmt.Sprintf("<PrefixSize> is %q, which is not a prefix length: Windows cannot add this route", v), ""
}
