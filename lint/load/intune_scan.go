package load

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/aovpnlint/aovpnlint/lint/model"
)

// A small JSON reader that keeps positions: encoding/json gives no offsets of
// values, and every finding inside an Intune export must point at the JSON
// value its setting came from.

// jsonKind is the type of a JSON value.
type jsonKind uint8

const (
	jsonNull jsonKind = iota
	jsonBool
	jsonNumber
	jsonString
	jsonArray
	jsonObject
)

// jsonMaxDepth bounds nesting; Graph objects nest a handful of levels.
const jsonMaxDepth = 256

// jsonValue is a parsed JSON value with its span in the text.
type jsonValue struct {
	kind       jsonKind
	start, end int // the token: quotes of a string, braces of an object
	members    []jsonMember
	items      []*jsonValue
	text       []byte // the whole text the offsets refer to
}

// jsonMember is one name/value pair of an object, in file order.
type jsonMember struct {
	name string
	val  *jsonValue
}

// jsonSyntaxError is JSON that does not parse, at an offset of the text.
type jsonSyntaxError struct {
	off   int
	msg   string
	limit bool // nesting beyond jsonMaxDepth, not a syntax error
}

func (e *jsonSyntaxError) Error() string { return fmt.Sprintf("offset %d: %s", e.off, e.msg) }

// parseJSONText parses text as one JSON value followed only by white space.
func parseJSONText(text []byte) (*jsonValue, *jsonSyntaxError) {
	p := &jsonParser{b: text}
	p.space()
	v := p.value(0)
	if p.err != nil {
		return nil, p.err
	}
	p.space()
	if p.i < len(p.b) {
		return nil, &jsonSyntaxError{off: p.i, msg: fmt.Sprintf("unexpected %q after the JSON value", p.b[p.i])}
	}
	return v, nil
}

type jsonParser struct {
	b   []byte
	i   int
	err *jsonSyntaxError
}

func (p *jsonParser) fail(off int, format string, args ...any) *jsonValue {
	if p.err == nil {
		p.err = &jsonSyntaxError{off: min(off, len(p.b)), msg: fmt.Sprintf(format, args...)}
	}
	return nil
}

func (p *jsonParser) space() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\r', '\n':
			p.i++
		default:
			return
		}
	}
}

func (p *jsonParser) value(depth int) *jsonValue {
	if depth > jsonMaxDepth {
		if p.err == nil {
			p.fail(p.i, "values nested deeper than %d levels (Graph objects nest a handful)", jsonMaxDepth)
			p.err.limit = true
		}
		return nil
	}
	if p.i >= len(p.b) {
		return p.fail(p.i, "unexpected end of the file")
	}
	start := p.i
	switch c := p.b[p.i]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		end, ok := p.stringEnd(p.i)
		if !ok {
			return p.fail(start, "string is not closed")
		}
		p.i = end
		return &jsonValue{kind: jsonString, start: start, end: end, text: p.b}
	case c == 't' || c == 'f' || c == 'n':
		for _, lit := range []string{"true", "false", "null"} {
			if jsonHasPrefixAt(p.b, p.i, lit) {
				p.i += len(lit)
				k := jsonBool
				if lit == "null" {
					k = jsonNull
				}
				return &jsonValue{kind: k, start: start, end: p.i, text: p.b}
			}
		}
	case c == '-' || (c >= '0' && c <= '9'):
		for p.i < len(p.b) && strings.IndexByte("+-0123456789.eE", p.b[p.i]) >= 0 {
			p.i++
		}
		return &jsonValue{kind: jsonNumber, start: start, end: p.i, text: p.b}
	}
	r, _ := utf8.DecodeRune(p.b[p.i:])
	return p.fail(start, "unexpected %q where a value should be", r)
}

// stringEnd returns the offset after the closing quote of the string that
// opens at i.
func (p *jsonParser) stringEnd(i int) (int, bool) {
	for j := i + 1; j < len(p.b); j++ {
		switch p.b[j] {
		case '\\':
			j++
		case '"':
			return j + 1, true
		}
	}
	return 0, false
}

func (p *jsonParser) object(depth int) *jsonValue {
	v := &jsonValue{kind: jsonObject, start: p.i, text: p.b}
	p.i++
	p.space()
	if p.i < len(p.b) && p.b[p.i] == '}' {
		p.i++
		v.end = p.i
		return v
	}
	for {
		p.space()
		if p.i >= len(p.b) || p.b[p.i] != '"' {
			return p.fail(p.i, "expected a member name in double quotes")
		}
		ks := p.i
		ke, ok := p.stringEnd(ks)
		if !ok {
			return p.fail(ks, "string is not closed")
		}
		name, _ := decodeJSONString(p.b, ks, ke, false)
		p.i = ke
		p.space()
		if p.i >= len(p.b) || p.b[p.i] != ':' {
			return p.fail(p.i, "expected ':' after the member name %q", name)
		}
		p.i++
		p.space()
		val := p.value(depth + 1)
		if p.err != nil {
			return nil
		}
		v.members = append(v.members, jsonMember{string(name), val})
		p.space()
		if p.i >= len(p.b) {
			return p.fail(p.i, "unexpected end of the file: the object is not closed")
		}
		switch p.b[p.i] {
		case ',':
			p.i++
		case '}':
			p.i++
			v.end = p.i
			return v
		default:
			return p.fail(p.i, "expected ',' or '}' after an object member")
		}
	}
}

func (p *jsonParser) array(depth int) *jsonValue {
	v := &jsonValue{kind: jsonArray, start: p.i, text: p.b}
	p.i++
	p.space()
	if p.i < len(p.b) && p.b[p.i] == ']' {
		p.i++
		v.end = p.i
		return v
	}
	for {
		p.space()
		item := p.value(depth + 1)
		if p.err != nil {
			return nil
		}
		v.items = append(v.items, item)
		p.space()
		if p.i >= len(p.b) {
			return p.fail(p.i, "unexpected end of the file: the array is not closed")
		}
		switch p.b[p.i] {
		case ',':
			p.i++
		case ']':
			p.i++
			v.end = p.i
			return v
		default:
			return p.fail(p.i, "expected ',' or ']' after an array item")
		}
	}
}

// get returns the member with the given name (case-insensitive: PowerShell
// exports sometimes capitalise names), or nil.
func (v *jsonValue) get(name string) *jsonValue {
	if v == nil || v.kind != jsonObject {
		return nil
	}
	for _, m := range v.members {
		if m.name == name {
			return m.val
		}
	}
	for _, m := range v.members {
		if strings.EqualFold(m.name, name) {
			return m.val
		}
	}
	return nil
}

// str returns the decoded value of a string, or "" for anything else.
func (v *jsonValue) str() string {
	if v == nil || v.kind != jsonString {
		return ""
	}
	s, _ := decodeJSONString(v.text, v.start, v.end, false)
	return string(s)
}

// isStr reports whether v is a string.
func (v *jsonValue) isStr() bool { return v != nil && v.kind == jsonString }

// boolValue returns the value of a boolean; ok is false for anything else.
func (v *jsonValue) boolValue() (val, ok bool) {
	if v == nil || v.kind != jsonBool {
		return false, false
	}
	return v.text[v.start] == 't', true
}

// raw returns the bytes of the token.
func (v *jsonValue) raw() string { return string(v.text[v.start:v.end]) }

// decoded returns the decoded string and a map from its offsets to offsets of
// the text (escapes map to their backslash).
func (v *jsonValue) decoded() ([]byte, *model.SegmentMap) {
	return decodeJSONString(v.text, v.start, v.end, true)
}

// decodeJSONString decodes the string token b[start:end] (quotes included).
// With withMap it also returns where each decoded byte came from. A malformed
// escape is kept as written.
func decodeJSONString(b []byte, start, end int, withMap bool) ([]byte, *model.SegmentMap) {
	var m *model.SegmentMap
	if withMap {
		m = &model.SegmentMap{}
	}
	from, to := start+1, end-1
	if to < from {
		to = from
	}
	out := make([]byte, 0, to-from)
	add := func(src int) {
		if m != nil {
			m.Add(len(out), src)
		}
	}
	add(from)
	for i := from; i < to; {
		c := b[i]
		if c != '\\' || i+1 >= to {
			out = append(out, c)
			i++
			continue
		}
		esc := i
		var r rune = -1
		n := 2
		switch b[i+1] {
		case '"', '\\', '/':
			r = rune(b[i+1])
		case 'b':
			r = '\b'
		case 'f':
			r = '\f'
		case 'n':
			r = '\n'
		case 'r':
			r = '\r'
		case 't':
			r = '\t'
		case 'u':
			if u, ok := jsonHex4(b, i+2, to); ok {
				r, n = rune(u), 6
				if utf16.IsSurrogate(r) {
					r = utf8.RuneError
					if jsonHasPrefixAt(b[:to], i+6, `\u`) {
						if lo, ok := jsonHex4(b, i+8, to); ok {
							if pair := utf16.DecodeRune(rune(u), rune(lo)); pair != utf8.RuneError {
								r, n = pair, 12
							}
						}
					}
				}
			}
		}
		if r < 0 {
			out = append(out, c)
			i++
			continue
		}
		add(esc)
		out = utf8.AppendRune(out, r)
		i += n
		add(i)
	}
	return out, m
}

func jsonHex4(b []byte, i, limit int) (uint16, bool) {
	if i+4 > limit {
		return 0, false
	}
	u, err := strconv.ParseUint(string(b[i:i+4]), 16, 16)
	return uint16(u), err == nil
}

func jsonHasPrefixAt(b []byte, i int, p string) bool {
	return i >= 0 && len(b)-i >= len(p) && string(b[i:i+len(p)]) == p
}
