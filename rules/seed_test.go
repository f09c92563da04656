package rules

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/linttest"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

// seedPath is a Japanese copy of Microsoft's Always On VPN troubleshooting
// article as plain text. Its line 118 holds, flattened into one line with
// the prose around it, a Get-WmiObject dump of MDM_VPNv2_01 whose
// ProfileXML lost spaces at wrap points (<EapHostConfigxmlns=, <Typexmlns=,
// <ClientAuthEKUListEnabled=) and gained some (</ Enabled>, xml ns=).
const seedPath = "/work/shared/seed/always-on-vpn-troubleshooting.ja.txt"

// TestSeedTroubleshootingDump lints the whole text file with every rule at
// linttest.Now and checks exactly what comes out, and where on line 118.
//
// The profile: user tunnel, IKEv2, DeviceCompliance on, PEAP (25) with inner
// EAP-TLS (13) and an EKU filter for AAD Conditional Access
// (1.3.6.1.4.1.311.87), Servers "host;host" as the CSP writes it. PEAP's
// ServerValidation has empty ServerNames and no TrustedRootCA,
// PeapExtensions has PerformServerValidation and AcceptServerName false and
// RequireCryptoBinding is false; the inner EAP-TLS has empty ServerNames, a
// TrustedRootCA pin and AcceptServerName false.
func TestSeedTroubleshootingDump(t *testing.T) {
	path := seedPath
	if p := os.Getenv("AOVPNLINT_SEED"); p != "" {
		path = p
	}
	if _, err := os.Stat(path); err != nil {
		t.Skipf("seed not present: %v", err)
	}
	d := linttest.Load(t, path)
	if len(d.Files) != 1 || d.Files[0].Kind != model.KindCIMDump || len(d.Profiles) != 1 {
		t.Fatalf("want one cim-dump file with one profile, got %d files, %d profiles", len(d.Files), len(d.Profiles))
	}
	p := d.Profiles[0]
	if o := p.Origin; o.Container != model.KindCIMDump || o.InstanceID != "AlwaysOnVPN" || o.InstanceIDLoc.StartLine != 118 || o.InstanceIDLoc.StartColumn != 499 {
		t.Errorf("origin %+v", o)
	}
	// The reading, before the findings: what the rules are told.
	eap := p.Eap()
	if eap == nil || eap.Method == nil || eap.Method.Type != 25 || eap.Method.Inner == nil || eap.Method.Inner.Type != 13 {
		t.Fatal("PEAP with inner EAP-TLS not read")
	}
	if !p.ComplianceEnabled() {
		t.Error("DeviceCompliance/Enabled (written </ Enabled>) not read as true")
	}
	tls := eap.Method.Inner
	if f := tls.Filtering; f == nil || !model.Enabled(f.ClientAuthEKUList) || len(f.EKUMaps) != 1 ||
		f.EKUMaps[0].OID.Value() != "1.3.6.1.4.1.311.87" || len(f.EKUMapInList) != 1 {
		t.Errorf("EKU filter (FilteringInfo xml ns=, ClientAuthEKUListEnabled=) not read: %+v", f)
	}
	if len(p.Native.ServerList) != 1 || p.Native.ServerList[0].Host != "derras2.corp.deverett.info" {
		t.Errorf("servers %+v", p.Native.ServerList)
	}

	res := lint.Check(d, All())
	var got []string
	for _, f := range res.Findings {
		got = append(got, fmt.Sprintf("%s %d:%d", f.RuleID, f.Location.StartLine, f.Location.StartColumn))
	}
	want := []string{
		// The XML was repaired (10 places); the note points at the first,
		// the space in "</ Enabled>".
		"LOAD007 118:659",
		// PEAP <ServerValidation> has no TrustedRootCA.
		"VPN204 118:1659",
		// PEAP <ServerNames></ServerNames>, then the inner EAP-TLS one.
		"VPN203 118:1758",
		"VPN203 118:2286",
		// <RequireCryptoBinding>false</RequireCryptoBinding>.
		"VPN207 118:3263",
		// PeapExtensions <PerformServerValidation>false.
		"VPN201 118:3408",
		// <NativeProtocolType>Ikev2</NativeProtocolType> without a
		// CryptographySuite: the weak IKEv2 defaults apply.
		"VPN602 118:878",
		// DeviceCompliance <Enabled>true</ Enabled> without UseRasCredentials
		// (a note: its default true is not recommended on Entra-joined-only devices).
		"VPN610 118:653",
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("findings:\n got %s\nwant %s", strings.Join(got, ", "), strings.Join(want, ", "))
		for _, f := range res.Findings {
			t.Logf("%s %d:%d %s", f.RuleID, f.Location.StartLine, f.Location.StartColumn, f.Message)
		}
	}
	// Each finding points at what it names on line 118.
	line := d.Files[0].Src.Line(118)
	for _, f := range res.Findings {
		at := line[f.Location.StartColumn-1:]
		var prefix string
		switch f.RuleID {
		case "LOAD007":
			prefix = " Enabled>"
		case "VPN204":
			prefix = "<ServerValidation><DisableUserPromptForServerValidation>true</DisableUserPromptForServerValidation><ServerNames></ServerNames></ServerValidation>"
		case "VPN203":
			prefix = "<ServerNames></ServerNames>"
		case "VPN207", "VPN201":
			prefix = "false</"
		case "VPN602":
			prefix = "Ikev2</"
		case "VPN610":
			prefix = "true</"
		}
		if !strings.HasPrefix(at, prefix) {
			t.Errorf("%s at 118:%d points at %.60q, want %q", f.RuleID, f.Location.StartColumn, at, prefix)
		}
	}
}
