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
	// Trust are certificate files of the roots the clients trust (--trust).
	Trust []string
	// NPSCerts are certificate files of NPS servers (--nps-cert), for when
	// no EAP ServerNames entry names them.
	NPSCerts []string
	// VPNCerts are certificate files of IKEv2 VPN servers (--vpn-cert), for
	// when neither a Servers entry nor their EKUs identify them.
	VPNCerts []string
	// ExpiryWarning is how long before expiry a certificate is reported as
	// expiring soon; zero means DefaultExpiryWarning.
	ExpiryWarning time.Duration
	// MaxFileSize is the largest file read (--max-file-size); 0 means
	// DefaultMaxFileSize.
	MaxFileSize int64
	// Log receives -v messages (why a file was skipped); nil discards them.
	Log func(format string, args ...any)

	// Config file settings (lint/config.go, lint/override.go). Overrides are
	// rule settings in layers: the file's top level (no Paths) first, then
	// its per-path overrides; Config.RuleSettings gives them.
	Overrides []Override
	// ConfigDir is the config file's folder: Override.Paths and ConfigExclude
	// are relative to it ("" is the working directory).
	ConfigDir     string
	ConfigExclude []string // the config file's exclude globs
	// Suppress are the config file's certificate suppressions.
	Suppress []CertSuppression
	// Baseline holds the findings known before (--baseline): they are
	// suppressed as external, so only new findings fail the run.
	Baseline *Baseline
}

// DefaultMaxFileSize is the default --max-file-size: 16 MiB.
const DefaultMaxFileSize = load.DefaultMaxFileSize

// DefaultExpiryWarning is the default --expiry-warning: 30 days.
const DefaultExpiryWarning = 30 * 24 * time.Hour

// Input is a recognised input file, as listed in JSON output.
type Input struct {
	Path         string     `json:"path"`
	Kind         model.Kind `json:"kind"`
	Profiles     int        `json:"profiles"`
	Certificates int        `json:"certificates"`
	// CertificateDetails describes each certificate of the file.
	CertificateDetails []CertInfo `json:"certificateDetails,omitempty"`
}

// CertInfo is a certificate as JSON output lists it under its input.
type CertInfo struct {
	Subject   string    `json:"subject"`
	Issuer    string    `json:"issuer"`
	Serial    string    `json:"serial"`
	SHA1      string    `json:"sha1"`
	SHA256    string    `json:"sha256"`
	NotBefore time.Time `json:"notBefore"`
	NotAfter  time.Time `json:"notAfter"`
	Roles     []string  `json:"roles"`
	// Trust is "anchor", "trusted" (chains to an anchor), "untrusted" (ends
	// at a self-signed certificate that is no anchor) or "incomplete" (an
	// issuer is missing from the scan).
	Trust string `json:"trust"`
	// Chain lists the SHA-1 thumbprints of the issuers, nearest first.
	Chain    []string `json:"chain"`
	Location Location `json:"location"`
}

// Trust says which roots a run trusted: the --trust certificates, or the
// self-signed CA certificates of the scan when none were given (Implicit).
type Trust struct {
	Implicit bool     `json:"implicit"`
	Anchors  []string `json:"anchors"` // SHA-1 thumbprints
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
	Rules    []*Rule // the rules that ran, sorted by ID
	Inputs   []Input // recognised inputs, sorted by path
	Trust    Trust
	Findings []Finding // sorted by path, line, column, rule
	Summary  Summary
	// IOErrors are paths that could not be read; the CLI exits 2 when there are any.
	IOErrors []error
	// failOn gives the config file's per-path fail level, if any (override.go).
	failOn func(path string) (Severity, bool)
	// BaselineApplied is set when the findings were compared with a
	// baseline (--baseline): the ones in it are suppressed, the others new.
	BaselineApplied bool
}

// TrustNote says, when no --trust file was given, that the self-signed CA
// certificates of the scan served as trust anchors; "" otherwise. Outputs
// print it once.
func (r *Result) TrustNote() string {
	if !r.Trust.Implicit {
		return ""
	}
	n := len(r.Trust.Anchors)
	what := "certificate of the scan is taken as the root the clients trust"
	if n != 1 {
		what = "certificates of the scan are taken as the roots the clients trust"
	}
	return fmt.Sprintf("no --trust given: the %d self-signed CA %s; pass the roots the clients really trust with --trust", n, what)
}

// Fails reports whether any unsuppressed finding is at or above level. A
// level of 0 ("none") never fails.
func (r *Result) Fails(level Severity) bool {
	if level == 0 && r.failOn == nil {
		return false
	}
	for _, f := range r.Findings {
		if lvl := r.failLevel(&f, level); !f.Suppressed && lvl != 0 && f.Level >= lvl {
			return true
		}
	}
	return false
}

// Run loads the inputs, runs the selected rules over the deployment and
// returns the sorted findings. The error is for bad options only; unreadable
// paths are in Result.IOErrors and everything readable is still linted.
func Run(all []*Rule, opts Options) (*Result, error) {
	rules, configured, err := selectConfigured(all, opts)
	if err != nil {
		return nil, err
	}
	paths := opts.Paths
	if len(paths) == 0 {
		paths = []string{"."}
	}
	d, ioErrs := load.Load(paths, load.Options{Exclude: opts.Exclude, Skip: configSkip(opts), Log: opts.Log, MaxFileSize: opts.MaxFileSize})
	d.Now = opts.Now
	if d.Now.IsZero() {
		d.Now = time.Now()
	}
	d.ServerNames = opts.ServerNames
	d.ExpiryWarning = opts.ExpiryWarning
	if d.ExpiryWarning == 0 {
		d.ExpiryWarning = DefaultExpiryWarning
	}
	ioErrs = append(ioErrs, addCertFiles(d, opts.Trust, "--trust", func(c *model.Cert) { c.Trusted = true })...)
	ioErrs = append(ioErrs, addCertFiles(d, opts.NPSCerts, "--nps-cert", func(c *model.Cert) { c.NPS = true })...)
	ioErrs = append(ioErrs, addCertFiles(d, opts.VPNCerts, "--vpn-cert", func(c *model.Cert) { c.VPN = true })...)
	d.Link()
	addCertSuppressions(d, opts.Suppress)
	res := Check(d, rules)
	res.IOErrors = ioErrs
	configured.apply(res)
	res.ApplyBaseline(opts.Baseline)
	return res, nil
}

// addCertFiles reads certificate files named by a flag and marks their
// certificates. A file the scan already holds is marked, not added twice.
func addCertFiles(d *model.Deployment, paths []string, flag string, mark func(*model.Cert)) []error {
	var errs []error
	for _, p := range paths {
		f, probs, err := load.CertFile(p)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s %s: %w", flag, p, err))
			continue
		}
		if i := slices.IndexFunc(d.Files, func(g *model.File) bool { return g.Src.Path == f.Src.Path }); i >= 0 {
			f = d.Files[i]
		} else {
			d.Problems = append(d.Problems, probs...)
			d.Add(f)
		}
		for _, c := range f.Certs {
			mark(c)
		}
	}
	return errs
}

// Check runs rules over an already loaded deployment.
func Check(d *model.Deployment, rules []*Rule) *Result {
	rules = slices.Clone(rules)
	slices.SortFunc(rules, func(a, b *Rule) int { return strings.Compare(a.ID, b.ID) })
	res := &Result{Rules: rules}
	// Rules only read the deployment, so they run side by side; their
	// findings are joined in rule order and sorted, whatever finished first.
	found := make([][]Finding, len(rules))
	load.Parallel(len(rules), func(i int) { found[i] = runRule(rules[i], d) })
	for _, f := range found {
		res.Findings = append(res.Findings, f...)
	}
	res.Findings = suppress(d, rules, res.Findings)
	res.Findings = sortFindings(res.Findings)
	res.Trust = Trust{Implicit: d.ImplicitAnchors, Anchors: []string{}}
	for _, a := range d.Anchors {
		res.Trust.Anchors = append(res.Trust.Anchors, a.Thumbprint())
	}
	for _, f := range d.Files {
		in := Input{Path: f.Src.Path, Kind: f.Kind, Profiles: len(f.Profiles), Certificates: len(f.Certs)}
		for _, c := range f.Certs {
			in.CertificateDetails = append(in.CertificateDetails, certInfo(c))
		}
		res.Inputs = append(res.Inputs, in)
		res.Summary.Profiles += len(f.Profiles)
		res.Summary.Certificates += len(f.Certs)
	}
	slices.SortFunc(res.Inputs, func(a, b Input) int { return strings.Compare(a.Path, b.Path) })
	res.Summary.Files = len(res.Inputs)
	res.recount()
	return res
}

// runRule runs one rule over every target it declares. A panic ends that
// target's check and becomes an error finding that names the rule, so one bad
// rule can neither crash the run nor hide the other findings.
func runRule(r *Rule, d *model.Deployment, sups ...*Suppression) []Finding {
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
	if r.CheckCert != nil {
		for _, c := range d.Certs {
			guard(func() Location { return c.Loc }, func() { r.CheckCert(pass, c) })
		}
	}
	if r.Check != nil {
		var at func() Location
		if len(d.Files) > 0 {
			at = d.Files[0].Src.Whole
		}
		guard(at, func() { r.Check(pass) })
	}
	if r.CheckSuppression != nil {
		for _, s := range sups {
			guard(func() Location { return s.Loc }, func() { r.CheckSuppression(pass, s) })
		}
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

func certInfo(c *model.Cert) CertInfo {
	info := CertInfo{
		Subject: c.X509.Subject.String(), Issuer: c.X509.Issuer.String(), Serial: fmt.Sprintf("%x", c.X509.SerialNumber),
		SHA1: c.SHA1, SHA256: c.SHA256, NotBefore: c.X509.NotBefore.UTC(), NotAfter: c.X509.NotAfter.UTC(),
		Roles: c.Roles.Names(), Chain: []string{}, Location: c.Loc,
	}
	switch {
	case c.Anchor:
		info.Trust = "anchor"
	case c.Status == model.ChainTrusted:
		info.Trust = "trusted"
	case c.Status == model.ChainUntrusted:
		info.Trust = "untrusted"
	default:
		info.Trust = "incomplete"
	}
	for _, p := range c.Chain[1:] {
		info.Chain = append(info.Chain, p.SHA1)
	}
	return info
}

// recount counts the unsuppressed findings by level: after the rules ran, and again
// when overrides or a baseline change levels or suppress findings.
func (r *Result) recount() {
	r.Summary.Errors, r.Summary.Warnings, r.Summary.Notes = 0, 0, 0
	for _, f := range r.Findings {
		if f.Suppressed {
			continue
		}
		switch f.Level {
		case Error:
			r.Summary.Errors++
		case Warning:
			r.Summary.Warnings++
		case Note:
			r.Summary.Notes++
		}
	}
}
