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
		Summary:  "Template placeholder (YOUR..., <...>, xxx, CHANGEME) left in the profile",
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
				if len(n.Children) > 0 || n == servers || n.Name == "Configuration" {
					return
				}
				v := n.Value()
				if i, j, what := templatePlaceholder(v); what != "" {
					report(n.SubLoc(i, j), "<%s> is %q, which holds the template placeholder %q (%s): Windows takes it as the real value", n.Name, v, v[i:j], what)
				}
			}
			walk(prof.Root, 0)
			if eap := prof.Eap(); eap != nil && eap.Embedded != nil {
				walk(eap.Embedded.Root, 0)
			}
			if sf := prof.Origin.Script; sf != nil && sf.ProfileName != "" && sf.ProfileNameLoc.StartLine > 0 {
				if i, j, what := templatePlaceholder(sf.ProfileName); what != "" {
					report(sf.ProfileNameLoc, "the profile name %q holds the template placeholder %q (%s): the VPN connection is created under that name", sf.ProfileName, sf.ProfileName[i:j], what)
				}
			}
		},
	})
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
