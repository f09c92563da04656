package load

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint/model"
)

// suppressMarker starts an inline suppression:
//
//	<!-- aovpnlint:ignore VPN201,VPN202 the lab server has no NPS -->
//	$x = '...' # aovpnlint:ignore VPN401 escaped by the caller
const suppressMarker = "aovpnlint:ignore"

// commentOpener is a comment start that may come before the marker, with the
// end that closes it ("" for the end of the line). XML comments also count
// in their escaped forms, as they appear inside SyncML <Data>, entity-escaped
// scripts and JSON strings.
type commentOpener struct{ open, close string }

var commentOpeners = []commentOpener{
	{"<!--", "-->"},
	{"&lt;!--", "--&gt;"},
	{`\u003c!--`, `--\u003e`},
	{`\u003C!--`, `--\u003E`},
	{"<#", "#>"}, // PowerShell block comment; before "#"
	{"#", ""},    // PowerShell line comment (also in PEM text)
}

// xmlCommentClosers are the ends an XML comment may have, escaped or not;
// the first one found closes it.
var xmlCommentClosers = []string{"-->", "--&gt;", `--\u003e`, `--\u003E`}

// maxSuppressComment bounds how far a suppression comment's end is looked for.
const maxSuppressComment = 4096

// suppressNameRe is a rule ID, rule name or prefix as a suppression lists it.
var suppressNameRe = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]*`)

// Suppressions finds the aovpnlint:ignore comments of a file. A comment
// covers the findings that start on its own lines and, when it stands on a
// line of its own, on the line below; a comment before the root element of
// a ProfileXML or EAP XML file, or right before <VPNProfile> in a container
// (script, dump, SyncML, JSON string), covers the whole file. The comment's text is read in the
// container, so the lines are the container's.
func Suppressions(f *model.File) []*model.Suppression {
	text := f.Src.Text
	if !bytes.Contains(text, []byte(suppressMarker)) {
		return nil
	}
	root := -1
	switch f.Kind {
	case model.KindProfileXML, model.KindEapXML:
		root = rootOffset(text)
	}
	var out []*model.Suppression
	for off := 0; ; {
		i := bytes.Index(text[off:], []byte(suppressMarker))
		if i < 0 {
			break
		}
		i += off
		off = i + len(suppressMarker)
		start, closer, ok := openerBefore(text, i)
		if !ok || (off < len(text) && !isSuppressBreak(text[off])) {
			continue
		}
		bodyEnd, end := commentEnd(text, off, closer)
		names, reason := parseSuppression(string(text[off:bodyEnd]))
		s := &model.Suppression{
			Kind: model.InSource, Loc: f.Src.Span(start, end), Names: names, Reason: reason,
			Path: f.Src.Path,
		}
		s.First, s.Last = s.Loc.StartLine, s.Loc.EndLine
		lineStart := bytes.LastIndexByte(text[:start], '\n') + 1
		if len(bytes.TrimSpace(text[lineStart:start])) == 0 {
			s.Last++ // a comment on a line of its own also covers the line below
		}
		switch {
		case root >= 0:
			s.File = start < root
		case f.Kind != model.KindCert:
			s.File = beforeProfileRoot(text[end:])
		}
		out = append(out, s)
		off = max(off, end)
	}
	return out
}

// openerBefore finds the comment opener that only white space separates from
// the marker at i; it returns where the comment starts and what closes it.
func openerBefore(text []byte, i int) (start int, closer string, ok bool) {
	before := bytes.TrimRight(text[:i], " \t")
	for _, o := range commentOpeners {
		if bytes.HasSuffix(before, []byte(o.open)) {
			return len(before) - len(o.open), o.close, true
		}
	}
	return 0, "", false
}

// isSuppressBreak reports whether b may follow the marker: white space or the
// start of a comment's end. "aovpnlint:ignored" is no marker.
func isSuppressBreak(b byte) bool {
	return b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == '-' || b == '#' || b == '\\'
}

// commentEnd returns where the comment's text ends and where the comment
// ends. A line comment ends with its line (before the line break); an XML
// comment with its first closer, a block comment with "#>". A comment
// without its end is read to the end of the line.
func commentEnd(text []byte, from int, closer string) (bodyEnd, end int) {
	// A comment ends within maxSuppressComment bytes, or is read to the end
	// of its line: unclosed comments cannot make the scan quadratic.
	if len(text)-from > maxSuppressComment {
		text = text[:from+maxSuppressComment]
	}
	eol := len(text)
	if j := bytes.IndexByte(text[from:], '\n'); j >= 0 {
		eol = from + j
	}
	switch closer {
	case "":
		if eol > from && text[eol-1] == '\r' {
			eol--
		}
		return eol, eol
	case "#>":
		if j := bytes.Index(text[from:], []byte(closer)); j >= 0 {
			return from + j, from + j + len(closer)
		}
	default:
		best := -1
		var bestLen int
		for _, c := range xmlCommentClosers {
			if j := bytes.Index(text[from:], []byte(c)); j >= 0 && (best < 0 || j < best) {
				best, bestLen = j, len(c)
			}
		}
		if best >= 0 {
			return from + best, from + best + bestLen
		}
	}
	return eol, eol
}

// parseSuppression splits a comment's text into the rule names (the first
// word and every word after a comma) and the reason (the rest, without a
// leading ":" or "-").
func parseSuppression(body string) (names []string, reason string) {
	s := strings.TrimLeft(body, " \t\r\n")
	for {
		m := suppressNameRe.FindString(s)
		if m == "" {
			break
		}
		names = append(names, m)
		s = s[len(m):]
		t := strings.TrimLeft(s, " \t\r\n")
		if !strings.HasPrefix(t, ",") {
			break
		}
		s = strings.TrimLeft(t[1:], " \t\r\n")
	}
	reason = strings.TrimLeft(strings.TrimSpace(s), ":-–— \t")
	return names, strings.Join(strings.Fields(reason), " ")
}

// rootOffset is the offset of the first element of an XML document, after
// the declaration, comments, processing instructions and a DOCTYPE; -1 when
// there is none.
func rootOffset(text []byte) int {
	i := 0
	for {
		for i < len(text) && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n') {
			i++
		}
		t := text[i:]
		var open, close string
		switch {
		case bytes.HasPrefix(t, []byte("<?")):
			open, close = "<?", "?>"
		case bytes.HasPrefix(t, []byte("<!--")):
			open, close = "<!--", "-->"
		case bytes.HasPrefix(t, []byte("<!")):
			open, close = "<!", ">"
		case bytes.HasPrefix(t, []byte("<")):
			return i
		default:
			return -1
		}
		j := bytes.Index(t[len(open):], []byte(close))
		if j < 0 {
			return -1 // unclosed
		}
		i += len(open) + j + len(close)
	}
}

// beforeProfileRoot reports whether rest, after white space and other
// comments, starts with a <VPNProfile> start tag (escaped or not): the
// comment sits right before the profile in a container.
func beforeProfileRoot(rest []byte) bool {
	for {
		rest = bytes.TrimLeft(rest, " \t\r\n")
		skipped := false
		for _, o := range commentOpeners[:4] {
			if bytes.HasPrefix(rest, []byte(o.open)) {
				_, end := commentEnd(rest, len(o.open), o.close)
				if end <= len(o.open) {
					return false
				}
				rest, skipped = rest[end:], true
				break
			}
		}
		if !skipped {
			break
		}
	}
	for _, lt := range []string{"<", "&lt;", `\u003c`, `\u003C`} {
		if t, ok := bytes.CutPrefix(rest, []byte(lt)); ok {
			if t, ok = bytes.CutPrefix(t, []byte("VPNProfile")); ok {
				return len(t) == 0 || bytes.IndexByte([]byte(" \t\r\n>/&\\"), t[0]) >= 0
			}
		}
	}
	return false
}
