package lint

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// How the config file's rule settings combine (docs/config.md):
//
//   - Options.Overrides are layers in order: the file's top level (no Paths)
//     first, then its per-path overrides. For a finding, every layer whose
//     Paths match its file (relative to ConfigDir) applies; a later layer
//     that says anything about a rule (one of its patterns matches it)
//     replaces what the earlier ones said. Within a layer the most specific
//     pattern wins (ID or name, then a longer prefix, then "all"); on a tie
//     disable beats enable, and the later severity entry beats the earlier.
//   - Options.Enable and Disable (the command line) are weighed against the
//     file's deciding pattern: a flag pattern at least as specific wins.
//   - A rule's level for every path (the top level's severity) becomes its
//     default level in the output (SARIF defaultConfiguration); per-path
//     levels only change the findings'.
//   - Level "none" drops the findings. A rule that is off, or at "none", for
//     every path does not run.

// configured applies Options.Overrides to one run.
type configured struct {
	overrides       []Override
	enable, disable []string // the command line
	base, cwd       string   // ConfigDir (absolute) and the working directory
	byID            map[string]*Rule
	failOn          bool // some override sets fail-on
}

// decision is what one layer says about a rule: spec is the specificity of
// its deciding pattern, -1 when none matches.
type decision struct {
	spec int
	on   bool
}

func onOff(r *Rule, enable, disable []string) decision {
	on, off := -1, -1
	for _, p := range enable {
		on = max(on, matchLen(r, p))
	}
	for _, p := range disable {
		off = max(off, matchLen(r, p))
	}
	switch {
	case off >= 0 && off >= on:
		return decision{off, false}
	case on >= 0:
		return decision{on, true}
	}
	return decision{-1, true}
}

// levelIn returns the level the most specific matching entry sets (the
// later on a tie), and whether any matched.
func levelIn(r *Rule, rules []LevelRule) (Severity, bool) {
	best, lvl := -1, Severity(0)
	for _, lr := range rules {
		if l := matchLen(r, lr.Pattern); l >= 0 && l >= best {
			best, lvl = l, lr.Level
		}
	}
	return lvl, best >= 0
}

func (c *configured) enabled(r *Rule, applies func(*Override) bool) bool {
	d := decision{-1, true}
	for i := range c.overrides {
		if o := &c.overrides[i]; applies(o) {
			if ld := onOff(r, o.Enable, o.Disable); ld.spec >= 0 {
				d = ld
			}
		}
	}
	if fd := onOff(r, c.enable, c.disable); fd.spec >= 0 && fd.spec >= d.spec {
		d = fd
	}
	return d.on
}

// level returns the level the applying layers give r, and whether any set one.
func (c *configured) level(r *Rule, applies func(*Override) bool) (Severity, bool) {
	lvl, set := r.Severity, false
	for i := range c.overrides {
		if o := &c.overrides[i]; applies(o) {
			if l, ok := levelIn(r, o.Severity); ok {
				lvl, set = l, true
			}
		}
	}
	return lvl, set
}

func everywhere(o *Override) bool { return len(o.Paths) == 0 }

// selectConfigured returns the rules to run. Without Overrides it is Select.
// A rule's level for every path becomes its Severity (a copy of the rule).
func selectConfigured(all []*Rule, opts Options) ([]*Rule, *configured, error) {
	if len(opts.Overrides) == 0 {
		rules, err := Select(all, opts.Enable, opts.Disable)
		return rules, nil, err
	}
	if _, err := Select(all, opts.Enable, opts.Disable); err != nil {
		return nil, nil, err
	}
	var unknown []string
	for _, o := range opts.Overrides {
		pats := append(append([]string{}, o.Enable...), o.Disable...)
		for _, lr := range o.Severity {
			pats = append(pats, lr.Pattern)
		}
		for _, p := range pats {
			if !matchesAny(all, p) {
				unknown = append(unknown, p)
			}
		}
		for _, g := range o.Paths {
			if err := checkGlob(g); err != nil {
				return nil, nil, fmt.Errorf("override path %q: %w", g, err)
			}
		}
	}
	if len(unknown) > 0 {
		return nil, nil, fmt.Errorf("unknown rule or prefix in the config: %s (see `aovpnlint rules`)", strings.Join(unknown, ", "))
	}
	c := &configured{overrides: opts.Overrides, enable: opts.Enable, disable: opts.Disable, byID: map[string]*Rule{}}
	c.cwd, _ = os.Getwd()
	c.base = opts.ConfigDir
	if c.base != "" {
		c.base, _ = filepath.Abs(c.base)
	}
	// The sets of layers a path can meet: none but the top level, the top
	// level with one override, all of them.
	sets := []func(*Override) bool{everywhere, func(*Override) bool { return true }}
	for i := range c.overrides {
		o := &c.overrides[i]
		c.failOn = c.failOn || o.FailOn != nil
		sets = append(sets, func(x *Override) bool { return everywhere(x) || x == o })
	}
	var out []*Rule
	for _, r := range all {
		c.byID[r.ID] = r
		run := false
		for _, applies := range sets {
			if l, _ := c.level(r, applies); l != 0 && c.enabled(r, applies) {
				run = true
				break
			}
		}
		if !run {
			continue
		}
		if l, set := c.level(r, everywhere); set && l != 0 && l != r.Severity {
			cp := *r
			cp.Severity = l
			r = &cp
		}
		out = append(out, r)
	}
	return out, c, nil
}

// appliesTo returns which overrides cover a finding's file.
func (c *configured) appliesTo(file string) func(*Override) bool {
	rel, ok := c.rebase(file)
	return func(o *Override) bool { return everywhere(o) || ok && matchGlobs(o.Paths, rel) }
}

// rebase returns a working-directory-relative path relative to the config
// file's folder, and false when it lies outside it.
func (c *configured) rebase(p string) (string, bool) {
	if p == "" {
		return "", false
	}
	if c.base == "" {
		return p, !strings.HasPrefix(p, "../") && !filepath.IsAbs(p)
	}
	abs := filepath.FromSlash(p)
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(c.cwd, abs)
	}
	r, err := filepath.Rel(c.base, abs)
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(r), true
}

// apply drops the findings their path turns off or sets to "none", sets the
// others' levels, and recounts the summary.
func (c *configured) apply(res *Result) {
	if c == nil {
		return
	}
	kept := res.Findings[:0]
	for _, f := range res.Findings {
		r := c.byID[f.RuleID]
		if r == nil {
			kept = append(kept, f)
			continue
		}
		applies := c.appliesTo(f.Location.Path)
		if !c.enabled(r, applies) {
			continue
		}
		if l, set := c.level(r, applies); set {
			if l == 0 {
				continue
			}
			f.Level = l
		}
		kept = append(kept, f)
	}
	res.Findings = kept
	res.recount()
	if c.failOn {
		res.failOn = c.failOnFor
	}
}

// failOnFor returns the fail level the last matching override with fail-on
// sets for a file.
func (c *configured) failOnFor(file string) (Severity, bool) {
	rel, ok := c.rebase(file)
	if !ok {
		return 0, false
	}
	lvl, set := Severity(0), false
	for _, o := range c.overrides {
		if o.FailOn != nil && len(o.Paths) > 0 && matchGlobs(o.Paths, rel) {
			lvl, set = *o.FailOn, true
		}
	}
	return lvl, set
}

// failLevel is the fail level for one finding: an override's fail-on for its
// path, else level.
func (r *Result) failLevel(f *Finding, level Severity) Severity {
	if r.failOn != nil {
		if l, ok := r.failOn(f.Location.Path); ok {
			return l
		}
	}
	return level
}

// configSkip returns the load hook for the config file's exclude globs.
func configSkip(opts Options) func(string) bool {
	if len(opts.ConfigExclude) == 0 {
		return nil
	}
	c := &configured{base: opts.ConfigDir}
	c.cwd, _ = os.Getwd()
	if c.base != "" {
		c.base, _ = filepath.Abs(c.base)
	}
	return func(file string) bool {
		rel, ok := c.rebase(file)
		return ok && matchGlobs(opts.ConfigExclude, rel)
	}
}

// matchGlobs reports whether a slash-separated relative path, or one of the
// folders it is in, matches one of the globs, the way .gitignore reads them:
// a glob with a slash is anchored at the config file's folder ("prod/**",
// "/lab/*.xml"), one without matches a name at any depth ("*.p12",
// "archive"); "**" spans any number of folders.
func matchGlobs(globs []string, rel string) bool {
	segs := strings.Split(path.Clean(rel), "/")
	for _, g := range globs {
		g = strings.TrimPrefix(filepath.ToSlash(g), "./")
		anchored := strings.Contains(strings.TrimSuffix(g, "/"), "/")
		gs := strings.Split(strings.Trim(g, "/"), "/")
		for i := 1; i <= len(segs); i++ {
			if anchored {
				if matchSegs(gs, segs[:i]) {
					return true
				}
			} else if ok, _ := path.Match(gs[0], segs[i-1]); ok {
				return true
			}
		}
	}
	return false
}

func matchSegs(g, s []string) bool {
	if len(g) == 0 {
		return len(s) == 0
	}
	if g[0] == "**" {
		for k := 0; k <= len(s); k++ {
			if matchSegs(g[1:], s[k:]) {
				return true
			}
		}
		return false
	}
	if len(s) == 0 {
		return false
	}
	ok, _ := path.Match(g[0], s[0])
	return ok && matchSegs(g[1:], s[1:])
}
