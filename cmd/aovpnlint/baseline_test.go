package main

import (
	"os"
	"strings"
	"testing"

	"github.com/aovpnlint/aovpnlint/internal/sariftest"
)

// suppressProfile has one VPN105 finding (NativeProtocolType Automatic);
// the runs below select VPN105 and the LOAD rules only.
const suppressProfile = `<VPNProfile>
  <NativeProfile>
    <Servers>vpn.contoso.com</Servers>
    <NativeProtocolType>Automatic</NativeProtocolType>
    <Authentication><MachineMethod>Certificate</MachineMethod></Authentication>
  </NativeProfile>
</VPNProfile>
`

var only105 = []string{"--now", fixedNow, "--disable", "all", "--enable", "VPN105,LOAD", "--no-config"}

func checkVPN105(args ...string) []string {
	return append(append([]string{"check"}, only105...), args...)
}

func TestInlineSuppressionExitCode(t *testing.T) {
	dir := tree(t, map[string]string{"p.xml": strings.Replace(suppressProfile, "    <NativeProtocolType>",
		"    <!-- aovpnlint:ignore VPN105 the pilot gateway speaks only SSTP -->\n    <NativeProtocolType>", 1)})
	code, out, errOut := runCLI(t, dir, checkVPN105(".")...)
	cliWant{code: 0, out: []string{"no findings in 1 file (1 profile), 1 suppressed"}}.check(t, code, out, errOut)

	// Without a reason the finding stays suppressed, but LOAD008 fails the run.
	dir = tree(t, map[string]string{"p.xml": strings.Replace(suppressProfile, "    <NativeProtocolType>",
		"    <!-- aovpnlint:ignore VPN105 -->\n    <NativeProtocolType>", 1)})
	code, out, errOut = runCLI(t, dir, checkVPN105(".")...)
	cliWant{code: 1, out: []string{"p.xml:4:5: warning LOAD008 aovpnlint:ignore VPN105 gives no reason", "1 suppressed"}}.check(t, code, out, errOut)
}

func TestBaselineFlags(t *testing.T) {
	dir := tree(t, map[string]string{"p.xml": suppressProfile})
	code, out, errOut := runCLI(t, dir, checkVPN105(".")...)
	cliWant{code: 1, out: []string{"warning VPN105"}}.check(t, code, out, errOut)

	// Writing a baseline accepts the findings: exit 0, and the report as usual.
	code, out, errOut = runCLI(t, "", checkVPN105("--write-baseline", "base.json", ".")...)
	cliWant{code: 0, out: []string{"warning VPN105"}, err: []string{"wrote 1 finding to the baseline base.json"}}.check(t, code, out, errOut)
	b, err := os.ReadFile("base.json")
	if err != nil || !strings.Contains(string(b), `"ruleId": "VPN105"`) {
		t.Fatalf("base.json: %v\n%s", err, b)
	}

	code, out, errOut = runCLI(t, "", checkVPN105("--baseline", "base.json", ".")...)
	cliWant{code: 0, out: []string{"no findings in 1 file (1 profile), 1 suppressed"}}.check(t, code, out, errOut)

	// Lines inserted above the finding: still in the baseline. A new
	// finding (a second profile file) fails the run.
	moved := strings.Replace(suppressProfile, "<NativeProfile>\n", "<NativeProfile>\n    <!-- moved -->\n\n", 1)
	if err := os.WriteFile("p.xml", []byte(moved), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("q.xml", []byte(suppressProfile), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = runCLI(t, "", checkVPN105("--baseline", "base.json", ".")...)
	cliWant{code: 1, out: []string{"q.xml:4:25: warning VPN105", "1 suppressed"}, notOut: []string{"p.xml:"}}.check(t, code, out, errOut)

	code, out, errOut = runCLI(t, "", checkVPN105("--baseline", "base.json", "-f", "sarif", "--sarif-include-suppressed", ".")...)
	cliWant{code: 1, out: []string{`"baselineState": "unchanged"`, `"baselineState": "new"`, `"kind": "external"`}}.check(t, code, out, errOut)
	sariftest.Validate(t, []byte(out))
}

func TestBaselineFlagErrors(t *testing.T) {
	dir := tree(t, map[string]string{"p.xml": suppressProfile, "bad.json": `{"version": 9, "tool": "aovpnlint", "entries": []}`})
	code, out, errOut := runCLI(t, dir, checkVPN105("--baseline", "missing.json", ".")...)
	cliWant{code: 2, err: []string{"--baseline: open missing.json"}}.check(t, code, out, errOut)
	code, out, errOut = runCLI(t, "", checkVPN105("--baseline", "bad.json", ".")...)
	cliWant{code: 2, err: []string{"--baseline bad.json: baseline version 9"}}.check(t, code, out, errOut)
	// A scan with an unreadable path writes no baseline.
	code, out, errOut = runCLI(t, "", checkVPN105("--write-baseline", "base.json", ".", "no-such-path")...)
	cliWant{code: 2, err: []string{"base.json not written"}}.check(t, code, out, errOut)
	if _, err := os.Stat("base.json"); err == nil {
		t.Error("base.json written for a partial scan")
	}
}
