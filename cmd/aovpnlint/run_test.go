package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aovpnlint/aovpnlint/internal/sariftest"
)

var update = flag.Bool("update", false, "rewrite golden files and docs/rules.md")

// fixedNow keeps certificate dates and golden files stable.
const fixedNow = "2026-06-01T00:00:00Z"

func runCLI(t *testing.T, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	if dir != "" {
		t.Chdir(dir)
	}
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func repo(t *testing.T, rel string) string {
	t.Helper()
	abs, err := filepath.Abs(filepath.Join("..", "..", rel))
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := repo(t, filepath.Join("testdata", "golden", name))
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/aovpnlint -update)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the output; if the change is intended run `go test ./cmd/aovpnlint -update` and review the diff\n--- got ---\n%s", name, got)
	}
}

// TestGolden lints the bundled example deployment in every format.
func TestGolden(t *testing.T) {
	for _, format := range []string{"text", "json", "sarif"} {
		t.Run(format, func(t *testing.T) {
			code, out, errOut := runCLI(t, repo(t, "testdata/examples"), "check", "--format", format, "--now", fixedNow, ".")
			if code != exitFail || errOut != "" {
				t.Fatalf("exit %d, stderr %q; want 1 and nothing on stderr", code, errOut)
			}
			golden(t, "examples."+map[string]string{"text": "txt", "json": "json", "sarif": "sarif"}[format], out)
			switch format {
			case "sarif":
				sariftest.Validate(t, []byte(out))
			case "json":
				var v map[string]any
				if err := json.Unmarshal([]byte(out), &v); err != nil {
					t.Fatal(err)
				}
				for _, k := range []string{"tool", "inputs", "findings", "summary"} {
					if _, ok := v[k]; !ok {
						t.Errorf("JSON lacks %q", k)
					}
				}
			}
		})
	}
}

// TestDeterministic: two runs print the same bytes in every format.
func TestDeterministic(t *testing.T) {
	dir := repo(t, "testdata/examples")
	for _, format := range []string{"text", "json", "sarif"} {
		_, a, _ := runCLI(t, dir, "--format", format, "--now", fixedNow)
		_, b, _ := runCLI(t, dir, "--format", format, "--now", fixedNow)
		if a != b || a == "" {
			t.Errorf("%s: two runs differ", format)
		}
	}
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	clean := `<VPNProfile>
  <NativeProfile>
    <Servers>vpn.contoso.com</Servers>
    <NativeProtocolType>IKEv2</NativeProtocolType>
    <Authentication><MachineMethod>Certificate</MachineMethod></Authentication>
  </NativeProfile>
</VPNProfile>
`
	if err := os.WriteFile(filepath.Join(dir, "clean.xml"), []byte(clean), 0o644); err != nil {
		t.Fatal(err)
	}
	examples := repo(t, "testdata/examples")
	for _, tc := range []struct {
		name string
		dir  string
		args []string
		want int
	}{
		{"findings", examples, []string{"."}, exitFail},
		{"fail-on none", examples, []string{"--fail-on", "none"}, exitClean},
		{"missing path", dir, []string{"no-such-path"}, exitUsage},
		{"missing path with other files", dir, []string{"clean.xml", "no-such-path"}, exitUsage},
		{"unknown flag", dir, []string{"--bogus"}, exitUsage},
		{"unknown format", dir, []string{"-f", "yaml"}, exitUsage},
		{"bad --now", dir, []string{"--now", "yesterday"}, exitUsage},
		{"bad --fail-on", dir, []string{"--fail-on", "fatal"}, exitUsage},
		{"unknown rule", dir, []string{"--disable", "VPN999"}, exitUsage},
		{"missing trust file", dir, []string{"--trust", "nope.pem"}, exitUsage},
		{"explain unknown", dir, []string{"explain", "VPN999"}, exitUsage},
		{"help", dir, []string{"--help"}, exitClean},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, tc.dir, tc.args...)
			if code != tc.want {
				t.Errorf("exit %d, want %d (stderr %q)", code, tc.want, stderr)
			}
			if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine") {
				t.Errorf("stderr shows a crash: %s", stderr)
			}
		})
	}
}

// TestRulesDoc keeps docs/rules.md in step with the rules' metadata.
func TestRulesDoc(t *testing.T) {
	_, out, _ := runCLI(t, "", "rules", "--format", "markdown")
	path := repo(t, "docs/rules.md")
	if *update {
		if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil || string(want) != out {
		t.Errorf("docs/rules.md is stale: run `make docs` (or go test ./cmd/aovpnlint -update)")
	}
}

// TestWindowsErrorsDoc keeps docs/windows-errors.md in step with the error
// table and the rules that cite each error.
func TestWindowsErrorsDoc(t *testing.T) {
	code, out, _ := runCLI(t, "", "explain", "--all", "--format", "markdown")
	if code != exitClean || !strings.Contains(out, "## 13801 `ERROR_IPSEC_IKE_AUTH_FAIL`") {
		t.Fatalf("exit %d, output:\n%s", code, out)
	}
	path := repo(t, "docs/windows-errors.md")
	if *update {
		if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil || string(want) != out {
		t.Errorf("docs/windows-errors.md is stale: run `make docs` (or go test ./cmd/aovpnlint -update)")
	}
}

// TestEverySeedErrorIsExplained: each error of the troubleshooting guide has
// an entry and at least one rule that detects a cause.
func TestEverySeedErrorIsExplained(t *testing.T) {
	for _, c := range []string{"800", "809", "812", "13801", "13806", "0x80070040", "0x800B0109", "oops"} {
		code, out, _ := runCLI(t, "", "explain", c)
		if code != exitClean || !strings.Contains(out, "Rules that detect a cause") {
			t.Errorf("explain %s: exit %d, no rule detects a cause:\n%s", c, code, out)
		}
	}
}

func TestExplain(t *testing.T) {
	for arg, want := range map[string]string{
		"13801":      "VPN104",
		"0x35E9":     "IKE authentication credentials are unacceptable",
		"800":        "VPN105",
		"0x80070320": "ERROR_AUTOMATIC_VPN_FAILED",
		"0x800b0109": "CERT_E_UNTRUSTEDROOT",
		"vpn105":     "NativeProtocolType",
		"oops":       "VPN301",
	} {
		code, out, _ := runCLI(t, "", "explain", arg)
		if code != exitClean || !strings.Contains(out, want) {
			t.Errorf("explain %s: exit %d, output lacks %q:\n%s", arg, code, want, out)
		}
	}
}

func TestVersionAndRules(t *testing.T) {
	if code, out, _ := runCLI(t, "", "version"); code != 0 || !strings.HasPrefix(out, "aovpnlint ") {
		t.Errorf("version: %d %q", code, out)
	}
	code, out, _ := runCLI(t, "", "rules", "--format", "json")
	var list []map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &list) != nil || len(list) < 20 {
		t.Errorf("rules --format json: exit %d, %d rules", code, len(list))
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"1048576": 1 << 20, "16MiB": 16 << 20, "512KiB": 512 << 10, "2G": 2 << 30, "64MB": 64 << 20} {
		if got, err := parseSize(in); err != nil || got != want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "0", "-1KiB", "lots", "1.5MiB", "99999999999GiB"} {
		if _, err := parseSize(in); err == nil {
			t.Errorf("parseSize(%q) accepted", in)
		}
	}
}
