package rules

import (
	"regexp"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "VPN403",
		Name:     "template-placeholder",
		Severity: lint.Error,
		Summary:  "Template placeholder (YOUR..., example.com, xxx, zero hash) left in the profile",
		Fix:      "replace the placeholder with the real value before deploying the profile",
		Tags:     []string{"reliability", "template"},
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			// VPN102 judges the server names: neither <Servers> nor a script
			// value that also went into it is reported again.
			var servers *model.Node
			var serverLocs []model.Location
			if prof.Native != nil {
				servers = prof.Native.Servers
				for _, s := range prof.Native.ServerList {
					serverLocs = append(serverLocs, s.Loc)
				}
			}
			seen := map[[2]int]bool{}
			report := func(at model.Location, format string, args ...any) {
				k := [2]int{at.StartLine, at.StartColumn}
				if seen[k] {
					return // one value interpolated into several elements
				}
				for _, l := range serverLocs {
					if locWithin(at, l) {
						return
					}
				}
				seen[k] = true
				p.Reportf(at, format, args...)
			}
			var walk func(n *model.Node, depth int)
			walk = func(n *model.Node, depth int) {
				if n == nil || depth > model.MaxDepth || n.Space == model.UnresolvedNS {
					return
				}
				for _, c := range n.Children {
					walk(c, depth+1)
				}
				if len(n.Children) > 0 || n == servers || n.Name == "Configuration" || secretElement(n) {
					return // a secret's value is never shown (VPN604, VPN611)
				}
				v := n.Value()
				if n.Name == "TrustedRootCA" && eapThumbprintProblem(v) != "" {
					return // VPN205 reports a malformed or all-zero TrustedRootCA
				}
				if i, j, what := profilePlaceholder(v); what != "" {
					report(n.SubLoc(i, j), "<%s> is %q, which holds the template placeholder %q (%s): Windows takes it as the real value", n.Name, v, v[i:j], what)
				}
			}
			walk(prof.Root, 0)
			if eap := prof.Eap(); eap != nil && eap.Embedded != nil {
				walk(eap.Embedded.Root, 0)
			}
			if sf := prof.Origin.Script; sf != nil && sf.ProfileName != "" && sf.ProfileNameLoc.StartLine > 0 {
				if i, j, what := profilePlaceholder(sf.ProfileName); what != "" {
					report(sf.ProfileNameLoc, "the profile name %q holds the template placeholder %q (%s): the VPN connection is created under that name", sf.ProfileName, sf.ProfileName[i:j], what)
				}
			}
		},
	})
}

// profilePlaceholder finds a placeholder in a profile value: a template
// stand-in (templatePlaceholder), a name under a domain reserved for examples
// (corp.example.net), the text of Microsoft's sample ("This is my Eku") or an
// all-zero hash. It returns the placeholder's byte range and what it is.
func profilePlaceholder(v string) (int, int, string) {
	if i, j, what := templatePlaceholder(v); what != "" {
		return i, j, what
	}
	if v == "" || len(v) > 1024 {
		return 0, 0, ""
	}
	if len(v) >= len(sampleTextPrefix) && strings.EqualFold(v[:len(sampleTextPrefix)], sampleTextPrefix) {
		return 0, len(v), "the text of Microsoft's sample profile"
	}
	if i, j, domain := exampleDomain(v); domain != "" {
		return i, j, "a name under " + domain + ", which RFC 2606 reserves for examples"
	}
	if i, j, ok := zeroHash(v); ok {
		return i, j, "an all-zero hash, not the thumbprint of a real certificate"
	}
	return 0, 0, ""
}

// sampleTextPrefix starts the stand-in values of Microsoft's sample profile:
// <Eku>This is my Eku</Eku>, <IssuerHash>This is my issuer hash</IssuerHash>.
const sampleTextPrefix = "this is my "

// exampleDomains are the second-level names RFC 2606 reserves for examples.
var exampleDomains = []string{"example.com", "example.net", "example.org"}

// exampleDomain finds a host name under example.com, example.net or
// example.org in v ("proxy.corp.example.net" in a URL, ".corp.example.net")
// and returns its byte range and the reserved domain. A longer name that
// merely contains one ("myexample.com", "example.com.au") is not it.
func exampleDomain(v string) (int, int, string) {
	lower := strings.ToLower(v)
	for from := 0; from < len(lower); {
		best, bestDomain := -1, ""
		for _, d := range exampleDomains {
			if k := strings.Index(lower[from:], d); k >= 0 && (best < 0 || from+k < best) {
				best, bestDomain = from+k, d
			}
		}
		if best < 0 {
			return 0, 0, ""
		}
		end := best + len(bestDomain)
		before := best == 0 || !isHostByte(lower[best-1]) || lower[best-1] == '.'
		after := end == len(lower) || !isHostByte(lower[end]) ||
			lower[end] == '.' && (end+1 == len(lower) || !isHostByte(lower[end+1]))
		if before && after {
			start := best
			for start > 0 && isHostByte(lower[start-1]) {
				start--
			}
			for start < best && lower[start] == '.' {
				start++
			}
			return start, end, bestDomain
		}
		from = best + 1
	}
	return 0, 0, ""
}

// isHostByte reports whether c can be part of a DNS name.
func isHostByte(c byte) bool { return isWordByte(c) || c == '-' || c == '.' || c == '_' }

// zeroHash finds an item of v (items separated by commas or semicolons) made
// of at least 20 zeros and spaces: an all-zero thumbprint.
func zeroHash(v string) (int, int, bool) {
	start := 0
	for i := 0; i <= len(v); i++ {
		if i < len(v) && v[i] != ',' && v[i] != ';' {
			continue
		}
		item := v[start:i]
		lead := len(item) - len(strings.TrimLeft(item, " \t\r\n"))
		t := strings.TrimSpace(item)
		if zeros := strings.Count(t, "0"); zeros >= 20 && strings.Trim(t, "0 \t") == "" {
			return start + lead, start + lead + len(t), true
		}
		start = i + 1
	}
	return 0, 0, false
}

// bracketPlaceholderRe matches "<your server>" style placeholders in a
// decoded value.
var bracketPlaceholderRe = regexp.MustCompile(`<([A-Za-z][A-Za-z0-9 _.\-]{0,60})>`)

// templatePlaceholder finds a clear template placeholder in a value: a part
// that is or starts with YOUR (YOUR_SERVER, yourdomain, your-vpn), a
// <bracketed> stand-in, xxx, CHANGEME, PLACEHOLDER or an x.x.x.x address. It
// returns the placeholder's byte range and what it is, or "" when there is
// none.
func templatePlaceholder(v string) (int, int, string) {
	if v == "" || len(v) > 1024 {
		return 0, 0, ""
	}
	if !strings.Contains(v, "</") && !strings.Contains(v, "/>") && !strings.Contains(v, `="`) {
		if m := bracketPlaceholderRe.FindStringIndex(v); m != nil {
			return m[0], m[1], "text in angle brackets"
		}
	}
	if !mayHoldPlaceholder(v) {
		return 0, 0, ""
	}
	lower := strings.ToLower(v)
	for _, w := range []string{"changeme", "change_me", "change-me"} {
		if i := strings.Index(lower, w); i >= 0 {
			return i, i + len(w), "the word CHANGEME"
		}
	}
	// parts between separators, with their offsets
	for i := 0; i < len(v); {
		if !isWordByte(v[i]) {
			i++
			continue
		}
		j := i
		for j < len(v) && isWordByte(v[j]) {
			j++
		}
		tok := v[i:j]
		lt := strings.ToLower(tok)
		switch {
		case tok == "YOUR" || strings.HasPrefix(tok, "YOUR") && strings.ToUpper(tok) == tok:
			return i, placeholderEnd(v, i, j), "a part starting with YOUR"
		case lt == "your" && j < len(v) && (v[j] == '-' || v[j] == '_'):
			return i, placeholderEnd(v, i, j), "a part starting with your-"
		case lt != "your" && yourPlaceholder(lt):
			return i, j, "a part starting with your"
		case len(tok) >= 3 && strings.Trim(lt, "x") == "":
			return i, j, "a part made only of x"
		case lt == "placeholder":
			return i, j, "the word placeholder"
		}
		i = j
	}
	if ipTemplate(lower) {
		return 0, len(v), "an IP address template"
	}
	return 0, 0, ""
}

// mayHoldPlaceholder is the cheap test that rules out almost every value:
// each placeholder below holds "change", "your", "placeholder" or an x, in
// any case.
func mayHoldPlaceholder(v string) bool {
	for i := 0; i < len(v); i++ {
		switch v[i] | 0x20 {
		case 'x':
			return true
		case 'c', 'y', 'p':
			r := v[i:]
			if hasPrefixFold(r, "change") || hasPrefixFold(r, "your") || hasPrefixFold(r, "placeholder") {
				return true
			}
		}
	}
	return false
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// placeholderEnd extends a YOUR placeholder over the parts joined to it by
// '-', '_' or ' ' that are written the same way (YOUR_VPN_SERVER, your-vpn-server).
func placeholderEnd(v string, i, j int) int {
	upper := strings.ToUpper(v[i:j]) == v[i:j]
	for j < len(v) && (v[j] == '-' || v[j] == '_' || v[j] == ' ' && upper) {
		k := j + 1
		for k < len(v) && isWordByte(v[k]) {
			k++
		}
		part := v[j+1 : k]
		if part == "" || upper && strings.ToUpper(part) != part || !upper && strings.ToLower(part) != part {
			break
		}
		j = k
	}
	return j
}

// locWithin reports whether at starts inside l.
func locWithin(at, l model.Location) bool {
	if at.Path != l.Path {
		return false
	}
	after := at.StartLine > l.StartLine || at.StartLine == l.StartLine && at.StartColumn >= l.StartColumn
	before := at.StartLine < l.EndLine || at.StartLine == l.EndLine && at.StartColumn < l.EndColumn
	return after && before
}
