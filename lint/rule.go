// Package lint is aovpnlint's engine: the Rule and Finding types, rule
// selection, and Run, which loads the inputs, runs the rules and returns sorted
// findings. It knows no single rule; package rules provides them.
package lint

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint/model"
)

// Location is a region of a user's file (see model.Location).
type Location = model.Location

// Severity is a finding's level. The names are SARIF's.
type Severity int

// The severities, lowest first.
const (
	Note Severity = iota + 1
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Note:
		return "note"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return "none"
}

// MarshalJSON writes the severity as its name.
func (s Severity) MarshalJSON() ([]byte, error) { return json.Marshal(s.String()) }

// ParseSeverity reads "error", "warning", "note" (and "none", which is 0).
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(s) {
	case "error":
		return Error, nil
	case "warning":
		return Warning, nil
	case "note":
		return Note, nil
	case "none":
		return 0, nil
	}
	return 0, fmt.Errorf("unknown level %q (want error, warning, note or none)", s)
}

// DocsURL is where docs/rules.md is published; a rule's help link is this plus
// "#" and its lowercase ID.
const DocsURL = "https://github.com/aovpnlint/aovpnlint/blob/main/docs/rules.md"

// Rule is one check with the metadata every output needs. A rule sets one or
// more of the Check functions; the runner calls CheckProfile once per profile,
// CheckEap once per EAP configuration (in profiles and standalone files),
// CheckCert once per certificate (scanned and --trust), and Check once per run for cross-checks over the whole deployment.
type Rule struct {
	ID       string   // prefix and three digits, stable, never reused: "VPN201"
	Name     string   // kebab-case: "eap-server-validation-disabled"
	Severity Severity // default level
	Summary  string   // one line, no final period
	Help     string   // Markdown: why, the Windows symptom, how to fix, bad/good example, source
	Fix      string   // one line: the usual fix, printed under text findings
	Tags     []string // "security", "reliability", "conditional-access", "device-tunnel", ...
	// WindowsErrors are the client errors the problem leads to: "13801",
	// "0x800B0109", "812", or "oops" for the conditional-access loop.
	WindowsErrors []string
	// SecuritySeverity is GitHub's 0.1-10 score; set it on security rules.
	SecuritySeverity float64
	// Precision is SARIF's very-high, high, medium or low; empty means high.
	Precision string

	CheckProfile func(p *Pass, prof *model.Profile)
	CheckEap     func(p *Pass, eap *model.EapConfig)
	CheckCert    func(p *Pass, c *model.Cert)
	Check        func(p *Pass)
	// CheckSuppression judges a suppression (an aovpnlint:ignore comment, a
	// config file entry) once every other rule ran and the suppressions were
	// applied. Findings of such rules cannot be suppressed.
	CheckSuppression func(p *Pass, s *Suppression)
}

// HelpURI returns the rule's section of docs/rules.md.
func (r *Rule) HelpURI() string { return DocsURL + "#" + strings.ToLower(r.ID) }

// Prefix returns the rule's category: "VPN" for "VPN201".
func (r *Rule) Prefix() string { return strings.TrimRight(r.ID, "0123456789") }

// Pass is what a rule's check sees: the deployment and a way to report.
type Pass struct {
	Rule       *Rule
	Deployment *model.Deployment
	report     func(Diagnostic)
}

// Diagnostic is what a rule reports; the runner turns it into a Finding.
type Diagnostic struct {
	At      Location
	Message string    // lowercase, no final period, shows the value seen
	Fix     string    // overrides Rule.Fix when set
	Related []Related // other places involved (the certificate, the NPS policy)
	// WindowsErrors overrides Rule.WindowsErrors when one finding predicts a
	// narrower set.
	WindowsErrors []string
}

// Reportf reports a finding at a place with a formatted message.
func (p *Pass) Reportf(at Location, format string, args ...any) {
	p.report(Diagnostic{At: at, Message: fmt.Sprintf(format, args...)})
}

// Report reports a finding with related locations or its own fix.
func (p *Pass) Report(d Diagnostic) { p.report(d) }
