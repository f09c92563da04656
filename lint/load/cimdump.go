package load

import (
	"bytes"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/aovpnlint/aovpnlint/lint/model"
)

// A CIM dump is the console output of
//
//	Get-WmiObject -Namespace root\cimv2\mdm\dmmap -Class MDM_VPNv2_01
//	Get-CimInstance -Namespace root\cimv2\mdm\dmmap -ClassName MDM_VPNv2_01
//
// Format-List prints "ProfileXML : <VPNProfile>…" and wraps the value at the
// console width, indenting continuation lines to the value column. In the
// cultures where PowerShell wraps on words (en, fr, de, it, pt, es) a break
// before a short word swallows the space, which console copy strips; in the
// others every break is a hard split. Pasted into a web page or a mail the
// lines are often flattened into one, with spaces lost or added where the
// breaks were. The reader re-joins the value (inputs.md §3), repairs the known
// damage when the XML does not parse, and maps every byte back to the dump.

// maxCIMProfiles bounds the ProfileXML values read from one dump.
const maxCIMProfiles = 64

// maxCIMRepairs bounds the repairs tried on one value.
const maxCIMRepairs = 64

// cimLabel is one "ProfileXML : <VPNProfile" in the dump.
type cimLabel struct {
	label     int  // offset of "ProfileXML"
	value     int  // offset of "<VPNProfile"
	lineStart int  // offset of the line's start
	atStart   bool // the label starts its line (a real console dump, not a flattened paste)
}

// isCIMDump reports whether text is Get-WmiObject/Get-CimInstance console
// output of MDM_VPNv2_01 with a ProfileXML property.
func isCIMDump(text []byte) bool {
	if !bytes.Contains(text, []byte("ProfileXML")) || !bytes.Contains(text, []byte("<VPNProfile")) {
		return false
	}
	if len(cimLabels(text, 1)) == 0 {
		return false
	}
	return bytes.Contains(text, []byte("MDM_VPNv2")) ||
		len(cimPropLabels(text, "InstanceID", 1)) > 0 || len(cimPropLabels(text, "ParentID", 1)) > 0
}

// cimLabels finds up to limit "ProfileXML : <VPNProfile" labels.
func cimLabels(text []byte, limit int) []cimLabel {
	var out []cimLabel
	for _, at := range cimPropLabels(text, "ProfileXML", -1) {
		v := cimSkipBlanks(text, at.colon+1)
		if !bytes.HasPrefix(text[v:], []byte("<VPNProfile")) {
			continue
		}
		ls := bytes.LastIndexByte(text[:at.name], '\n') + 1
		out = append(out, cimLabel{label: at.name, value: v, lineStart: ls,
			atStart: len(bytes.TrimLeft(text[ls:at.name], " \t")) == 0})
		if len(out) == limit {
			break
		}
	}
	return out
}

// cimProp is "Name :" in a dump: the offsets of the name and of the colon.
type cimProp struct{ name, colon int }

// cimPropLabels finds "name" followed by optional blanks and a colon, as a
// whole word (not $ProfileXML, not InstanceID= in __RELPATH).
func cimPropLabels(text []byte, name string, limit int) []cimProp {
	var out []cimProp
	for from := 0; from < len(text); {
		i := bytes.Index(text[from:], []byte(name))
		if i < 0 {
			break
		}
		i += from
		from = i + len(name)
		if i > 0 && cimNameByte(text[i-1]) || i > 0 && text[i-1] == '$' {
			continue
		}
		c := cimSkipBlanks(text, from)
		if c >= len(text) || text[c] != ':' {
			continue
		}
		out = append(out, cimProp{i, c})
		if len(out) == limit {
			break
		}
	}
	return out
}

func cimNameByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_' || b == '-' || b == '.' || b == ':'
}

// cimSkipBlanks returns the offset of the first byte from i that is not a space or tab.
func cimSkipBlanks(text []byte, i int) int {
	for i < len(text) && (text[i] == ' ' || text[i] == '\t') {
		i++
	}
	return i
}

// parseCIMDump re-joins the wrapped ProfileXML value of a console dump.
func parseCIMDump(src *model.Source) (*model.File, []model.Problem, string) {
	labels := cimLabels(src.Text, maxCIMProfiles)
	if len(labels) == 0 {
		return nil, nil, "console dump without a ProfileXML value"
	}
	f := &model.File{Src: src, Kind: model.KindCIMDump}
	var probs []model.Problem
	prevEnd := 0
	for i, lb := range labels {
		limit := len(src.Text)
		if i+1 < len(labels) {
			limit = labels[i+1].lineStart
			if !labels[i+1].atStart {
				limit = labels[i+1].label
			}
		}
		v := cimValue(src.Text, lb, limit)
		id, idOff := cimInstanceID(src.Text, prevEnd, lb.label, v.end, limit)
		prevEnd = v.end
		probs = append(probs, readCIMProfile(f, v, id, idOff)...)
	}
	return f, probs, ""
}

// cimText is text derived from the dump with, for every byte, the offset of
// the dump byte it stands for.
type cimText struct {
	b    []byte
	offs []int
}

func (d *cimText) add(b []byte, off int) {
	d.b = append(d.b, b...)
	for i := range b {
		d.offs = append(d.offs, off+i)
	}
}

// insert puts s before derived offset at; the new bytes stand for the dump
// byte that follows (where the lost character belongs).
func (d *cimText) insert(at int, s string) {
	src := d.srcAt(at)
	d.b = append(d.b[:at], append([]byte(s), d.b[at:]...)...)
	ins := make([]int, len(s))
	for i := range ins {
		ins[i] = src
	}
	d.offs = append(d.offs[:at], append(ins, d.offs[at:]...)...)
}

// remove drops derived bytes [i, j).
func (d *cimText) remove(i, j int) {
	d.b = append(d.b[:i], d.b[j:]...)
	d.offs = append(d.offs[:i], d.offs[j:]...)
}

// srcAt is the dump offset of derived offset at (the end maps past the last byte).
func (d *cimText) srcAt(at int) int {
	switch {
	case at < len(d.offs):
		return d.offs[at]
	case len(d.offs) > 0:
		return d.offs[len(d.offs)-1] + 1
	}
	return 0
}

// mapper turns the per-byte offsets into a SegmentMap.
func (d *cimText) mapper() *model.SegmentMap {
	m := &model.SegmentMap{}
	for i, o := range d.offs {
		m.Add(i, o)
	}
	m.Add(len(d.offs), d.srcAt(len(d.offs)))
	return m
}

// cimVal is the ProfileXML value of one dump record, re-joined.
type cimVal struct {
	text      cimText
	end       int    // dump offset after the value
	truncated int    // dump offset of the "..." that cuts the value off, or -1
	ellipsis  string // "..." or "…"
	elided    bool   // a line of its own: lines were left out, not the end cut
}

// cimValue takes the value that starts at lb.value and re-joins its wrapped
// lines, stopping at a blank line, the next property or limit.
func cimValue(text []byte, lb cimLabel, limit int) cimVal {
	v := cimVal{truncated: -1}
	type seg struct {
		start, end, indent int
		blank              bool // a line of white space inside the value
	}
	lineEnd := func(i int) int {
		e := bytes.IndexByte(text[i:limit], '\n')
		if e < 0 {
			return limit
		}
		return i + e
	}
	// continuation reports whether the line [i, e) continues the value:
	// indented, not blank and not the next property.
	continuation := func(i int) (seg, int, bool) {
		e := lineEnd(i)
		line := text[i:cimTrimCR(text, i, e)]
		ind := len(line) - len(bytes.TrimLeft(line, " \t"))
		return seg{start: i, end: i + len(line), indent: ind}, e, ind > 0 && ind < len(line) && !cimPropertyLine(line)
	}
	first := lineEnd(lb.value)
	segs := []seg{{start: lb.value, end: cimTrimCR(text, lb.value, first)}}
	closed := bytes.Contains(text[lb.value:first], []byte("</VPNProfile>"))
	next := first + 1
	for lb.atStart && !closed && next < limit {
		s, e, ok := continuation(next)
		if !ok {
			// A line of only white space is a wrapped line that held a
			// single space, when the value goes on below it; else the
			// blank line that ends the record.
			if len(bytes.TrimSpace(text[s.start:s.end])) > 0 || e+1 >= limit {
				break
			}
			if _, _, more := continuation(e + 1); !more {
				break
			}
			s.blank = true
		}
		segs = append(segs, s)
		closed = bytes.Contains(text[s.start:s.end], []byte("</VPNProfile>"))
		next = e + 1
	}
	// Strip the indentation: exactly the value column when every line has
	// it, else (pasted text that lost it) the smallest indentation seen.
	if len(segs) > 1 {
		col := lb.value - lb.lineStart
		strip := col
		for _, s := range segs[1:] {
			if !s.blank {
				strip = min(strip, s.indent)
			}
		}
		for i := 1; i < len(segs); i++ {
			if segs[i].blank {
				segs[i].end = segs[i].start
				continue
			}
			segs[i].start += strip
		}
	}
	// The wrap width: the widest line but the last (a full line is a hard
	// split; a shorter one lost a space at a word break).
	w := 0
	for _, s := range segs[:len(segs)-1] {
		w = max(w, cimCells(text[s.start:s.end]))
	}
	size := 0
	for _, s := range segs {
		size += s.end - s.start + 1
	}
	v.text.b, v.text.offs = make([]byte, 0, size), make([]int, 0, size)
	for i, s := range segs {
		line := text[s.start:s.end]
		if s.blank {
			v.text.add([]byte{' '}, s.start)
			continue
		}
		if t := bytes.TrimSpace(line); v.truncated < 0 && (bytes.Equal(t, []byte("...")) || bytes.Equal(t, []byte("…"))) {
			v.truncated, v.ellipsis, v.elided = s.start+bytes.Index(line, t), string(t), true
		}
		v.text.add(line, s.start)
		if i == len(segs)-1 || segs[i+1].blank {
			continue
		}
		if len(line) > 0 && line[len(line)-1] != ' ' && cimCells(line) < w {
			// A word-wrap break: the space before the next word was the
			// last character of this line, and console copy dropped it.
			v.text.b = append(v.text.b, ' ')
			v.text.offs = append(v.text.offs, s.end)
		}
	}
	v.end = segs[len(segs)-1].end
	// Cut the value after </VPNProfile>: a flattened paste runs on into the
	// next properties.
	if i := bytes.Index(v.text.b, []byte("</VPNProfile>")); i >= 0 {
		cut := i + len("</VPNProfile>")
		v.end = v.text.srcAt(cut)
		v.text.b, v.text.offs = v.text.b[:cut], v.text.offs[:cut]
	} else if i := cimNextProperty(v.text.b); i >= 0 {
		v.end = v.text.srcAt(i)
		v.text.b, v.text.offs = v.text.b[:i], v.text.offs[:i]
	}
	for len(v.text.b) > 0 && cimSpace(v.text.b[len(v.text.b)-1]) {
		v.text.b, v.text.offs = v.text.b[:len(v.text.b)-1], v.text.offs[:len(v.text.offs)-1]
	}
	for _, e := range []string{"...", "…"} {
		if v.truncated < 0 && bytes.HasSuffix(v.text.b, []byte(e)) {
			v.truncated, v.ellipsis = v.text.srcAt(len(v.text.b)-len(e)), e
		}
	}
	return v
}

func cimTrimCR(text []byte, start, end int) int {
	if end > start && text[end-1] == '\r' {
		return end - 1
	}
	return end
}

func cimSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\r' || b == '\n' }

// cimPropertyLine reports whether line is "Name : value" (the next property).
func cimPropertyLine(line []byte) bool {
	i := cimSkipBlanks(line, 0)
	j := i
	for j < len(line) && (cimWordByte(line[j]) || j > i && line[j] >= '0' && line[j] <= '9') {
		j++
	}
	if j == i {
		return false
	}
	k := cimSkipBlanks(line, j)
	return k < len(line) && line[k] == ':' && (k+1 == len(line) || line[k+1] == ' ' || line[k+1] == '\t')
}

func cimWordByte(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b == '_' }

// cimProperties are the properties that follow ProfileXML in a dump.
var cimProperties = []string{"RememberCredentials", "TrustedNetworkDetection", "PSComputerName", "AlwaysOn",
	"ByPassForLocal", "DnsSuffix", "EdpModeId", "InstanceID", "LockDown", "ParentID", "__GENUS", "__CLASS"}

// cimNextProperty finds " Name :" of a known property in a flattened
// value that has no </VPNProfile>, or -1.
func cimNextProperty(b []byte) int {
	best := -1
	for _, name := range cimProperties {
		for _, l := range cimPropLabels(b, name, 1) {
			if l.name > 0 && cimSpace(b[l.name-1]) && (best < 0 || l.name < best) {
				best = l.name
			}
		}
	}
	return best
}

// cells is the console width of b: runes, East Asian wide ones counting two.
func cimCells(b []byte) int {
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		n++
		if r >= 0x1100 && (r <= 0x115F || r >= 0x2E80 && r <= 0xA4CF || r >= 0xAC00 && r <= 0xD7A3 ||
			r >= 0xF900 && r <= 0xFAFF || r >= 0xFE30 && r <= 0xFE4F || r >= 0xFF00 && r <= 0xFF60 ||
			r >= 0xFFE0 && r <= 0xFFE6 || r >= 0x20000 && r <= 0x3FFFD) {
			n++
		}
	}
	return n
}

// cimInstanceID finds the record's InstanceID: the last one between the
// previous value and this label, else the first one after the value. It
// returns the value (URL-escaped, as the CSP node name) and its offset.
func cimInstanceID(text []byte, from, label, valueEnd, limit int) (string, int) {
	if from > label {
		from = label
	}
	if l := cimPropLabels(text[from:label], "InstanceID", -1); len(l) > 0 {
		if id, off := cimPropValue(text, from+l[len(l)-1].colon+1); id != "" {
			return id, off
		}
	}
	if valueEnd < limit {
		if l := cimPropLabels(text[valueEnd:limit], "InstanceID", 1); len(l) > 0 {
			return cimPropValue(text, valueEnd+l[0].colon+1)
		}
	}
	return "", -1
}

// cimPropValue reads a property value after its colon: the rest of the line,
// or in a flattened paste the next word, unless that word is the next label.
func cimPropValue(text []byte, i int) (string, int) {
	i = cimSkipBlanks(text, i)
	j := i
	for j < len(text) && !cimSpace(text[j]) {
		j++
	}
	if j == i {
		return "", -1
	}
	if k := cimSkipBlanks(text, j); k < len(text) && text[k] == ':' {
		return "", -1 // "InstanceID : LockDown :": empty, the word is the next label
	}
	return string(text[i:j]), i
}

// readCIMProfile parses one re-joined value, repairing known damage, and adds
// the profile to f.
func readCIMProfile(f *model.File, v cimVal, id string, idOff int) []model.Problem {
	src := f.Src
	if v.truncated >= 0 {
		how := fmt.Sprintf("is cut off with %q", v.ellipsis)
		if v.elided {
			how = fmt.Sprintf("has lines left out (%q)", v.ellipsis)
		}
		return []model.Problem{{
			Kind: model.PartlyInspected, Loc: src.Span(v.truncated, v.truncated+len(v.ellipsis)),
			Message: cimWhat(id) + " in the console dump " + how + ": the profile could not be checked",
			Hint:    `dump the whole value: Get-CimInstance -Namespace root\cimv2\mdm\dmmap -ClassName MDM_VPNv2_01 | Select-Object -ExpandProperty ProfileXML`,
		}}
	}
	text := v.text
	name := id
	if u, err := url.PathUnescape(id); err == nil {
		name = u
	}
	n := len(f.Profiles)
	// Most dumps parse as re-joined: repair and parse again only when not.
	repairs := cimRepairNamespaces(&text)
	probs := ParseProfiles(f, text.b, text.mapper(), name)
	if len(f.Profiles) == n && slices.ContainsFunc(probs, func(p model.Problem) bool { return p.Kind == model.NotWellFormed }) {
		if more := cimRepairErrors(&text, maxCIMRepairs-len(repairs)); len(more) > 0 {
			repairs = append(repairs, more...)
			probs = ParseProfiles(f, text.b, text.mapper(), name)
		}
	}
	if len(f.Profiles) == n {
		return probs // not well-formed even after the repairs: LOAD001 at the damage left
	}
	p := f.Profiles[n]
	p.Origin.Container = model.KindCIMDump
	p.Origin.InstanceID = id
	if idOff >= 0 {
		p.Origin.InstanceIDLoc = src.Span(idOff, idOff+len(id))
	}
	if pr, ok := cimReconstructed(src, id, repairs); ok {
		probs = append(probs, pr)
	}
	return probs
}

func cimWhat(id string) string {
	if id == "" {
		return "the ProfileXML value"
	}
	return fmt.Sprintf("the ProfileXML value of %q", id)
}

// cimRepair is one change made to the re-joined text so that it parses.
type cimRepair struct {
	at   int    // dump offset of the repaired spot
	what string // "space inserted in <EapHostConfig xmlns="
}

// cimReconstructed is one LOAD007 note per profile that lists the repairs
// the XML needed before it parsed, pointing at the first of them. Spaces put
// back where the console wrapped a line are the re-join itself, not repairs:
// a dump wrapped as PowerShell wraps reads back exactly and gets no note.
func cimReconstructed(src *model.Source, id string, repairs []cimRepair) (model.Problem, bool) {
	if len(repairs) == 0 {
		return model.Problem{}, false
	}
	slices.SortStableFunc(repairs, func(a, b cimRepair) int { return a.at - b.at })
	var parts []string
	for i, r := range repairs {
		if i == 4 {
			parts = append(parts, fmt.Sprintf("and %d more", len(repairs)-4))
			break
		}
		l := src.Span(r.at, r.at+1)
		parts = append(parts, fmt.Sprintf("%s (%d:%d)", r.what, l.StartLine, l.StartColumn))
	}
	who := "ProfileXML"
	if id != "" {
		who = fmt.Sprintf("ProfileXML of %q", id)
	}
	n := "1 repair"
	if len(repairs) > 1 {
		n = fmt.Sprintf("%d repairs", len(repairs))
	}
	return model.Problem{
		Kind: model.Reconstructed, Loc: src.Span(repairs[0].at, repairs[0].at+1),
		Message: fmt.Sprintf("%s in the console dump is damaged and was read after %s, whitespace guessed: %s; findings in the profile rest on the repaired text",
			who, n, strings.Join(parts, "; ")),
		Hint: `dump the value unwrapped and lint that: Get-CimInstance -Namespace root\cimv2\mdm\dmmap -ClassName MDM_VPNv2_01 | Select-Object -ExpandProperty ProfileXML`,
	}, true
}
