package rules

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/linttest"
)

const corpus = "../../shared/corpus/profiles"

// corpusExpected lists every finding the default rules give on the real public
// profiles in ../shared/corpus, each reviewed: "file:line: ID" and why it is
// right for that file. Anything else is a false alarm and fails the test.
var corpusExpected = map[string]string{
	"ProfileXML_Device.xml:13: VPN102":                  "template: vpn.example.com is an RFC 2606 example name",
	"ProfileXML_Entra_ConditionalAccess.xml:19: VPN102": "template: vpn.example.net is an RFC 2606 example name",
	"ProfileXML_LockDown.xml:7: VPN102":                 "template: vpn.example.net is an RFC 2606 example name",
	"ProfileXML_User.xml:21: VPN102":                    "template: vpn.example.net is an RFC 2606 example name",
	"ProfileXML_User.xml:27: VPN105":                    "the template ships NativeProtocolType Automatic, which Microsoft names as the cause of error 800",
	"ProfileXML_User.xml:33: VPN211":                    "UserMethod Eap with a comment-only <Configuration> placeholder: the template asks for the EAP configuration to be pasted in",
	"ProfileXML_Device.xml:6: VPN403":                   "template: an RFC 2606 example.net name left outside <Servers>",
	"ProfileXML_Device.xml:7: VPN403":                   "template: an RFC 2606 example.net name left outside <Servers>",
	"ProfileXML_Entra_ConditionalAccess.xml:4: VPN403":  "template: an RFC 2606 example.net name left outside <Servers>",
	"ProfileXML_Entra_ConditionalAccess.xml:5: VPN403":  "template: an RFC 2606 example.net name left outside <Servers>",
	"ProfileXML_Entra_ConditionalAccess.xml:40: VPN403": "template: an RFC 2606 example.net name left outside <Servers> (PEAP ServerNames)",
	"ProfileXML_Entra_ConditionalAccess.xml:55: VPN403": "template: an RFC 2606 example.net name left outside <Servers> (EAP-TLS ServerNames)",
	"ProfileXML_Fortinet.xml:4: VPN403":                 "template: an RFC 2606 example.net name left outside <Servers>",
	"ProfileXML_Fortinet.xml:5: VPN403":                 "template: an RFC 2606 example.net name left outside <Servers>",
	"ProfileXML_Fortinet.xml:7: VPN403":                 "template: an RFC 2606 example.net name left outside <Servers> (plug-in ServerUrlList)",
	"ProfileXML_LockDown.xml:3: VPN403":                 "template: an RFC 2606 example.net name left outside <Servers>",
	"ProfileXML_LockDown.xml:4: VPN403":                 "template: an RFC 2606 example.net name left outside <Servers>",
	"ProfileXML_PaloAlto.xml:4: VPN403":                 "template: an RFC 2606 example.net name left outside <Servers>",
	"ProfileXML_PaloAlto.xml:6: VPN403":                 "template: an RFC 2606 example.net name left outside <Servers>",
	"ProfileXML_PaloAlto.xml:10: VPN403":                "template: an RFC 2606 example.net name left outside <Servers> (NRPT DomainName)",
	"ProfileXML_PaloAlto.xml:14: VPN403":                "template: an RFC 2606 example.net name left outside <Servers> (plug-in ServerUrlList)",
	"ProfileXML_User.xml:5: VPN403":                     "template: an RFC 2606 example.net name left outside <Servers>",
	"ProfileXML_User.xml:7: VPN403":                     "template: an RFC 2606 example.net name left outside <Servers>",
	"ProfileXML_User.xml:15: VPN403":                    "template: an RFC 2606 example.net name left outside <Servers> (proxy server)",
	"ProfileXML_User.xml:17: VPN403":                    "template: an RFC 2606 example.net name left outside <Servers> (PAC URL)",
	"ProfileXML_User.xml:138: VPN403":                   "template: an RFC 2606 example.net name left outside <Servers> (NRPT DomainName)",
	"ProfileXML_Device.xml:9: VPN511":                   "the profile uses nine elements that need Windows 11 build 22000; its own comments say 22H2/24H2",
	"ProfileXML_User.xml:9: VPN511":                     "the profile uses nine elements that need Windows 11 build 22000; its own comments say 22H2/24H2",
	"ProfileXML_Fortinet.xml:3: VPN510":                 "RememberCredentials after AlwaysOn: neither the XSD order nor Windows' write-back order",
	"ProfileXML_PaloAlto.xml:3: VPN510":                 "RememberCredentials after AlwaysOn, DomainNameInformation before PluginProfile and Route: neither order",
	"ProfileXML_LockDown.xml:6: VPN510":                 "LockDown before DnsSuffix (XSD) and RegisterDNS before NativeProfile (Windows), CryptographySuite children reversed against both",
	"ProfileXML_Fortinet.xml:3: VPN609":                 "the plug-in template sets RememberCredentials true",
	"ProfileXML_PaloAlto.xml:3: VPN609":                 "the plug-in template sets RememberCredentials true",
	"ProfileXML_Entra_ConditionalAccess.xml:8: VPN610":  "DeviceCompliance on and UseRasCredentials unset (default true); the author's other templates set it false",
	"ProfileXML_User.xml:90: VPN713":                    "six TrafficFilter rules: all other tunnel traffic is dropped, as Microsoft documents",
}

// TestCorpus: real profiles that Windows accepts load without a LOAD problem
// and give only the reviewed findings above.
func TestCorpus(t *testing.T) {
	if _, err := os.Stat(corpus); err != nil {
		t.Skip("../shared/corpus is not beside the repository")
	}
	d := linttest.Load(t, corpus)
	if len(d.Profiles) < 6 {
		t.Fatalf("loaded %d profiles from %s, want all 6", len(d.Profiles), corpus)
	}
	res := lint.Check(d, All())
	var got []string
	for _, f := range res.Findings {
		key := fmt.Sprintf("%s:%d: %s", strings.TrimPrefix(f.Location.Path, corpus+"/"), f.Location.StartLine, f.RuleID)
		got = append(got, key)
		if strings.HasPrefix(f.RuleID, "LOAD") {
			t.Errorf("%s: %s", key, f.Message)
			continue
		}
		if _, ok := corpusExpected[key]; !ok {
			t.Errorf("unexpected %s: %s", key, f.Message)
		}
	}
	for key := range corpusExpected {
		if !slices.Contains(got, key) {
			t.Errorf("expected finding %s is gone: update corpusExpected", key)
		}
	}
}
