package rules

import (
	"slices"
	"testing"
)

func TestExampleDomain(t *testing.T) {
	for v, want := range map[string]string{
		"corp.example.net":                        "corp.example.net",
		".corp.example.net":                       "corp.example.net",
		"http://proxy.example.org:8080/proxy.pac": "proxy.example.org",
		"EXAMPLE.COM.":                            "EXAMPLE.COM",
		"a.contoso.com,b.example.com":             "b.example.com",
		"myexample.com":                           "",
		"my-example.com":                          "",
		"example.com.au":                          "",
		"example.community":                       "",
		"corp.contoso.com":                        "",
	} {
		i, j, d := exampleDomain(v)
		got := ""
		if d != "" {
			got = v[i:j]
		}
		if got != want {
			t.Errorf("exampleDomain(%q) = %q, want %q", v, got, want)
		}
	}
}

func TestZeroHash(t *testing.T) {
	for v, want := range map[string]bool{
		"0000000000000000000000000000000000000000":                           true,
		"00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 ":       true,
		"cdd4eeae6000ac7f40c3802c171e30148030c072, 000000000000000000000000": true,
		"0":       false,
		"0.0.0.0": false,
		"0000:0000:0000:0000:0000:0000:0000:0000": false,
	} {
		if _, _, got := zeroHash(v); got != want {
			t.Errorf("zeroHash(%q) = %v, want %v", v, got, want)
		}
	}
}

func TestCheckServerName(t *testing.T) {
	for _, tc := range []struct {
		entry string
		want  []serverNameMistake
		fixed string
	}{
		{"nps1.corp.contoso.com", nil, "nps1.corp.contoso.com"},
		{`.*\.corp\.contoso\.com`, nil, `.*\.corp\.contoso\.com`},
		{`nps[0-9]{1,2}\.contoso\.com`, nil, `nps[0-9]{1,2}\.contoso\.com`},
		{"Contoso NPS", nil, "Contoso NPS"},
		{`"nps1.contoso.com"`, []serverNameMistake{snQuoted}, "nps1.contoso.com"},
		{"nps1.contoso.com,nps2.contoso.com", []serverNameMistake{snList}, "nps1.contoso.com;nps2.contoso.com"},
		{"nps1.contoso.com nps2.contoso.com", []serverNameMistake{snList}, "nps1.contoso.com;nps2.contoso.com"},
		{"*.contoso.com", []serverNameMistake{snGlob}, `.*\.contoso\.com`},
		{"*", []serverNameMistake{snGlob}, ".*"},
		{`"NPS1*.example.net"`, []serverNameMistake{snQuoted, snGlob}, `NPS1.*\.example\.net`},
		{"*.a.com, nps(", []serverNameMistake{snList, snGlob, snInvalid}, ""},
		{`nps(1|2\.contoso\.com`, []serverNameMistake{snInvalid}, ""},
		{`nps(?!x)1\.contoso\.com`, nil, `nps(?!x)1\.contoso\.com`},
	} {
		c := checkServerName(tc.entry)
		if !slices.Equal(c.Mistakes, tc.want) || c.Fixed != tc.fixed {
			t.Errorf("checkServerName(%q) = %v, fixed %q; want %v, %q", tc.entry, c.Mistakes, c.Fixed, tc.want, tc.fixed)
		}
	}
}

func TestServerNameLiteral(t *testing.T) {
	for e, want := range map[string]string{
		"vpn.contoso.com":        "vpn.contoso.com",
		`^vpn\.contoso\.com$`:    "vpn.contoso.com",
		`"vpn.contoso.com"`:      "vpn.contoso.com",
		`.*\.contoso\.com`:       "",
		"vpn1.contoso.com,other": "",
	} {
		if got, _ := serverNameLiteral(e); got != want {
			t.Errorf("serverNameLiteral(%q) = %q, want %q", e, got, want)
		}
	}
}
