package rules

import (
	"fmt"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:            "VPN402",
		Name:          "script-instance-id-not-escaped",
		Severity:      lint.Error,
		Summary:       "Profile name sent as the CIM InstanceID is not URL-escaped (space, / and others)",
		Fix:           "send the name URL-escaped: $ProfileNameEscaped = [uri]::EscapeDataString($ProfileName) (or -replace ' ', '%20'), and keep / out of the name",
		Tags:          []string{"reliability", "script"},
		WindowsErrors: []string{"0x80070057"},
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			o := prof.Origin
			if o.Container != model.KindPowerShell || o.InstanceID == "" || o.InstanceIDLoc.StartLine == 0 {
				return
			}
			bad := instanceIDUnescaped(o.InstanceID)
			if len(bad) == 0 {
				return
			}
			how := "the script does not URL-escape it"
			if sf := o.Script; sf != nil && sf.NameEscaped {
				how = "the script's escaping leaves it in"
				if len(bad) > 1 {
					how = "the script's escaping leaves them in"
				}
			}
			why := "the WMI bridge takes InstanceID as the name of the VPNv2 CSP node, which must be URL-escaped, so Windows does not create the profile under that name"
			fix := fmt.Sprintf("send %q: $ProfileNameEscaped = [uri]::EscapeDataString($ProfileName)", escapeDataString(o.InstanceID))
			if strings.Contains(o.InstanceID, "/") {
				why = "a profile name must not contain / (the CSP node name is a path segment), escaped or not"
				fix = "choose a profile name without /"
			}
			var related []lint.Related
			if sf := o.Script; sf != nil && sf.ProfileName != "" && sf.ProfileNameLoc.StartLine > 0 && sf.ProfileNameLoc != o.InstanceIDLoc {
				related = append(related, lint.Related{Location: sf.ProfileNameLoc, Message: "the profile name is set here"})
			}
			p.Report(lint.Diagnostic{
				At:      o.InstanceIDLoc,
				Message: fmt.Sprintf("InstanceID %q contains %s and %s: %s", o.InstanceID, strings.Join(bad, ", "), how, why),
				Fix:     fix,
				Related: related,
			})
		},
	})
}

// instanceIDUnescaped names the characters of a CSP node name that must be
// URL-escaped (or, for /, are not allowed): white space, controls and the
// characters RFC 3986 does not allow in a path segment. A %XX escape and the
// sub-delimiters a path segment may carry are fine.
func instanceIDUnescaped(id string) []string {
	var out []string
	add := func(s string) {
		for _, x := range out {
			if x == s {
				return
			}
		}
		out = append(out, s)
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		switch {
		case c == ' ':
			add("a space")
		case c < 0x20 || c == 0x7f || c == '\t':
			add("a control character")
		case c == '/':
			add(`"/"`)
		case c == '%':
			if i+2 >= len(id) || !isHexDigit(id[i+1]) || !isHexDigit(id[i+2]) {
				add(`"%" that starts no %XX escape`)
			}
		case strings.IndexByte("\"#<>?\\^`{|}[]", c) >= 0:
			add(fmt.Sprintf("%q", string(c)))
		}
	}
	return out
}

func isHexDigit(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// escapeDataString percent-encodes all but RFC 3986 unreserved characters
// and existing %XX escapes, as [uri]::EscapeDataString does for a name.
func escapeDataString(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', strings.IndexByte("-_.~", c) >= 0:
			b.WriteByte(c)
		case c == '%' && i+2 < len(s) && isHexDigit(s[i+1]) && isHexDigit(s[i+2]):
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}
