package load

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// The damage a console paste does to ProfileXML, and its repair. Each repair
// is made where the parser stops, so a text that parses is never touched
// (except spaces inside namespace URIs, which are never right):
//
//	<EapHostConfigxmlns="…">     a wrap swallowed the space before an attribute
//	<ClientAuthEKUListEnabled=   (the same, before Enabled=)
//	</ Enabled>                  a flattened paste put a space where a line broke
//	<FilteringInfo xml ns="…">   (the same, inside an attribute name)
//	</VPNProf ile>, <Enab led>   (the same, inside an element name)

// cimRunTogether is a start tag whose name runs into one of the attributes
// ProfileXML and EAP configurations use. The lazy name takes the shortest
// prefix, so <ClientAuthEKUListEnabled= splits before Enabled=.
var cimRunTogether = regexp.MustCompile(`^<([A-Za-z_][\w.-]*?)(xmlns(?::[A-Za-z_][\w.-]*)?=|Enabled=)`)

// cimNamespaceRe is a namespace declaration with its quoted value.
var cimNamespaceRe = regexp.MustCompile(`xmlns(?::[A-Za-z_][\w.-]*)?="([^"<>]*)"`)

// cimRepairErrors repairs where the text stops parsing until it parses, at
// most limit times.
func cimRepairErrors(t *cimText, limit int) []cimRepair {
	var out []cimRepair
	for len(out) < limit {
		at, msg, ok := cimXMLError(t.b)
		if ok {
			break
		}
		r, ok := cimRepairAt(t, at, msg)
		if !ok {
			break
		}
		out = append(out, r)
	}
	return out
}

// cimRepairNamespaces removes white space inside namespace URIs
// ("https://www.microsoft.com/provisioning/EapHost Config").
func cimRepairNamespaces(t *cimText) []cimRepair {
	var out []cimRepair
	for from := 0; from < len(t.b) && len(out) < maxCIMRepairs; {
		m := cimNamespaceRe.FindSubmatchIndex(t.b[from:])
		if m == nil {
			break
		}
		vs, ve := from+m[2], from+m[3]
		from += m[1]
		val := t.b[vs:ve]
		if len(val) > 512 || !bytes.HasPrefix(val, []byte("http")) || !bytes.ContainsAny(val, " \t") {
			continue
		}
		first := -1
		for i := ve - 1; i >= vs; i-- {
			if t.b[i] == ' ' || t.b[i] == '\t' {
				first = t.offs[i]
				t.remove(i, i+1)
				from--
			}
		}
		end := vs
		for end < len(t.b) && t.b[end] != '"' {
			end++
		}
		out = append(out, cimRepair{at: first, what: fmt.Sprintf("space removed in the namespace %q", t.b[vs:end])})
	}
	return out
}

// cimXMLError returns where the text stops parsing (the start of the failing
// token) and why; ok when it parses.
func cimXMLError(b []byte) (at int, msg string, ok bool) {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	for {
		before := int(d.InputOffset())
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return 0, "", true
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return before, se.Msg, false
			}
			return before, err.Error(), false
		}
	}
}

// cimRepairAt makes one repair at the tag that starts at or before at.
func cimRepairAt(t *cimText, at int, msg string) (cimRepair, bool) {
	b := t.b
	lt := at
	for lt < len(b) && cimSpace(b[lt]) {
		lt++
	}
	if lt >= len(b) || b[lt] != '<' {
		lt = bytes.LastIndexByte(b[:min(at+1, len(b))], '<')
		if lt < 0 {
			return cimRepair{}, false
		}
	}
	end := min(len(b), lt+8192)
	if gt := bytes.IndexByte(b[lt:end], '>'); gt >= 0 {
		end = lt + gt + 1
	}
	tag := b[lt:end]
	switch {
	case strings.HasPrefix(msg, "expected element name after <"):
		// "</ Enabled>", "< Enabled>"
		i := lt + 1
		if i < len(b) && b[i] == '/' {
			i++
		}
		j := cimSkipBlanks(b, i)
		if j == i || j >= len(b) || !cimNameStart(b[j]) {
			return cimRepair{}, false
		}
		r := cimRepair{at: t.offs[i]}
		t.remove(i, j)
		r.what = fmt.Sprintf("space removed in %q", cimTagHead(t.b[lt:]))
		return r, true
	case strings.HasPrefix(msg, "expected attribute name in element"):
		m := cimRunTogether.FindSubmatchIndex(tag)
		if m == nil {
			return cimRepair{}, false
		}
		i := lt + m[4]
		r := cimRepair{at: t.offs[i]}
		t.insert(i, " ")
		r.what = fmt.Sprintf("space inserted in %q", string(t.b[lt:lt+m[5]+1]))
		return r, true
	case strings.HasPrefix(msg, "attribute name without = in element"):
		return cimRepairAttrName(t, lt, end)
	case strings.HasPrefix(msg, "invalid characters between </"):
		// "</VPNProf ile>"
		i := lt + 2
		j := cimNameEnd(b, i)
		k := cimSkipBlanks(b, j)
		e := cimNameEnd(b, k)
		if j == i || k == j || e == k || cimSkipBlanks(b, e) >= len(b) || b[cimSkipBlanks(b, e)] != '>' {
			return cimRepair{}, false
		}
		r := cimRepair{at: t.offs[j]}
		t.remove(j, k)
		r.what = fmt.Sprintf("space removed in %q", cimTagHead(t.b[lt:]))
		return r, true
	}
	return cimRepair{}, false
}

// cimRepairAttrName joins a name that a space split inside the start tag
// [lt, end): "xml ns=" becomes "xmlns=", "<Enab led>" becomes "<Enabled>".
func cimRepairAttrName(t *cimText, lt, end int) (cimRepair, bool) {
	b := t.b
	nameEnd := cimNameEnd(b, lt+1)
	first := true
	for i := nameEnd; i < end; first = false {
		s := cimSkipBlanks(b, i)
		if s >= end || b[s] == '>' || b[s] == '/' {
			return cimRepair{}, false
		}
		e := cimNameEnd(b, s)
		if e == s {
			return cimRepair{}, false
		}
		k := cimSkipBlanks(b, e)
		if k < end && b[k] == '=' {
			// a whole attribute: skip its value
			q := cimSkipBlanks(b, k+1)
			if q >= end || b[q] != '"' && b[q] != '\'' {
				return cimRepair{}, false
			}
			c := bytes.IndexByte(b[q+1:end], b[q])
			if c < 0 {
				return cimRepair{}, false
			}
			i = q + 1 + c + 1
			continue
		}
		switch {
		case k > e && k < end && cimNameStart(b[k]):
			// "xml ns=": the next word is the rest of the name
			n := cimNameEnd(b, k)
			if m := cimSkipBlanks(b, n); m >= end || b[m] != '=' {
				return cimRepair{}, false
			}
			r := cimRepair{at: t.offs[e]}
			t.remove(e, k)
			r.what = fmt.Sprintf("space removed in %q", string(t.b[s:n-(k-e)])+"=")
			return r, true
		case first && s > nameEnd && k < end && (b[k] == '>' || b[k] == '/'):
			// "<Enab led>": the word is the rest of the element name
			r := cimRepair{at: t.offs[nameEnd]}
			t.remove(nameEnd, s)
			r.what = fmt.Sprintf("space removed in %q", cimTagHead(t.b[lt:]))
			return r, true
		}
		return cimRepair{}, false
	}
	return cimRepair{}, false
}

func cimNameStart(c byte) bool { return cimWordByte(c) }

// cimNameEnd returns the end of the XML name that starts at i (i when none).
func cimNameEnd(b []byte, i int) int {
	j := i
	for j < len(b) && (cimWordByte(b[j]) || j > i && (b[j] >= '0' && b[j] <= '9' || b[j] == '.' || b[j] == '-' || b[j] == ':')) {
		j++
	}
	return j
}

// cimTagHead is the start of a tag up to its name's end and the next '>' or
// space: "</Enabled>".
func cimTagHead(b []byte) string {
	i := 1
	if len(b) > 1 && b[1] == '/' {
		i = 2
	}
	e := cimNameEnd(b, i)
	if e < len(b) && b[e] == '>' {
		e++
	}
	return string(b[:e])
}
