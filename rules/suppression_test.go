package rules

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aovpnlint/aovpnlint/internal/testpki"
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/linttest"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

// suppressedProfile has VPN105 (NativeProtocolType Automatic) accepted on
// the line above, and a stale suppression of VPN104 on a server that is a
// public name.
const suppressedProfile = `<?xml version="1.0" encoding="utf-8"?>
<VPNProfile>
  <AlwaysOn>true</AlwaysOn>
  <TrustedNetworkDetection>corp.contoso.com</TrustedNetworkDetection>
  <NativeProfile>
    <!-- aovpnlint:ignore VPN104 the lab gateway has a private address -->
    <Servers>vpn.contoso.com</Servers>
    <RoutingPolicyType>ForceTunnel</RoutingPolicyType>
    <!-- aovpnlint:ignore native-protocol-automatic the pilot gateway speaks only SSTP (CHG-1042) -->
    <NativeProtocolType>Automatic</NativeProtocolType>
    <Authentication>
      <MachineMethod>Certificate</MachineMethod>
    </Authentication>
  </NativeProfile>
</VPNProfile>
`

func runSuppressed(t *testing.T, opts lint.Options) []string {
	t.Helper()
	opts.Now = linttest.Now
	res, err := lint.Run(All(), opts)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range res.Findings {
		s := f.RuleID + " " + f.Location.Path + ":" + strconv.Itoa(f.Location.StartLine)
		if f.Suppressed {
			s += " suppressed"
		}
		if strings.HasPrefix(f.RuleID, "LOAD00") {
			s += ": " + f.Message
		}
		out = append(out, s)
	}
	return out
}

func TestSuppressionRules(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := os.WriteFile("p.xml", []byte(suppressedProfile), 0o644); err != nil {
		t.Fatal(err)
	}
	got := runSuppressed(t, lint.Options{})
	want := []string{
		"VPN105 p.xml:10 suppressed",
		"LOAD009 p.xml:6: aovpnlint:ignore VPN104 suppresses nothing: no VPN104 finding on this line or the next; a stale suppression would hide the next such finding there unseen",
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("missing %q in\n%s", w, strings.Join(got, "\n"))
		}
	}
	if n := len(slices.DeleteFunc(slices.Clone(got), func(s string) bool { return !strings.HasPrefix(s, "LOAD") })); n != 1 {
		t.Errorf("%d LOAD findings, want the one LOAD009:\n%s", n, strings.Join(got, "\n"))
	}

	// With VPN104 off, the suppression of it cannot be judged.
	got = runSuppressed(t, lint.Options{Disable: []string{"VPN104"}})
	if slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, "LOAD009") }) {
		t.Errorf("LOAD009 for a suppression of a rule that did not run:\n%s", strings.Join(got, "\n"))
	}
	// With VPN105 off, its finding is gone and the suppression unjudged.
	got = runSuppressed(t, lint.Options{Disable: []string{"VPN105"}})
	if slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, "LOAD009 p.xml:9") }) {
		t.Errorf("LOAD009 for a suppression of a disabled rule:\n%s", strings.Join(got, "\n"))
	}
}

func TestCertificateSuppressionRules(t *testing.T) {
	testpki.Seed(t, 61)
	t.Chdir(t.TempDir())
	expired := testpki.SelfSigned(t, testpki.Spec{CN: "Contoso Old Root", CA: true,
		NotBefore: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), NotAfter: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)})
	valid := testpki.Root(t, "Contoso Root")
	absent := testpki.Root(t, "Not Scanned")
	if err := os.WriteFile("roots.pem", append(expired.PEM(), valid.PEM()...), 0o644); err != nil {
		t.Fatal(err)
	}
	conf := model.NewSource(".aovpnlint.yaml", []byte("suppress:\n  - a\n  - b\n  - c\n  - d\n"))
	got := runSuppressed(t, lint.Options{Trust: []string{"roots.pem"}, Suppress: []lint.CertSuppression{
		{SHA256: sum(expired), Rule: "CERT110", Reason: "kept for old clients until June", Loc: conf.LineSpan(2, 2)},
		{SHA256: sum(valid), Rule: "certificate-expired", Loc: conf.LineSpan(3, 3)},
		{SHA256: sum(absent), Rule: "CERT110", Reason: "another scan", Loc: conf.LineSpan(4, 4)},
		{SHA256: sum(valid), Reason: "every rule: never judged unused", Loc: conf.LineSpan(5, 5)},
	}})
	if !slices.Contains(got, "CERT110 roots.pem:1 suppressed") {
		t.Errorf("the expired root's CERT110 is not suppressed:\n%s", strings.Join(got, "\n"))
	}
	var load []string
	for _, s := range got {
		if strings.HasPrefix(s, "LOAD00") {
			load = append(load, s)
		}
	}
	name := `"CN=Contoso Root" (SHA-1 ` + valid.Thumbprint() + `)`
	want := []string{
		"LOAD008 .aovpnlint.yaml:3: the config file's suppression of certificate-expired for " + name + " gives no reason: the finding stays suppressed, but a reviewer cannot tell why it was accepted or when to look again",
		"LOAD009 .aovpnlint.yaml:3: the config file's suppression of certificate-expired for " + name + " suppresses nothing: no certificate-expired finding on this certificate; a stale suppression would hide the next such finding there unseen",
	}
	if !slices.Equal(load, want) {
		t.Errorf("LOAD findings\n%s\nwant\n%s", strings.Join(load, "\n"), strings.Join(want, "\n"))
	}
}

func sum(c *testpki.Cert) string {
	h := sha256.Sum256(c.Raw)
	return strings.ToUpper(hex.EncodeToString(h[:]))
}
