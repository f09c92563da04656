package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aovpnlint/aovpnlint/internal/testpki"
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/rules"
)

// autoProfile draws VPN105 (warning) at line 4, column 25, and nothing else.
const autoProfile = `<VPNProfile>
  <NativeProfile>
    <Servers>vpn.contoso.com</Servers>
    <NativeProtocolType>Automatic</NativeProtocolType>
    <Authentication><MachineMethod>Certificate</MachineMethod></Authentication>
  </NativeProfile>
</VPNProfile>
`

// tree writes files (slash paths) under a new temporary folder and returns it.
func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

type cliWant struct {
	code   int
	out    []string // substrings of stdout
	notOut []string // not in stdout
	err    []string // substrings of stderr
}

func (w cliWant) check(t *testing.T, code int, stdout, stderr string) {
	t.Helper()
	if code != w.code {
		t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, w.code, stdout, stderr)
	}
	for _, s := range w.out {
		if !strings.Contains(stdout, s) {
			t.Errorf("stdout lacks %q:\n%s", s, stdout)
		}
	}
	for _, s := range w.notOut {
		if strings.Contains(stdout, s) {
			t.Errorf("stdout has %q:\n%s", s, stdout)
		}
	}
	for _, s := range w.err {
		if !strings.Contains(stderr, s) {
			t.Errorf("stderr lacks %q:\n%s", s, stderr)
		}
	}
}

func TestConfigFile(t *testing.T) {
	const vpn105Warning = "p.xml:4:25: warning VPN105"
	repo := map[string]string{
		".git/HEAD":       "ref: refs/heads/main\n",
		".aovpnlint.yaml": "# the team's settings\ndisable: [VPN105]\n",
		"strict.yaml":     "severity:\n  VPN105: error\n",
		"sub/p.xml":       autoProfile,
	}
	for _, tc := range []struct {
		name  string
		files map[string]string
		run   string // folder to run in, relative to the tree
		args  []string
		want  cliWant
	}{
		{"found at the repository root from the scan root", repo, ".", []string{"-v", "sub"},
			cliWant{code: exitClean, notOut: []string{"VPN105"}, err: []string{"config: .aovpnlint.yaml\n"}}},
		{"found in a parent of the scan root", repo, "sub", []string{"-v"},
			cliWant{code: exitClean, notOut: []string{"VPN105"}, err: []string{"config: " + filepath.Join("..", ".aovpnlint.yaml")}}},
		{"--config replaces the file found", repo, ".", []string{"-v", "--config", "strict.yaml", "sub"},
			cliWant{code: exitFail, out: []string{"sub/p.xml:4:25: error VPN105"}, err: []string{"config: strict.yaml\n"}}},
		{"--no-config ignores it", repo, ".", []string{"-v", "--no-config", "sub"},
			cliWant{code: exitFail, out: []string{vpn105Warning}, err: []string{"config: none (--no-config)"}}},
		{"the walk stops at .git", map[string]string{
			".aovpnlint.yaml":    "disable: [VPN105]\n",
			"repo/.git/HEAD":     "ref: refs/heads/main\n",
			"repo/profile/p.xml": autoProfile,
		}, "repo", []string{"-v", "profile"},
			cliWant{code: exitFail, out: []string{vpn105Warning}, err: []string{"config: none found"}}},
		{"--config with --no-config", repo, ".", []string{"--config", "strict.yaml", "--no-config"},
			cliWant{code: exitUsage, err: []string{"--config and --no-config exclude each other"}}},
		{"--config names a missing file", repo, ".", []string{"--config", "nope.yaml"},
			cliWant{code: exitUsage, err: []string{"aovpnlint: nope.yaml: no such file or directory"}}},

		// Flags win over the file.
		{"file fail-on", map[string]string{".aovpnlint.yaml": "fail-on: error\n", "p.xml": autoProfile}, ".", nil,
			cliWant{code: exitClean, out: []string{vpn105Warning}}},
		{"--fail-on beats the file's", map[string]string{".aovpnlint.yaml": "fail-on: none\n", "p.xml": autoProfile}, ".", []string{"--fail-on", "warning"},
			cliWant{code: exitFail, out: []string{vpn105Warning}}},
		{"--fail-on beats an override's", map[string]string{
			".aovpnlint.yaml": "overrides:\n  - paths: [prod/**]\n    fail-on: note\n    severity: {VPN105: note}\n",
			"prod/p.xml":      autoProfile,
		}, ".", []string{"--fail-on", "warning"},
			cliWant{code: exitClean, out: []string{"prod/p.xml:4:25: note VPN105"}}},
		{"--enable beats the file's disable of the same rule", repo, ".", []string{"--enable", "VPN105", "sub"},
			cliWant{code: exitFail, out: []string{vpn105Warning}}},
		{"--enable of a prefix does not beat the file's rule ID", repo, ".", []string{"--enable", "VPN", "sub"},
			cliWant{code: exitClean, notOut: []string{"VPN105"}}},
		{"--disable adds to the file", map[string]string{".aovpnlint.yaml": "enable: [all]\n", "p.xml": autoProfile}, ".", []string{"--disable", "VPN1"},
			cliWant{code: exitClean, notOut: []string{"VPN105"}}},

		// Per-path overrides.
		{"a warning under prod/ while elsewhere a note", map[string]string{
			".aovpnlint.yaml": "severity:\n  VPN105: note\noverrides:\n  - paths: [prod/**]\n    severity:\n      VPN105: warning\n",
			"prod/p.xml":      autoProfile,
			"lab/p.xml":       autoProfile,
		}, ".", nil,
			cliWant{code: exitFail, out: []string{"prod/p.xml:4:25: warning VPN105", "lab/p.xml:4:25: note VPN105", "0 errors, 1 warning, 1 note"}}},
		{"the same note outside prod/ passes", map[string]string{
			".aovpnlint.yaml": "severity:\n  VPN105: note\noverrides:\n  - paths: [prod/**]\n    severity:\n      VPN105: warning\n",
			"lab/p.xml":       autoProfile,
		}, ".", nil,
			cliWant{code: exitClean, out: []string{"lab/p.xml:4:25: note VPN105"}}},
		{"a stricter fail level under prod/", map[string]string{
			".aovpnlint.yaml": "fail-on: error\noverrides:\n  - paths: [prod]\n    fail-on: warning\n",
			"prod/p.xml":      autoProfile,
		}, ".", nil,
			cliWant{code: exitFail, out: []string{"prod/p.xml:4:25: warning VPN105"}}},
		{"excludes from the file and the flags add up", map[string]string{
			".aovpnlint.yaml": "exclude: [old/**]\n",
			"old/p.xml":       autoProfile,
			"bak/p.xml":       autoProfile,
			"new/p.xml":       autoProfile,
		}, ".", []string{"--exclude", "bak/**"},
			cliWant{code: exitFail, out: []string{"new/p.xml"}, notOut: []string{"old/p.xml", "bak/p.xml"}}},

		// Mistakes in the file: exit 2 with the position, every one.
		{"config errors", map[string]string{
			".aovpnlint.yaml": "enable: [VPN105]\nseverity:\n  VPN105: fatal\n  VPN999: error\nexpiry-warning: soon\ntrust: [root.pem]\nfail-on: [error]\nenabel: []\n",
			"p.xml":           autoProfile,
		}, ".", nil,
			cliWant{code: exitUsage, err: []string{
				"aovpnlint: .aovpnlint.yaml:3:11: severity.VPN105: unknown level \"fatal\"",
				"aovpnlint: .aovpnlint.yaml:4:3: severity: unknown rule or prefix \"VPN999\"",
				"aovpnlint: .aovpnlint.yaml:5:17: expiry-warning: want a period such as 30d or 72h, got \"soon\"",
				"aovpnlint: .aovpnlint.yaml:6:9: trust: root.pem: no such file or directory",
				"aovpnlint: .aovpnlint.yaml:7:10: fail-on: want a level",
				"aovpnlint: .aovpnlint.yaml:8:1: the config file: unknown key \"enabel\"",
			}}},
		{"a YAML syntax error", map[string]string{".aovpnlint.yaml": "enable:\n\t- VPN105\n", "p.xml": autoProfile}, ".", nil,
			cliWant{code: exitUsage, err: []string{"aovpnlint: .aovpnlint.yaml:2: not valid YAML"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := tree(t, tc.files)
			code, stdout, stderr := runCLI(t, filepath.Join(dir, filepath.FromSlash(tc.run)), append([]string{"--now", fixedNow}, tc.args...)...)
			tc.want.check(t, code, stdout, stderr)
		})
	}
}

// TestConfigCertificates: trust files are relative to the config file's
// folder, and expiry-warning comes from the file unless the flag is given.
func TestConfigCertificates(t *testing.T) {
	root := testpki.Root(t, "Contoso Root CA") // valid to 2028-01-01
	dir := tree(t, map[string]string{
		".git/HEAD":       "ref: refs/heads/main\n",
		".aovpnlint.yaml": "trust: [pki/root.pem]\nexpiry-warning: 10d\n",
		"pki/root.pem":    string(root.PEM()),
		"profiles/p.xml":  autoProfile,
	})
	now := time.Date(2027, 12, 10, 0, 0, 0, 0, time.UTC).Format(time.RFC3339) // 22 days before expiry
	run := func(args ...string) (map[string]any, []string) {
		t.Helper()
		code, stdout, stderr := runCLI(t, filepath.Join(dir, "profiles"), append([]string{"--now", now, "-f", "json"}, args...)...)
		if code == exitUsage {
			t.Fatalf("exit 2: %s", stderr)
		}
		var v map[string]any
		if err := json.Unmarshal([]byte(stdout), &v); err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, f := range v["findings"].([]any) {
			ids = append(ids, f.(map[string]any)["ruleId"].(string))
		}
		return v, ids
	}
	v, ids := run()
	if trust, _ := v["trust"].(map[string]any); trust["implicit"] != false || len(trust["anchors"].([]any)) != 1 {
		t.Errorf("the config's trust file was not used: trust %v", trust)
	}
	if strings.Contains(strings.Join(ids, " "), "CERT112") {
		t.Errorf("expiry-warning 10d from the file: CERT112 reported 22 days before expiry (%v)", ids)
	}
	if _, ids := run("--expiry-warning", "30d"); !strings.Contains(strings.Join(ids, " "), "CERT112") {
		t.Errorf("--expiry-warning 30d does not beat the file's 10d: findings %v", ids)
	}
	if v, ids := run("--no-config"); v["trust"] != nil || !strings.Contains(strings.Join(ids, " "), "VPN105") {
		t.Errorf("--no-config still reads the config's root: trust %v", v["trust"])
	}
}

// TestConfigSARIFLevels: a top-level severity becomes the rule's SARIF
// default level; a per-path one only changes the results.
func TestConfigSARIFLevels(t *testing.T) {
	for _, tc := range []struct {
		name, config        string
		defaultLevel, level string
	}{
		{"none", "", "warning", "warning"},
		{"everywhere", "severity: {VPN105: error}\n", "error", "error"},
		{"per path", "overrides:\n  - paths: [prod/**]\n    severity: {native-protocol-automatic: note}\n", "warning", "note"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := tree(t, map[string]string{".git/HEAD": "x\n", ".aovpnlint.yaml": tc.config, "prod/p.xml": autoProfile})
			_, stdout, stderr := runCLI(t, dir, "--now", fixedNow, "-f", "sarif")
			var log struct {
				Runs []struct {
					Tool struct {
						Driver struct {
							Rules []struct {
								ID                   string
								DefaultConfiguration struct{ Level string }
							}
						}
					}
					Results []struct {
						RuleID string
						Level  string
					}
				}
			}
			if err := json.Unmarshal([]byte(stdout), &log); err != nil || len(log.Runs) != 1 {
				t.Fatalf("%v: %s", err, stderr)
			}
			found := false
			for _, r := range log.Runs[0].Tool.Driver.Rules {
				if r.ID == "VPN105" {
					found = true
					if r.DefaultConfiguration.Level != tc.defaultLevel {
						t.Errorf("defaultConfiguration.level %q, want %q", r.DefaultConfiguration.Level, tc.defaultLevel)
					}
				}
			}
			if !found {
				t.Error("VPN105 is not among the SARIF rules")
			}
			if rs := log.Runs[0].Results; len(rs) != 1 || rs[0].RuleID != "VPN105" || rs[0].Level != tc.level {
				t.Errorf("results %+v, want one VPN105 at %s", rs, tc.level)
			}
		})
	}
}

// TestConfigDocExample: the commented example in docs/config.md is a valid
// config that sets every key.
func TestConfigDocExample(t *testing.T) {
	doc, err := os.ReadFile(repo(t, "docs/config.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(doc), "```yaml\n")
	example, _, ok2 := strings.Cut(rest, "```\n")
	if !ok || !ok2 {
		t.Fatal("docs/config.md has no ```yaml example")
	}
	dir := tree(t, map[string]string{
		".aovpnlint.yaml":    example,
		"pki/root-ca.pem":    "x",
		"pki/vpn-server.pem": "x",
		"pki/nps01.pem":      "x",
	})
	t.Chdir(dir)
	c, err := lint.LoadConfig(".aovpnlint.yaml", rules.All())
	if err != nil {
		t.Fatalf("the example does not load:\n%v", err)
	}
	if c.Enable == nil || c.Disable == nil || c.Severity == nil || c.FailOn == nil || c.Trust == nil || c.VPNCerts == nil ||
		c.NPSCerts == nil || c.ServerNames == nil || c.ExpiryWarning == nil || c.Exclude == nil || c.Suppress == nil ||
		len(c.Overrides) < 2 {
		t.Errorf("the example leaves a key out: %+v", c)
	}
	var o lint.Override
	for _, x := range c.Overrides {
		o.Enable, o.Disable = append(o.Enable, x.Enable...), append(o.Disable, x.Disable...)
		o.Severity = append(o.Severity, x.Severity...)
		if x.FailOn != nil {
			o.FailOn = x.FailOn
		}
	}
	if o.Enable == nil || o.Disable == nil || o.Severity == nil || o.FailOn == nil || c.Suppress[0].Rule == "" || c.Suppress[0].Reason == "" {
		t.Errorf("the example's overrides or suppressions leave a key out: %+v %+v", c.Overrides, c.Suppress)
	}
}
