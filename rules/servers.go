package rules

import (
	"net/netip"
	"strconv"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint/model"
)

// Helpers for the <Servers> rules (VPN102, VPN103, VPN104): how to read a
// server entry's host part and what kind of name or address it is.

// serverAddr parses a Servers host as an IP address: plain ("10.0.0.1",
// "fd00::1"), bracketed ("[fd00::1]") or with a port ("10.0.0.1:443",
// "[fd00::1]:443"). IPv4-mapped IPv6 addresses are unmapped.
func serverAddr(host string) (netip.Addr, bool) {
	if !model.MaybeIP(host) {
		return netip.Addr{}, false // a DNS name: the parsers below would allocate errors for it
	}
	if a, err := netip.ParseAddr(host); err == nil {
		return a.Unmap(), true
	}
	if inner, ok := strings.CutPrefix(host, "["); ok {
		if inner, ok := strings.CutSuffix(inner, "]"); ok {
			if a, err := netip.ParseAddr(inner); err == nil {
				return a.Unmap(), true
			}
		}
	}
	if ap, err := netip.ParseAddrPort(host); err == nil {
		return ap.Addr().Unmap(), true
	}
	return netip.Addr{}, false
}

var (
	cgnat = netip.MustParsePrefix("100.64.0.0/10")
	// documentation ranges (RFC 5737, RFC 3849): never a real server
	docPrefixes = []netip.Prefix{
		netip.MustParsePrefix("192.0.2.0/24"),
		netip.MustParsePrefix("198.51.100.0/24"),
		netip.MustParsePrefix("203.0.113.0/24"),
		netip.MustParsePrefix("2001:db8::/32"),
	}
)

// unreachableClass names the kind of address a client on the internet cannot
// reach (private, shared CGNAT, link-local, loopback, unspecified), or returns
// "" for any other address.
func unreachableClass(a netip.Addr) string {
	switch {
	case a.IsUnspecified():
		return "the unspecified address"
	case a.IsLoopback():
		return "a loopback address"
	case a.IsLinkLocalUnicast():
		if a.Is4() {
			return "a link-local address (169.254.0.0/16)"
		}
		return "a link-local address (fe80::/10)"
	case a.IsPrivate():
		return "a private address (" + privateRange(a) + ")"
	case cgnat.Contains(a):
		return "a shared carrier-grade NAT address (100.64.0.0/10)"
	}
	return ""
}

func privateRange(a netip.Addr) string {
	for _, p := range []string{"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"} {
		if netip.MustParsePrefix(p).Contains(a) {
			return p
		}
	}
	return "RFC 1918"
}

// reservedSuffixes are the names RFC 2606 and RFC 6761 set aside for examples
// and testing: no real VPN server answers under them.
var reservedSuffixes = []string{"example.com", "example.net", "example.org", "example", "invalid", "localhost"}

// placeholderWords appear in template values that were never filled in.
var placeholderWords = []string{"changeme", "placeholder", "server.fqdn"}

// placeholderReason says why host looks like a template placeholder rather
// than a real server name, or returns "".
func placeholderReason(host string) string {
	h := strings.TrimSuffix(strings.ToLower(strings.TrimSpace(host)), ".")
	if h == "" {
		return ""
	}
	if a, ok := serverAddr(h); ok {
		for _, p := range docPrefixes {
			if p.Contains(a) {
				return p.String() + " is reserved for documentation"
			}
		}
		return ""
	}
	for _, s := range reservedSuffixes {
		if h == s || strings.HasSuffix(h, "."+s) {
			return s + " is reserved for examples and testing"
		}
	}
	if strings.ContainsAny(h, "<>{}[]") {
		return "it contains template brackets"
	}
	for _, w := range placeholderWords {
		if strings.Contains(h, w) {
			return "it contains the placeholder text " + strconv.Quote(w)
		}
	}
	if ipTemplate(h) {
		return "it is an IP address template"
	}
	for _, tok := range strings.FieldsFunc(h, func(r rune) bool { return r == '.' || r == '-' || r == '_' || r == ' ' }) {
		if yourPlaceholder(tok) || tok == "fqdn" || (len(tok) >= 3 && strings.Trim(tok, "x") == "") {
			return "it contains the placeholder text " + strconv.Quote(tok)
		}
	}
	if strings.Contains(host, "YOUR") {
		return "it contains the placeholder text \"YOUR\""
	}
	return ""
}

// yourWords follow "your" in template names: yourdomain, your-vpn-server.
var yourWords = []string{"", "domain", "company", "server", "vpn", "org", "organization", "tenant", "fqdn", "host", "gateway", "gw", "name", "site", "corp", "public", "external", "url", "address", "ip", "fw", "firewall", "endpoint"}

// yourPlaceholder matches a lowercased name part that is "your" followed by a
// template word ("yourdomain", "yourvpnserver"), but not a real name that
// merely starts with the letters ("youreka").
func yourPlaceholder(tok string) bool {
	rest, ok := strings.CutPrefix(tok, "your")
	if !ok {
		return false
	}
	for _, w := range yourWords {
		if (w != "" && strings.HasPrefix(rest, w)) || rest == w {
			return true
		}
	}
	return false
}

// ipTemplate matches dotted quads with x for digits: "10.x.x.x", "x.x.x.x".
func ipTemplate(h string) bool {
	labels := strings.Split(h, ".")
	if len(labels) != 4 {
		return false
	}
	var xs int
	for _, l := range labels {
		switch {
		case l != "" && strings.Trim(l, "x") == "":
			xs++
		case l == "" || strings.Trim(l, "0123456789") != "":
			return false
		}
	}
	return xs > 0
}

// isSingleLabel reports whether host is a name without a dot (not an IP
// address): a NetBIOS-style or internal short name.
func isSingleLabel(host string) bool {
	h := strings.TrimSuffix(strings.TrimSpace(host), ".")
	if h == "" || strings.Contains(h, ".") {
		return false
	}
	_, isIP := serverAddr(h)
	return !isIP
}
