package lint

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// ConfigNames are the file names FindConfig looks for, in this order.
var ConfigNames = []string{".aovpnlint.yaml", ".aovpnlint.yml"}

// Config is a checked .aovpnlint.yaml (docs/config.md). File paths in it are
// resolved against its folder; globs are kept as written and matched against
// paths relative to Dir.
type Config struct {
	Path string // the file as named on the command line, or as found relative to the working directory
	Dir  string // absolute folder of the file

	Enable, Disable []string    // rule IDs, names or prefixes, as --enable and --disable
	Severity        []LevelRule // per-rule levels for every path, in file order
	FailOn          *Severity   // nil when the file does not set fail-on; 0 is "none"

	// Trust, VPNCerts and NPSCerts are certificate files, already checked to
	// exist, as paths relative to the working directory.
	Trust, VPNCerts, NPSCerts []string
	ServerNames               []string
	ExpiryWarning             *time.Duration // nil when not set
	Exclude                   []string       // globs relative to Dir
	// Suppress are the certificate suppressions (lint/suppress.go): each
	// names a certificate by its SHA-256 fingerprint (normalized to lowercase
	// hex), optionally a rule, and why; Loc is the sha256 value.
	Suppress  []CertSuppression
	Overrides []Override // per-path settings, in file order
}

// Override is a set of rule settings for the findings under some paths. An
// Override without Paths applies everywhere: RuleSettings puts the file's top
// level first in that form.
type Override struct {
	Paths           []string    // globs relative to the config file's folder; `**` spans folders
	Enable, Disable []string    // rule IDs, names or prefixes
	Severity        []LevelRule // levels for matching rules, in file order
	FailOn          *Severity   // fail level for findings under Paths; nil leaves the run's
}

// LevelRule sets the level of the rules a pattern (ID, name, prefix or "all")
// matches. Level 0 ("none") drops their findings.
type LevelRule struct {
	Pattern string
	Level   Severity
}

// RuleSettings returns the file's rule settings as Options.Overrides wants
// them: the top level (no Paths) first, then the per-path overrides.
func (c *Config) RuleSettings() []Override {
	top := Override{Enable: c.Enable, Disable: c.Disable, Severity: c.Severity}
	return append([]Override{top}, c.Overrides...)
}

// ConfigError is a problem in a config file, at a 1-based line and column
// (Column is 0 when only the line is known, as for YAML syntax errors).
type ConfigError struct {
	Path         string
	Line, Column int
	Msg          string
}

func (e *ConfigError) Error() string {
	switch {
	case e.Line == 0:
		return fmt.Sprintf("%s: %s", e.Path, e.Msg)
	case e.Column == 0:
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Column, e.Msg)
}

// FindConfig looks for a config file in start's folder (start itself when
// it is a folder) and its parents, up to the first folder that holds .git or
// the filesystem root. It returns "" when there is none. Two config names in
// one folder are an error.
func FindConfig(start string) (string, error) {
	dir, err := filepath.Abs(start)
	if err != nil {
		return "", err
	}
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		dir = filepath.Dir(dir)
	}
	cwd, _ := os.Getwd()
	for {
		var found []string
		for _, n := range ConfigNames {
			if info, err := os.Stat(filepath.Join(dir, n)); err == nil && !info.IsDir() {
				found = append(found, relPath(cwd, filepath.Join(dir, n)))
			}
		}
		switch len(found) {
		case 1:
			return found[0], nil
		case 2:
			return "", fmt.Errorf("%s and %s are both there: keep one", found[0], found[1])
		}
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return "", nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}

// LoadConfig reads and checks a config file. Rule patterns are checked
// against rules. Every problem found is returned, joined, each a
// *ConfigError with its position.
func LoadConfig(file string, rules []*Rule) (*Config, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, unwrapPath(err))
	}
	return ParseConfig(file, b, rules)
}

// ParseConfig checks the content of the config file named file (used for its
// folder and in error messages).
func ParseConfig(file string, data []byte, rules []*Rule) (*Config, error) {
	abs, err := filepath.Abs(file)
	if err != nil {
		return nil, err
	}
	cwd, _ := os.Getwd()
	p := &configParser{file: file, rules: rules, cwd: cwd}
	c := &Config{Path: file, Dir: filepath.Dir(abs)}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil && !errors.Is(err, io.EOF) {
		return nil, p.syntaxError(err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		p.errorf(&extra, "a config file holds one YAML document; remove the second `---`")
	} else if !errors.Is(err, io.EOF) {
		return nil, p.syntaxError(err)
	}
	if len(doc.Content) > 0 {
		p.top(c, doc.Content[0])
	}
	if len(p.errs) > 0 {
		return nil, errors.Join(p.errs...)
	}
	return c, nil
}

// ParsePeriod reads a period as days ("30d") or a Go duration ("72h").
func ParsePeriod(s string) (time.Duration, error) {
	if d, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(d)
		if err == nil && n >= 0 {
			return time.Duration(n) * 24 * time.Hour, nil
		}
	} else if d, err := time.ParseDuration(s); err == nil && d >= 0 {
		return d, nil
	}
	return 0, fmt.Errorf("want a period such as 30d or 72h, got %q", s)
}

type configParser struct {
	file  string
	rules []*Rule
	cwd   string
	dir   string
	errs  []error
}

func (p *configParser) errorf(n *yaml.Node, format string, args ...any) {
	p.errs = append(p.errs, &ConfigError{Path: p.file, Line: n.Line, Column: n.Column, Msg: fmt.Sprintf(format, args...)})
}

// syntaxError turns the YAML library's "yaml: line N: problem" into a
// ConfigError at that line.
func (p *configParser) syntaxError(err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if n, after, ok := strings.Cut(rest, ": "); ok {
			if l, err := strconv.Atoi(n); err == nil {
				line, msg = l, after
			}
		}
	}
	return &ConfigError{Path: p.file, Line: line, Msg: "not valid YAML: " + msg}
}

// field is one key a mapping may hold.
type field struct {
	key string
	set func(n *yaml.Node)
}

// mapping walks a mapping node, calling each field's set for its value.
// Unknown and repeated keys are errors. It returns false when n is no
// mapping (after reporting it).
func (p *configParser) mapping(n *yaml.Node, what string, fields []field) bool {
	n = deref(n)
	if isNull(n) {
		return true
	}
	if n.Kind != yaml.MappingNode {
		p.errorf(n, "%s must be a mapping of keys to values, got %s", what, describe(n))
		return false
	}
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := deref(n.Content[i]), n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			p.errorf(k, "%s: keys must be names, got %s", what, describe(k))
			continue
		}
		if first, ok := seen[k.Value]; ok {
			p.errorf(k, "%s: key %q repeated (first at line %d)", what, k.Value, first.Line)
			continue
		}
		seen[k.Value] = k
		known := false
		for _, f := range fields {
			if f.key == k.Value {
				known = true
				f.set(v)
			}
		}
		if !known {
			keys := make([]string, len(fields))
			for i, f := range fields {
				keys[i] = f.key
			}
			p.errorf(k, "%s: unknown key %q (want one of: %s)", what, k.Value, strings.Join(keys, ", "))
		}
	}
	return true
}

func (p *configParser) top(c *Config, root *yaml.Node) {
	p.dir = c.Dir
	p.mapping(root, "the config file", []field{
		{"enable", func(n *yaml.Node) { c.Enable = p.rulePatterns(n, "enable") }},
		{"disable", func(n *yaml.Node) { c.Disable = p.rulePatterns(n, "disable") }},
		{"severity", func(n *yaml.Node) { c.Severity = p.severity(n, "severity") }},
		{"fail-on", func(n *yaml.Node) { c.FailOn = p.level(n, "fail-on") }},
		{"trust", func(n *yaml.Node) { c.Trust = p.files(n, "trust") }},
		{"server-names", func(n *yaml.Node) { c.ServerNames = p.names(n, "server-names") }},
		{"vpn-certs", func(n *yaml.Node) { c.VPNCerts = p.files(n, "vpn-certs") }},
		{"nps-certs", func(n *yaml.Node) { c.NPSCerts = p.files(n, "nps-certs") }},
		{"expiry-warning", func(n *yaml.Node) { c.ExpiryWarning = p.period(n, "expiry-warning") }},
		{"exclude", func(n *yaml.Node) { c.Exclude = p.globs(n, "exclude") }},
		{"suppress", func(n *yaml.Node) { c.Suppress = p.suppressions(n) }},
		{"overrides", func(n *yaml.Node) { c.Overrides = p.overrides(n) }},
	})
}

// strings returns the string items of a list (a single string is an error:
// lists are written as lists).
func (p *configParser) strings(n *yaml.Node, what string) []*yaml.Node {
	n = deref(n)
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		p.errorf(n, "%s must be a list, got %s", what, describe(n))
		return nil
	}
	var out []*yaml.Node
	for _, it := range n.Content {
		if s := p.str(it, what); s != nil {
			out = append(out, s)
		}
	}
	return out
}

// str returns n when it is a non-empty string scalar, reporting it otherwise.
func (p *configParser) str(n *yaml.Node, what string) *yaml.Node {
	n = deref(n)
	if n.Kind != yaml.ScalarNode || n.Tag != "!!str" {
		p.errorf(n, "%s: want a string, got %s", what, describe(n))
		return nil
	}
	if strings.TrimSpace(n.Value) == "" {
		p.errorf(n, "%s: empty string", what)
		return nil
	}
	return n
}

func (p *configParser) names(n *yaml.Node, what string) []string {
	var out []string
	for _, s := range p.strings(n, what) {
		out = append(out, strings.TrimSpace(s.Value))
	}
	return out
}

func (p *configParser) rulePattern(n *yaml.Node, what string) bool {
	if !matchesAny(p.rules, n.Value) {
		p.errorf(n, "%s: unknown rule or prefix %q (see `aovpnlint rules`)", what, n.Value)
		return false
	}
	return true
}

func (p *configParser) rulePatterns(n *yaml.Node, what string) []string {
	var out []string
	for _, s := range p.strings(n, what) {
		if p.rulePattern(s, what) {
			out = append(out, strings.TrimSpace(s.Value))
		}
	}
	return out
}

func (p *configParser) level(n *yaml.Node, what string) *Severity {
	n = deref(n)
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.ScalarNode {
		p.errorf(n, "%s: want a level (error, warning, note or none), got %s", what, describe(n))
		return nil
	}
	l, err := ParseSeverity(n.Value)
	if err != nil {
		p.errorf(n, "%s: %v", what, err)
		return nil
	}
	return &l
}

func (p *configParser) severity(n *yaml.Node, what string) []LevelRule {
	n = deref(n)
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		p.errorf(n, "%s must be a mapping of rule IDs, names or prefixes to levels, got %s", what, describe(n))
		return nil
	}
	var out []LevelRule
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := p.str(n.Content[i], what)
		if k == nil {
			continue
		}
		key := strings.ToUpper(strings.TrimSpace(k.Value))
		if line, ok := seen[key]; ok {
			p.errorf(k, "%s: %q repeated (first at line %d)", what, k.Value, line)
			continue
		}
		seen[key] = k.Line
		ok := p.rulePattern(k, what)
		if l := p.level(n.Content[i+1], what+"."+k.Value); l != nil && ok {
			out = append(out, LevelRule{Pattern: strings.TrimSpace(k.Value), Level: *l})
		} else if l == nil && isNull(deref(n.Content[i+1])) {
			p.errorf(k, "%s: %q has no level (want error, warning, note or none)", what, k.Value)
		}
	}
	return out
}

func (p *configParser) period(n *yaml.Node, what string) *time.Duration {
	n = deref(n)
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.ScalarNode {
		p.errorf(n, "%s: want a period such as 30d or 72h, got %s", what, describe(n))
		return nil
	}
	d, err := ParsePeriod(n.Value)
	if err != nil {
		p.errorf(n, "%s: %v", what, err)
		return nil
	}
	return &d
}

// files resolves certificate file names against the config file's folder
// and checks that each is a readable file.
func (p *configParser) files(n *yaml.Node, what string) []string {
	var out []string
	for _, s := range p.strings(n, what) {
		f := filepath.FromSlash(strings.TrimSpace(s.Value))
		if !filepath.IsAbs(f) {
			f = filepath.Join(p.dir, f)
		}
		info, err := os.Stat(f)
		switch {
		case err != nil:
			p.errorf(s, "%s: %s: %v (paths are relative to the config file's folder)", what, s.Value, unwrapPath(err))
			continue
		case info.IsDir():
			p.errorf(s, "%s: %s is a folder, not a certificate file", what, s.Value)
			continue
		}
		out = append(out, relPath(p.cwd, f))
	}
	return out
}

func (p *configParser) globs(n *yaml.Node, what string) []string {
	var out []string
	for _, s := range p.strings(n, what) {
		g := strings.TrimSpace(s.Value)
		if err := checkGlob(g); err != nil {
			p.errorf(s, "%s: %q: %v", what, s.Value, err)
			continue
		}
		out = append(out, g)
	}
	return out
}

func (p *configParser) suppressions(n *yaml.Node) []CertSuppression {
	n = deref(n)
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		p.errorf(n, "suppress must be a list of {sha256, rule, reason} entries, got %s", describe(n))
		return nil
	}
	var out []CertSuppression
	for _, it := range n.Content {
		var s CertSuppression
		var sha *yaml.Node
		ok := p.mapping(it, "suppress entry", []field{
			{"sha256", func(v *yaml.Node) {
				v = deref(v)
				// A hex fingerprint of digits only resolves as a number: take its text.
				if v.Kind != yaml.ScalarNode || isNull(v) {
					p.errorf(v, "suppress entry: sha256: want the certificate's SHA-256 fingerprint, got %s", describe(v))
					return
				}
				sha = v
				h, err := normalizeSHA256(v.Value)
				if err != nil {
					p.errorf(v, "suppress entry: sha256: %v", err)
					return
				}
				s.SHA256 = h
				s.Loc = p.loc(v)
			}},
			{"rule", func(v *yaml.Node) {
				r := p.str(v, "suppress entry: rule")
				switch {
				case r == nil:
				case strings.EqualFold(strings.TrimSpace(r.Value), "all") || strings.TrimSpace(r.Value) == "*":
					p.errorf(r, "suppress entry: rule: name a rule ID, name or prefix, or leave rule out to accept every finding on the certificate")
				case p.rulePattern(r, "suppress entry: rule"):
					s.Rule = strings.TrimSpace(r.Value)
				}
			}},
			{"reason", func(v *yaml.Node) {
				v = deref(v)
				if isNull(v) {
					return
				}
				if r := p.str(v, "suppress entry: reason"); r != nil {
					s.Reason = strings.TrimSpace(r.Value)
				}
			}},
		})
		if !ok {
			continue
		}
		if sha == nil {
			p.errorf(deref(it), "suppress entry: sha256 is missing (the certificate's SHA-256 fingerprint, as JSON output's certificateDetails[].sha256)")
			continue
		}
		if s.SHA256 != "" {
			out = append(out, s)
		}
	}
	return out
}

func (p *configParser) overrides(n *yaml.Node) []Override {
	n = deref(n)
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		p.errorf(n, "overrides must be a list of {paths, severity, fail-on, enable, disable} entries, got %s", describe(n))
		return nil
	}
	var out []Override
	for _, it := range n.Content {
		var o Override
		var paths *yaml.Node
		ok := p.mapping(it, "override", []field{
			{"paths", func(v *yaml.Node) {
				paths = deref(v)
				o.Paths = p.globs(v, "override: paths")
			}},
			{"enable", func(v *yaml.Node) { o.Enable = p.rulePatterns(v, "override: enable") }},
			{"disable", func(v *yaml.Node) { o.Disable = p.rulePatterns(v, "override: disable") }},
			{"severity", func(v *yaml.Node) { o.Severity = p.severity(v, "override: severity") }},
			{"fail-on", func(v *yaml.Node) { o.FailOn = p.level(v, "override: fail-on") }},
		})
		if !ok {
			continue
		}
		switch {
		case paths == nil:
			p.errorf(deref(it), "override: paths is missing (list the globs the override applies to, e.g. prod/**)")
		case isNull(paths) || paths.Kind == yaml.SequenceNode && len(paths.Content) == 0:
			p.errorf(paths, "override: paths is empty (list the globs the override applies to, e.g. prod/**)")
		case len(o.Paths) > 0:
			out = append(out, o)
		}
	}
	return out
}

// loc is the location of a scalar in the config file.
func (p *configParser) loc(n *yaml.Node) Location {
	end := n.Column + max(len(n.Value), 1)
	return Location{
		Path: filepath.ToSlash(p.file), StartLine: n.Line, StartColumn: n.Column, EndLine: n.Line, EndColumn: end,
		StartColumn16: n.Column, EndColumn16: end, Key: "suppress/" + strings.ToLower(n.Value),
	}
}

func normalizeSHA256(s string) (string, error) {
	h := strings.ToLower(strings.NewReplacer(":", "", " ", "", "-", "").Replace(strings.TrimSpace(s)))
	if len(h) != 64 || strings.Trim(h, "0123456789abcdef") != "" {
		return "", fmt.Errorf("want 64 hex digits (colons and spaces allowed), got %q", s)
	}
	return h, nil
}

// checkGlob reports a malformed glob.
func checkGlob(g string) error {
	if g == "" {
		return errors.New("empty glob")
	}
	for _, seg := range strings.Split(strings.Trim(filepath.ToSlash(g), "/"), "/") {
		if _, err := path.Match(seg, ""); err != nil {
			return fmt.Errorf("malformed glob (%w)", err)
		}
	}
	return nil
}

func deref(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

// describe names a node's type for error messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!str":
			// Quote short values only: a long one is likely a file given as
			// --config by mistake (a profile, a key), whose secrets must not
			// be echoed.
			if len(n.Value) > 64 || strings.ContainsAny(n.Value, "\n\r") {
				return fmt.Sprintf("a string of %d characters (is this a config file?)", len(n.Value))
			}
			return fmt.Sprintf("the string %q", n.Value)
		case "!!int", "!!float":
			return "the number " + n.Value
		case "!!bool":
			return n.Value + " (true/false)"
		case "!!null":
			return "nothing"
		}
		return n.Value
	}
	return "something else"
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// relPath returns p relative to cwd when it can, else p itself.
func relPath(cwd, p string) string {
	if cwd == "" {
		return p
	}
	if r, err := filepath.Rel(cwd, p); err == nil {
		return r
	}
	return p
}
