package model

import (
	"sort"
	"strconv"
	"unicode/utf8"
)

// Mapper maps a byte offset in a derived text (XML unescaped from a string,
// re-joined from a console dump, decoded from base64) to the offset in the
// text it came from. Mappers chain back to the Source.
type Mapper interface {
	Map(off int) int
}

// Identity is the Mapper of text that is the file itself.
var Identity Mapper = identity{}

type identity struct{}

func (identity) Map(off int) int { return off }

// Segment says that derived offsets from From on map to source offsets from
// To on, one to one, until the next segment begins.
type Segment struct{ From, To int }

// SegmentMap is a piecewise-linear Mapper: the derived text is made of runs of
// bytes copied from the outer text. A byte produced by an escape (one "<" out
// of "&lt;") maps to the start of the escape.
type SegmentMap struct {
	Segs []Segment // sorted by From
	Next Mapper    // where the outer offsets go next; nil means Identity
}

// Map implements Mapper.
func (m *SegmentMap) Map(off int) int {
	i := sort.Search(len(m.Segs), func(i int) bool { return m.Segs[i].From > off }) - 1
	out := off
	if i >= 0 {
		s := m.Segs[i]
		out = s.To + off - s.From
	}
	if m.Next != nil {
		return m.Next.Map(out)
	}
	return out
}

// Add records that derived offset from maps to outer offset to. Calls must come
// in increasing from order; a segment that merely continues the previous run is
// dropped.
func (m *SegmentMap) Add(from, to int) {
	if n := len(m.Segs); n > 0 {
		last := m.Segs[n-1]
		if last.To+from-last.From == to {
			return
		}
		if last.From == from {
			m.Segs[n-1].To = to
			return
		}
	}
	m.Segs = append(m.Segs, Segment{from, to})
}

// UnescapeXMLText decodes the raw bytes of XML character content (entity
// references, character references, CDATA sections; comments are dropped),
// which started at offset base of the outer text. It returns the decoded bytes
// and a map from them back to the outer offsets.
func UnescapeXMLText(raw []byte, base int, next Mapper) ([]byte, *SegmentMap) {
	out := make([]byte, 0, len(raw))
	m := &SegmentMap{Next: next}
	for i := 0; i < len(raw); {
		switch {
		case raw[i] == '&':
			end := indexByteFrom(raw, ';', i, 12)
			if end < 0 {
				break
			}
			if r, ok := entity(string(raw[i+1 : end])); ok {
				m.Add(len(out), base+i)
				out = utf8.AppendRune(out, r)
				i = end + 1
				m.Add(len(out), base+i)
				continue
			}
		case hasPrefixAt(raw, i, "<![CDATA["):
			start := i + len("<![CDATA[")
			end := indexFrom(raw, "]]>", start)
			if end < 0 {
				end = len(raw)
			}
			m.Add(len(out), base+start)
			out = append(out, raw[start:end]...)
			i = min(end+3, len(raw))
			m.Add(len(out), base+i)
			continue
		case hasPrefixAt(raw, i, "<!--"):
			end := indexFrom(raw, "-->", i+4)
			if end < 0 {
				end = len(raw) - 3
			}
			i = end + 3
			m.Add(len(out), base+i)
			continue
		}
		if len(m.Segs) == 0 {
			m.Add(len(out), base+i)
		}
		out = append(out, raw[i])
		i++
	}
	return out, m
}

func entity(name string) (rune, bool) {
	switch name {
	case "lt":
		return '<', true
	case "gt":
		return '>', true
	case "amp":
		return '&', true
	case "quot":
		return '"', true
	case "apos":
		return '\'', true
	}
	if len(name) > 1 && name[0] == '#' {
		var n uint64
		var err error
		if name[1] == 'x' || name[1] == 'X' {
			n, err = strconv.ParseUint(name[2:], 16, 21)
		} else {
			n, err = strconv.ParseUint(name[1:], 10, 21)
		}
		if r := rune(n); err == nil && utf8.ValidRune(r) {
			return r, true
		}
	}
	return 0, false
}

func hasPrefixAt(b []byte, i int, p string) bool {
	return len(b)-i >= len(p) && string(b[i:i+len(p)]) == p
}

func indexFrom(b []byte, sub string, from int) int {
	for i := from; i+len(sub) <= len(b); i++ {
		if string(b[i:i+len(sub)]) == sub {
			return i
		}
	}
	return -1
}

func indexByteFrom(b []byte, c byte, from, limit int) int {
	for i := from; i < len(b) && i < from+limit; i++ {
		if b[i] == c {
			return i
		}
	}
	return -1
}
