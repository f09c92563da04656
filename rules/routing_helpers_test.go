package rules

import (
	"net/netip"
	"testing"
)

func TestMaskLength(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
		ok   bool
	}{
		{"255.255.255.255", 32, true},
		{"255.255.240.0", 20, true},
		{"255.0.0.0", 8, true},
		{"0.0.0.0", 0, true},
		{"255.0.255.0", 0, false}, // not contiguous
		{"10.0.0.0", 0, false},
		{"24", 0, false},
		{"ffff::", 0, false},
	} {
		n, ok := maskLength(tc.in)
		if n != tc.want || ok != tc.ok {
			t.Errorf("maskLength(%q) = %d, %v; want %d, %v", tc.in, n, ok, tc.want, tc.ok)
		}
	}
}

func TestSplitList(t *testing.T) {
	v := " .a.com, .b.com;;.c.com "
	got := splitList(v, ",;")
	want := []string{".a.com", ".b.com", ".c.com"}
	if len(got) != len(want) {
		t.Fatalf("splitList(%q) = %v, want %v", v, got, want)
	}
	for i, it := range got {
		if it.Text != want[i] || v[it.I:it.J] != want[i] {
			t.Errorf("item %d = %+v (%q), want %q", i, it, v[it.I:it.J], want[i])
		}
	}
}

func TestPublicAddr(t *testing.T) {
	for in, want := range map[string]bool{
		"8.8.8.8":          true,
		"20.30.40.50":      true,
		"2606:4700::1111":  true,
		"::ffff:8.8.8.8":   true,
		"10.0.0.10":        false,
		"100.64.0.1":       false,
		"192.0.2.10":       false, // documentation
		"192.0.0.170":      false, // IETF protocol assignments
		"198.18.0.1":       false, // benchmarking
		"fd00::53":         false,
		"fe80::1":          false,
		"127.0.0.1":        false,
		"224.0.0.251":      false,
		"2001:db8::53":     false,
		"255.255.255.255":  false,
		"0.0.0.0":          false,
		"240.0.0.1":        false,
		"169.254.10.10":    false,
		"172.31.255.255":   false,
		"172.32.0.1":       true,
		"2001:4860:4860::": true,
	} {
		if got := publicAddr(netip.MustParseAddr(in)); got != want {
			t.Errorf("publicAddr(%s) = %v, want %v", in, got, want)
		}
	}
}

func TestRoutePrefix(t *testing.T) {
	for _, tc := range []struct {
		addr, size string
		want       string // "" for not ok
	}{
		{"10.1.2.3", "16", "10.1.2.3/16"},
		{" 10.0.0.0 ", " 8 ", "10.0.0.0/8"},
		{"10.0.0.0", "33", ""},
		{"2001:db8::", "128", "2001:db8::/128"},
		{"2001:db8::", "129", ""},
		{"10.0.0.0", "-1", ""},
		{"10.0.0.0", "+8", ""},
		{"fe80::1%3", "64", ""},
		{"vpn.contoso.com", "32", ""},
	} {
		pf, ok := prefixOf(tc.addr, tc.size)
		got := ""
		if ok {
			got = pf.String()
		}
		if got != tc.want {
			t.Errorf("route %q/%q = %q, want %q", tc.addr, tc.size, got, tc.want)
		}
	}
}
