package lint

import (
	"fmt"
	"strings"
)

// Select returns the rules that enable and disable leave on. Each pattern is a
// rule ID ("VPN201"), a rule name, a prefix ("CERT", "VPN2", "VPN2*") or "all". For every rule the
// most specific matching pattern decides (an ID beats a prefix, a longer
// prefix a shorter one; on a tie disable wins); with no match a rule is on.
// A pattern that matches no rule is an error, so typos do not pass silently.
func Select(all []*Rule, enable, disable []string) ([]*Rule, error) {
	var unknown []string
	for _, p := range append(append([]string{}, enable...), disable...) {
		if !matchesAny(all, p) {
			unknown = append(unknown, p)
		}
	}
	if len(unknown) > 0 {
		return nil, fmt.Errorf("unknown rule or prefix: %s (see `aovpnlint rules`)", strings.Join(unknown, ", "))
	}
	var out []*Rule
	for _, r := range all {
		on, onLen := true, -1
		for _, p := range enable {
			if l := matchLen(r, p); l > onLen {
				onLen = l
			}
		}
		offLen := -1
		for _, p := range disable {
			offLen = max(offLen, matchLen(r, p))
		}
		if offLen >= 0 && offLen >= onLen {
			on = false
		}
		if on {
			out = append(out, r)
		}
	}
	return out, nil
}

// matchLen is how specific pattern p is for rule r, or -1 when it does not match.
func matchLen(r *Rule, p string) int {
	p = strings.ToUpper(strings.TrimSpace(p))
	switch {
	case p == "ALL" || p == "*":
		return 0
	case p == r.ID || p == strings.ToUpper(r.Name):
		return 100
	}
	// A prefix is a whole category ("CERT") optionally followed by leading
	// digits ("VPN2"): "C" does not select CERT rules.
	p = strings.TrimSuffix(p, "*")
	letters := strings.TrimRight(p, "0123456789")
	if letters != "" && letters == r.Prefix() && strings.HasPrefix(r.ID, p) {
		return len(p)
	}
	return -1
}

func matchesAny(all []*Rule, p string) bool {
	for _, r := range all {
		if matchLen(r, p) >= 0 {
			return true
		}
	}
	return false
}
