package rules

import (
	"net/netip"
	"strconv"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint/model"
)

// Helpers for the routing and DNS rules (VPN701-VPN714): which routes a
// profile adds to the tunnel, how a route's prefix reads, and what kind of
// name an NRPT rule holds.

// listItem is one entry of a comma-separated value, with its byte range in
// the value.
type listItem struct {
	Text string
	I, J int
}

// splitList splits a value at any of seps, trimming white space around each
// entry and dropping empty ones; the ranges point into v.
func splitList(v, seps string) []listItem {
	var out []listItem
	start := 0
	for i := 0; i <= len(v); i++ {
		if i < len(v) && !strings.ContainsRune(seps, rune(v[i])) {
			continue
		}
		part := v[start:i]
		lead := len(part) - len(strings.TrimLeft(part, " \t\r\n"))
		text := strings.TrimSpace(part)
		if text != "" {
			out = append(out, listItem{Text: text, I: start + lead, J: start + lead + len(text)})
		}
		start = i + 1
	}
	return out
}

// skipValue reports whether a rule should not judge n's value: it is set by a
// script at run time, or it is a template placeholder that VPN403 reports.
func skipValue(n *model.Node) bool {
	if n.HoldsUnresolved() {
		return true
	}
	_, _, what := templatePlaceholder(n.Value())
	return what != ""
}

// routingPolicy returns the profile's NativeProfile/RoutingPolicyType as
// "SplitTunnel", "ForceTunnel" or "" (absent, unknown or not native).
func routingPolicy(prof *model.Profile) string {
	if prof.Native == nil {
		return ""
	}
	switch r := prof.Native.RoutingPolicyType; {
	case r.Is("SplitTunnel"):
		return "SplitTunnel"
	case r.Is("ForceTunnel"):
		return "ForceTunnel"
	}
	return ""
}

// inclusionRoutes returns the profile's <Route> entries that send traffic
// into the tunnel (ExclusionRoute not true).
func inclusionRoutes(prof *model.Profile) []model.Route {
	var out []model.Route
	for _, r := range prof.Routes {
		if !r.ExclusionRoute.IsTrue() {
			out = append(out, r)
		}
	}
	return out
}

// routesFromElsewhere says where the tunnel gets routes other than from
// <Route> entries and the class-based route: the server's IKEv2 traffic
// selectors (PlumbIKEv2TSAsRoutes), or an app traffic filter that force
// tunnels its app. It returns "" when there is no such source.
func routesFromElsewhere(prof *model.Profile) string {
	if prof.Native != nil && prof.Native.Node.Child("PlumbIKEv2TSAsRoutes").IsTrue() {
		return "PlumbIKEv2TSAsRoutes"
	}
	for _, f := range prof.TrafficFilters {
		if f.RoutingPolicyType.Is("ForceTunnel") {
			return "TrafficFilter/RoutingPolicyType"
		}
	}
	return ""
}

// routeAddr parses a route's Address: a plain IPv4 or IPv6 address without a
// zone. IPv4-mapped IPv6 addresses stay IPv6, as written.
func routeAddr(v string) (netip.Addr, bool) {
	a, err := netip.ParseAddr(strings.TrimSpace(v))
	if err != nil || a.Zone() != "" {
		return netip.Addr{}, false
	}
	return a, true
}

// routePrefixSize parses a route's PrefixSize as a plain decimal number.
func routePrefixSize(v string) (int, bool) {
	v = strings.TrimSpace(v)
	if v == "" || strings.Trim(v, "0123456789") != "" || len(v) > 4 {
		return 0, false
	}
	n, err := strconv.Atoi(v)
	return n, err == nil
}

// routePrefix returns the route's prefix as written (host bits kept), when
// Address is an IP address and PrefixSize a length valid for its family.
func routePrefix(r model.Route) (netip.Prefix, bool) {
	return prefixOf(r.Address.Value(), r.PrefixSize.Value())
}

// prefixOf is routePrefix on the two values.
func prefixOf(addr, size string) (netip.Prefix, bool) {
	a, ok := routeAddr(addr)
	if !ok {
		return netip.Prefix{}, false
	}
	n, ok := routePrefixSize(size)
	if !ok || n > a.BitLen() {
		return netip.Prefix{}, false
	}
	return netip.PrefixFrom(a, n), true
}

// maskLength returns the prefix length of a dotted IPv4 subnet mask
// ("255.255.240.0" is 20), or false when v is not a contiguous mask.
func maskLength(v string) (int, bool) {
	a, err := netip.ParseAddr(strings.TrimSpace(v))
	if err != nil || !a.Is4() {
		return 0, false
	}
	b := a.As4()
	bits := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
	n := 0
	for n < 32 && bits&(1<<(31-n)) != 0 {
		n++
	}
	if n < 32 && bits<<n != 0 {
		return 0, false // ones after a zero: not a mask
	}
	return n, true
}

// profileDomains returns the DNS domains the profile names as its own: the
// DnsSuffix and TrustedNetworkDetection entries, lowercased, without dots at
// either end.
func profileDomains(prof *model.Profile) []string {
	var out []string
	for _, n := range []*model.Node{prof.DNSSuffix, prof.TrustedNetworkDetection} {
		if n.HoldsUnresolved() {
			continue
		}
		for _, it := range splitList(n.Value(), ",;") {
			if d := normDomain(it.Text); d != "" {
				out = append(out, d)
			}
		}
	}
	return out
}

// normDomain lowercases a DNS name and drops the dots at either end.
func normDomain(s string) string {
	return strings.Trim(strings.ToLower(strings.TrimSpace(s)), ".")
}

// underDomain reports whether name is domain or a name below it.
func underDomain(name, domain string) bool {
	return name == domain || strings.HasSuffix(name, "."+domain)
}

// internalTLDs are the suffixes of names that exist only inside an
// organisation: never delegated in public DNS (.local is mDNS, RFC 6762;
// .internal is reserved for private use, home.arpa is RFC 8375's), or the
// customary private ones (.corp, .lan, .intranet).
var internalTLDs = []string{"local", "corp", "internal", "lan", "intranet", "home.arpa"}

// internalReason says why an NRPT namespace looks internal (only resolvable
// by the organisation's own DNS servers), or returns "".
func internalReason(name string, prof *model.Profile) string {
	d := normDomain(name)
	if d == "" {
		return "" // "." is the whole namespace
	}
	if !strings.Contains(d, ".") {
		return "it is a single-label name"
	}
	for _, t := range internalTLDs {
		if underDomain(d, t) {
			return "." + t + " names exist only in private DNS"
		}
	}
	for _, own := range profileDomains(prof) {
		if underDomain(d, own) {
			return "it is under " + own + ", the profile's own DNS suffix or trusted network"
		}
	}
	return ""
}

// publicResolvers are the well-known public recursive DNS services: they
// resolve public names only.
var publicResolvers = map[string]string{
	"8.8.8.8":              "Google Public DNS",
	"8.8.4.4":              "Google Public DNS",
	"2001:4860:4860::8888": "Google Public DNS",
	"2001:4860:4860::8844": "Google Public DNS",
	"1.1.1.1":              "Cloudflare DNS",
	"1.0.0.1":              "Cloudflare DNS",
	"2606:4700:4700::1111": "Cloudflare DNS",
	"2606:4700:4700::1001": "Cloudflare DNS",
	"9.9.9.9":              "Quad9",
	"149.112.112.112":      "Quad9",
	"2620:fe::fe":          "Quad9",
	"2620:fe::9":           "Quad9",
	"208.67.222.222":       "OpenDNS",
	"208.67.220.220":       "OpenDNS",
	"2620:119:35::35":      "OpenDNS",
	"2620:119:53::53":      "OpenDNS",
	"4.2.2.1":              "Level 3 public DNS",
	"4.2.2.2":              "Level 3 public DNS",
	"94.140.14.14":         "AdGuard DNS",
	"94.140.15.15":         "AdGuard DNS",
}

// publicAddr reports whether a is a global unicast address on the internet:
// not private, shared (CGNAT), link-local, loopback or reserved for
// documentation.
func publicAddr(a netip.Addr) bool {
	a = a.Unmap()
	if !a.IsGlobalUnicast() || unreachableClass(a) != "" {
		return false
	}
	for _, p := range docPrefixes {
		if p.Contains(a) {
			return false
		}
	}
	for _, p := range specialPrefixes {
		if p.Contains(a) {
			return false
		}
	}
	return true
}

// specialPrefixes are IPv4 ranges of the IANA special-purpose registry that
// are no internet hosts: "this network", IETF protocol assignments,
// benchmarking, and the reserved class E.
var specialPrefixes = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("240.0.0.0/4"),
}
