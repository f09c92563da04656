package rules

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/linttest"
)

// What the certificate property fixtures cannot say: the Windows errors
// each finding predicts, its related locations, and the --expiry-warning
// setting (fixtures always run with the default).

// certFindings runs one rule over a fixture folder (checking its wants) and
// returns the findings keyed by the certificate's subject CN, taken from the
// message.
func certFindings(t *testing.T, id, folder string) map[string]lint.Finding {
	t.Helper()
	out := map[string]lint.Finding{}
	for _, f := range linttest.Run(t, []*lint.Rule{ByID(id)}, filepath.Join(fixtures, folder)) {
		_, rest, ok := strings.Cut(f.Message, `"CN=`)
		cn, _, _ := strings.Cut(rest, `"`)
		if !ok {
			cn = "(empty subject)"
		}
		out[cn] = f
	}
	return out
}

func TestCertPropsWindowsErrors(t *testing.T) {
	cases := []struct {
		id, folder string
		want       map[string][]string // CN → WindowsErrors
	}{
		{"CERT110", "cert110_bad_leaves", map[string][]string{
			"vpn.contoso.com": {"13801"}, "nps.corp.contoso.com": {}, "alice": {"798"}, "laptop01.corp.contoso.com": {"13806"},
		}},
		// A CA predicts the errors of the leaves under it.
		{"CERT110", "cert110_bad_root", map[string][]string{"Contoso Root CA": {"13801", "798"}}},
		{"CERT110", "cert110_bad_intermediate", map[string][]string{"Contoso Issuing CA": {"13806"}}},
		{"CERT111", "cert111_bad", map[string][]string{"vpn.contoso.com": {"13801"}}},
		{"CERT111", "cert111_bad_root", map[string][]string{"Contoso Root CA G2": {}}},
		{"CERT140", "cert140_bad", map[string][]string{
			"laptop01.corp.contoso.com": {"13806"}, "alice": {"798"}, "bob": {"798"},
		}},
		// The rule's own errors.
		{"CERT101", "cert101_bad", map[string][]string{
			"vpn.contoso.com": {"0x80070040", "13801"}, "vpn2.contoso.com": {"0x80070040", "13801"}, "ras01.corp.contoso.com": {"0x80070040", "13801"},
			"vpn3.contoso.com": {"0x80070040", "13801"},
		}},
		{"CERT141", "cert141_bad", map[string][]string{"alice@contoso.com": {"oops"}, "bob@contoso.com": {"oops"}}},
	}
	for _, tc := range cases {
		t.Run(tc.folder, func(t *testing.T) {
			got := certFindings(t, tc.id, tc.folder)
			if len(got) != len(tc.want) {
				t.Errorf("%d findings, want %d", len(got), len(tc.want))
			}
			for cn, want := range tc.want {
				f, ok := got[cn]
				if !ok {
					t.Errorf("no %s finding for CN=%s", tc.id, cn)
					continue
				}
				if !slices.Equal(f.WindowsErrors, want) {
					t.Errorf("CN=%s: WindowsErrors %q, want %q", cn, f.WindowsErrors, want)
				}
			}
		})
	}
}

func TestCertPropsRelated(t *testing.T) {
	// The VPN server certificate points at the Servers entry that names it.
	f := certFindings(t, "CERT101", "cert101_bad")["vpn.contoso.com"]
	if len(f.Related) != 1 || !strings.HasSuffix(f.Related[0].Path, "profile.xml") || f.Related[0].StartLine != 3 {
		t.Errorf("CERT101 related = %+v, want the <Servers> entry at profile.xml:3", f.Related)
	}
	if r := certFindings(t, "CERT101", "cert101_bad")["ras01.corp.contoso.com"].Related; len(r) != 0 {
		t.Errorf("CERT101 --vpn-cert related = %+v, want none", r)
	}
	// The NPS certificate points at the ServerNames that match it.
	f = certFindings(t, "CERT130", "cert130_bad")["nps.corp.contoso.com"]
	if len(f.Related) != 1 || !strings.HasSuffix(f.Related[0].Path, "profile.xml") || f.Related[0].StartLine != 23 {
		t.Errorf("CERT130 related = %+v, want the PEAP <ServerNames> at profile.xml:23", f.Related)
	}
	// An expired root points at one leaf of each kind under it.
	f = certFindings(t, "CERT110", "cert110_bad_root")["Contoso Root CA"]
	var msgs []string
	for _, r := range f.Related {
		if !strings.HasSuffix(r.Path, "chain.pem") {
			t.Errorf("related %s, want chain.pem", r.Path)
		}
		role, _, _ := strings.Cut(r.Message, " certificate")
		msgs = append(msgs, role)
	}
	if want := []string{"VPN server", "NPS server", "user"}; !slices.Equal(msgs, want) {
		t.Errorf("CERT110 related kinds %q, want %q", msgs, want)
	}
}

// TestCertExpiryWarningSetting shows that CERT112 uses the deployment's
// --expiry-warning rather than a fixed 30 days.
func TestCertExpiryWarningSetting(t *testing.T) {
	r := ByID("CERT112")
	count := func(folder string, w time.Duration) int {
		d := linttest.Load(t, filepath.Join(fixtures, folder))
		d.ExpiryWarning = w
		return len(lint.Check(d, []*lint.Rule{r}).Findings)
	}
	// cert112_good holds a certificate expiring in 31 days.
	if n := count("cert112_good", 45*24*time.Hour); n != 1 {
		t.Errorf("cert112_good with 45 days: %d findings, want 1", n)
	}
	// cert112_bad expires in 14 and 19 days.
	if n := count("cert112_bad", 15*24*time.Hour); n != 1 {
		t.Errorf("cert112_bad with 15 days: %d findings, want 1", n)
	}
	if n := count("cert112_bad", 7*24*time.Hour); n != 0 {
		t.Errorf("cert112_bad with 7 days: %d findings, want 0", n)
	}
}

func TestCertSpan(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0:                       "less than an hour",
		59 * time.Minute:        "less than an hour",
		time.Hour:               "1 hour",
		-5 * time.Hour:          "5 hours",
		47 * time.Hour:          "1 day",
		48 * time.Hour:          "2 days",
		92*24*time.Hour + 3e9:   "92 days",
		-365 * 24 * time.Hour:   "365 days",
		23*time.Hour + 59e9*60:  "23 hours",
		24*time.Hour - 1:        "23 hours",
		24 * time.Hour:          "1 day",
		100 * 24 * time.Hour:    "100 days",
		30*24*time.Hour + 1e9:   "30 days",
		2*time.Hour + 30*60*1e9: "2 hours",
	} {
		if got := certSpan(d); got != want {
			t.Errorf("certSpan(%v) = %q, want %q", d, got, want)
		}
	}
}
