package rules

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:            "VPN411",
		Name:          "oma-uri-profile-name-unescaped",
		Severity:      lint.Warning,
		Summary:       "VPNv2 profile name in the OMA-URI or LocURI is not URL-encoded",
		Fix:           "URL-encode the profile name in the URI: a space is %20 (./User/Vendor/MSFT/VPNv2/Always%20On%20VPN/ProfileXML)",
		Tags:          []string{"reliability"},
		WindowsErrors: []string{"0x80070057"},
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			o := prof.Origin
			m := vpnv2URINameRe.FindStringSubmatchIndex(o.URI)
			if m == nil || o.URILoc.StartLine == 0 {
				return
			}
			name := o.URI[m[2]:m[3]]
			bad := unescapedURIChars(name)
			if bad == "" {
				return
			}
			fixed := o.URI[:m[2]] + uriEscapeName(name) + o.URI[m[3]:]
			p.Report(lint.Diagnostic{
				At: o.URILoc,
				Message: fmt.Sprintf("the profile name %q in %s is not URL-encoded (%s): the VPNv2 CSP requires a node name with spaces or other reserved characters to be escaped, so the URI may not address the profile as intended",
					name, o.URI, bad),
				Fix: "use " + fixed,
			})
		},
	})
}

// vpnv2URINameRe finds the profile name node of a VPNv2 OMA-URI or LocURI.
var vpnv2URINameRe = regexp.MustCompile(`(?i)^\./(?:user/|device/)?vendor/msft/vpnv2/([^/]+)`)

// uriUnreserved reports whether c may stand unescaped in a URI path segment
// (RFC 3986 unreserved characters).
func uriUnreserved(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-._~", c) >= 0
}

// unescapedURIChars describes the characters of a node name that should have
// been percent-encoded, or returns "" when the name is properly encoded.
func unescapedURIChars(name string) string {
	var seen []string
	add := func(s string) {
		for _, x := range seen {
			if x == s {
				return
			}
		}
		seen = append(seen, s)
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case uriUnreserved(c):
		case c == '%' && i+2 < len(name) && uriIsHex(name[i+1]) && uriIsHex(name[i+2]):
			i += 2
		case c == ' ':
			add("a space")
		case c == '%':
			add("a '%' that starts no %XX escape")
		case c >= 0x80:
			add("non-ASCII characters")
		default:
			add(fmt.Sprintf("%q", string(c)))
		}
	}
	return strings.Join(seen, ", ")
}

func uriIsHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// uriEscapeName percent-encodes what unescapedURIChars objects to, keeping
// valid %XX escapes.
func uriEscapeName(name string) string {
	var b strings.Builder
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case uriUnreserved(c):
			b.WriteByte(c)
		case c == '%' && i+2 < len(name) && uriIsHex(name[i+1]) && uriIsHex(name[i+2]):
			b.WriteString(name[i : i+3])
			i += 2
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
