// Package report writes a lint.Result for people and machines: text, JSON,
// SARIF 2.1.0, GitHub Actions workflow commands, JUnit XML and GitLab Code
// Quality for findings, and text, JSON and Markdown for the rule list. It
// decides nothing about what is a finding. Every writer is deterministic: the
// same Result gives the same bytes (no clock, no map order, no absolute paths).
package report

import (
	"fmt"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint"
)

// Options are what the CLI tells every writer.
type Options struct {
	Version string // tool version, e.g. "0.1.0" or "(devel)"
	Color   bool   // ANSI colour in text output (CLI decides: terminal and NO_COLOR unset)
	// Quiet makes text output one line per finding: no predicts, fix or
	// related lines and no summary. JSON and SARIF ignore it.
	Quiet bool
	// SARIFCategory is the SARIF run's automationDetails.id, already checked
	// and ending in "/" (see SARIFCategory); "" writes none.
	SARIFCategory string
	// IncludeSuppressed writes suppressed findings to SARIF too, with their
	// suppressions (--sarif-include-suppressed). GitHub code scanning ignores
	// suppressions and would open alerts for them, so the default leaves
	// them out.
	IncludeSuppressed bool
}

// toolName is the driver and tool name in JSON and SARIF.
const toolName = "aovpnlint"

// infoURI is the project page SARIF consumers link to.
const infoURI = "https://github.com/aovpnlint/aovpnlint"

// oopsLoop is how the "oops" pseudo-code reads in prose.
const oopsLoop = `the conditional-access "Oops, you can't get to this yet" loop`

// plural returns "1 error", "2 errors", "0 errors".
func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// predicts phrases the Windows errors a finding or rule predicts:
// "Windows error 13801", "Windows errors 13801, 0x80070040", "the
// conditional-access ... loop", or both joined by "and". It returns "" when
// there are none. code formats each error code (identity for text, a code
// span for Markdown).
func predicts(errs []string, code func(string) string) string {
	var codes []string
	oops := false
	for _, e := range errs {
		switch {
		case strings.EqualFold(e, "oops"):
			oops = true
		case e != "":
			codes = append(codes, code(e))
		}
	}
	var parts []string
	switch len(codes) {
	case 0:
	case 1:
		parts = append(parts, "Windows error "+codes[0])
	default:
		parts = append(parts, "Windows errors "+strings.Join(codes, ", "))
	}
	if oops {
		parts = append(parts, oopsLoop)
	}
	return strings.Join(parts, " and ")
}

func identity(s string) string { return s }

// clampLoc makes lines and byte columns 1-based and the end later than the
// start (see clampRegion).
func clampLoc(l lint.Location) lint.Location {
	l.StartLine, l.StartColumn, l.EndLine, l.EndColumn = clampRegion(l.StartLine, l.StartColumn, l.EndLine, l.EndColumn)
	return l
}

// clampRegion makes lines and columns 1-based and the end later than the
// start (an empty region is widened to one character, as model.Source.Span
// does), so no writer emits line or column 0 (GitHub rejects the upload) or a
// region that ends before it starts. The engine already guarantees this; the
// writers do not trust a hand-built Result.
func clampRegion(sl, sc, el, ec int) (int, int, int, int) {
	sl, sc = max(sl, 1), max(sc, 1)
	el, ec = max(el, sl), max(ec, 1)
	if el == sl {
		ec = max(ec, sc+1)
	}
	return sl, sc, el, ec
}
