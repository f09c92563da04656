package rules

import (
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

// Helpers for the ServerNames syntax rules (VPN215-VPN218). ServerNames is a
// semicolon-separated list; Windows reads each entry as a regular expression
// (model.ServerNamePatterns). An entry can be written wrongly in four ways,
// checked in this order, and each entry is reported once, by the rule of its
// first mistake, with a fix that corrects all of them.

// serverNameMistake is a way a ServerNames entry is written wrongly.
type serverNameMistake int

const (
	snQuoted  serverNameMistake = iota + 1 // "nps.contoso.com"
	snList                                 // nps1.contoso.com,nps2.contoso.com
	snGlob                                 // *.contoso.com
	snInvalid                              // nps(1.contoso.com
)

// serverNameEntry is one entry of a ServerNames value.
type serverNameEntry struct {
	Text       string // as written, trimmed
	Start, End int    // byte offsets in the element's value
}

// serverNameEntries splits a ServerNames value at semicolons, with offsets.
func serverNameEntries(v string) []serverNameEntry {
	var out []serverNameEntry
	start := 0
	for _, part := range strings.SplitAfter(v, ";") {
		end := start + len(part)
		e := strings.TrimSuffix(part, ";")
		lead := len(e) - len(strings.TrimLeft(e, " \t\r\n"))
		if t := strings.TrimSpace(e); t != "" {
			out = append(out, serverNameEntry{Text: t, Start: start + lead, End: start + lead + len(t)})
		}
		start = end
	}
	return out
}

// serverNameCheck is what is wrong with one entry and how to write it.
type serverNameCheck struct {
	Mistakes []serverNameMistake
	Parts    []string // the names the entry holds, quotes and separators removed
	Globs    []string // the parts that are wildcard patterns
	Invalid  string   // why a part is not a valid regular expression
	Fixed    string   // the corrected entry ("" when it cannot be corrected automatically)
}

// first is the mistake the entry is reported for.
func (c serverNameCheck) first() serverNameMistake {
	if len(c.Mistakes) == 0 {
		return 0
	}
	return c.Mistakes[0]
}

const serverNameQuotes = "\"'\u201c\u201d\u2018\u2019"

// checkServerName looks for the mistakes in one ServerNames entry.
func checkServerName(e string) serverNameCheck {
	var c serverNameCheck
	s := e
	if strings.ContainsAny(s, serverNameQuotes) {
		c.Mistakes = append(c.Mistakes, snQuoted)
		s = strings.Map(func(r rune) rune {
			if strings.ContainsRune(serverNameQuotes, r) {
				return -1
			}
			return r
		}, s)
	}
	c.Parts = []string{strings.TrimSpace(s)}
	if parts := splitNameList(s); len(parts) > 1 {
		c.Mistakes = append(c.Mistakes, snList)
		c.Parts = parts
	}
	var fixed []string
	glob, invalid := false, false
	for _, part := range c.Parts {
		if part == "" {
			continue
		}
		if isGlobName(part) {
			glob = true
			c.Globs = append(c.Globs, part)
			fixed = append(fixed, globToRegexp(part))
			continue
		}
		if why := regexpProblem(part); why != "" {
			if !invalid {
				c.Invalid = why
			}
			invalid = true
			fixed = nil
			break
		}
		fixed = append(fixed, part)
	}
	if glob {
		c.Mistakes = append(c.Mistakes, snGlob)
	}
	if invalid {
		c.Mistakes = append(c.Mistakes, snInvalid)
	}
	if len(fixed) > 0 {
		c.Fixed = strings.Join(fixed, ";")
	}
	return c
}

// splitNameList splits an entry that holds several names separated by
// commas, or by white space between names that each contain a dot (a
// certificate's CN may itself contain a space: "Contoso NPS"). Commas inside
// {m,n} or [...] belong to the regular expression. It returns nil when the
// entry is one name.
func splitNameList(s string) []string {
	var parts []string
	depth := 0
	cur := strings.Builder{}
	flush := func() {
		t := strings.TrimSpace(cur.String())
		cur.Reset()
		if t == "" {
			return
		}
		if f := strings.Fields(t); len(f) > 1 {
			dotted := true
			for _, x := range f {
				dotted = dotted && strings.Contains(x, ".")
			}
			if dotted {
				parts = append(parts, f...)
				return
			}
		}
		parts = append(parts, t)
	}
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case ch == '\\' && i+1 < len(s):
			cur.WriteByte(ch)
			i++
			cur.WriteByte(s[i])
			continue
		case ch == '{' || ch == '[':
			depth++
		case (ch == '}' || ch == ']') && depth > 0:
			depth--
		case depth == 0 && ch == ',':
			flush()
			continue
		}
		cur.WriteByte(ch)
	}
	flush()
	if len(parts) < 2 {
		return nil
	}
	return parts
}

// isGlobName reports whether a name is a wildcard pattern rather than a
// regular expression: only host name characters, '*' and '?', with a '*' that
// does not follow a '.' (".*" is the regular expression for "anything") or a
// '?'.
func isGlobName(s string) bool {
	wild := false
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case ch == '*':
			if i == 0 || s[i-1] != '.' {
				wild = true
			}
		case ch == '?':
			wild = true
		case ch == '.' || ch == '-' || ch == '_' || isWordByte(ch):
		default:
			return false
		}
	}
	return wild
}

// globToRegexp writes a wildcard pattern as the regular expression it was
// meant to be: "*.contoso.com" becomes ".*\.contoso\.com".
func globToRegexp(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch ch := s[i]; ch {
		case '.':
			if i+1 < len(s) && s[i+1] == '*' {
				b.WriteString(".*") // already ".*"
				i++
				continue
			}
			b.WriteString(`\.`)
		case '*':
			b.WriteString(".*")
		case '?':
			b.WriteByte('.')
		default:
			b.WriteByte(ch)
		}
	}
	return b.String()
}

// globExample is a name the wildcard pattern was meant to match ("*" and "?"
// filled in), or "" when the pattern as a regular expression matches it
// anyway.
func globExample(glob string) string {
	r := strings.NewReplacer("*", "01", "?", "1")
	ex := strings.TrimPrefix(r.Replace(glob), ".")
	if strings.HasPrefix(glob, "*") {
		ex = "nps01" + strings.TrimPrefix(glob, "*")
		ex = r.Replace(ex)
	}
	re, err := regexp.Compile(`(?i)^(?:` + glob + `)$`)
	if err == nil && re.MatchString(ex) {
		return ""
	}
	return ex
}

// regexpProblem says why s is not a regular expression in any common
// dialect, or returns "". Errors that only Go's RE2 has (look-arounds,
// unknown escapes, large repeat counts) are not reported: Windows' own
// regular expression engine may accept them.
func regexpProblem(s string) string {
	if !strings.ContainsAny(s, `()[]{}*+?\`) {
		return "" // a plain name: no syntax to get wrong
	}
	_, err := syntax.Parse(s, syntax.Perl)
	if err == nil {
		return ""
	}
	var se *syntax.Error
	if !errors.As(err, &se) {
		return ""
	}
	switch se.Code {
	case syntax.ErrMissingRepeatArgument:
		return fmt.Sprintf("%s has nothing before it to repeat", strings.TrimSpace(se.Expr))
	case syntax.ErrMissingParen:
		return "a ( is not closed"
	case syntax.ErrUnexpectedParen:
		return "a ) has no ( to close"
	case syntax.ErrMissingBracket:
		return "a [ is not closed"
	case syntax.ErrTrailingBackslash:
		return "it ends in a lone \\"
	case syntax.ErrInvalidCharRange:
		return fmt.Sprintf("the character range %s is reversed or invalid", se.Expr)
	}
	return ""
}

// serverNamesApply reports whether a method's ServerNames are checked at all:
// server validation is on and AcceptServerName is not false (VPN201, VPN206
// report those).
func serverNamesApply(m *model.EapMethod) bool {
	return m.ServerValidation != nil && m.ServerValidation.ServerNames != nil &&
		!m.PerformServerValidation.IsFalse() && !m.AcceptServerName.IsFalse()
}

// serverNameOutcome says what happens when no entry matches the RADIUS
// server's certificate: the connection fails, or the user is asked.
func serverNameOutcome(m *model.EapMethod) string {
	return "when no entry matches the server's certificate, " + serverNameFailure(m)
}

// serverNameFailure is what the client does with a server certificate that
// no ServerNames entry matches.
func serverNameFailure(m *model.EapMethod) string {
	if m.ServerValidation.DisablePrompt.IsTrue() {
		return "server validation fails and so does the connection"
	}
	return "users are asked whether to trust the server (\"Continue connecting?\")"
}

// checkServerNames reports the entries of every method's ServerNames whose
// first mistake is want, with report writing the message.
func checkServerNames(p *lint.Pass, cfg *model.EapConfig, want serverNameMistake, report func(m *model.EapMethod, e serverNameEntry, c serverNameCheck) (string, string)) {
	eachServerName(cfg, func(m *model.EapMethod, e serverNameEntry, at lint.Location) {
		if c := checkServerName(e.Text); c.first() == want {
			msg, fix := report(m, e, c)
			p.Report(lint.Diagnostic{At: at, Message: msg, Fix: fix})
		}
	})
}

// eachServerName calls f for every entry of every ServerNames the client
// enforces (literal, not set at run time), with the entry's place.
func eachServerName(cfg *model.EapConfig, f func(m *model.EapMethod, e serverNameEntry, at lint.Location)) {
	for _, m := range cfg.Methods() {
		if !serverNamesApply(m) {
			continue
		}
		sn := m.ServerValidation.ServerNames
		if sn.HoldsUnresolved() {
			continue
		}
		for _, e := range serverNameEntries(sn.Value()) {
			f(m, e, sn.SubLoc(e.Start, e.End))
		}
	}
}

// alsoMistakes names the other mistakes of an entry, for the message:
// "; it is also a wildcard pattern".
func alsoMistakes(c serverNameCheck) string {
	var more []string
	for _, m := range c.Mistakes[1:] {
		switch m {
		case snList:
			more = append(more, "it lists several names in one entry")
		case snGlob:
			more = append(more, "it uses wildcards where a regular expression belongs")
		case snInvalid:
			more = append(more, "it is not a valid regular expression")
		}
	}
	if len(more) == 0 {
		return ""
	}
	return "; also, " + strings.Join(more, ", and ")
}

// serverNameFix is the fix line: the corrected entry, or the generic advice.
func serverNameFix(c serverNameCheck, generic string) string {
	if c.Fixed == "" {
		return generic
	}
	return fmt.Sprintf("write the entry as %s (entries are separated by semicolons, each a regular expression)", c.Fixed)
}

// quoteEntry quotes a ServerNames entry for a message without Go's escaping,
// so that a regular expression's backslashes read as written.
func quoteEntry(s string) string {
	if strings.ContainsAny(s, "\"\r\n") {
		return fmt.Sprintf("%q", s)
	}
	return `"` + s + `"`
}
