package rules

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:            "VPN401",
		Name:          "script-escape-misses-ampersand",
		Severity:      lint.Error,
		Summary:       "Script escapes ProfileXML with -replace but not &, and the profile holds an &",
		Fix:           "escape & first (-replace '&', '&amp;' before the other replacements) or use [System.Security.SecurityElement]::Escape($ProfileXML)",
		Tags:          []string{"reliability", "script"},
		WindowsErrors: []string{"0x80070057"},
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			sf := prof.Origin.Script
			if sf == nil || !sf.EscapeReplace || sf.LiteralEscaped || sf.EscapeFunc != "" || sf.XMLMap == nil ||
				slices.Contains(sf.EscapedChars, "&") {
				return
			}
			at, ok := scriptAmpersandBreaks(sf.XML, sf.EscapedChars)
			if !ok {
				return
			}
			ref := scriptEntityAt(sf.XML, at)
			decoded := "a bare \"&\""
			if r, ok := xmlEntityValue(ref); ok && r != "&" {
				decoded = fmt.Sprintf("%q", r)
			}
			src := prof.Source()
			start := sf.XMLMap.Map(at)
			end := sf.XMLMap.Map(at+len(ref)-1) + 1
			if end <= start {
				end = start + 1
			}
			var related []lint.Related
			if sf.EscapeLoc.StartLine > 0 {
				related = append(related, lint.Related{Location: sf.EscapeLoc, Message: "the -replace escaping that leaves & alone"})
			}
			p.Report(lint.Diagnostic{
				At: src.Span(start, end),
				Message: fmt.Sprintf("the profile holds %q, and the script escapes the XML with -replace for %s but not &: "+
					"the MDM bridge decodes the text once more, %q becomes %s and the XML no longer parses, so Windows rejects the profile "+
					"(New-CimInstance or CreateInstance: \"The parameter is incorrect\")",
					ref, quoteChars(sf.EscapedChars), ref, decoded),
				Related: related,
			})
		},
	})
}

// scriptAmpersandBreaks simulates what the CSP reads: the XML escaped by the
// script's -replace calls (chars), then entity-decoded once. It reports
// whether that text is no longer well-formed, and the offset in x of the
// entity reference to blame: the last one at or before the place the parse
// fails.
func scriptAmpersandBreaks(x []byte, chars []string) (int, bool) {
	refs := scriptEntityRefs(x)
	if len(refs) == 0 {
		return 0, false
	}
	// escape as the script does, keeping each byte's offset in x
	var esc []byte
	var at byteMap
	for i := 0; i < len(x); i++ {
		if e, ok := xmlEscapeOf(x[i], chars); ok {
			esc = append(esc, e...)
			for range len(e) {
				at = append(at, i)
			}
			continue
		}
		esc = append(esc, x[i])
		at = append(at, i)
	}
	sim, m := model.UnescapeXMLText(esc, 0, at)
	off, bad := xmlErrorOffset(sim)
	if !bad {
		return 0, false
	}
	xo := m.Map(off)
	blame := refs[0]
	for _, r := range refs {
		if r <= xo {
			blame = r
		}
	}
	return blame, true
}

// byteMap maps each offset to a recorded one (past the end: the last).
type byteMap []int

func (b byteMap) Map(off int) int {
	switch {
	case len(b) == 0:
		return off
	case off < 0:
		return b[0]
	case off >= len(b):
		return b[len(b)-1] + 1
	}
	return b[off]
}

func xmlEscapeOf(c byte, chars []string) (string, bool) {
	if !slices.Contains(chars, string(c)) {
		return "", false
	}
	switch c {
	case '<':
		return "&lt;", true
	case '>':
		return "&gt;", true
	case '"':
		return "&quot;", true
	case '\'':
		return "&apos;", true
	}
	return "", false
}

// xmlErrorOffset returns where a strict XML parse of text fails.
func xmlErrorOffset(text []byte) (int, bool) {
	d := xml.NewDecoder(bytes.NewReader(text))
	d.Strict = true
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return 0, false
		}
		if err != nil {
			return int(d.InputOffset()), true
		}
	}
}

// scriptEntityRefs returns the offsets of the '&' of every entity or
// character reference in x, outside comments and CDATA sections.
func scriptEntityRefs(x []byte) []int {
	var out []int
	for i := 0; i < len(x); i++ {
		switch {
		case bytes.HasPrefix(x[i:], []byte("<!--")):
			end := bytes.Index(x[i+4:], []byte("-->"))
			if end < 0 {
				return out
			}
			i += 4 + end + 2
		case bytes.HasPrefix(x[i:], []byte("<![CDATA[")):
			end := bytes.Index(x[i+9:], []byte("]]>"))
			if end < 0 {
				return out
			}
			i += 9 + end + 2
		case x[i] == '&':
			out = append(out, i)
		}
	}
	return out
}

// scriptEntityAt returns the reference starting at x[i] ("&amp;"), or "&".
func scriptEntityAt(x []byte, i int) string {
	end := bytes.IndexByte(x[i:min(len(x), i+12)], ';')
	if end < 0 {
		return "&"
	}
	return string(x[i : i+end+1])
}

// xmlEntityValue decodes one reference such as "&amp;" or "&#38;".
func xmlEntityValue(ref string) (string, bool) {
	out, _ := model.UnescapeXMLText([]byte(ref), 0, nil)
	if string(out) == ref {
		return "", false
	}
	return string(out), true
}

// quoteChars lists escaped characters for a message: <, > and ".
func quoteChars(chars []string) string {
	switch len(chars) {
	case 0:
		return "nothing"
	case 1:
		return chars[0]
	}
	return strings.Join(chars[:len(chars)-1], ", ") + " and " + chars[len(chars)-1]
}
