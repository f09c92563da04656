// Package model is aovpnlint's view of a deployment: position-carrying XML
// trees, VPNv2 profiles and EAP configurations with typed accessors, and the
// files they came from. It reads nothing from disk and reports nothing.
package model

import (
	"sort"
	"sync"
	"unicode/utf8"
)

// Source is one input file, decoded to UTF-8. Every position in the model is a
// byte offset into Text, so findings point into the file the user has even when
// the XML sat inside a script, a dump or an escaped string.
type Source struct {
	Path  string // relative to the scan root, forward slashes
	Text  []byte // decoded content (UTF-8, line endings untouched)
	lines []int  // offsets of line starts
	ascii bool

	// wide indexes the multi-byte characters for UTF-16 columns, built on
	// first use: a column is then a binary search, not a scan of a line
	// that may be megabytes long.
	wideOnce sync.Once
	wide     []wideRune
}

// wideRune is a character of more than one byte: where it starts, and how many
// more bytes than UTF-16 code units the text has up to and including it.
type wideRune struct{ off, excess int }

// NewSource indexes text for offset to line and column conversion.
func NewSource(path string, text []byte) *Source {
	s := &Source{Path: path, Text: text, lines: []int{0}, ascii: true}
	for i, b := range text {
		switch {
		case b == '\n':
			s.lines = append(s.lines, i+1)
		case b >= utf8.RuneSelf:
			s.ascii = false
		}
	}
	return s
}

// Location is a region of a user's file: 1-based lines and columns, the end
// exclusive. Columns count bytes of the decoded UTF-8 text; Column16 fields
// count UTF-16 code units, which SARIF wants.
type Location struct {
	Path        string `json:"path"`
	StartLine   int    `json:"startLine"`
	StartColumn int    `json:"startColumn"`
	EndLine     int    `json:"endLine"`
	EndColumn   int    `json:"endColumn"`

	StartColumn16 int `json:"-"`
	EndColumn16   int `json:"-"`
	// Key names the place logically (an element path such as
	// "VPNProfile/NativeProfile/Servers"), so a fingerprint survives lines moving.
	Key string `json:"-"`
}

// pos returns the 1-based line, byte column and UTF-16 column of offset off.
func (s *Source) pos(off int) (line, col, col16 int) {
	if off < 0 {
		off = 0
	}
	if off > len(s.Text) {
		off = len(s.Text)
	}
	i := sort.Search(len(s.lines), func(i int) bool { return s.lines[i] > off }) - 1
	start := s.lines[i]
	col = off - start + 1
	col16 = col
	if !s.ascii {
		col16 = col - s.excess(off) + s.excess(start)
	}
	return i + 1, col, col16
}

// excess is how many more bytes than UTF-16 code units Text[:off] has.
func (s *Source) excess(off int) int {
	s.wideOnce.Do(s.indexWide)
	k := sort.Search(len(s.wide), func(k int) bool { return s.wide[k].off >= off })
	if k == 0 {
		return 0
	}
	return s.wide[k-1].excess
}

func (s *Source) indexWide() {
	excess := 0
	for i := 0; i < len(s.Text); {
		if s.Text[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(s.Text[i:])
		units := 1
		if r > 0xFFFF {
			units = 2
		}
		excess += n - units
		s.wide = append(s.wide, wideRune{i, excess})
		i += n
	}
}

// Span returns the location of the bytes [start, end) of the file. An empty or
// inverted span is widened to one character so that no consumer sees a region
// that ends before it starts.
func (s *Source) Span(start, end int) Location {
	// Clamp first: an offset at or past the end of the file (a syntax error
	// at EOF) is widened onto the last character, not past it.
	start = min(max(start, 0), len(s.Text))
	end = min(max(end, 0), len(s.Text))
	if end <= start {
		end = start + 1
		if end > len(s.Text) {
			start, end = max(len(s.Text)-1, 0), len(s.Text)
		}
	}
	l1, c1, u1 := s.pos(start)
	l2, c2, u2 := s.pos(end)
	if l2 < l1 || (l2 == l1 && c2 <= c1) {
		l2, c2, u2 = l1, c1+1, u1+1
	}
	return Location{Path: s.Path, StartLine: l1, StartColumn: c1, EndLine: l2, EndColumn: c2, StartColumn16: u1, EndColumn16: u2}
}

// LineSpan returns the location of whole lines first..last (1-based).
func (s *Source) LineSpan(first, last int) Location {
	first = min(max(first, 1), len(s.lines))
	last = min(max(last, first), len(s.lines))
	end := len(s.Text)
	if last < len(s.lines) {
		end = s.lines[last] - 1
	}
	if end > s.lines[last-1] && s.Text[end-1] == '\r' {
		end--
	}
	return s.Span(s.lines[first-1], end)
}

// Whole returns the location of the first line, for findings about a whole
// file (GitHub rejects results without a region).
func (s *Source) Whole() Location { return s.LineSpan(1, 1) }

// Lines returns the number of lines in the file.
func (s *Source) Lines() int { return len(s.lines) }

// Line returns the text of line n (1-based) without its line ending.
func (s *Source) Line(n int) string {
	if n < 1 || n > len(s.lines) {
		return ""
	}
	start, end := s.lines[n-1], len(s.Text)
	if n < len(s.lines) {
		end = s.lines[n] - 1
	}
	if end > start && s.Text[end-1] == '\r' {
		end--
	}
	return string(s.Text[start:end])
}
