package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint"
)

// GitHub writes one GitHub Actions workflow command per unsuppressed finding,
// which the runner turns into an annotation on the file and line (no code
// scanning or GitHub Advanced Security needed):
//
//	::error file=profiles/user.xml,line=12,col=5,endLine=12,endColumn=9,title=VPN201 eap-server-validation-disabled::user can accept … Predicts Windows error 13801. Fix: ….
//
// error, warning and note become ::error, ::warning and ::notice. The message
// is the SARIF alert text (finding, predicted Windows error, fix) and the
// title the rule's ID and name. Columns are UTF-16 code units, as in SARIF;
// col and endColumn are left out when a finding spans several lines, because
// GitHub accepts columns only on a one-line annotation. Data is escaped as
// GitHub's toolkit does (% CR LF), property values also : and ,, so every
// command stays one line.
//
// After the commands come the text summary line and, when no --trust was
// given, the trust note: plain log lines the runner prints as they are.
// Suppressed findings are left out and counted in the summary.
func GitHub(w io.Writer, res *lint.Result, o Options) error {
	var b strings.Builder
	shown, suppressed := 0, 0
	for i := range res.Findings {
		f := &res.Findings[i]
		if f.Suppressed {
			suppressed++
			continue
		}
		shown++
		b.WriteString(githubCommand(f))
		b.WriteByte('\n')
	}
	fmt.Fprintf(&b, "aovpnlint: %s\n", summaryLine(res.Summary, shown, suppressed))
	if note := res.TrustNote(); note != "" {
		fmt.Fprintf(&b, "aovpnlint: note: %s\n", note)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// githubCommand is one ::error/::warning/::notice workflow command.
func githubCommand(f *lint.Finding) string {
	l := f.Location
	sc, ec := l.StartColumn16, l.EndColumn16
	if sc == 0 {
		sc = l.StartColumn
	}
	if ec == 0 {
		ec = l.EndColumn
	}
	sl, sc, el, ec := clampRegion(l.StartLine, sc, l.EndLine, ec)
	props := []string{
		"file=" + githubProperty(l.Path),
		fmt.Sprintf("line=%d", sl),
	}
	if sl == el {
		props = append(props, fmt.Sprintf("col=%d", sc))
	}
	props = append(props, fmt.Sprintf("endLine=%d", el))
	if sl == el {
		props = append(props, fmt.Sprintf("endColumn=%d", ec))
	}
	title := f.RuleID
	if f.RuleName != "" {
		title += " " + f.RuleName
	}
	props = append(props, "title="+githubProperty(title))
	return "::" + githubCommandName(f.Level) + " " + strings.Join(props, ",") + "::" + githubData(alertText(f))
}

func githubCommandName(s lint.Severity) string {
	switch s {
	case lint.Error:
		return "error"
	case lint.Warning:
		return "warning"
	}
	return "notice"
}

var (
	githubDataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	githubPropertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// githubData escapes a workflow command's message.
func githubData(s string) string { return githubDataEscaper.Replace(s) }

// githubProperty escapes a workflow command's property value.
func githubProperty(s string) string { return githubPropertyEscaper.Replace(s) }
