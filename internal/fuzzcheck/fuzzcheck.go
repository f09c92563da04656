// Package fuzzcheck holds the invariants the fuzz targets of the loader
// (lint/load) and of the rules (rules) check on every input: each reported
// location lies inside the file, and no message repeats a secret the input
// holds.
package fuzzcheck

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/aovpnlint/aovpnlint/lint/model"
)

// LocError says why l does not lie inside src, or returns "" when it does.
// Lines are 1-based; columns are 1-based bytes and may point one past the
// end of a line (an exclusive end, or the line ending itself).
func LocError(src *model.Source, l model.Location) string {
	lines := src.Lines()
	switch {
	case l.Path != src.Path:
		return fmt.Sprintf("path %q, not the file's %q", l.Path, src.Path)
	case l.StartLine < 1 || l.StartColumn < 1:
		return "starts before line 1, column 1"
	case l.StartLine > lines:
		return fmt.Sprintf("starts on line %d of a file of %d lines", l.StartLine, lines)
	case l.EndLine < l.StartLine:
		return "ends on a line before its start"
	case l.EndLine > lines:
		return fmt.Sprintf("ends on line %d of a file of %d lines", l.EndLine, lines)
	case l.EndLine == l.StartLine && l.EndColumn < l.StartColumn:
		return "ends before it starts"
	case l.StartColumn > lineLen(src, l.StartLine)+1:
		return fmt.Sprintf("starts at column %d of a line of %d bytes", l.StartColumn, lineLen(src, l.StartLine))
	case l.EndColumn > lineLen(src, l.EndLine)+1:
		return fmt.Sprintf("ends at column %d of a line of %d bytes", l.EndColumn, lineLen(src, l.EndLine))
	}
	return ""
}

// lineLen is the length of line n in bytes without its "\n" (a "\r"
// before it counts: a region may end after it).
func lineLen(src *model.Source, n int) int {
	text := src.Text
	start := 0
	for i := 1; i < n; i++ {
		j := bytes.IndexByte(text[start:], '\n')
		if j < 0 {
			return 0
		}
		start += j + 1
	}
	if j := bytes.IndexByte(text[start:], '\n'); j >= 0 {
		return j
	}
	return len(text) - start
}

// secretElements are elements whose text is a secret, raw or entity-escaped
// (as in SyncML <Data>, Intune JSON, scripts): the L2TP pre-shared key, the
// APN binding password, an NPS export's RADIUS shared secret.
var secretElements = []*regexp.Regexp{
	regexp.MustCompile(`<(L2tpPsk|Password|Shared_Secret)\b[^<>]*>([^<]*)</(?:L2tpPsk|Password|Shared_Secret)>`),
	regexp.MustCompile(`&lt;(L2tpPsk|Password|Shared_Secret)\b(?:[^&<>]|&(?:[^g]|g[^t]|gt[^;]))*&gt;(.*?)&lt;/(?:L2tpPsk|Password|Shared_Secret)&gt;`),
	regexp.MustCompile(`\\u003[cC](L2tpPsk|Password|Shared_Secret)\b[^\\<>]*\\u003[eE](.*?)\\u003[cC]/(?:L2tpPsk|Password|Shared_Secret)\\u003[eE]`),
}

// privateKeyBlock is a PEM private key block; group 1 its body.
var privateKeyBlock = regexp.MustCompile(`(?s)-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----\r?\n(.*?)-----END [A-Z0-9 ]*PRIVATE KEY-----`)

// minSecret is the shortest value counted as a planted secret: shorter
// values occur by chance in messages that quote other parts of the input.
const minSecret = 8

// Secrets returns the secrets planted in input: the values of <L2tpPsk>,
// <Password> and <Shared_Secret> and the base64 body lines of PEM private
// keys, each at least minSecret bytes long and found exactly once in input
// (a value found twice is also something else that a message may quote).
// Values holding "$" are left out: in a script they are an expression,
// which a message about a run-time value names.
func Secrets(input []byte) []string {
	var cands []string
	for _, re := range secretElements {
		for _, m := range re.FindAllSubmatch(input, -1) {
			cands = append(cands, string(m[2]), strings.TrimSpace(string(m[2])))
		}
	}
	for _, m := range privateKeyBlock.FindAllSubmatch(input, -1) {
		for _, line := range strings.Split(string(m[1]), "\n") {
			line = strings.TrimSpace(line)
			if strings.Contains(line, ":") {
				continue // a header such as Proc-Type: 4,ENCRYPTED
			}
			cands = append(cands, line)
		}
	}
	var out []string
	seen := map[string]bool{}
	for _, c := range cands {
		if len(c) < minSecret || seen[c] || strings.Contains(c, "$") || bytes.Count(input, []byte(c)) != 1 {
			continue
		}
		seen[c] = true
		out = append(out, c)
	}
	return out
}

// Leak returns the first secret that one of texts contains, or "".
func Leak(secrets []string, texts ...string) string {
	for _, s := range secrets {
		for _, t := range texts {
			if strings.Contains(t, s) {
				return s
			}
		}
	}
	return ""
}

// HangLimit is how long one input may take: go test -fuzz has no per-input
// timeout, and a reader that loops would stall the run without a crasher.
const HangLimit = 10 * time.Second

// Watchdog panics, taking the fuzz worker down so that go test saves the
// input as a crasher, when the input runs longer than HangLimit. Defer the
// call of the function it returns:
//
//	defer fuzzcheck.Watchdog(data)()
func Watchdog(data []byte) (stop func() bool) {
	return time.AfterFunc(HangLimit, func() {
		panic(fmt.Sprintf("input took more than %s: %q", HangLimit, data))
	}).Stop
}
