package model

import (
	"net"
	"net/netip"
	"testing"
)

// TestMaybeIP: every string the address parsers accept passes MaybeIP, and
// plain DNS names do not.
func TestMaybeIP(t *testing.T) {
	for _, s := range []string{"10.0.0.1", "::1", "[::1]", "[10.0.0.1]", "10.0.0.1:443", "[fe80::1%eth0]:500", "2001:db8::1", "::ffff:10.0.0.1"} {
		if !MaybeIP(s) {
			t.Errorf("MaybeIP(%q) = false for an address", s)
		}
	}
	for _, s := range []string{"", "vpn.contoso.com", "VPN-A", "1vpn.contoso.com", "10.0.0.1.example"} {
		if MaybeIP(s) {
			t.Errorf("MaybeIP(%q) = true for a name", s)
		}
		if net.ParseIP(s) != nil {
			t.Errorf("net.ParseIP(%q) accepts it: MaybeIP must not reject it", s)
		}
		if _, err := netip.ParseAddr(s); err == nil {
			t.Errorf("netip.ParseAddr(%q) accepts it: MaybeIP must not reject it", s)
		}
	}
}
