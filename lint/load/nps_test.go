package load

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/aovpnlint/aovpnlint/lint/model"
)

// TestParseNPSExport: an NPS export is recognised by its content whatever its
// name, and its policies, PEAP inner methods (hex wrapped over lines) and
// RADIUS clients are read; the secret text is kept in no model field.
func TestParseNPSExport(t *testing.T) {
	b, err := os.ReadFile("../../testdata/rules/xref120_bad/nps-export.xml")
	if err != nil {
		t.Fatal(err)
	}
	f, probs, why := Parse("NPS01_npsconfig.txt", b)
	if f == nil || len(probs) > 0 {
		t.Fatalf("not parsed: %q %v", why, probs)
	}
	if f.Kind != model.KindNPSConfig || len(f.NPS) != 1 {
		t.Fatalf("kind %q, %d exports", f.Kind, len(f.NPS))
	}
	cfg := f.NPS[0]
	if len(cfg.Policies) != 2 {
		t.Fatalf("%d policies, want 2", len(cfg.Policies))
	}
	users, wifi := cfg.Policies[0], cfg.Policies[1]
	if users.Name != "Contoso VPN - Users" || !users.Enabled || !users.MatchesVPN() || users.Settings == nil {
		t.Errorf("policy 1: %+v", users)
	} else if !slices.Equal(users.Settings.EapTypes, []int{25}) || !slices.Equal(users.Settings.PEAPInner, []int{26}) {
		t.Errorf("policy 1 EAP %v inner %v, want [25] [26]", users.Settings.EapTypes, users.Settings.PEAPInner)
	}
	if wifi.MatchesVPN() {
		t.Errorf("policy %q (NAS-Port-Type 19) matches VPN", wifi.Name)
	}
	if users.AcceptsChain([]int{25, 13}) || !users.AcceptsChain([]int{25, 26}) {
		t.Errorf("policy 1 accepts PEAP-TLS or refuses PEAP-MSCHAPv2")
	}

	sec, err := os.ReadFile("../../testdata/rules/nps002_bad.xml")
	if err != nil {
		t.Fatal(err)
	}
	f, _, _ = Parse("nps.xml", sec)
	if f == nil || len(f.NPS) != 1 || len(f.NPS[0].Clients) != 2 {
		t.Fatalf("RADIUS clients not read")
	}
	c := f.NPS[0].Clients[1]
	if !c.HasSecret || c.SecretLen != 10 || c.SecretLoc.StartLine == 0 {
		t.Errorf("client %+v: want a 10-character secret with a location", c)
	}

	// A <Root> that is no NPS export is not taken for one.
	if f, _, _ := Parse("other.xml", []byte(`<Root><Children><Other/></Children></Root>`)); f != nil && f.Kind == model.KindNPSConfig {
		t.Errorf("plain <Root> read as an NPS export")
	}
	if !strings.Contains(string(sec), "Microsoft_Internet_Authentication_Service") {
		t.Fatal("fixture is no NPS export")
	}
}
