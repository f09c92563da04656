package load

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// A static evaluator for the string-building part of a PowerShell script: it
// follows assignments in file order (ignoring control flow), keeps string
// values as runs of script bytes, and leaves a hole where a value is only
// known at run time. It runs nothing.

// psRun is a piece of a string value: literal bytes, byte k of which sits at
// src+k in the script, or a hole (a value set at run time).
type psRun struct {
	text []byte
	src  int
	hole *psHole
}

// psHole is a part of a value the script computes at run time.
type psHole struct {
	name       string // "$EAPSettings"; "" for an expression, named by its text
	start, end int    // the reference (or the expression) in the script
	// whyStart, whyEnd are the expression that sets the variable; whyStart
	// is -1 when the script sets it nowhere.
	whyStart, whyEnd int
}

// label names the hole in a message: the variable, or the expression text.
func (h *psHole) label(src []byte) string {
	if h.name != "" {
		return h.name
	}
	return psLabel(src, h.start, h.end)
}

// psLabel returns src[start:end] on one line, shortened for a message.
func psLabel(src []byte, start, end int) string {
	end = min(end, start+200, len(src))
	if start < 0 || start >= end {
		return ""
	}
	s := strings.Join(strings.Fields(string(src[start:end])), " ")
	if len(s) > 80 {
		cut := 77
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "..."
	}
	return s
}

// psFileRead is a value read from a file (Get-Content, [IO.File]::ReadAllText).
type psFileRead struct {
	path       string // the literal path, "" when not literal
	expr       string // the path expression as written
	start, end int    // the read in the script
}

// psEscape is a run-time XML escape: -replace '<', '&lt;'.
type psEscape struct {
	char       string
	start, end int
}

// psVal is a string value with what the script did to it on the way.
type psVal struct {
	runs    []psRun
	escapes []psEscape
	escFunc string      // [SecurityElement]::Escape, [WebUtility]::HtmlEncode
	nameEsc string      // how the value was URL-escaped
	preEsc  *psVal      // the value before URL escaping
	file    *psFileRead // read from a file

	sz    int
	sized bool
}

const (
	maxValueBytes = 8 << 20
	maxEvalDepth  = 100
	maxHoles      = 256
	maxSites      = 64
	// evalBudget bounds the runs copied while evaluating one script, so that
	// $x = $x + $x repeated cannot blow up.
	evalBudget = 1 << 21
)

// size is the number of literal bytes; it is cached, since a value's runs
// do not change once it is built.
func (v *psVal) size() int {
	if !v.sized {
		v.sz, v.sized = 0, true
		for _, r := range v.runs {
			v.sz += len(r.text)
		}
	}
	return v.sz
}

// opaque reports whether the value is only a run-time value.
func (v *psVal) opaque() bool { return len(v.runs) == 1 && v.runs[0].hole != nil }

// known returns the value's text when it has no hole.
func (v *psVal) known() (string, bool) {
	if v == nil {
		return "", false
	}
	var b strings.Builder
	for _, r := range v.runs {
		if r.hole != nil {
			return "", false
		}
		b.Write(r.text)
	}
	return b.String(), true
}

// literal returns the literal bytes of the value, holes left out.
func (v *psVal) literal() []byte {
	var b []byte
	for _, r := range v.runs {
		b = append(b, r.text...)
	}
	return b
}

// bytesMap returns the text of a value without holes and each byte's offset
// in the script.
func (v *psVal) bytesMap() ([]byte, []int) {
	var text []byte
	var srcs []int
	for _, r := range v.runs {
		for k := range r.text {
			srcs = append(srcs, r.src+k)
		}
		text = append(text, r.text...)
	}
	return text, srcs
}

// runsFrom groups bytes whose script offsets follow each other into runs.
func runsFrom(text []byte, srcs []int) []psRun {
	var out []psRun
	for i := 0; i < len(text); {
		j := i + 1
		for j < len(text) && srcs[j] == srcs[j-1]+1 {
			j++
		}
		out = append(out, psRun{text: text[i:j:j], src: srcs[i]})
		i = j
	}
	return out
}

func (v *psVal) merge(o *psVal) {
	if o == nil {
		return
	}
	for _, e := range o.escapes {
		dup := false
		for _, x := range v.escapes {
			dup = dup || x == e
		}
		if !dup && len(v.escapes) < 32 {
			v.escapes = append(v.escapes, e)
		}
	}
	if v.escFunc == "" {
		v.escFunc = o.escFunc
	}
	if v.nameEsc == "" {
		v.nameEsc, v.preEsc = o.nameEsc, o.preEsc
	}
	if v.file == nil {
		v.file = o.file
	}
}

// share returns a copy of v whose runs cannot be appended to in place.
func (v *psVal) share() *psVal {
	c := *v
	c.runs = v.runs[:len(v.runs):len(v.runs)]
	return &c
}

type psEval struct {
	src    []byte
	toks   []psTok
	match  []int // index of the matching bracket token, -1
	ends   []int // stmtEnd of each token
	env    map[string]*psVal
	budget *int
	depth  int

	sites        []psSite
	profileVars  []psAssign      // assignments whose value holds a <VPNProfile
	profileNames map[string]bool // the variables assigned such a value
}

// psSite is a place that sets a CIM property: ProfileXML or InstanceID.
type psSite struct {
	key        string // "profilexml" or "instanceid"
	tok        int    // first token of the value expression
	val        *psVal
	start, end int // the value expression in the script
}

type psAssign struct {
	name string
	val  *psVal
}

func newPSEval(src []byte, toks []psTok, env map[string]*psVal, budget *int, depth int) *psEval {
	e := &psEval{src: src, toks: toks, env: env, budget: budget, depth: depth, profileNames: map[string]bool{}}
	e.match = make([]int, len(toks))
	var stack []int
	for i, t := range toks {
		e.match[i] = -1
		if t.kind != psOp {
			continue
		}
		switch t.text {
		case "(", "@(", "$(", "@{", "{", "[":
			stack = append(stack, i)
		case ")", "}", "]":
			if n := len(stack); n > 0 {
				e.match[stack[n-1]] = i
				e.match[i] = stack[n-1]
				stack = stack[:n-1]
			}
		}
	}
	e.ends = make([]int, len(toks))
	for i := len(toks) - 1; i >= 0; i-- {
		t := toks[i]
		switch {
		case i == len(toks)-1 || t.kind == psEOF || t.kind == psNewline || t.is(")") || t.is("}") || t.is("]"):
			e.ends[i] = i
		case e.match[i] > i && e.match[i]+1 < len(toks):
			e.ends[i] = e.ends[e.match[i]+1]
		default:
			e.ends[i] = e.ends[i+1]
		}
	}
	return e
}

func (e *psEval) tok(i int) psTok {
	if i < 0 || i >= len(e.toks) {
		return psTok{kind: psEOF, start: len(e.src), end: len(e.src)}
	}
	return e.toks[i]
}

func (e *psEval) skipNL(i int) int {
	for e.tok(i).kind == psNewline {
		i++
	}
	return i
}

func (e *psEval) spend(n int) bool {
	*e.budget -= n + 1
	return *e.budget >= 0
}

// text returns the script text of tokens [i, j), on one line and shortened.
func (e *psEval) text(i, j int) string {
	if j <= i {
		return ""
	}
	return psLabel(e.src, e.tok(i).start, e.tok(j-1).end)
}

// unknown is the run-time value of the expression in tokens [i, j).
func (e *psEval) unknown(i, j int) *psVal {
	if j <= i {
		j = i + 1
	}
	start, end := e.tok(i).start, e.tok(j-1).end
	return &psVal{runs: []psRun{{hole: &psHole{start: start, end: max(end, start+1), whyStart: -1}}}}
}

// stmtEnd returns the index of the token that ends the statement at i: a
// line end, or the bracket that closes the group it is in.
func (e *psEval) stmtEnd(i int) int {
	if i < 0 || i >= len(e.ends) {
		return len(e.toks) - 1
	}
	return e.ends[i]
}

// run scans the whole script: assignments update the environment, and the
// ProfileXML and InstanceID properties are recorded where they are set.
func (e *psEval) run() {
	for i := 0; i < len(e.toks); i++ {
		t := e.toks[i]
		next := e.tok(i + 1)
		switch {
		case t.kind == psVar && (next.is("=") || next.is("+=")) && !e.tok(i-1).is("."):
			e.assign(i)
			i++ // go on inside the value: it may hold a property hashtable
		case next.is("=") || next.is(","):
			key := propertyKey(t)
			if key != "profilexml" && key != "instanceid" {
				continue
			}
			j := e.skipNL(i + 2)
			v, k := e.expr(j)
			if v == nil || k == j {
				continue
			}
			if len(e.sites) < maxSites {
				e.sites = append(e.sites, psSite{key: key, tok: j, val: v, start: e.tok(j).start, end: e.tok(k - 1).end})
			}
		}
	}
}

// propertyKey is the lowercased name a bareword or a constant string spells,
// "" for anything else.
func propertyKey(t psTok) string {
	switch {
	case t.kind == psWord:
		return strings.ToLower(t.text)
	case t.kind == psStr && len(t.str.parts) == 1 && t.str.parts[0].lit != nil:
		return strings.ToLower(string(t.str.parts[0].lit))
	}
	return ""
}

func (e *psEval) assign(i int) {
	name, op := e.toks[i].text, e.toks[i+1].text
	j := e.skipNL(i + 2)
	v, k := e.expr(j)
	switch {
	case v == nil || k == j:
		v = e.unknown(j, max(e.stmtEnd(j), j+1))
	case e.tok(k).is("|"):
		v = e.unknown(j, max(e.stmtEnd(k), k+1)) // a pipeline
	}
	if op == "+=" {
		if old := e.env[name]; old != nil {
			if !e.spend(len(v.runs)) || old.size()+v.size() > maxValueBytes {
				v = e.unknown(j, max(k, j+1))
			} else {
				nv := *old
				nv.runs = append(old.runs, v.runs...) //nolint:gocritic // += replaces old, which owns any spare capacity
				nv.sz, nv.sized = old.size()+v.size(), true
				nv.merge(v)
				v = &nv
			}
		}
	}
	e.env[name] = v
	if e.holdsProfile(j, k) {
		e.profileNames[name] = true
		if len(e.profileVars) < 16 {
			e.profileVars = append(e.profileVars, psAssign{name, v})
		}
	}
}

// holdsProfile reports whether the expression in tokens [i, j) spells a
// <VPNProfile start tag in a string literal or uses a variable that holds
// one: a cheap test that does not read the whole value (and stops after a
// few hundred tokens).
func (e *psEval) holdsProfile(i, j int) bool {
	for k := i; k < j && k < len(e.toks) && k < i+64; k++ {
		t := e.toks[k]
		switch t.kind {
		case psVar:
			if e.profileNames[t.text] {
				return true
			}
		case psStr:
			for _, p := range t.str.parts {
				switch {
				case p.lit != nil:
					if indexFold(p.lit, "<vpnprofile") >= 0 || indexFold(p.lit, "&lt;vpnprofile") >= 0 {
						return true
					}
				case p.varName != "":
					if e.profileNames[p.varName] {
						return true
					}
				}
			}
		}
	}
	return false
}

// lookup is the value of $name referenced at [start, end).
func (e *psEval) lookup(name string, start, end int) *psVal {
	switch name {
	case "true":
		return &psVal{runs: []psRun{{text: []byte("True"), src: start}}}
	case "false":
		return &psVal{runs: []psRun{{text: []byte("False"), src: start}}}
	case "null":
		return &psVal{}
	}
	ref := e.src[start:end]
	v := e.env[name]
	if v == nil {
		return &psVal{runs: []psRun{{hole: &psHole{name: string(ref), start: start, end: end, whyStart: -1}}}}
	}
	if v.opaque() {
		h := v.runs[0].hole
		ws, we := h.whyStart, h.whyEnd
		if ws < 0 {
			ws, we = h.start, h.end
		}
		nv := &psVal{runs: []psRun{{hole: &psHole{name: string(ref), start: start, end: end, whyStart: ws, whyEnd: we}}}}
		nv.merge(v)
		return nv
	}
	return v.share()
}

// expr evaluates an expression at i; nil when there is none.
func (e *psEval) expr(i int) (*psVal, int) {
	if e.depth > maxEvalDepth {
		return nil, i
	}
	e.depth++
	defer func() { e.depth-- }()
	start := i
	v, i := e.unary(i)
	if v == nil {
		return nil, i
	}
	for {
		t := e.tok(i)
		switch {
		case t.is("+"):
			j := e.skipNL(i + 1)
			r, k := e.unary(j)
			if r == nil {
				return v, i
			}
			v, i = e.concat(v, r, start, k), k
		case t.kind == psParam && (t.text == "replace" || t.text == "ireplace" || t.text == "creplace"):
			pat, k := e.unary(e.skipNL(i + 1))
			if pat == nil {
				return e.unknown(start, i+1), i + 1
			}
			rep := &psVal{}
			if e.tok(k).is(",") {
				var k2 int
				rep, k2 = e.unary(e.skipNL(k + 1))
				if rep == nil {
					return e.unknown(start, k+1), k + 1
				}
				k = k2
			}
			v = e.replace(v, pat, rep, t.start, e.tok(k-1).end, true, t.text == "creplace")
			i = k
		case t.kind == psParam && t.text == "f":
			var args []*psVal
			k := i + 1
			for {
				a, k2 := e.unary(e.skipNL(k))
				if a == nil {
					break
				}
				args, k = append(args, a), k2
				if !e.tok(k).is(",") {
					break
				}
				k++
			}
			v, i = e.format(v, args, start, k), k
		case t.kind == psParam && psBinaryOps[t.text], t.is("-") || t.is("*") || t.is("/") || t.is("%"):
			_, k := e.unary(e.skipNL(i + 1))
			if k == e.skipNL(i+1) {
				k = i + 1
			}
			v, i = e.unknown(start, k), k
		default:
			return v, i
		}
	}
}

var psBinaryOps = map[string]bool{
	"join": true, "split": true, "eq": true, "ne": true, "gt": true, "ge": true, "lt": true, "le": true,
	"like": true, "notlike": true, "match": true, "notmatch": true, "contains": true, "notcontains": true,
	"in": true, "notin": true, "and": true, "or": true, "xor": true, "as": true, "is": true, "isnot": true,
	"band": true, "bor": true, "bxor": true, "shl": true, "shr": true,
	"ieq": true, "ceq": true, "ine": true, "cne": true, "ilike": true, "clike": true, "imatch": true, "cmatch": true,
	"isplit": true, "csplit": true,
}

// unary evaluates casts, a primary and its member accesses.
func (e *psEval) unary(i int) (*psVal, int) {
	start := i
	for e.tok(i).kind == psType && !e.tok(i+1).is("::") {
		i++ // [string], [xml]: the text stays what it is
	}
	if e.tok(i).is("-") || e.tok(i).is("!") || e.tok(i).kind == psParam && e.tok(i).text == "not" {
		if e.depth > maxEvalDepth {
			return nil, i
		}
		e.depth++
		v, k := e.unary(i + 1)
		e.depth--
		if v == nil {
			return nil, i
		}
		return e.unknown(start, k), k
	}
	v, i := e.primary(i)
	if v == nil {
		return nil, i
	}
	for {
		t := e.tok(i)
		switch {
		case (t.is(".") || t.is("::")) && !t.space && e.tok(i+1).kind == psWord:
			member := strings.ToLower(e.tok(i + 1).text)
			call := e.tok(i+2).is("(") && !e.tok(i+2).space
			if !call {
				if (member != "outerxml" && member != "innerxml") || !isKnown(v) {
					v = e.unknown(start, i+2)
				}
				i += 2
				continue
			}
			args, k := e.args(i + 2)
			switch member {
			case "replace":
				if len(args) == 2 {
					v = e.replace(v, args[0], args[1], t.start, e.tok(k-1).end, false, true)
				} else {
					v = e.unknown(start, k)
				}
			case "tostring", "trim", "trimstart", "trimend":
			default:
				v = e.unknown(start, k)
			}
			i = k
		case t.is("[") && !t.space:
			end := e.match[i]
			if end < 0 {
				return e.unknown(start, i+1), i + 1
			}
			v, i = e.unknown(start, end+1), end+1
		default:
			return v, i
		}
	}
}

// args evaluates "(a, b, ...)" at i (the '('); a nil element is an argument
// that could not be evaluated.
func (e *psEval) args(i int) ([]*psVal, int) {
	end := e.match[min(i, len(e.match)-1)]
	if end < 0 {
		return nil, len(e.toks) - 1
	}
	var out []*psVal
	for j := e.skipNL(i + 1); j < end; {
		v, k := e.expr(j)
		if v == nil || k == j {
			out = append(out, nil)
			break
		}
		out = append(out, v)
		j = e.skipNL(k)
		if e.tok(j).is(",") {
			j = e.skipNL(j + 1)
		} else if j != end {
			out = append(out, nil)
			break
		}
	}
	for k, a := range out {
		if a == nil {
			out[k] = e.unknown(i, end+1)
		}
	}
	return out, end + 1
}

// primary evaluates a string, a variable, a number, a (sub)expression, an
// array expression, a static call or a command.
func (e *psEval) primary(i int) (*psVal, int) {
	t := e.tok(i)
	switch {
	case t.kind == psStr:
		return e.str(t), i + 1
	case t.kind == psVar:
		return e.lookup(t.text, t.start, t.end), i + 1
	case t.kind == psNumber:
		return &psVal{runs: []psRun{{text: e.src[t.start:t.end:t.end], src: t.start}}}, i + 1
	case t.is("(") || t.is("$("):
		end := e.match[i]
		if end < 0 {
			return e.unknown(i, i+1), len(e.toks) - 1
		}
		j := e.skipNL(i + 1)
		v, k := e.expr(j)
		if v != nil && e.skipNL(k) == end {
			return v, end + 1
		}
		return e.unknown(i, end+1), end + 1
	case t.is("@("):
		end := e.match[i]
		if end < 0 {
			return e.unknown(i, i+1), len(e.toks) - 1
		}
		var v *psVal
		for j := e.skipNL(i + 1); j < end; {
			x, k := e.expr(j)
			if x == nil || k == j {
				return e.unknown(i, end+1), end + 1
			}
			if v == nil {
				v = x
			} else {
				sep := &psVal{runs: []psRun{{text: []byte(" "), src: e.tok(j).start}}}
				v = e.concat(e.concat(v, sep, i, end+1), x, i, end+1)
			}
			j = e.skipNL(k)
			if e.tok(j).is(",") {
				j = e.skipNL(j + 1)
			}
		}
		if v == nil {
			v = &psVal{}
		}
		return v, end + 1
	case t.kind == psType && e.tok(i+1).is("::") && e.tok(i+2).kind == psWord:
		return e.static(i)
	case t.kind == psWord && t.text != "$":
		return e.command(i)
	case t.is("@{") || t.is("{"):
		end := e.match[i]
		if end < 0 {
			return e.unknown(i, i+1), len(e.toks) - 1
		}
		return e.unknown(i, end+1), end + 1
	}
	return nil, i
}

func isReadCommand(name string) bool {
	switch strings.ToLower(name) {
	case "get-content", "gc", "cat", "type":
		return true
	}
	return false
}

// command consumes a command and its arguments: its output is a run-time
// value, read from a file for Get-Content.
func (e *psEval) command(i int) (*psVal, int) {
	end := e.stmtEnd(i)
	for e.tok(end).is("|") {
		end = e.stmtEnd(end + 1)
	}
	if end <= i {
		end = i + 1
	}
	v := e.unknown(i, end)
	if !isReadCommand(e.tok(i).text) {
		return v, end
	}
	// the path: -Path/-LiteralPath X or the first positional argument
	for j := i + 1; j < end; j++ {
		t := e.tok(j)
		if t.kind == psParam {
			if t.text == "path" || t.text == "literalpath" || t.text == "lp" || t.text == "pspath" {
				v.file = e.fileRead(j+1, i, end)
				return v, end
			}
			if t.text == "encoding" || t.text == "totalcount" || t.text == "tail" || t.text == "readcount" || t.text == "delimiter" {
				j++ // its value
			}
			continue
		}
		v.file = e.fileRead(j, i, end)
		return v, end
	}
	v.file = &psFileRead{start: e.tok(i).start, end: e.tok(end - 1).end}
	return v, end
}

func (e *psEval) fileRead(j, i, end int) *psFileRead {
	f := &psFileRead{start: e.tok(i).start, end: e.tok(max(end-1, i)).end}
	p, k := e.unary(j)
	if p == nil {
		return f
	}
	f.expr = e.text(j, k)
	if s, ok := p.known(); ok {
		f.path = s
	}
	return f
}

// static evaluates [Type]::Member(...).
func (e *psEval) static(i int) (*psVal, int) {
	typ := strings.ToLower(e.tok(i).text)
	member := strings.ToLower(e.tok(i + 2).text)
	if !e.tok(i + 3).is("(") {
		return e.unknown(i, i+3), i + 3
	}
	args, k := e.args(i + 3)
	if len(args) == 0 {
		return e.unknown(i, k), k
	}
	a := args[0]
	is := func(suffix string) bool { return typ == suffix || strings.HasSuffix(typ, "."+suffix) }
	switch {
	case member == "escape" && is("securityelement"):
		v := a.share()
		v.escFunc = "[System.Security.SecurityElement]::Escape"
		return v, k
	case member == "htmlencode" && (is("webutility") || is("httputility")):
		v := a.share()
		v.escFunc = "[System.Net.WebUtility]::HtmlEncode"
		return v, k
	case (member == "escapedatastring" || member == "escapeuristring") && is("uri"),
		member == "urlencode" && (is("webutility") || is("httputility")):
		if !isKnown(a) {
			return e.unknown(i, k), k
		}
		text, srcs := a.bytesMap()
		out, outSrc := urlEscape(text, srcs, member)
		return &psVal{runs: runsFrom(out, outSrc), nameEsc: e.text(i, k), preEsc: a}, k
	case (member == "readalltext" || member == "readalllines") && is("file"):
		v := e.unknown(i, k)
		v.file = &psFileRead{expr: e.text(i+4, k-1), start: e.tok(i).start, end: e.tok(k - 1).end}
		if s, ok := a.known(); ok {
			v.file.path = s
		}
		return v, k
	}
	return e.unknown(i, k), k
}

// urlEscape percent-encodes text as [uri]::EscapeDataString (RFC 3986
// unreserved characters kept), EscapeUriString (reserved ones kept too) or
// UrlEncode (space as '+').
func urlEscape(text []byte, srcs []int, how string) ([]byte, []int) {
	const hex = "0123456789ABCDEF"
	var out []byte
	var outSrc []int
	for k, b := range text {
		keep := b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || strings.IndexByte("-_.~", b) >= 0
		switch how {
		case "escapeuristring":
			keep = keep || strings.IndexByte(";/?:@&=+$,#!*'()", b) >= 0
		case "urlencode":
			keep = keep && b != '~' || strings.IndexByte("!*()", b) >= 0
			if b == ' ' {
				out, outSrc = append(out, '+'), append(outSrc, srcs[k])
				continue
			}
		}
		if keep {
			out, outSrc = append(out, b), append(outSrc, srcs[k])
			continue
		}
		out = append(out, '%', hex[b>>4], hex[b&15])
		outSrc = append(outSrc, srcs[k], srcs[k], srcs[k])
	}
	return out, outSrc
}

// str evaluates a string literal, expanding variables and subexpressions.
func (e *psEval) str(t psTok) *psVal {
	v := &psVal{}
	for _, p := range t.str.parts {
		switch {
		case p.lit != nil:
			v.runs = append(v.runs, psRun{text: p.lit[:len(p.lit):len(p.lit)], src: p.src})
		case p.sub:
			x := e.subexpr(p)
			if !e.spend(len(x.runs)) {
				return e.tooLarge(t)
			}
			v.runs = append(v.runs, x.runs...)
			v.merge(x)
		default:
			x := e.lookup(p.varName, p.refStart, p.refEnd)
			if !e.spend(len(x.runs)) {
				return e.tooLarge(t)
			}
			v.runs = append(v.runs, x.runs...)
			v.merge(x)
		}
	}
	if v.size() > maxValueBytes {
		return e.tooLarge(t)
	}
	return v
}

func (e *psEval) tooLarge(t psTok) *psVal {
	return &psVal{runs: []psRun{{hole: &psHole{name: "a value too large to follow", start: t.start, end: max(t.end, t.start+1), whyStart: -1}}}}
}

// subexpr evaluates $(...) inside a string.
func (e *psEval) subexpr(p psPart) *psVal {
	hole := &psVal{runs: []psRun{{hole: &psHole{start: p.refStart, end: p.refEnd, whyStart: -1}}}}
	if e.depth > maxEvalDepth || p.subEnd <= p.subStart {
		return hole
	}
	toks := psLex(e.src, p.subStart, p.subEnd, 1)
	sub := newPSEval(e.src, toks, e.env, e.budget, e.depth+1)
	j := sub.skipNL(0)
	v, k := sub.expr(j)
	if v == nil || sub.tok(sub.skipNL(k)).kind != psEOF {
		return hole
	}
	if v.opaque() && v.runs[0].hole.name == "" {
		hole.merge(v) // a command: name the whole $(...)
		return hole
	}
	return v
}

// concat joins two values; i, j are the tokens of the whole expression.
func (e *psEval) concat(a, b *psVal, i, j int) *psVal {
	if !e.spend(len(a.runs)+len(b.runs)) || a.size()+b.size() > maxValueBytes {
		return e.unknown(i, j)
	}
	v := &psVal{runs: make([]psRun, 0, len(a.runs)+len(b.runs))}
	v.runs = append(append(v.runs, a.runs...), b.runs...)
	v.merge(a)
	v.merge(b)
	return v
}

// xmlEntities are the escapes of a run-time XML escaping step.
var xmlEntities = map[string]string{"&lt;": "<", "&gt;": ">", "&quot;": "\"", "&apos;": "'", "&#39;": "'", "&amp;": "&", "&#34;": "\"", "&#60;": "<", "&#62;": ">", "&#38;": "&"}

// replace applies -replace (regex) or .Replace (literal) to v, except that an
// XML escape (< to &lt;) is only recorded: the loader wants the XML as the
// script spells it.
func (e *psEval) replace(v, pat, rep *psVal, start, end int, regex, caseSensitive bool) *psVal {
	p, okp := pat.known()
	r, okr := rep.known()
	if okp && okr {
		lit := p
		if regex {
			lit = strings.TrimPrefix(p, `\`)
		}
		if ch, ok := xmlEntities[strings.ToLower(r)]; ok && ch == lit {
			nv := v.share()
			nv.escapes = append(nv.escapes[:len(nv.escapes):len(nv.escapes)], psEscape{char: ch, start: start, end: end})
			return nv
		}
	}
	text, srcs := v.bytesMap()
	if !okp || p == "" || !isKnown(v) || len(text) > 1<<20 {
		return v // cannot apply: keep the value as written
	}
	var re *regexp.Regexp
	if regex {
		expr := p
		if !caseSensitive {
			expr = "(?i)" + expr
		}
		var err error
		if re, err = regexp.Compile(expr); err != nil {
			return v
		}
	} else {
		re = regexp.MustCompile(regexp.QuoteMeta(p))
	}
	if regex && okr && strings.Contains(r, "$") {
		return v // .NET substitutions differ from Go's; keep the value
	}
	matches := re.FindAllIndex(text, -1)
	if len(matches) == 0 {
		return v
	}
	if !e.spend(len(matches) * (len(rep.runs) + 1)) {
		return v
	}
	var out []psRun
	last := 0
	for _, m := range matches {
		if m[0] > last {
			out = append(out, runsFrom(text[last:m[0]], srcs[last:m[0]])...)
		}
		for _, rr := range rep.runs {
			if rr.hole != nil {
				out = append(out, rr)
				continue
			}
			// the replacement text stands where the match was
			if len(rr.text) > 0 {
				at := m[0]
				if at >= len(srcs) {
					at = len(srcs) - 1
				}
				out = append(out, psRun{text: rr.text, src: srcs[at]})
			}
		}
		last = m[1]
	}
	if last < len(text) {
		out = append(out, runsFrom(text[last:], srcs[last:])...)
	}
	nv := &psVal{runs: out}
	nv.merge(v)
	if okr && strings.Contains(r, "%20") && re.MatchString(" ") && nv.nameEsc == "" {
		nv.nameEsc = string(e.src[start:end])
		nv.preEsc = v
	}
	return nv
}

func isKnown(v *psVal) bool {
	for _, r := range v.runs {
		if r.hole != nil {
			return false
		}
	}
	return true
}

// format applies -f: {0}, {1,10}, {0:N2} take the arguments; {{ and }} are
// braces.
func (e *psEval) format(f *psVal, args []*psVal, i, j int) *psVal {
	text, srcs := f.bytesMap()
	if !isKnown(f) {
		return e.unknown(i, j)
	}
	v := &psVal{}
	lit, litSrc := []byte{}, []int{}
	flush := func() {
		v.runs = append(v.runs, runsFrom(lit, litSrc)...)
		lit, litSrc = []byte{}, []int{}
	}
	for k := 0; k < len(text); k++ {
		c := text[k]
		switch {
		case (c == '{' || c == '}') && k+1 < len(text) && text[k+1] == c:
			lit, litSrc = append(lit, c), append(litSrc, srcs[k])
			k++
		case c == '{':
			end := k + 1
			n := 0
			for end < len(text) && text[end] >= '0' && text[end] <= '9' {
				n = n*10 + int(text[end]-'0')
				end++
				if n > 1000 {
					return e.unknown(i, j)
				}
			}
			if end == k+1 || n >= len(args) {
				return e.unknown(i, j)
			}
			close := indexByteAt(text, '}', end)
			if close < 0 {
				return e.unknown(i, j)
			}
			flush()
			if !e.spend(len(args[n].runs)) {
				return e.unknown(i, j)
			}
			v.runs = append(v.runs, args[n].runs...)
			v.merge(args[n])
			k = close
		default:
			lit, litSrc = append(lit, c), append(litSrc, srcs[k])
		}
	}
	flush()
	v.merge(f)
	if v.size() > maxValueBytes {
		return e.unknown(i, j)
	}
	return v
}

// hasProfileText reports whether the literal part of v holds a <VPNProfile
// start tag, raw or entity-escaped.
func hasProfileText(v *psVal) bool {
	if v == nil {
		return false
	}
	lit := v.literal()
	return indexFold(lit, "<vpnprofile") >= 0 || indexFold(lit, "&lt;vpnprofile") >= 0
}
