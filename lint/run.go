package lint

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/aovpnlint/aovpnlint/lint/load"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

// Options configure a run.
type Options struct {
	Paths       []string  // files and folders; default "."
	Now         time.Time // evaluation time; zero means time.Now()
	Enable      []string  // rule IDs or prefixes to turn on
	Disable     []string  // rule IDs or prefixes to turn off
	ServerNames []string  // extra expected VPN server names
	Exclude     []string  // path globs to skip
	// Log receives -v messages (why a file was skipped); nil discards them.
	Log func(format string, args ...any)
}

// Input is a recognised input file, as listed in JSON output.
type Input struct {
	Path         string     `json:"path"`
	Kind         model.Kind `json:"kind"`
	Profiles     int        `json:"profiles"`
	Certificates int        `json:"certificates"`
}

// Summary counts what a run saw and found. Suppressed findings are not counted
// by level.
type Summary struct {
	Files        int `json:"files"`
	Profiles     int `json:"profiles"`
	Certificates int `json:"certificates"`
	Errors       int `json:"errors"`
	Warnings     int `json:"warnings"`
	Notes        int `json:"notes"`
}

// Result is the outcome of a run.
type Result struct {
	Rules    []*Rule   // the rules that ran, sorted by ID
	Inputs   []Input   // recognised inputs, sorted by path
	Findings []Finding // sorted by path, line, column, rule
	Summary  Summary
	// IOErrors are paths that could not be read; the CLI exits 2 when there are any.
	IOErrors []error
}

// Fails reports whether any unsuppressed finding is at or above level. A
// level of 0 ("none") never fails.
func (r *Result) Fails(level Severity) bool {
	if level == 0 {
		return false
	}
	for _, f := range r.Findings {
		if !f.Suppressed && f.Level >= level {
			return true
		}
	}
	return false
}

// Run loads the inputs, runs the selected rules over the deployment and
// returns the sorted findings. The error is for bad options only; unreadable
// paths are in Result.IOErrors and everything readable is still linted.
func Run(all []*Rule, opts Options) (*Result, error) {
	rules, err := Select(all, opts.Enable, opts.Disable)
	if err != nil {
		return nil, err
	}
	paths := opts.Paths
	if len(paths) == 0 {
		paths = []string{"."}
	}
	d, ioErrs := load.Load(paths, load.Options{Exclude: opts.Exclude, Log: opts.Log})
	d.Now = opts.Now
	if d.Now.IsZero() {
		d.Now = time.Now()
	}
	d.ServerNames = opts.ServerNames
	res := Check(d, rules)
	res.IOErrors = ioErrs
	return res, nil
}

// Check runs rules over an already loaded deployment.
func Check(d *model.Deployment, rules []*Rule) *Result {
	rules = slices.Clone(rules)
	slices.SortFunc(rules, func(a, b *Rule) int { return strings.Compare(a.ID, b.ID) })
	res := &Result{Rules: rules}
	for _, r := range rules {
		res.Findings = append(res.Findings, runRule(r, d)...)
	}
	res.Findings = sortFindings(res.Findings)
	for _, f := range d.Files {
		res.Inputs = append(res.Inputs, Input{Path: f.Src.Path, Kind: f.Kind, Profiles: len(f.Profiles), Certificates: f.Certificates})
		res.Summary.Profiles += len(f.Profiles)
		res.Summary.Certificates += f.Certificates
	}
	slices.SortFunc(res.Inputs, func(a, b Input) int { return strings.Compare(a.Path, b.Path) })
	res.Summary.Files = len(res.Inputs)
	for _, f := range res.Findings {
		if f.Suppressed {
			continue
		}
		switch f.Level {
		case Error:
			res.Summary.Errors++
		case Warning:
			res.Summary.Warnings++
		case Note:
			res.Summary.Notes++
		}
	}
	return res
}

// runRule runs one rule over every target it declares. A panic ends that
// target's check and becomes an error finding that names the rule, so one bad
// rule can neither crash the run nor hide the other findings.
func runRule(r *Rule, d *model.Deployment) []Finding {
	var out []Finding
	pass := &Pass{Rule: r, Deployment: d}
	pass.report = func(diag Diagnostic) { out = append(out, newFinding(r, diag)) }
	guard := func(at func() Location, check func()) {
		first := len(out)
		defer func() {
			// A rule that reported at an absent element (a nil Node's zero
			// Location) still gets a place: its target's.
			for i := first; i < len(out); i++ {
				if out[i].Location.StartLine == 0 && at != nil {
					out[i].Location = at()
				}
			}
		}()
		defer func() {
			if v := recover(); v != nil {
				loc := Location{Path: "", StartLine: 1, StartColumn: 1, EndLine: 1, EndColumn: 2}
				if at != nil {
					loc = at()
				}
				out = append(out, Finding{
					RuleID: r.ID, RuleName: r.Name, Level: Error, Location: loc,
					Message: fmt.Sprintf("internal error: rule %s (%s) crashed on this input: %v; please report it with the input", r.ID, r.Name, v),
					Tags:    []string{"internal"}, WindowsErrors: []string{}, Related: []Related{},
				})
			}
		}()
		check()
	}
	if r.CheckProfile != nil {
		for _, p := range d.Profiles {
			guard(p.Root.Loc, func() { r.CheckProfile(pass, p) })
		}
	}
	if r.CheckEap != nil {
		for _, c := range d.EapConfigs {
			guard(c.Root.Loc, func() { r.CheckEap(pass, c) })
		}
	}
	if r.Check != nil {
		var at func() Location
		if len(d.Files) > 0 {
			at = d.Files[0].Src.Whole
		}
		guard(at, func() { r.Check(pass) })
	}
	for i := range out {
		out[i].Fingerprint = fingerprint(&out[i])
	}
	return out
}

func newFinding(r *Rule, d Diagnostic) Finding {
	f := Finding{
		RuleID: r.ID, RuleName: r.Name, Level: r.Severity, Message: d.Message, Fix: d.Fix,
		Location: d.At, Related: d.Related, WindowsErrors: d.WindowsErrors, Tags: r.Tags,
	}
	if f.Fix == "" {
		f.Fix = r.Fix
	}
	if f.WindowsErrors == nil {
		f.WindowsErrors = r.WindowsErrors
	}
	// JSON consumers get [] rather than null.
	if f.Related == nil {
		f.Related = []Related{}
	}
	if f.WindowsErrors == nil {
		f.WindowsErrors = []string{}
	}
	if f.Tags == nil {
		f.Tags = []string{}
	}
	return f
}
