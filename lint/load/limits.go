package load

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/aovpnlint/aovpnlint/lint/model"
)

// The readers' limits. Each lies far above what a real deployment file
// needs; input beyond one is a LOAD finding, never a crash, a hang or a
// profile skipped in silence.
const (
	// DefaultMaxFileSize is the largest file read (--max-file-size).
	DefaultMaxFileSize = 16 << 20
	// MaxLineLength bounds the lines of the text inputs other than JSON
	// (Graph writes a whole export on one line): ProfileXML, scripts, dumps
	// and PEM files have lines of some kilobytes at most.
	MaxLineLength = 1 << 20
	// MaxPEMBlocks bounds the PEM blocks read from one file; an export of a
	// whole Windows root store has some hundreds.
	MaxPEMBlocks = 2048
	// MaxDecodedSize bounds a base64 value decoded as a document: ProfileXML
	// delivered through Intune is some tens of kilobytes.
	MaxDecodedSize = 4 << 20
	// sniffSize is how much of a file over the size limit is read to tell
	// whether it is a deployment file.
	sniffSize = 64 << 10
)

// fileLoc is the place of a finding about a whole file that was not read:
// its first character (GitHub wants a region).
func fileLoc(rel string) model.Location {
	return model.Location{Path: rel, StartLine: 1, StartColumn: 1, EndLine: 1, EndColumn: 2, StartColumn16: 1, EndColumn16: 2}
}

// tooLarge reports a file over the size limit when its first bytes look like
// a deployment file; a large file of any other kind is skipped quietly.
func tooLarge(rel string, size, limit int64, head []byte) (model.Problem, bool) {
	text, _ := Decode(head)
	if !looksLikeInput(text) {
		return model.Problem{}, false
	}
	return model.Problem{
		Kind: model.TooLarge, Loc: fileLoc(rel),
		Message: fmt.Sprintf("file is %s, larger than the %s limit: it was not read", byteSize(size), byteSize(limit)),
		Hint:    "raise the limit with --max-file-size if the file is meant to be this large, or split it (one profile or certificate bundle per file)",
	}, true
}

// looksLikeInput tells from the start of a file whether aovpnlint would read it.
func looksLikeInput(text []byte) bool {
	if root, ok := sniffRoot(text); ok {
		switch root {
		case "VPNProfile", "EapHostConfig", "SyncML", "Atomic", "Add", "Replace", "Root":
			return true
		}
	}
	if hasPEM(text) {
		return true
	}
	for _, marker := range []string{"<VPNProfile", "&lt;VPNProfile", "ProfileXML", "omaSetting", "windows10VpnConfiguration", "MDM_VPNv2"} {
		if indexFold(text, marker) >= 0 {
			return true
		}
	}
	return false
}

// byteSize writes a byte count the way people say it.
func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// limitProblem is input beyond one of the readers' limits.
func limitProblem(loc model.Location, msg, hint string) model.Problem {
	return model.Problem{Kind: model.LimitExceeded, Loc: loc, Message: msg, Hint: hint}
}

// refusal is why a recognised text input is not read at all: a NUL
// character (binary data, or UTF-16 without a byte order mark that was not
// recognised) or a line over MaxLineLength.
func refusal(src *model.Source, json bool) (model.Problem, bool) {
	text := src.Text
	if i := bytes.IndexByte(text, 0); i >= 0 {
		return model.Problem{
			Kind: model.BadEncoding, Loc: src.Span(i, i+1),
			Message: "NUL character in a text file: it holds binary data, or is UTF-16 without a byte order mark; it was not read",
			Hint:    "save the file as UTF-8 (or UTF-16 with a byte order mark) and remove any binary data",
		}, true
	}
	if json {
		return model.Problem{}, false
	}
	for start := 0; start < len(text); {
		end := bytes.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text) - start
		}
		if end > MaxLineLength {
			return limitProblem(src.Span(start, start+1),
				fmt.Sprintf("line is %s long, longer than the %s a line may be: the file was not read", byteSize(int64(end)), byteSize(MaxLineLength)),
				"break the line: no ProfileXML, script, dump or PEM file needs lines this long"), true
		}
		start += end + 1
	}
	return model.Problem{}, false
}

// encodingProblem reports characters that were not valid in the file's
// encoding: an unpaired UTF-16 surrogate or an odd trailing byte in any
// input, and bytes that are not UTF-8 in XML that names no other encoding
// (such a file was read as Windows-1252, which is right for scripts but not
// for XML, whose default is UTF-8).
func encodingProblem(src *model.Source, data []byte, enc string, xmlKind bool) (model.Problem, bool) {
	off, what := -1, ""
	switch enc {
	case "utf-16le", "utf-16be":
		off, what = utf16Fault(data, enc == "utf-16be")
	case "utf-8-bom", "windows-1252":
		if !xmlKind || declaresOtherEncoding(src.Text) {
			return model.Problem{}, false
		}
		body := data
		if enc == "utf-8-bom" {
			body = data[3:]
		}
		if utf8.Valid(body) {
			return model.Problem{}, false
		}
		i := firstInvalidUTF8(body)
		off = len(windows1252(body[:i]))
		what = fmt.Sprintf("byte 0x%02X is not UTF-8, the encoding of XML without an encoding declaration: the file was read as Windows-1252; Windows' XML parser rejects it", body[i])
	}
	if off < 0 {
		return model.Problem{}, false
	}
	return model.Problem{
		Kind: model.BadEncoding, Loc: src.Span(off, off+1), Message: what,
		Hint: "save the file as UTF-8 (Set-Content -Encoding utf8, or an editor's \"UTF-8\" save option)",
	}, true
}

// utf16Fault finds the first unpaired surrogate of UTF-16 data (with or
// without its byte order mark) and returns its offset in the decoded text.
func utf16Fault(data []byte, bigEndian bool) (int, string) {
	body := data
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		body = data[2:]
	}
	unit := func(i int) uint16 {
		if bigEndian {
			return uint16(body[i])<<8 | uint16(body[i+1])
		}
		return uint16(body[i+1])<<8 | uint16(body[i])
	}
	for i := 0; i+1 < len(body); i += 2 {
		u := unit(i)
		switch {
		case utf16.IsSurrogate(rune(u)) && u < 0xDC00 && i+3 < len(body) && unit(i+2) >= 0xDC00 && unit(i+2) <= 0xDFFF:
			i += 2 // a pair
		case utf16.IsSurrogate(rune(u)):
			return len(utf16ToUTF8(body[:i], bigEndian)), fmt.Sprintf("unpaired UTF-16 surrogate 0x%04X: the text is damaged (cut in the middle of a character?)", u)
		}
	}
	if len(body)%2 == 1 {
		return len(utf16ToUTF8(body, bigEndian)), "odd number of bytes in a UTF-16 file: its last character is cut off"
	}
	return -1, ""
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// declaresOtherEncoding reports whether an XML declaration names an encoding
// other than UTF-8 (or UTF-16, which a byte order mark has settled already).
func declaresOtherEncoding(text []byte) bool {
	t := bytes.TrimLeft(text, " \t\r\n")
	if !bytes.HasPrefix(t, []byte("<?xml")) {
		return false
	}
	decl, _, ok := bytes.Cut(t, []byte("?>"))
	if !ok {
		return false
	}
	i := bytes.Index(decl, []byte("encoding"))
	if i < 0 {
		return false
	}
	v := bytes.TrimLeft(decl[i+len("encoding"):], " \t\r\n=")
	if len(v) == 0 || v[0] != '"' && v[0] != '\'' {
		return false
	}
	end := bytes.IndexByte(v[1:], v[0])
	if end < 0 {
		return false
	}
	switch strings.ToLower(string(v[1 : 1+end])) {
	case "utf-8", "utf8", "utf-16", "unicode":
		return false
	}
	return true
}
