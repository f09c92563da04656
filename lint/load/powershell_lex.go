package load

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// A small PowerShell tokenizer: enough of the language to find string
// literals, variables, assignments and the operators that build a ProfileXML
// value, with every literal byte's offset in the script. It never fails: text
// it does not understand becomes words and punctuation.

type psKind uint8

const (
	psEOF     psKind = iota
	psNewline        // end of line or ';': ends a statement
	psVar            // $name, ${name}; text is the lowercased name without scope
	psStr            // any string form; str holds its parts
	psWord           // bareword: command, hashtable key, member name
	psParam          // -word: a parameter or an operator; text is lowercased, without '-'
	psType           // [TypeName]; text is the name
	psNumber
	psOp // punctuation: = += + - ( ) @( @{ $( { } [ ] , . :: | and the rest
)

type psTok struct {
	kind       psKind
	space      bool // white space (or a line start) precedes the token
	start, end int
	text       string
	str        *psString
}

func (t psTok) is(op string) bool { return t.kind == psOp && t.text == op }

// psString is a string literal: single-quoted, double-quoted or a here-string.
type psString struct {
	expandable bool // "..." and @"..."@: variables and $(...) are expanded
	parts      []psPart
}

// psPart is a run of literal bytes (lit, whose byte k sits at src+k in the
// script; an escape's result is one run at the escape's place), or an
// interpolation: a variable ($name, ${name}) or a subexpression $(...), whose
// inner text is src[subStart:subEnd].
type psPart struct {
	lit              []byte
	src              int
	varName          string // lowercased, without scope; "" for a literal or subexpression
	sub              bool
	subStart, subEnd int
	refStart, refEnd int // the whole reference in the script
}

// maxLexDepth bounds $(...) nesting inside strings.
const maxLexDepth = 64

// maxTokens bounds the work on one file.
const maxTokens = 1 << 20

type psLexer struct {
	src   []byte
	depth int
}

// psLex tokenizes src[start:end].
func psLex(src []byte, start, end, depth int) []psTok {
	lx := &psLexer{src: src[:end], depth: depth}
	var toks []psTok
	for pos := start; ; {
		t, next := lx.next(pos, toks)
		toks = append(toks, t)
		if t.kind == psEOF || len(toks) >= maxTokens {
			if t.kind != psEOF {
				toks = append(toks, psTok{kind: psEOF, start: end, end: end})
			}
			return toks
		}
		pos = next
	}
}

func isSingleQuote(r rune) bool {
	return r == '\'' || r == '\u2018' || r == '\u2019' || r == '\u201a' || r == '\u201b'
}

func isDoubleQuote(r rune) bool {
	return r == '"' || r == '\u201c' || r == '\u201d' || r == '\u201e'
}

func isPSSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\f' || b == '\v' }

func isNameByte(b byte) bool {
	return b == '_' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b >= utf8.RuneSelf
}

// psScopes are the qualifiers of $scope:name that name a variable of the script.
var psScopes = map[string]bool{"script": true, "global": true, "local": true, "private": true, "using": true, "variable": true}

// psDrives are qualifiers whose variables the script does not set.
var psDrives = map[string]bool{"env": true, "function": true, "alias": true}

func (lx *psLexer) rune(pos int) (rune, int) {
	if pos >= len(lx.src) {
		return 0, 0
	}
	if lx.src[pos] < utf8.RuneSelf {
		return rune(lx.src[pos]), 1
	}
	return utf8.DecodeRune(lx.src[pos:])
}

// next returns the token at pos (after white space and comments) and the
// offset after it.
func (lx *psLexer) next(pos int, prev []psTok) (psTok, int) {
	src := lx.src
	space := pos == 0
	for pos < len(src) {
		c := src[pos]
		switch {
		case isPSSpace(c) || c == 0xC2 && pos+1 < len(src) && src[pos+1] == 0xA0:
			if c == 0xC2 {
				pos++
			}
			pos++
			space = true
			continue
		case c == '`' && pos+1 < len(src) && (src[pos+1] == '\n' || src[pos+1] == '\r'):
			pos += 2 // line continuation
			if src[pos-1] == '\r' && pos < len(src) && src[pos] == '\n' {
				pos++
			}
			space = true
			continue
		case c == '#':
			for pos < len(src) && src[pos] != '\n' && src[pos] != '\r' {
				pos++
			}
			space = true
			continue
		case c == '<' && pos+1 < len(src) && src[pos+1] == '#':
			end := bytes.Index(src[pos+2:], []byte("#>"))
			if end < 0 {
				pos = len(src)
			} else {
				pos += 2 + end + 2
			}
			space = true
			continue
		}
		break
	}
	if pos >= len(src) {
		return psTok{kind: psEOF, start: len(src), end: len(src), space: true}, len(src)
	}
	tok := func(k psKind, end int, text string) (psTok, int) {
		return psTok{kind: k, space: space, start: pos, end: end, text: text}, end
	}
	c := src[pos]
	r, size := lx.rune(pos)
	switch {
	case c == '\n' || c == '\r' || c == ';':
		end := pos + 1
		if c == '\r' && end < len(src) && src[end] == '\n' {
			end++
		}
		return tok(psNewline, end, "")
	case isSingleQuote(r):
		s, end := lx.singleQuoted(pos, size)
		t, e := tok(psStr, end, "")
		t.str = s
		return t, e
	case isDoubleQuote(r):
		s, end := lx.doubleQuoted(pos, size)
		t, e := tok(psStr, end, "")
		t.str = s
		return t, e
	case c == '@' && pos+1 < len(src):
		r2, size2 := lx.rune(pos + 1)
		if isSingleQuote(r2) || isDoubleQuote(r2) {
			if s, end, ok := lx.hereString(pos, 1+size2, isDoubleQuote(r2)); ok {
				t, e := tok(psStr, end, "")
				t.str = s
				return t, e
			}
		}
		switch src[pos+1] {
		case '(':
			return tok(psOp, pos+2, "@(")
		case '{':
			return tok(psOp, pos+2, "@{")
		}
		end := pos + 1
		for end < len(src) && isNameByte(src[end]) {
			end++
		}
		return tok(psWord, end, string(src[pos:end])) // splatting
	case c == '$':
		return lx.variable(pos, space)
	case c == '[':
		if len(prev) > 0 && !space {
			switch p := prev[len(prev)-1]; {
			case p.kind == psVar, p.kind == psStr, p.kind == psWord, p.is(")"), p.is("]"):
				return tok(psOp, pos+1, "[") // an index
			}
		}
		if name, end, ok := lx.typeLiteral(pos); ok {
			return tok(psType, end, name)
		}
		return tok(psOp, pos+1, "[")
	case c == '-' || r == '\u2013' || r == '\u2014':
		end := pos + size
		if end < len(src) && (src[end] >= 'a' && src[end] <= 'z' || src[end] >= 'A' && src[end] <= 'Z') {
			e := end
			for e < len(src) && (isNameByte(src[e]) && src[e] < utf8.RuneSelf || src[e] == '-' && e > end) {
				e++
			}
			return tok(psParam, e, strings.ToLower(string(src[end:e])))
		}
		if end < len(src) && (src[end] == '=' || src[end] == '-') {
			return tok(psOp, end+1, string(src[pos:end+1]))
		}
		if end < len(src) && src[end] >= '0' && src[end] <= '9' {
			return lx.number(pos, end, tok)
		}
		return tok(psOp, end, "-")
	case c == '+':
		if pos+1 < len(src) && (src[pos+1] == '=' || src[pos+1] == '+') {
			return tok(psOp, pos+2, string(src[pos:pos+2]))
		}
		return tok(psOp, pos+1, "+")
	case c == ':' && pos+1 < len(src) && src[pos+1] == ':':
		return tok(psOp, pos+2, "::")
	case c == '=' || c == '(' || c == ')' || c == '{' || c == '}' || c == ']' || c == ',' ||
		c == '.' || c == '|' || c == '&' || c == '!' || c == '*' || c == '/' || c == '%' ||
		c == '>' || c == '<' || c == ':':
		if (c == '*' || c == '/' || c == '%') && pos+1 < len(src) && src[pos+1] == '=' {
			return tok(psOp, pos+2, string(src[pos:pos+2]))
		}
		if c == '.' && pos+1 < len(src) && src[pos+1] >= '0' && src[pos+1] <= '9' && space {
			return lx.number(pos, pos, tok)
		}
		return tok(psOp, pos+1, string(c))
	case c >= '0' && c <= '9':
		return lx.number(pos, pos, tok)
	}
	end := pos
	for end < len(src) {
		b := src[end]
		if isPSSpace(b) || b == '\n' || b == '\r' || strings.IndexByte("(){}[];,|&'\"=.$+`:", b) >= 0 {
			break
		}
		if b >= utf8.RuneSelf {
			r, n := utf8.DecodeRune(src[end:])
			if isSingleQuote(r) || isDoubleQuote(r) || r == '\u00a0' {
				break
			}
			end += n
			continue
		}
		end++
	}
	if end == pos {
		end = pos + max(size, 1) // a lone backtick or stray byte
	}
	return tok(psWord, end, string(src[pos:end]))
}

func (lx *psLexer) number(pos, from int, tok func(psKind, int, string) (psTok, int)) (psTok, int) {
	end := from
	for end < len(lx.src) && (isNameByte(lx.src[end]) && lx.src[end] < utf8.RuneSelf || lx.src[end] == '.') {
		end++
	}
	if end == pos {
		end++
	}
	return tok(psNumber, end, string(lx.src[pos:end]))
}

// variable reads $name, ${name}, $scope:name, $_, $$, $?, $^ or $(.
func (lx *psLexer) variable(pos int, space bool) (psTok, int) {
	t := psTok{kind: psVar, space: space, start: pos}
	name, end, sub := lx.varName(pos)
	switch {
	case sub:
		t.kind, t.text, t.end = psOp, "$(", pos+2
	case end == pos+1:
		t.kind, t.text, t.end = psWord, "$", end
	default:
		t.text, t.end = name, end
	}
	return t, t.end
}

// varName reads the variable reference at pos ('$'). It returns the
// normalised name and the end; end == pos+1 means a lone '$'; sub reports
// "$(".
func (lx *psLexer) varName(pos int) (name string, end int, sub bool) {
	src := lx.src
	i := pos + 1
	if i >= len(src) {
		return "", i, false
	}
	switch c := src[i]; c {
	case '(':
		return "", i, true
	case '{':
		j := i + 1
		var b strings.Builder
		for j < len(src) && src[j] != '}' {
			if src[j] == '`' && j+1 < len(src) {
				j++
			}
			b.WriteByte(src[j])
			j++
		}
		if j >= len(src) {
			return "", pos + 1, false
		}
		return normVar(b.String()), j + 1, false
	case '$', '?', '^':
		return string(c), i + 1, false
	}
	j := i
	for j < len(src) && isNameByte(src[j]) && src[j] < utf8.RuneSelf {
		j++
	}
	if j == i {
		return "", pos + 1, false
	}
	if j+1 < len(src) && src[j] == ':' && src[j+1] != ':' {
		q := strings.ToLower(string(src[i:j]))
		if psScopes[q] || psDrives[q] {
			k := j + 1
			for k < len(src) && isNameByte(src[k]) && src[k] < utf8.RuneSelf {
				k++
			}
			if k > j+1 {
				return normVar(string(src[i:k])), k, false
			}
		}
	}
	return normVar(string(src[i:j])), j, false
}

// normVar lowercases a variable name and drops a script scope qualifier;
// drive qualifiers (env:) stay, since the script never sets them.
func normVar(n string) string {
	n = strings.ToLower(n)
	if q, rest, ok := strings.Cut(n, ":"); ok && psScopes[q] {
		return rest
	}
	return n
}

// typeLiteral reads [Type.Name] (generic brackets nested) at pos.
func (lx *psLexer) typeLiteral(pos int) (string, int, bool) {
	src := lx.src
	depth := 0
	for i := pos; i < len(src) && i < pos+512; i++ {
		switch c := src[i]; {
		case c == '[':
			depth++
		case c == ']':
			depth--
			if depth == 0 {
				name := strings.TrimSpace(string(src[pos+1 : i]))
				return name, i + 1, name != ""
			}
		case isNameByte(c) && c < utf8.RuneSelf, c == '.', c == ',', c == ' ', c == '`', c == '+':
		default:
			return "", 0, false
		}
	}
	return "", 0, false
}

// singleQuoted reads '...' where two quotes stand for one.
func (lx *psLexer) singleQuoted(pos, open int) (*psString, int) {
	s := &psString{}
	i := pos + open
	runStart := i
	flush := func(end int) {
		if end > runStart {
			s.parts = append(s.parts, psPart{lit: lx.src[runStart:end], src: runStart})
		}
	}
	for i < len(lx.src) {
		r, n := lx.rune(i)
		if isSingleQuote(r) {
			if r2, n2 := lx.rune(i + n); n2 > 0 && isSingleQuote(r2) {
				flush(i + n) // keep the first quote, skip the second
				i += n + n2
				runStart = i
				continue
			}
			flush(i)
			return s, i + n
		}
		i += n
	}
	flush(len(lx.src))
	return s, len(lx.src)
}

// doubleQuoted reads "..." with backtick escapes, "" for a quote and
// interpolation.
func (lx *psLexer) doubleQuoted(pos, open int) (*psString, int) {
	s := &psString{expandable: true}
	end := lx.expandable(s, pos+open, func(i int) (int, int) {
		r, n := lx.rune(i)
		if !isDoubleQuote(r) {
			return quoteNone, 0
		}
		if r2, n2 := lx.rune(i + n); n2 > 0 && isDoubleQuote(r2) {
			return quoteEscaped, n + n2
		}
		return quoteClose, n
	})
	return s, end
}

// What a quote character does in an expandable string.
const (
	quoteNone    = iota
	quoteClose   // ends the string
	quoteEscaped // "" stands for one quote
)

// hereString reads @'...'@ or @"..."@: the opening must end its line, and the
// closing quote-at must start a line. ok is false when pos is no here-string.
func (lx *psLexer) hereString(pos, open int, expand bool) (*psString, int, bool) {
	src := lx.src
	i := pos + open
	for i < len(src) && isPSSpace(src[i]) {
		i++
	}
	switch {
	case i < len(src) && src[i] == '\n':
		i++
	case i+1 < len(src) && src[i] == '\r' && src[i+1] == '\n':
		i += 2
	case i < len(src) && src[i] == '\r':
		i++
	default:
		return nil, 0, false
	}
	contentStart := i
	// find the closing line
	closeAt, contentEnd, end := -1, len(src), len(src)
	for ls := contentStart; ls < len(src); {
		r, n := lx.rune(ls)
		if (expand && isDoubleQuote(r) || !expand && isSingleQuote(r)) && ls+n < len(src) && src[ls+n] == '@' {
			closeAt = ls
			end = ls + n + 1
			break
		}
		nl := indexByteAt(src, '\n', ls)
		if nl < 0 {
			break
		}
		ls = nl + 1
	}
	if closeAt >= 0 {
		contentEnd = closeAt
		if contentEnd > contentStart {
			contentEnd-- // the line break before the closing quote
			if contentEnd > contentStart && src[contentEnd-1] == '\r' {
				contentEnd--
			}
		}
	}
	s := &psString{expandable: expand}
	if !expand {
		if contentEnd > contentStart {
			s.parts = append(s.parts, psPart{lit: src[contentStart:contentEnd], src: contentStart})
		}
		return s, end, true
	}
	sub := &psLexer{src: src[:contentEnd], depth: lx.depth}
	sub.expandable(s, contentStart, func(int) (int, int) { return quoteNone, 0 })
	return s, end, true
}

func indexByteAt(b []byte, c byte, from int) int {
	for i := from; i < len(b); i++ {
		if b[i] == c {
			return i
		}
	}
	return -1
}

// expandable reads the body of an expandable string from i; quote says what
// a character does (quoteNone, quoteClose, quoteEscaped) and how many bytes it
// takes. It returns the offset after the closing quote.
func (lx *psLexer) expandable(s *psString, i int, quote func(int) (int, int)) int {
	src := lx.src
	runStart := i
	flush := func(end int) {
		if end > runStart {
			s.parts = append(s.parts, psPart{lit: src[runStart:end], src: runStart})
		}
	}
	for i < len(src) {
		c := src[i]
		if c >= utf8.RuneSelf || c == '"' {
			switch what, n := quote(i); what {
			case quoteClose:
				flush(i)
				return i + n
			case quoteEscaped:
				_, first := lx.rune(i)
				flush(i + first) // keep the first quote
				i += n
				runStart = i
				continue
			}
		}
		switch c {
		case '`':
			if i+1 >= len(src) {
				i++
				continue
			}
			flush(i)
			lit, n := backtickEscape(src, i+1)
			s.parts = append(s.parts, psPart{lit: lit, src: i})
			i += 1 + n
			runStart = i
			continue
		case '$':
			name, end, sub := lx.varName(i)
			switch {
			case sub:
				inner := i + 2
				close := lx.matchParen(inner)
				flush(i)
				s.parts = append(s.parts, psPart{sub: true, subStart: inner, subEnd: close, refStart: i, refEnd: min(close+1, len(src))})
				i = min(close+1, len(src))
				runStart = i
				continue
			case end > i+1:
				flush(i)
				s.parts = append(s.parts, psPart{varName: name, refStart: i, refEnd: end})
				i = end
				runStart = i
				continue
			}
		}
		_, n := lx.rune(i)
		i += max(n, 1)
	}
	flush(len(src))
	return len(src)
}

// backtickEscape decodes the escape after a backtick at src[i]; it returns the
// bytes and how many bytes after the backtick it used.
func backtickEscape(src []byte, i int) ([]byte, int) {
	switch src[i] {
	case '0':
		return []byte{0}, 1
	case 'a':
		return []byte{7}, 1
	case 'b':
		return []byte{8}, 1
	case 'e':
		return []byte{27}, 1
	case 'f':
		return []byte{12}, 1
	case 'n':
		return []byte{'\n'}, 1
	case 'r':
		return []byte{'\r'}, 1
	case 't':
		return []byte{'\t'}, 1
	case 'v':
		return []byte{11}, 1
	case 'u':
		if i+1 < len(src) && src[i+1] == '{' {
			if end := indexByteAt(src[:min(len(src), i+10)], '}', i+2); end > i+2 {
				var r rune
				ok := true
				for _, h := range src[i+2 : end] {
					switch {
					case h >= '0' && h <= '9':
						r = r<<4 | rune(h-'0')
					case h >= 'a' && h <= 'f':
						r = r<<4 | rune(h-'a'+10)
					case h >= 'A' && h <= 'F':
						r = r<<4 | rune(h-'A'+10)
					default:
						ok = false
					}
				}
				if ok && utf8.ValidRune(r) {
					return utf8.AppendRune(nil, r), end - i + 1
				}
			}
		}
	}
	_, n := utf8.DecodeRune(src[i:])
	return src[i : i+n], n
}

// matchParen returns the offset of the ')' that closes a '(' whose body
// starts at i, lexing strings and nested parentheses on the way; len(src)
// when it is not closed.
func (lx *psLexer) matchParen(i int) int {
	if lx.depth >= maxLexDepth {
		return len(lx.src)
	}
	inner := &psLexer{src: lx.src, depth: lx.depth + 1}
	depth := 1
	var prev []psTok
	for pos := i; ; {
		t, next := inner.next(pos, prev)
		switch {
		case t.kind == psEOF:
			return len(lx.src)
		case t.is("(") || t.is("@(") || t.is("$("):
			depth++
		case t.is(")"):
			depth--
			if depth == 0 {
				return t.start
			}
		}
		prev = append(prev[:0], t)
		pos = next
	}
}
