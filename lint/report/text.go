package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint"
)

// ANSI escapes for Text with Options.Color.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
)

// Text writes one block per unsuppressed finding and a summary line:
//
//	profiles/user.xml:12:5: error VPN201 EAP server validation is disabled
//	    predicts Windows error 13801
//	    fix: set <DisableUserPromptForServerValidation> to false
//	    certs/vpn.pem:1:1: the server certificate
//
//	1 error, 0 warnings, 0 notes in 2 files (1 profile, 1 certificate)
//
// Columns are byte columns, as in JSON output. Suppressed findings are left
// out and counted at the end of the summary line; the counts come from
// res.Summary, which counts unsuppressed findings only.
// With Options.Quiet only the first line of each block is written, and no
// summary (nothing at all when there is no finding).
func Text(w io.Writer, res *lint.Result, o Options) error {
	var b strings.Builder
	shown, suppressed := 0, 0
	for i := range res.Findings {
		f := &res.Findings[i]
		if f.Suppressed {
			suppressed++
			continue
		}
		shown++
		level, id := f.Level.String(), f.RuleID
		if o.Color {
			level = levelColor(f.Level) + level + ansiReset
			id = ansiBold + id + ansiReset
		}
		fmt.Fprintf(&b, "%s: %s %s %s\n", textPos(f.Location), level, id, oneLine(f.Message))
		if o.Quiet {
			continue
		}
		if p := predicts(f.WindowsErrors, identity); p != "" {
			fmt.Fprintf(&b, "    predicts %s\n", p)
		}
		if f.Fix != "" {
			fmt.Fprintf(&b, "    fix: %s\n", oneLine(f.Fix))
		}
		for _, r := range f.Related {
			if r.Message == "" {
				fmt.Fprintf(&b, "    %s\n", textPos(r.Location))
			} else {
				fmt.Fprintf(&b, "    %s: %s\n", textPos(r.Location), oneLine(r.Message))
			}
		}
	}
	if o.Quiet {
		_, err := io.WriteString(w, b.String())
		return err
	}
	if shown > 0 {
		b.WriteString("\n")
	}
	b.WriteString(summaryLine(res.Summary, shown, suppressed))
	b.WriteString("\n")
	if note := res.TrustNote(); note != "" {
		b.WriteString("note: " + note + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func levelColor(s lint.Severity) string {
	switch s {
	case lint.Error:
		return ansiRed
	case lint.Warning:
		return ansiYellow
	}
	return ansiCyan
}

// textPos is "path:line:col", never with a zero line or column.
func textPos(l lint.Location) string {
	return fmt.Sprintf("%s:%d:%d", l.Path, max(l.StartLine, 1), max(l.StartColumn, 1))
}

// oneLine keeps a block one line per item even if a message has a line break.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// summaryLine is "3 errors, 1 warning, 0 notes in 2 files (2 profiles)", or
// "no findings in ..." when nothing is shown, with ", N suppressed" at the end
// when findings were suppressed.
func summaryLine(s lint.Summary, shown, suppressed int) string {
	var b strings.Builder
	if shown == 0 {
		b.WriteString("no findings")
	} else {
		fmt.Fprintf(&b, "%s, %s, %s", plural(s.Errors, "error"), plural(s.Warnings, "warning"), plural(s.Notes, "note"))
	}
	fmt.Fprintf(&b, " in %s (%s", plural(s.Files, "file"), plural(s.Profiles, "profile"))
	if s.Certificates > 0 {
		fmt.Fprintf(&b, ", %s", plural(s.Certificates, "certificate"))
	}
	b.WriteString(")")
	if suppressed > 0 {
		fmt.Fprintf(&b, ", %d suppressed", suppressed)
	}
	return b.String()
}
