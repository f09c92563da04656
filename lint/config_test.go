package lint_test

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

// writeFiles creates files (slash paths, relative to dir) with their content.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestFindConfig(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"outer/.aovpnlint.yaml":              "",
		"outer/repo/.git/HEAD":               "ref: refs/heads/main\n",
		"outer/repo/a/b/p.xml":               "<VPNProfile/>\n",
		"outer/repo/a/c/p.xml":               "<VPNProfile/>\n",
		"outer/repo/a/c/.aovpnlint.yml":      "",
		"outer/repo2/.git":                   "gitdir: ../somewhere\n", // a worktree's .git is a file
		"outer/repo2/.aovpnlint.yaml":        "",
		"outer/repo2/x/y/p.xml":              "<VPNProfile/>\n",
		"outer/plain/sub/p.xml":              "<VPNProfile/>\n",
		"outer/both/.aovpnlint.yaml":         "",
		"outer/both/.aovpnlint.yml":          "",
		"outer/repo/a/.aovpnlint.yaml/x.txt": "a folder of that name is no config file",
	})
	t.Chdir(dir)
	for _, tc := range []struct{ start, want string }{
		// Stops at the folder holding .git: outer/.aovpnlint.yaml is outside the repository.
		{"outer/repo/a/b", ""},
		{"outer/repo/a/b/p.xml", ""},
		// The nearest one wins; .yml is read too.
		{"outer/repo/a/c", "outer/repo/a/c/.aovpnlint.yml"},
		{"outer/repo/a/c/p.xml", "outer/repo/a/c/.aovpnlint.yml"},
		// The repository root's own config is found (.git as a file counts).
		{"outer/repo2/x/y", "outer/repo2/.aovpnlint.yaml"},
		{"outer/repo2", "outer/repo2/.aovpnlint.yaml"},
		// Without .git the walk goes on up.
		{"outer/plain/sub", "outer/.aovpnlint.yaml"},
	} {
		got, err := lint.FindConfig(tc.start)
		if err != nil || filepath.ToSlash(got) != tc.want {
			t.Errorf("FindConfig(%s) = %q, %v; want %q", tc.start, got, err, tc.want)
		}
	}
	if _, err := lint.FindConfig("outer/both"); err == nil || !strings.Contains(err.Error(), "both there") {
		t.Errorf("two config files in one folder: err = %v", err)
	}
	// Relative to a working directory below the config: the path still names it.
	t.Chdir(filepath.Join(dir, "outer", "repo2", "x"))
	got, err := lint.FindConfig(".")
	if err != nil || got != filepath.Join("..", ".aovpnlint.yaml") {
		t.Errorf("FindConfig(.) from below = %q, %v", got, err)
	}
}

const fullConfig = `# every key
enable: [VPN2, b]
disable:
  - CERT
severity:
  VPN201: error
  c: none
  all: note
fail-on: error
trust: [pki/root.pem, /ABS/pki/other.pem]
server-names: [vpn.contoso.com, " vpn2.contoso.com "]
vpn-certs: [pki/vpn.pem]
nps-certs: [pki/nps.pem]
expiry-warning: 45d
exclude: ["archive/**", "*.bak"]
suppress:
  - sha256: "AB:CD:EF:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89"
    rule: CERT101
    reason: lab root, replaced in June
  - sha256: 1111111111111111111111111111111111111111111111111111111111111111
overrides:
  - paths: [prod/**]
    severity: {VPN: error}
    fail-on: note
  - paths: [lab]
    disable: [all]
    enable: [VPN101]
`

func TestParseConfig(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"cfg/pki/root.pem": "x", "cfg/pki/other.pem": "x", "cfg/pki/vpn.pem": "x", "cfg/pki/nps.pem": "x"})
	t.Chdir(dir)
	text := strings.ReplaceAll(fullConfig, "/ABS", filepath.ToSlash(filepath.Join(dir, "cfg")))
	c, err := lint.ParseConfig(filepath.Join("cfg", ".aovpnlint.yaml"), []byte(text), fakeRules())
	if err != nil {
		t.Fatal(err)
	}
	want := func(what string, got, want any) {
		t.Helper()
		if !equal(got, want) {
			t.Errorf("%s = %#v, want %#v", what, got, want)
		}
	}
	want("Dir", c.Dir, filepath.Join(dir, "cfg"))
	want("Enable", c.Enable, []string{"VPN2", "b"})
	want("Disable", c.Disable, []string{"CERT"})
	want("Severity", c.Severity, []lint.LevelRule{{Pattern: "VPN201", Level: lint.Error}, {Pattern: "c", Level: 0}, {Pattern: "all", Level: lint.Note}})
	want("FailOn", *c.FailOn, lint.Error)
	want("Trust", c.Trust, []string{filepath.Join("cfg", "pki", "root.pem"), filepath.Join("cfg", "pki", "other.pem")})
	want("ServerNames", c.ServerNames, []string{"vpn.contoso.com", "vpn2.contoso.com"})
	want("VPNCerts", c.VPNCerts, []string{filepath.Join("cfg", "pki", "vpn.pem")})
	want("NPSCerts", c.NPSCerts, []string{filepath.Join("cfg", "pki", "nps.pem")})
	want("ExpiryWarning", *c.ExpiryWarning, 45*24*time.Hour)
	want("Exclude", c.Exclude, []string{"archive/**", "*.bak"})
	if len(c.Suppress) != 2 {
		t.Fatalf("Suppress = %+v", c.Suppress)
	}
	s := c.Suppress[0]
	want("Suppress[0].SHA256", s.SHA256, strings.Repeat("abcdef0123456789", 4))
	want("Suppress[0].Rule", s.Rule, "CERT101")
	want("Suppress[0].Reason", s.Reason, "lab root, replaced in June")
	want("Suppress[0].Loc", [3]any{s.Loc.Path, s.Loc.StartLine, s.Loc.StartColumn}, [3]any{"cfg/.aovpnlint.yaml", 17, 13})
	want("Suppress[1]", [3]string{c.Suppress[1].SHA256, c.Suppress[1].Rule, c.Suppress[1].Reason}, [3]string{strings.Repeat("1", 64), "", ""})
	if len(c.Overrides) != 2 {
		t.Fatalf("Overrides = %+v", c.Overrides)
	}
	o := c.Overrides[0]
	want("Overrides[0].Paths", o.Paths, []string{"prod/**"})
	want("Overrides[0].Severity", o.Severity, []lint.LevelRule{{Pattern: "VPN", Level: lint.Error}})
	want("Overrides[0].FailOn", *o.FailOn, lint.Note)
	o = c.Overrides[1]
	want("Overrides[1]", [3]any{o.Paths, o.Disable, o.Enable}, [3]any{[]string{"lab"}, []string{"all"}, []string{"VPN101"}})
	if o.FailOn != nil {
		t.Errorf("Overrides[1].FailOn = %v, want unset", *o.FailOn)
	}
	rs := c.RuleSettings()
	if len(rs) != 3 || rs[0].Paths != nil || !equal(rs[0].Enable, c.Enable) || !equal(rs[1].Paths, []string{"prod/**"}) {
		t.Errorf("RuleSettings = %+v", rs)
	}

	// Empty files, comments only and null values are an empty config.
	for _, text := range []string{"", "# nothing yet\n", "---\n", "enable:\nseverity:\noverrides:\n"} {
		c, err := lint.ParseConfig("x.yaml", []byte(text), fakeRules())
		if err != nil || c.Enable != nil || c.FailOn != nil || c.Overrides != nil {
			t.Errorf("%q: %+v, %v", text, c, err)
		}
	}
}

func equal(a, b any) bool {
	switch a := a.(type) {
	case []string:
		return slices.Equal(a, b.([]string))
	case []lint.LevelRule:
		return slices.Equal(a, b.([]lint.LevelRule))
	case [3]any:
		bb := b.([3]any)
		for i := range a {
			if !equal(a[i], bb[i]) {
				return false
			}
		}
		return true
	}
	return a == b
}

// TestConfigErrors: every kind of mistake is reported at its line and column,
// and all of a file's mistakes are reported at once.
func TestConfigErrors(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"pki/root.pem": "x", "pki/sub/x": "x"})
	t.Chdir(dir)
	for _, tc := range []struct {
		name, text, want string
	}{
		{"unknown key", "enable: [VPN101]\nenabel: [VPN201]\n", "c.yaml:2:1: the config file: unknown key \"enabel\" (want one of: enable, disable, severity, fail-on, trust, server-names, vpn-certs, nps-certs, expiry-warning, exclude, suppress, overrides)"},
		{"unknown override key", "overrides:\n  - paths: [prod]\n    level: error\n", "c.yaml:3:5: override: unknown key \"level\""},
		{"unknown suppress key", "suppress:\n  - sha256: " + strings.Repeat("a", 64) + "\n    why: test\n", "c.yaml:3:5: suppress entry: unknown key \"why\""},
		{"repeated key", "enable: [VPN101]\nfail-on: note\nenable: [VPN201]\n", "c.yaml:3:1: the config file: key \"enable\" repeated (first at line 1)"},
		{"not a mapping", "- enable\n", "c.yaml:1:1: the config file must be a mapping of keys to values, got a list"},
		{"list as string", "enable: VPN101\n", "c.yaml:1:9: enable must be a list, got the string \"VPN101\""},
		{"number item", "server-names:\n  - vpn.contoso.com\n  - 42\n", "c.yaml:3:5: server-names: want a string, got the number 42"},
		{"empty item", "server-names: [\"\"]\n", "c.yaml:1:16: server-names: empty string"},
		{"mapping item", "disable:\n  - {VPN101: true}\n", "c.yaml:2:5: disable: want a string, got a mapping"},
		{"severity as list", "severity: [VPN101]\n", "c.yaml:1:11: severity must be a mapping of rule IDs, names or prefixes to levels, got a list"},
		{"overrides as mapping", "overrides:\n  paths: [prod]\n", "c.yaml:2:3: overrides must be a list of {paths, severity, fail-on, enable, disable} entries, got a mapping"},
		{"override as list", "overrides:\n  - [prod]\n", "c.yaml:2:5: override must be a mapping of keys to values, got a list"},
		{"suppress as string", "suppress: all\n", "c.yaml:1:11: suppress must be a list of {sha256, rule, reason} entries, got the string \"all\""},
		{"trust as mapping", "trust: {root: pki/root.pem}\n", "c.yaml:1:8: trust must be a list, got a mapping"},
		{"fail-on as list", "fail-on: [error]\n", "c.yaml:1:10: fail-on: want a level (error, warning, note or none), got a list"},
		{"expiry as list", "expiry-warning: [30d]\n", "c.yaml:1:17: expiry-warning: want a period such as 30d or 72h, got a list"},
		{"unknown rule in enable", "enable: [VPN101, VPN999]\n", "c.yaml:1:18: enable: unknown rule or prefix \"VPN999\" (see `aovpnlint rules`)"},
		{"unknown prefix in disable", "disable:\n  - NPS\n", "c.yaml:2:5: disable: unknown rule or prefix \"NPS\""},
		{"unknown rule in severity", "severity:\n  VPN101: note\n  VPN109: error\n", "c.yaml:3:3: severity: unknown rule or prefix \"VPN109\""},
		{"unknown rule in override", "overrides:\n  - paths: [prod]\n    enable: [CERT9]\n", "c.yaml:3:14: override: enable: unknown rule or prefix \"CERT9\""},
		{"unknown rule in override severity", "overrides:\n  - paths: [prod]\n    severity:\n      XREF: error\n", "c.yaml:4:7: override: severity: unknown rule or prefix \"XREF\""},
		{"unknown rule in suppress", "suppress:\n  - sha256: " + strings.Repeat("a", 64) + "\n    rule: CERT999\n", "c.yaml:3:11: suppress entry: rule: unknown rule or prefix \"CERT999\""},
		{"bad level", "severity:\n  VPN101: fatal\n", "c.yaml:2:11: severity.VPN101: unknown level \"fatal\" (want error, warning, note or none)"},
		{"missing level", "severity:\n  VPN101:\n", "c.yaml:2:3: severity: \"VPN101\" has no level"},
		{"repeated severity", "severity:\n  VPN101: note\n  vpn101: error\n", "c.yaml:3:3: severity: \"vpn101\" repeated (first at line 2)"},
		{"bad fail-on", "fail-on: warn\n", "c.yaml:1:10: fail-on: unknown level \"warn\""},
		{"bad override fail-on", "overrides:\n  - paths: [prod]\n    fail-on: always\n", "c.yaml:3:14: override: fail-on: unknown level \"always\""},
		{"bad duration", "expiry-warning: 30 days\n", "c.yaml:1:17: expiry-warning: want a period such as 30d or 72h, got \"30 days\""},
		{"negative duration", "expiry-warning: -1d\n", "c.yaml:1:17: expiry-warning: want a period such as 30d or 72h, got \"-1d\""},
		{"number duration", "expiry-warning: 30\n", "c.yaml:1:17: expiry-warning: want a period such as 30d or 72h, got \"30\""},
		{"missing trust file", "trust:\n  - pki/root.pem\n  - pki/gone.pem\n", "c.yaml:3:5: trust: pki/gone.pem: no such file or directory (paths are relative to the config file's folder)"},
		{"missing vpn cert", "vpn-certs: [vpn.pem]\n", "c.yaml:1:13: vpn-certs: vpn.pem: no such file or directory"},
		{"missing nps cert", "nps-certs: [nps.pem]\n", "c.yaml:1:13: nps-certs: nps.pem: no such file or directory"},
		{"trust folder", "trust: [pki/sub]\n", "c.yaml:1:9: trust: pki/sub is a folder, not a certificate file"},
		{"bad exclude glob", "exclude: [\"archive/[a-\"]\n", "c.yaml:1:11: exclude: \"archive/[a-\": malformed glob (syntax error in pattern)"},
		{"bad override glob", "overrides:\n  - paths: [\"prod/[\"]\n    fail-on: note\n", "c.yaml:2:13: override: paths: \"prod/[\": malformed glob"},
		{"override without paths", "overrides:\n  - fail-on: note\n", "c.yaml:2:5: override: paths is missing"},
		{"override with empty paths", "overrides:\n  - paths: []\n    fail-on: note\n", "c.yaml:2:12: override: paths is empty"},
		{"suppress without sha256", "suppress:\n  - reason: lab\n", "c.yaml:2:5: suppress entry: sha256 is missing"},
		{"suppress rule all", "suppress:\n  - sha256: " + strings.Repeat("a", 64) + "\n    rule: all\n", "c.yaml:3:11: suppress entry: rule: name a rule ID, name or prefix, or leave rule out"},
		{"bad sha256", "suppress:\n  - sha256: abcd\n    reason: lab\n", "c.yaml:2:13: suppress entry: sha256: want 64 hex digits (colons and spaces allowed), got \"abcd\""},
		{"sha256 as list", "suppress:\n  - sha256: [ab]\n", "c.yaml:2:13: suppress entry: sha256: want the certificate's SHA-256 fingerprint, got a list"},
		{"syntax error", "enable: [VPN101\nfail-on: note\n", "c.yaml:1: not valid YAML: did not find expected ',' or ']'"},
		{"tab indentation", "enable:\n\t- VPN101\n", "c.yaml:2: not valid YAML: found character that cannot start any token"},
		{"two documents", "enable: [VPN101]\n---\ndisable: [VPN201]\n", "c.yaml:2:1: a config file holds one YAML document"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := lint.ParseConfig("c.yaml", []byte(tc.text), fakeRules())
			if err == nil {
				t.Fatalf("no error; config %+v", c)
			}
			if c != nil {
				t.Errorf("config returned with an error: %+v", c)
			}
			if !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("error\n  %s\nwant it to start with\n  %s", err, tc.want)
			}
			var ce *lint.ConfigError
			if !errors.As(err, &ce) || ce.Path != "c.yaml" || ce.Line == 0 {
				t.Errorf("error %#v is no positioned *lint.ConfigError", err)
			}
		})
	}

	// Several mistakes: all are reported, in file order.
	_, err := lint.ParseConfig("c.yaml", []byte("enable: [VPN999]\nfail-on: fatal\nbogus: 1\n"), fakeRules())
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "c.yaml:1:10:") || !strings.HasPrefix(lines[1], "c.yaml:2:10:") || !strings.HasPrefix(lines[2], "c.yaml:3:1:") {
		t.Errorf("three mistakes reported as:\n%s", err)
	}
	if _, err := lint.LoadConfig("no-such.yaml", fakeRules()); err == nil || !strings.Contains(err.Error(), "no-such.yaml: no such file or directory") {
		t.Errorf("missing config file: err = %v", err)
	}
}

// alwaysOn reports every profile's AlwaysOn element at the rule's level.
func alwaysOnRules() []*lint.Rule {
	report := func(p *lint.Pass, prof *model.Profile) {
		p.Reportf(prof.AlwaysOn.Loc(), "always on is %s", prof.AlwaysOn.Value())
	}
	return []*lint.Rule{
		{ID: "VPN101", Name: "a", Severity: lint.Note, CheckProfile: report},
		{ID: "VPN201", Name: "b", Severity: lint.Warning, CheckProfile: report},
		{ID: "CERT101", Name: "d", Severity: lint.Error, CheckProfile: report},
	}
}

// configRun lints a tree of profiles under a config, from the folder run.
func configRun(t *testing.T, config string, files []string, run string, flags lint.Options) *lint.Result {
	t.Helper()
	dir := t.TempDir()
	m := map[string]string{".aovpnlint.yaml": config}
	for _, f := range files {
		m[f] = "<VPNProfile>\n<AlwaysOn>true</AlwaysOn>\n</VPNProfile>\n"
	}
	writeFiles(t, dir, m)
	t.Chdir(filepath.Join(dir, filepath.FromSlash(run)))
	c, err := lint.LoadConfig(filepath.Join(dir, ".aovpnlint.yaml"), alwaysOnRules())
	if err != nil {
		t.Fatal(err)
	}
	flags.Overrides, flags.ConfigDir, flags.ConfigExclude = c.RuleSettings(), c.Dir, c.Exclude
	flags.Now = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	res, err := lint.Run(alwaysOnRules(), flags)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// findings lists "path RULE level" per finding.
func findings(res *lint.Result) string {
	var out []string
	for _, f := range res.Findings {
		out = append(out, f.Location.Path+" "+f.RuleID+" "+f.Level.String())
	}
	return strings.Join(out, "; ")
}

func ruleLevels(res *lint.Result) string {
	var out []string
	for _, r := range res.Rules {
		out = append(out, r.ID+"="+r.Severity.String())
	}
	return strings.Join(out, " ")
}

func TestOverrides(t *testing.T) {
	both := []string{"prod/p.xml", "lab/p.xml"}
	for _, tc := range []struct {
		name, config string
		files        []string
		run          string
		flags        lint.Options
		findings     string
		rules        string // the rules that ran with their default level
	}{
		{"no config", "", both, ".", lint.Options{},
			"lab/p.xml CERT101 error; lab/p.xml VPN101 note; lab/p.xml VPN201 warning; prod/p.xml CERT101 error; prod/p.xml VPN101 note; prod/p.xml VPN201 warning",
			"CERT101=error VPN101=note VPN201=warning"},
		{"top-level severity changes the default level", "severity: {VPN201: error, CERT: note}\ndisable: [VPN101]\n", both, ".", lint.Options{},
			"lab/p.xml CERT101 note; lab/p.xml VPN201 error; prod/p.xml CERT101 note; prod/p.xml VPN201 error",
			"CERT101=note VPN201=error"},
		{"most specific severity wins, then the later", "severity:\n  VPN201: error\n  all: note\n  b: warning\ndisable: [CERT]\n", []string{"p.xml"}, ".", lint.Options{},
			"p.xml VPN101 note; p.xml VPN201 warning",
			"VPN101=note VPN201=warning"},
		{"a finding under prod/ is a warning, elsewhere a note", "disable: [CERT, VPN2]\noverrides:\n  - paths: [prod/**]\n    severity: {VPN101: warning}\n", both, ".", lint.Options{},
			"lab/p.xml VPN101 note; prod/p.xml VPN101 warning",
			"VPN101=note"},
		{"an override beats a more specific top-level pattern", "severity: {VPN101: note}\ndisable: [CERT, VPN2]\noverrides:\n  - paths: [prod]\n    severity: {all: error}\n", both, ".", lint.Options{},
			"lab/p.xml VPN101 note; prod/p.xml VPN101 error",
			"VPN101=note"},
		{"none drops findings under a path", "overrides:\n  - paths: [\"lab/*.xml\"]\n    severity: {VPN: none}\n", both, ".", lint.Options{},
			"lab/p.xml CERT101 error; prod/p.xml CERT101 error; prod/p.xml VPN101 note; prod/p.xml VPN201 warning",
			"CERT101=error VPN101=note VPN201=warning"},
		{"none everywhere: the rule does not run", "severity: {VPN2: none}\n", both, ".", lint.Options{},
			"lab/p.xml CERT101 error; lab/p.xml VPN101 note; prod/p.xml CERT101 error; prod/p.xml VPN101 note",
			"CERT101=error VPN101=note"},
		{"none everywhere but an override: the rule runs at its own default", "severity: {VPN2: none}\ndisable: [CERT, VPN1]\noverrides:\n  - paths: [prod/**]\n    severity: {VPN201: error}\n", both, ".", lint.Options{},
			"prod/p.xml VPN201 error",
			"VPN201=warning"},
		{"disabled everywhere, enabled under prod", "disable: [all]\noverrides:\n  - paths: [prod/**]\n    enable: [CERT]\n", both, ".", lint.Options{},
			"prod/p.xml CERT101 error",
			"CERT101=error"},
		{"disabled under lab", "overrides:\n  - paths: [lab/**]\n    disable: [VPN]\n", both, ".", lint.Options{},
			"lab/p.xml CERT101 error; prod/p.xml CERT101 error; prod/p.xml VPN101 note; prod/p.xml VPN201 warning",
			"CERT101=error VPN101=note VPN201=warning"},
		{"later overrides win", "disable: [CERT, VPN2]\noverrides:\n  - paths: [\"**/*.xml\"]\n    severity: {VPN101: error}\n  - paths: [prod/**]\n    severity: {VPN1: warning}\n", both, ".", lint.Options{},
			"lab/p.xml VPN101 error; prod/p.xml VPN101 warning",
			"VPN101=note"},
		{"paths are relative to the config file's folder", "disable: [CERT, VPN2]\nexclude: [lab/**]\noverrides:\n  - paths: [prod/**]\n    severity: {VPN101: error}\n", []string{"prod/p.xml", "prod/lab/p.xml", "lab/p.xml"}, "prod", lint.Options{},
			"lab/p.xml VPN101 error; p.xml VPN101 error",
			"VPN101=note"},
		{"unanchored globs match at any depth", "disable: [CERT, VPN2]\nexclude: [\"*.bak.xml\"]\noverrides:\n  - paths: [lab]\n    severity: {VPN101: error}\n", []string{"a/lab/p.xml", "lab.xml", "a/p.bak.xml"}, ".", lint.Options{},
			"a/lab/p.xml VPN101 error; lab.xml VPN101 note",
			"VPN101=note"},
		// Flags: weighed against the file's deciding pattern by specificity, the flag winning a tie.
		{"flag enables what the file disables", "disable: [VPN201, CERT]\n", []string{"p.xml"}, ".", lint.Options{Enable: []string{"VPN201"}},
			"p.xml VPN101 note; p.xml VPN201 warning", "VPN101=note VPN201=warning"},
		{"a flag prefix does not beat a file ID", "enable: [VPN201]\n", []string{"p.xml"}, ".", lint.Options{Disable: []string{"VPN"}},
			"p.xml CERT101 error; p.xml VPN201 warning", "CERT101=error VPN201=warning"},
		{"a flag ID beats an override prefix", "overrides:\n  - paths: [prod]\n    disable: [VPN]\n", both, ".", lint.Options{Enable: []string{"b"}, Disable: []string{"CERT", "VPN101"}},
			"lab/p.xml VPN201 warning; prod/p.xml VPN201 warning", "VPN201=warning"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := configRun(t, tc.config, tc.files, tc.run, tc.flags)
			if got := findings(res); got != tc.findings {
				t.Errorf("findings\n  %s\nwant\n  %s", got, tc.findings)
			}
			if got := ruleLevels(res); got != tc.rules {
				t.Errorf("rules %s, want %s", got, tc.rules)
			}
			var s lint.Summary
			for _, f := range res.Findings {
				switch f.Level {
				case lint.Error:
					s.Errors++
				case lint.Warning:
					s.Warnings++
				case lint.Note:
					s.Notes++
				}
			}
			if res.Summary.Errors != s.Errors || res.Summary.Warnings != s.Warnings || res.Summary.Notes != s.Notes {
				t.Errorf("summary %+v does not count the findings %+v", res.Summary, s)
			}
		})
	}
}

// TestOverrideFailOn: an override's fail-on applies to the findings under
// its paths; the run's level to the others.
func TestOverrideFailOn(t *testing.T) {
	config := "disable: [CERT, VPN2]\noverrides:\n  - paths: [prod/**]\n    fail-on: note\n  - paths: [lab/**]\n    fail-on: none\n"
	res := configRun(t, config, []string{"prod/p.xml", "lab/p.xml", "dev/p.xml"}, ".", lint.Options{})
	if got := findings(res); got != "dev/p.xml VPN101 note; lab/p.xml VPN101 note; prod/p.xml VPN101 note" {
		t.Fatalf("findings %s", got)
	}
	if !res.Fails(lint.Warning) || !res.Fails(0) {
		t.Error("a note under prod/ does not fail the run")
	}
	res = configRun(t, config, []string{"lab/p.xml", "dev/p.xml"}, ".", lint.Options{})
	if res.Fails(lint.Warning) {
		t.Error("notes outside prod/ fail at warning")
	}
	if !res.Fails(lint.Note) {
		t.Error("a note under dev/ does not fail at note")
	}
	res = configRun(t, config, []string{"lab/p.xml"}, ".", lint.Options{})
	if res.Fails(lint.Note) {
		t.Error("lab/ has fail-on none, yet its note fails the run")
	}
}

// TestOverridesBadPatterns: Run checks patterns given through the API too.
func TestOverridesBadPatterns(t *testing.T) {
	for _, o := range []lint.Override{
		{Enable: []string{"VPN999"}},
		{Paths: []string{"x"}, Severity: []lint.LevelRule{{Pattern: "FOO", Level: lint.Error}}},
		{Paths: []string{"["}},
	} {
		if _, err := lint.Run(alwaysOnRules(), lint.Options{Paths: []string{t.TempDir()}, Overrides: []lint.Override{o}}); err == nil {
			t.Errorf("override %+v: no error", o)
		}
	}
}
