package model

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxDepth bounds XML nesting; real profiles nest about twenty deep.
const MaxDepth = 256

const noRoot = "no root element"

// Node is an XML element that knows where it is in the user's file.
type Node struct {
	Name     string // local name
	Space    string // namespace URI, as resolved by xmlns declarations
	Attrs    []Attr
	Children []*Node
	Parent   *Node

	text       string // character data directly inside the element
	src        *Source
	start, end int // source offsets of the start tag's '<' and after the end tag's '>'
	tagEnd     int // source offset after the start tag's '>'
	textStart  int // source offsets of the trimmed character data
	textEnd    int
	raw        []byte // raw character content (escapes intact), for ParseText
	rawOff     int    // derived offset of raw
	mapper     Mapper // derived offsets -> source offsets
}

// Attr is an attribute with its position.
type Attr struct {
	Name, Space, Value string
	start, end         int
	src                *Source
}

// Loc returns the location of the attribute (name through value).
func (a *Attr) Loc() Location { return a.src.Span(a.start, a.end) }

// Comment is an XML comment with its position; fixtures and suppressions read them.
type Comment struct {
	Text       string
	start, end int
	src        *Source
}

// Loc returns the location of the comment.
func (c Comment) Loc() Location { return c.src.Span(c.start, c.end) }

// Document is a parsed XML document.
type Document struct {
	Root     *Node
	Comments []Comment
	Src      *Source
}

// SyntaxError is XML that is not well-formed, at a place in the user's file.
type SyntaxError struct {
	Loc  Location
	Msg  string // what the parser said, lowercase, without position
	Hint string // how to fix it, when we can tell
	// Kind is NotWellFormed, or DTD or LimitExceeded for well-formed XML
	// that is not read on purpose.
	Kind ProblemKind
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.Loc.Path, e.Loc.StartLine, e.Loc.StartColumn, e.Msg)
}

// ParseXML parses text, a derived text whose offsets m maps to offsets of src,
// into a position-carrying tree. It never expands entities beyond the five
// predefined ones and stops at MaxDepth.
func ParseXML(src *Source, text []byte, m Mapper) (*Document, *SyntaxError) {
	if m == nil {
		m = Identity
	}
	d := xml.NewDecoder(bytes.NewReader(text))
	d.Strict = true
	// The text is UTF-8 already: a declaration that names UTF-16 or a code page
	// is only a leftover of the file's original encoding.
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	doc := &Document{Src: src}
	var stack []*Node
	fail := func(off int, msg string) *SyntaxError {
		at := min(max(off, 0), len(text))
		so := m.Map(at)
		e := &SyntaxError{Loc: src.Span(so, so+1), Msg: msg, Kind: NotWellFormed}
		e.Msg, e.Hint = explainSyntax(text, at, msg)
		return e
	}
	refuse := func(off int, kind ProblemKind, msg, hint string) *SyntaxError {
		so := m.Map(off)
		return &SyntaxError{Loc: src.Span(so, so+1), Msg: msg, Hint: hint, Kind: kind}
	}
	for {
		before := int(d.InputOffset())
		tok, err := d.Token()
		after := int(d.InputOffset())
		if errors.Is(err, io.EOF) {
			if len(stack) > 0 {
				return nil, fail(len(text), fmt.Sprintf("unexpected end of file: <%s> is not closed", stack[len(stack)-1].Name))
			}
			if doc.Root == nil {
				return nil, fail(0, noRoot)
			}
			return doc, nil
		}
		if err != nil {
			var se *xml.SyntaxError
			msg := err.Error()
			if errors.As(err, &se) {
				msg = se.Msg
			}
			return nil, fail(errorOffset(text, before, after, msg), msg)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) >= MaxDepth {
				return nil, refuse(before, LimitExceeded,
					fmt.Sprintf("has elements nested deeper than %d levels: the document was not read further (a VPNv2 profile nests about ten)", MaxDepth),
					"remove the runaway nesting; the document is generated or damaged")
			}
			if len(stack) == 0 && doc.Root != nil {
				return nil, fail(before, "more than one root element")
			}
			n := &Node{Name: t.Name.Local, Space: t.Name.Space, src: src, start: m.Map(before), tagEnd: m.Map(after), mapper: m}
			n.Attrs = attrs(src, text, before, after, t.Attr, m)
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				n.Parent = p
				p.Children = append(p.Children, n)
			} else {
				doc.Root = n
			}
			n.textStart, n.textEnd = -1, -1
			stack = append(stack, n)
		case xml.EndElement:
			n := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if after == before { // <a/>: the decoder made up the end
				n.end = n.tagEnd
			} else {
				n.end = m.Map(after)
			}
			n.finishText()
		case xml.CharData:
			if len(stack) == 0 {
				continue
			}
			n := stack[len(stack)-1]
			n.text += string(t)
			if n.raw == nil {
				n.rawOff = before
			}
			n.raw = text[n.rawOff:after]
		case xml.Directive:
			// Entity declarations are how "billion laughs" and external-entity
			// files attack a reader; a bare <!DOCTYPE Name> declares nothing.
			if isDTD(t) {
				return nil, refuse(before, DTD,
					fmt.Sprintf("has a document type declaration that declares entities or names an external DTD (%s): DTDs and entities are never expanded, so the document was not read", shorten("<!"+string(t)+">", 48)),
					"delete the <!DOCTYPE ...> declaration: ProfileXML and EAP configuration use no DTD or entities")
			}
		case xml.Comment:
			doc.Comments = append(doc.Comments, Comment{Text: string(t), start: m.Map(before), end: m.Map(after), src: src})
		}
	}
}

// shorten cuts s to about n bytes on a character boundary, on one line.
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// isDTD reports whether a directive is a DOCTYPE that declares something:
// an internal subset, or an external DTD (SYSTEM or PUBLIC).
func isDTD(d xml.Directive) bool {
	t := bytes.TrimSpace(d)
	if !bytes.HasPrefix(t, []byte("DOCTYPE")) {
		return false
	}
	return bytes.ContainsAny(t, "[") || bytes.Contains(t, []byte("SYSTEM")) || bytes.Contains(t, []byte("PUBLIC"))
}

// finishText trims the element's character data and records its span.
func (n *Node) finishText() {
	if n.raw == nil {
		return
	}
	lead := len(n.raw) - len(bytes.TrimLeft(n.raw, " \t\r\n"))
	trail := len(n.raw) - len(bytes.TrimRight(n.raw, " \t\r\n"))
	if lead == len(n.raw) {
		return
	}
	n.textStart = n.mapper.Map(n.rawOff + lead)
	n.textEnd = n.mapper.Map(n.rawOff + len(n.raw) - trail - 1)
	n.textEnd++
}

// errorOffset picks where to put the caret: on the end tag that closes the
// wrong element, else on the character the parser stopped at (stepping back
// over white space).
func errorOffset(text []byte, before, after int, msg string) int {
	if strings.Contains(msg, "closed by") || strings.Contains(msg, "unexpected end element") {
		for before < len(text) && isSpace(text[before]) {
			before++
		}
		return before
	}
	if name, ok := strings.CutPrefix(msg, "invalid characters between </"); ok {
		name, _, _ = strings.Cut(name, " ")
		if i := bytes.Index(text[before:], []byte("</"+name)); i >= 0 {
			return before + i + 2 + len(name) // where the '>' is missing
		}
	}
	off := min(max(after, before), len(text))
	for off > before && off > 0 && (off >= len(text) || isSpace(text[off])) {
		off--
	}
	return off
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\r' || b == '\n' }

var attrRe = regexp.MustCompile(`([A-Za-z_][\w.\-:]*)\s*=\s*("[^"]*"|'[^']*')`)

// attrs gives each parsed attribute its position, found in the raw start tag.
func attrs(src *Source, text []byte, start, end int, list []xml.Attr, m Mapper) []Attr {
	if len(list) == 0 {
		return nil
	}
	tag := text[start:min(end, len(text))]
	found := attrRe.FindAllSubmatchIndex(tag, -1)
	out := make([]Attr, 0, len(list))
	for i, a := range list {
		at := Attr{Name: a.Name.Local, Space: a.Name.Space, Value: a.Value, src: src, start: m.Map(start), end: m.Map(end)}
		if i < len(found) {
			at.start, at.end = m.Map(start+found[i][0]), m.Map(start+found[i][1])
		}
		out = append(out, at)
	}
	return out
}

var (
	runTogetherRe = regexp.MustCompile(`<([A-Za-z_][\w.\-]*?)(xmlns(?::[\w]+)?|Enabled)$`)
	tagNameRe     = regexp.MustCompile(`<([A-Za-z_][\w.\-:]*)$`)
)

// explainSyntax rewords the parser's message and says how to fix the common
// ways ProfileXML gets broken. The big one: a console dump that wrapped the
// line ate the space between a tag name and its first attribute
// (<EapHostConfigxmlns="...">).
func explainSyntax(text []byte, off int, msg string) (string, string) {
	lt := bytes.LastIndexByte(text[:off], '<')
	if lt >= 0 && off < len(text) && text[off] == '=' {
		name := text[lt:off]
		if m := runTogetherRe.FindSubmatch(name); m != nil {
			return fmt.Sprintf("%s=: the tag name runs into the attribute %s (a space is missing)", name, m[2]),
				fmt.Sprintf("insert the missing space: <%s %s=", m[1], m[2])
		}
		if tagNameRe.Match(name) {
			return fmt.Sprintf("%s=: the tag name runs into an attribute name (a space is missing)", name),
				"insert a space between the element name and the attribute name"
		}
	}
	if strings.HasPrefix(msg, "invalid character entity") {
		// encoding/xml quotes what follows the "&": maybe part of a key.
		msg = "invalid character entity: an & that starts none of &amp; &lt; &gt; &quot; &apos; &#...;"
	}
	return msg, syntaxHint(msg)
}

func syntaxHint(msg string) string {
	switch {
	case strings.Contains(msg, "invalid character entity") || strings.Contains(msg, "unescaped &"):
		return "escape a literal & as &amp; (PowerShell -replace escaping must do & first)"
	case strings.Contains(msg, "element <") && strings.Contains(msg, "closed by </"):
		return "an element is not closed or closed in the wrong order: check the tag named first"
	case strings.HasPrefix(msg, "unexpected end of file"):
		return "the file is truncated or an element is never closed"
	case strings.Contains(msg, "attribute name without = in element"):
		return "an attribute name is broken by a space (e.g. \"xml ns=\" for \"xmlns=\")"
	}
	return ""
}

// Loc returns the element's location: the whole element when it has no child
// elements, else its start tag (so a finding on a container stays one line).
func (n *Node) Loc() Location {
	if n == nil {
		return Location{}
	}
	end := n.end
	if len(n.Children) > 0 || end < n.tagEnd {
		end = n.tagEnd
	}
	l := n.src.Span(n.start, end)
	l.Key = n.Key()
	return l
}

// ValueLoc returns the location of the element's trimmed text, or Loc when it
// has none.
func (n *Node) ValueLoc() Location {
	if n == nil {
		return Location{}
	}
	if n.textStart < 0 || n.textEnd <= n.textStart {
		return n.Loc()
	}
	l := n.src.Span(n.textStart, n.textEnd)
	l.Key = n.Key()
	return l
}

// SubLoc returns the location of Value()[i:j] when the text maps byte for byte
// to the file or, through the mapper, to a container's text (see
// mappedSubLoc); else ValueLoc.
func (n *Node) SubLoc(i, j int) Location {
	v := n.Value()
	if n == nil || n.textStart < 0 || i < 0 || j > len(v) || i >= j {
		return n.ValueLoc()
	}
	if n.textEnd-n.textStart != len(v) {
		return n.mappedSubLoc(v, i, j)
	}
	if string(n.src.Text[n.textStart:n.textEnd]) != v {
		return n.mappedSubLoc(v, i, j)
	}
	l := n.src.Span(n.textStart+i, n.textStart+j)
	l.Key = n.Key()
	return l
}

// mappedSubLoc is SubLoc for text that does not sit verbatim in the file
// (fields of an Intune template joined into one element, a JSON string with
// escapes): when the derived text holds the value as written, both ends are
// mapped through the mapper; otherwise it is ValueLoc. The derived text
// decodes to the value, and every entity, CDATA section or comment makes it
// longer, so equal lengths mean it is verbatim (checked in constant time:
// ParseServers calls this once per server).
func (n *Node) mappedSubLoc(v string, i, j int) Location {
	body := bytes.TrimLeft(n.raw, " \t\r\n")
	lead := len(n.raw) - len(body)
	if len(bytes.TrimRight(body, " \t\r\n")) != len(v) {
		return n.ValueLoc()
	}
	s, e := n.mapper.Map(n.rawOff+lead+i), n.mapper.Map(n.rawOff+lead+j-1)+1
	if s >= e {
		return n.ValueLoc()
	}
	l := n.src.Span(s, e)
	l.Key = n.Key()
	return l
}

// Source returns the file the element is in.
func (n *Node) Source() *Source {
	if n == nil {
		return nil
	}
	return n.src
}

// Key returns the element's path from the root, with an index where siblings
// share a name: "VPNProfile/Route[2]/Address".
func (n *Node) Key() string {
	if n == nil {
		return ""
	}
	var parts []string
	for c := n; c != nil; c = c.Parent {
		part := c.Name
		if c.Parent != nil {
			same, idx := 0, 0
			for _, s := range c.Parent.Children {
				if s.Name == c.Name {
					same++
					if s == c {
						idx = same
					}
				}
			}
			if same > 1 {
				part += "[" + strconv.Itoa(idx) + "]"
			}
		}
		parts = append(parts, part)
	}
	for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
		parts[i], parts[j] = parts[j], parts[i]
	}
	return strings.Join(parts, "/")
}

// Child returns the first child element with the given local name, or nil.
// Methods on Node accept a nil receiver so that lookups chain.
func (n *Node) Child(name string) *Node {
	if n == nil {
		return nil
	}
	for _, c := range n.Children {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// All returns the child elements with the given local name.
func (n *Node) All(name string) []*Node {
	if n == nil {
		return nil
	}
	var out []*Node
	for _, c := range n.Children {
		if c.Name == name {
			out = append(out, c)
		}
	}
	return out
}

// Find follows a path of child names: n.Find("NativeProfile", "Servers").
func (n *Node) Find(path ...string) *Node {
	for _, p := range path {
		n = n.Child(p)
	}
	return n
}

// Attr returns the attribute with the given local name, or nil.
func (n *Node) Attr(name string) *Attr {
	if n == nil {
		return nil
	}
	for i := range n.Attrs {
		if n.Attrs[i].Name == name {
			return &n.Attrs[i]
		}
	}
	return nil
}

// Text returns the element's character data as written, untrimmed.
func (n *Node) Text() string {
	if n == nil {
		return ""
	}
	return n.text
}

// Value returns the element's character data with surrounding white space removed.
func (n *Node) Value() string { return strings.TrimSpace(n.Text()) }

// Bool parses the value as an xs:boolean (true, false, 1, 0; any case, since
// Windows is lenient). ok is false when the element is absent or not a boolean.
func (n *Node) Bool() (v, ok bool) {
	switch strings.ToLower(n.Value()) {
	case "true", "1":
		return true, n != nil
	case "false", "0":
		return false, n != nil
	}
	return false, false
}

// IsTrue reports whether the element is present and true.
func (n *Node) IsTrue() bool { v, ok := n.Bool(); return ok && v }

// IsFalse reports whether the element is present and false.
func (n *Node) IsFalse() bool { v, ok := n.Bool(); return ok && !v }

// Is reports whether the value equals s, ignoring case.
func (n *Node) Is(s string) bool { return n != nil && strings.EqualFold(n.Value(), s) }

// ParseText parses the element's character content as an XML document of its
// own: the entity-escaped EapHostConfig that some profiles carry inside
// <Configuration>. Positions point into the user's file.
func (n *Node) ParseText() (*Document, *SyntaxError) {
	inner, m := UnescapeXMLText(n.raw, n.rawOff, n.mapper)
	return ParseXML(n.src, inner, m)
}
