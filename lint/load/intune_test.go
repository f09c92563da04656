package load

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/aovpnlint/aovpnlint/lint/model"
)

// jsonOffAt returns the offset of the n-th (1-based) occurrence of needle.
func jsonOffAt(t *testing.T, text, needle string, n int) int {
	t.Helper()
	off := -1
	for i := 0; i < n; i++ {
		j := strings.Index(text[off+1:], needle)
		if j < 0 {
			t.Fatalf("%q occurs fewer than %d times", needle, n)
		}
		off += 1 + j
	}
	return off
}

// jsonLineCol returns the 1-based line and byte column of offset off.
func jsonLineCol(text string, off int) (int, int) {
	return 1 + strings.Count(text[:off], "\n"), off - strings.LastIndex(text[:off], "\n")
}

// jsonWantAt checks that l starts at the n-th occurrence of needle and, when
// endNeedle is not empty, ends just after the first endNeedle from there.
func jsonWantAt(t *testing.T, what string, l model.Location, text, needle string, n int, endNeedle string) {
	t.Helper()
	off := jsonOffAt(t, text, needle, n)
	line, col := jsonLineCol(text, off)
	if l.StartLine != line || l.StartColumn != col {
		t.Errorf("%s starts at %d:%d, want %d:%d (%q)", what, l.StartLine, l.StartColumn, line, col, needle)
	}
	if endNeedle == "" {
		return
	}
	e := strings.Index(text[off:], endNeedle)
	if e < 0 {
		t.Fatalf("%q does not follow %q", endNeedle, needle)
	}
	eline, ecol := jsonLineCol(text, off+e+len(endNeedle))
	if l.EndLine != eline || l.EndColumn != ecol {
		t.Errorf("%s ends at %d:%d, want %d:%d (after %q)", what, l.EndLine, l.EndColumn, eline, ecol, endNeedle)
	}
}

// jsonWantQuote checks that l is the opening quote of the value after key.
func jsonWantQuote(t *testing.T, what string, l model.Location, text, key string) {
	t.Helper()
	line, col := jsonLineCol(text, jsonOffAt(t, text, key, 1)+len(key))
	if l.StartLine != line || l.StartColumn != col || l.EndLine != line || l.EndColumn != col+1 {
		t.Errorf("%s at %d:%d-%d:%d, want the opening quote of the value at %d:%d", what, l.StartLine, l.StartColumn, l.EndLine, l.EndColumn, line, col)
	}
}

func jsonParseIntune(t *testing.T, text string) (*model.File, []model.Problem) {
	t.Helper()
	f, probs, why := Parse("intune.json", []byte(text))
	if f == nil {
		t.Fatalf("not recognised: %s", why)
	}
	if f.Kind != model.KindIntuneJSON {
		t.Fatalf("kind %s, want %s", f.Kind, model.KindIntuneJSON)
	}
	return f, probs
}

// TestIntuneOMAStringPositions: the XML of an omaSettingString sits in a JSON
// string full of \u003c escapes; a finding on an element points at the exact
// characters inside the string, also when the value itself holds an escape.
func TestIntuneOMAStringPositions(t *testing.T) {
	text := `{
    "@odata.type":  "#microsoft.graph.windows10CustomConfiguration",
    "displayName":  "AOVPN",
    "omaSettings":  [
        {
            "@odata.type":  "#microsoft.graph.omaSettingString",
            "omaUri":  "./User/Vendor/MSFT/VPNv2/Always%20On%20VPN/ProfileXML",
            "value":  "\u003cVPNProfile\u003e\r\n  \u003cDnsSuffix\u003ecorp.contoso.com\u003c/DnsSuffix\u003e\r\n  \u003cNativeProfile\u003e\u003cServers\u003evpn.contoso.com,10.1.2.3\u003c/Servers\u003e\r\n    \u003cNativeProtocolType\u003e\u0041utomatic\u003c/NativeProtocolType\u003e\r\n  \u003c/NativeProfile\u003e\u003c/VPNProfile\u003e"
        }
    ]
}
`
	f, probs := jsonParseIntune(t, text)
	if len(probs) != 0 || len(f.Profiles) != 1 {
		t.Fatalf("profiles %d, problems %+v; want 1 and none", len(f.Profiles), probs)
	}
	p := f.Profiles[0]
	// \u0041utomatic decodes to "Automatic": the value starts at the escape.
	if v := p.Native.NativeProtocolType.Value(); v != "Automatic" {
		t.Fatalf("NativeProtocolType %q", v)
	}
	jsonWantAt(t, "NativeProtocolType value", p.Native.NativeProtocolType.ValueLoc(), text, `\u0041utomatic`, 1, `utomatic`)
	jsonWantAt(t, "DnsSuffix value", p.DNSSuffix.ValueLoc(), text, `corp.contoso.com`, 1, `corp.contoso.com`)
	jsonWantAt(t, "second server", p.Native.ServerList[1].Loc, text, `10.1.2.3`, 1, `10.1.2.3`)
	jsonWantAt(t, "NativeProfile element", p.Native.Node.Loc(), text, `\u003cNativeProfile\u003e`, 1, `\u003cNativeProfile\u003e`)
	o := p.Origin
	if o.Container != model.KindIntuneJSON || o.Scope != "user" || p.Name != "Always On VPN" ||
		o.URI != "./User/Vendor/MSFT/VPNv2/Always%20On%20VPN/ProfileXML" {
		t.Errorf("origin %+v, name %q", o, p.Name)
	}
	jsonWantAt(t, "OMA-URI", o.URILoc, text, `./User/`, 1, `/ProfileXML`)
}

// TestIntuneOMAStringSyntaxError: a broken element inside the JSON string is
// reported at the character where the XML breaks.
func TestIntuneOMAStringSyntaxError(t *testing.T) {
	text := "[{\"omaUri\": \"./Device/Vendor/MSFT/VPNv2/D/ProfileXML\",\n  \"value\": \"<VPNProfile>\\n<AlwaysOn>true</AlwaysOn\\n<DeviceTunnel>true</DeviceTunnel></VPNProfile>\"}]\n"
	_, probs := jsonParseIntune(t, text)
	if len(probs) != 1 || probs[0].Kind != model.NotWellFormed {
		t.Fatalf("problems %+v, want one NotWellFormed", probs)
	}
	// The '>' is missing where the \n escape after "</AlwaysOn" begins.
	jsonWantAt(t, "syntax error", probs[0].Loc, text, `\n<DeviceTunnel>`, 1, `\`)
}

// TestIntuneOMAStringXMLBase64: omaSettingStringXml holds the uploaded file in
// base64 (UTF-8 with or without BOM, UTF-16 LE with BOM); findings inside
// point at the value's opening quote.
func TestIntuneOMAStringXMLBase64(t *testing.T) {
	xml := "<VPNProfile>\r\n  <DeviceTunnel>true</DeviceTunnel>\r\n  <NativeProfile>\r\n    <Servers>vpn.contoso.com</Servers>\r\n    <NativeProtocolType>IKEv2</NativeProtocolType>\r\n  </NativeProfile>\r\n</VPNProfile>\r\n"
	for name, data := range map[string][]byte{
		"utf-8":     []byte(xml),
		"utf-8 bom": append([]byte{0xEF, 0xBB, 0xBF}, xml...),
		"utf-16le":  utf16le(xml, true),
	} {
		t.Run(name, func(t *testing.T) {
			text := "{\n  \"@odata.type\": \"#microsoft.graph.windows10CustomConfiguration\",\n  \"omaSettings\": [\n    {\n" +
				"      \"@odata.type\": \"#microsoft.graph.omaSettingStringXml\",\n" +
				"      \"omaUri\": \"./Vendor/MSFT/VPNv2/Device%20Tunnel/ProfileXML\",\n" +
				"      \"fileName\": \"device.xml\",\n" +
				"      \"value\": \"" + base64.StdEncoding.EncodeToString(data) + "\"\n    }\n  ]\n}\n"
			f, probs := jsonParseIntune(t, text)
			if len(probs) != 0 || len(f.Profiles) != 1 {
				t.Fatalf("profiles %d, problems %+v", len(f.Profiles), probs)
			}
			p := f.Profiles[0]
			if !p.IsDeviceTunnel() || p.Native.NativeProtocolType.Value() != "IKEv2" {
				t.Fatalf("profile not read: DeviceTunnel %q", p.DeviceTunnel.Value())
			}
			for what, l := range map[string]model.Location{
				"NativeProtocolType": p.Native.NativeProtocolType.ValueLoc(),
				"DeviceTunnel":       p.DeviceTunnel.Loc(),
				"server":             p.Native.ServerList[0].Loc,
			} {
				jsonWantQuote(t, what, l, text, `"value": `)
			}
			if p.Origin.Scope != "device" || p.Name != "Device Tunnel" {
				t.Errorf("scope %q name %q, want device, Device Tunnel", p.Origin.Scope, p.Name)
			}
		})
	}
}

// TestIntuneTemplatePositions: the built-in template's fields become a
// synthetic profile whose elements point at the JSON values.
func TestIntuneTemplatePositions(t *testing.T) {
	eap := `<?xml version="1.0"?>
<EapHostConfig xmlns="http://www.microsoft.com/provisioning/EapHostConfig">
  <EapMethod><Type xmlns="http://www.microsoft.com/provisioning/EapCommon">13</Type></EapMethod>
  <Config xmlns="http://www.microsoft.com/provisioning/EapHostConfig">
    <Eap xmlns="http://www.microsoft.com/provisioning/BaseEapConnectionPropertiesV1"><Type>13</Type>
      <EapType xmlns="http://www.microsoft.com/provisioning/EapTlsConnectionPropertiesV1"/>
    </Eap>
  </Config>
</EapHostConfig>`
	text := `{
  "@odata.context": "https://graph.microsoft.com/beta/$metadata#deviceManagement/deviceConfigurations",
  "value": [
    {
      "@odata.type": "#microsoft.graph.windows10VpnConfiguration",
      "displayName": "AOVPN template",
      "connectionName": "Contoso VPN",
      "servers": [
        {"description": "a", "address": "vpn.contoso.com", "isDefaultServer": true},
        {"description": "b", "ipAddressOrFqdn": "10.0.0.1", "isDefaultServer": false}
      ],
      "connectionType": "automatic",
      "profileTarget": "user",
      "enableSplitTunneling": false,
      "enableAlwaysOn": true,
      "enableDeviceTunnel": false,
      "dnsSuffixes": ["corp.contoso.com", "contoso.com"],
      "trustedNetworkDomains": [],
      "authenticationMethod": "customEapXml",
      "eapXml": "` + base64.StdEncoding.EncodeToString([]byte(eap)) + `",
      "singleSignOnEku": null,
      "enableConditionalAccess": true,
      "enableSingleSignOnWithAlternateCertificate": true,
      "singleSignOnIssuerHash": "",
      "routes": [{"destinationPrefix": "10.21.12.100", "prefixSize": 32}],
      "dnsRules": [{"name": ".corp.contoso.com", "servers": ["10.21.12.10"], "autoTrigger": true, "persistent": null}],
      "cryptographySuite": null
    }
  ]
}
`
	f, probs := jsonParseIntune(t, text)
	if len(probs) != 0 || len(f.Profiles) != 1 {
		t.Fatalf("profiles %d, problems %+v", len(f.Profiles), probs)
	}
	p := f.Profiles[0]
	n := p.Native
	if p.Name != "Contoso VPN" || p.Origin.Scope != "user" || p.Origin.Container != model.KindIntuneJSON {
		t.Errorf("name %q origin %+v", p.Name, p.Origin)
	}
	checks := []struct {
		what, value string
		l           model.Location
		needle      string
		n           int
		end         string
	}{
		{"NativeProtocolType", n.NativeProtocolType.Value(), n.NativeProtocolType.ValueLoc(), `automatic"`, 1, `automatic`},
		{"RoutingPolicyType", n.RoutingPolicyType.Value(), n.RoutingPolicyType.ValueLoc(), `false,`, 1, `false`},
		{"AlwaysOn", p.AlwaysOn.Value(), p.AlwaysOn.ValueLoc(), `true,
      "enableDeviceTunnel"`, 1, `true`},
		{"DeviceTunnel", p.DeviceTunnel.Value(), p.DeviceTunnel.Loc(), `false,
      "dnsSuffixes"`, 1, `false`},
		{"first server", n.ServerList[0].Host, n.ServerList[0].Loc, `vpn.contoso.com`, 1, `vpn.contoso.com`},
		{"second server", n.ServerList[1].Host, n.ServerList[1].Loc, `10.0.0.1`, 1, `10.0.0.1`},
		{"DnsSuffix", p.DNSSuffix.Value(), p.DNSSuffix.ValueLoc(), `corp.contoso.com`, 1, `, "contoso.com`},
		{"UserMethod", n.UserMethod.Value(), n.UserMethod.ValueLoc(), `customEapXml`, 1, `customEapXml`},
		{"DeviceCompliance/Enabled", p.DeviceCompliance.Enabled.Value(), p.DeviceCompliance.Enabled.ValueLoc(), `true,
      "enableSingleSignOn`, 1, `true`},
		{"Sso/Enabled", p.DeviceCompliance.SsoEnabled.Value(), p.DeviceCompliance.SsoEnabled.ValueLoc(), `true,
      "singleSignOnIssuerHash"`, 1, `true`},
		{"Route/Address", p.Routes[0].Address.Value(), p.Routes[0].Address.ValueLoc(), `10.21.12.100`, 1, `10.21.12.100`},
		{"Route/PrefixSize", p.Routes[0].PrefixSize.Value(), p.Routes[0].PrefixSize.ValueLoc(), `32}`, 1, `32`},
		{"Route", "", p.Routes[0].Node.Loc(), `{"destinationPrefix"`, 1, `{`},
		{"NRPT DomainName", p.NRPT[0].DomainName.Value(), p.NRPT[0].DomainName.ValueLoc(), `.corp.contoso.com`, 1, `.corp.contoso.com`},
		{"NRPT DnsServers", p.NRPT[0].DNSServers.Value(), p.NRPT[0].DNSServers.ValueLoc(), `10.21.12.10"`, 1, `10.21.12.10`},
		{"NRPT AutoTrigger", p.NRPT[0].AutoTrigger.Value(), p.NRPT[0].AutoTrigger.ValueLoc(), `true, "persistent"`, 1, `true`},
		{"VPNProfile", "", p.Root.Loc(), `"#microsoft.graph.windows10VpnConfiguration"`, 1, `Configuration"`},
	}
	values := map[string]string{
		"NativeProtocolType": "Automatic", "RoutingPolicyType": "ForceTunnel", "AlwaysOn": "true", "DeviceTunnel": "false",
		"first server": "vpn.contoso.com", "second server": "10.0.0.1", "DnsSuffix": "corp.contoso.com,contoso.com",
		"UserMethod": "Eap", "DeviceCompliance/Enabled": "true", "Sso/Enabled": "true", "Route/Address": "10.21.12.100",
		"Route/PrefixSize": "32", "NRPT DomainName": ".corp.contoso.com", "NRPT DnsServers": "10.21.12.10", "NRPT AutoTrigger": "true",
	}
	for _, c := range checks {
		if c.value != values[c.what] {
			t.Errorf("%s is %q, want %q", c.what, c.value, values[c.what])
		}
		jsonWantAt(t, c.what, c.l, text, c.needle, c.n, c.end)
	}
	// Fields absent, null, false or empty create nothing.
	if p.TrustedNetworkDetection != nil || p.NRPT[0].Persistent != nil ||
		p.DeviceCompliance.SsoIssuerHash != nil || p.DeviceCompliance.SsoEku != nil || n.CryptographySuite != nil || p.RememberCredentials != nil {
		t.Errorf("an absent or empty field became an element")
	}
	// The EAP configuration from base64 points at the eapXml value's opening quote.
	c := p.Eap()
	if c == nil || len(c.Methods()) != 1 || c.Methods()[0].Type != model.EapTLS {
		t.Fatalf("EAP configuration not read from eapXml: %+v", c)
	}
	jsonWantQuote(t, "EAP method", c.Methods()[0].Node.Loc(), text, `"eapXml": `)
	jsonWantQuote(t, "EAP method type", c.Methods()[0].TypeNode.ValueLoc(), text, `"eapXml": `)
}

// TestIntuneTemplateAuthentication: authentication as the CSP would have it,
// and no element for what Intune generates on delivery.
func TestIntuneTemplateAuthentication(t *testing.T) {
	for _, tc := range []struct {
		method, tunnel string
		user, machine  string
		auth           bool
	}{
		{"certificate", "true", "", "Certificate", true},
		{"certificate", "false", "", "", false},
		{"usernameAndPassword", "false", "", "", false},
		{"usernameAndPassword", "true", "", "", true},
		{"customEapXml", "false", "Eap", "", true},
	} {
		text := `{"connectionType": "ikEv2", "servers": [{"address": "vpn.contoso.com"}], "enableDeviceTunnel": ` + tc.tunnel +
			`, "authenticationMethod": "` + tc.method + `"}`
		f, probs := jsonParseIntune(t, text)
		if len(probs) != 0 || len(f.Profiles) != 1 {
			t.Fatalf("%s: profiles %d, problems %+v", tc.method, len(f.Profiles), probs)
		}
		n := f.Profiles[0].Native
		if got := n.UserMethod.Value(); got != tc.user {
			t.Errorf("%s, device tunnel %s: UserMethod %q, want %q", tc.method, tc.tunnel, got, tc.user)
		}
		if got := n.MachineMethod.Value(); got != tc.machine {
			t.Errorf("%s, device tunnel %s: MachineMethod %q, want %q", tc.method, tc.tunnel, got, tc.machine)
		}
		if (n.Authentication != nil) != tc.auth {
			t.Errorf("%s, device tunnel %s: Authentication present %v, want %v", tc.method, tc.tunnel, n.Authentication != nil, tc.auth)
		}
		if scope := f.Profiles[0].Origin.Scope; (tc.tunnel == "true") != (scope == "device") {
			t.Errorf("%s, device tunnel %s: scope %q", tc.method, tc.tunnel, scope)
		}
	}
}

// TestIntuneTemplatePlugin: third-party connection types become a
// PluginProfile, never a NativeProfile with a made-up protocol.
func TestIntuneTemplatePlugin(t *testing.T) {
	text := `{"@odata.type": "#microsoft.graph.windows10VpnConfiguration", "connectionType": "paloAltoGlobalProtect",
  "servers": [{"address": "gp.contoso.com"}], "authenticationMethod": "usernameAndPassword"}`
	f, _ := jsonParseIntune(t, text)
	p := f.Profiles[0]
	if p.Native != nil || p.Plugin == nil || p.Plugin.Child("ServerUrlList").Value() != "gp.contoso.com" {
		t.Fatalf("plug-in template read as native %v / plugin %v", p.Native != nil, p.Plugin != nil)
	}
	jsonWantAt(t, "PluginProfile", p.Plugin.Loc(), text, `"paloAltoGlobalProtect"`, 1, `"paloAltoGlobalProtect"`)
}

// TestIntuneBackupShapes: an IntuneCD value object, a top-level array, an
// encrypted value, per-node settings.
func TestIntuneBackupShapes(t *testing.T) {
	t.Run("intunecd value object", func(t *testing.T) {
		text := `{"omaSettings": [{"omaUri": "./Device/Vendor/MSFT/VPNv2/DT/ProfileXML", "value": {"@odata.context": "https://graph.microsoft.com/beta/$metadata#Edm.String", "value": "<VPNProfile><DeviceTunnel>true</DeviceTunnel></VPNProfile>"}}]}`
		f, probs := jsonParseIntune(t, text)
		if len(probs) != 0 || len(f.Profiles) != 1 || !f.Profiles[0].IsDeviceTunnel() {
			t.Fatalf("profiles %d problems %+v", len(f.Profiles), probs)
		}
		jsonWantAt(t, "DeviceTunnel", f.Profiles[0].DeviceTunnel.ValueLoc(), text, `true</Dev`, 1, `true`)
	})
	t.Run("array of objects", func(t *testing.T) {
		text := `[{"@odata.type": "#microsoft.graph.windows10GeneralConfiguration"},
 {"omaSettings": [{"omaUri": "./user/vendor/msft/VPNV2/A/profilexml", "value": "<VPNProfile><AlwaysOn>true</AlwaysOn></VPNProfile>"},
                  {"omaUri": "./Device/Vendor/MSFT/VPNv2/B/ProfileXML", "value": "<VPNProfile><AlwaysOn>true</AlwaysOn></VPNProfile>"}]}]`
		f, _ := jsonParseIntune(t, text)
		if len(f.Profiles) != 2 || f.Profiles[0].Origin.Scope != "user" || f.Profiles[1].Origin.Scope != "device" {
			t.Fatalf("profiles %d", len(f.Profiles))
		}
	})
	t.Run("encrypted", func(t *testing.T) {
		text := "{\"omaSettings\": [{\"omaUri\": \"./User/Vendor/MSFT/VPNv2/A/ProfileXML\", \"isEncrypted\": true,\n \"secretReferenceValueId\": \"x_y_z\", \"value\": \"****\"}]}"
		f, probs := jsonParseIntune(t, text)
		if len(f.Profiles) != 0 || len(probs) != 1 || probs[0].Kind != model.PartlyInspected ||
			!strings.Contains(probs[0].Message, "encrypted in the export") || !strings.Contains(probs[0].Hint, "re-export with the plain-text value") {
			t.Fatalf("profiles %d problems %+v", len(f.Profiles), probs)
		}
		jsonWantAt(t, "encrypted value", probs[0].Loc, text, `"****"`, 1, `"****"`)
	})
	t.Run("encrypted without value", func(t *testing.T) {
		_, probs := jsonParseIntune(t, `{"omaUri": "./User/Vendor/MSFT/VPNv2/A/ProfileXML", "isEncrypted": true}`)
		if len(probs) != 1 || probs[0].Kind != model.PartlyInspected {
			t.Fatalf("problems %+v", probs)
		}
	})
	t.Run("per node", func(t *testing.T) {
		_, probs := jsonParseIntune(t, `{"omaSettings": [{"omaUri": "./User/Vendor/MSFT/VPNv2/A/NativeProfile/Servers", "value": "vpn.contoso.com"},
{"omaUri": "./User/Vendor/MSFT/VPNv2/A/AlwaysOn", "value": true}]}`)
		if len(probs) != 1 || probs[0].Kind != model.PartlyInspected || probs[0].Loc.StartLine != 1 {
			t.Fatalf("problems %+v, want one note on line 1", probs)
		}
	})
	t.Run("empty value", func(t *testing.T) {
		_, probs := jsonParseIntune(t, `{"omaUri": "./User/Vendor/MSFT/VPNv2/A/ProfileXML", "value": ""}`)
		if len(probs) != 1 || probs[0].Kind != model.EmptyProfile {
			t.Fatalf("problems %+v", probs)
		}
	})
}

// TestIntuneSkips: other JSON is passed over, most of it before any decoding.
func TestIntuneSkips(t *testing.T) {
	for name, in := range map[string]string{
		"other policy":   `{"@odata.type":"#microsoft.graph.windows10GeneralConfiguration","omaSettings":[{"omaUri":"./Device/Vendor/MSFT/Policy/Config/Browser/AllowCookies","value":1}]}`,
		"android vpn":    `{"@odata.type":"#microsoft.graph.androidVpnConfiguration","connectionType":"ciscoAnyConnect","servers":[{"address":"10.0.0.1"}],"authenticationMethod":"certificate"}`,
		"ios vpn":        `{"@odata.type":"#microsoft.graph.iosVpnConfiguration","connectionType":"ciscoAnyConnect","server":{"address":"10.0.0.1"},"authenticationMethod":"certificate"}`,
		"wifi":           `{"@odata.type":"#microsoft.graph.windowsWifiConfiguration","connectionType":"automatic","authenticationMethod":"certificate"}`,
		"mention":        `{"notes": "deploy ./Vendor/MSFT/VPNv2 next week"}`,
		"broken mention": `{"notes": "VPNv2 pilot", `,
		"package.json":   `{"name": "x", "version": "1.0.0", "dependencies": {}}`,
	} {
		if f, _, why := Parse("x.json", []byte(in)); f != nil || why == "" {
			t.Errorf("%s: recognised (why %q), want skipped with a reason", name, why)
		}
	}
}

// TestIntuneBrokenJSON: an Intune VPN export that no longer parses is noted,
// not passed over in silence.
func TestIntuneBrokenJSON(t *testing.T) {
	text := "{\n  \"omaUri\": \"./User/Vendor/MSFT/VPNv2/A/ProfileXML\",\n  \"value\": \"<VPNProfile>\"\n  \"x\": 1\n}"
	f, probs, _ := Parse("x.json", []byte(text))
	if f == nil || len(probs) != 1 || probs[0].Kind != model.PartlyInspected || probs[0].Loc.StartLine != 4 {
		t.Fatalf("file %v problems %+v, want one note on line 4", f != nil, probs)
	}
}

// TestDecodeJSONString: escapes decode and map to their backslash.
func TestDecodeJSONString(t *testing.T) {
	raw := `"a\u003cb\n\ud83d\ude00c\x\u12"`
	out, m := decodeJSONString([]byte(raw), 0, len(raw), true)
	if want := "a<b\n\U0001F600c\\x\\u12"; string(out) != want {
		t.Fatalf("decoded %q, want %q", out, want)
	}
	for i, want := range map[int]int{0: 1, 1: 2, 2: 8, 3: 9, 4: 11, 7: 14, 8: 23, 9: 24, 10: 25} {
		if got := m.Map(i); got != want {
			t.Errorf("decoded offset %d maps to %d, want %d", i, got, want)
		}
	}
}

// TestParseJSONText: the scanner keeps spans and refuses what is not JSON.
func TestParseJSONText(t *testing.T) {
	v, err := parseJSONText([]byte(` {"a": [1, -2.5e3, true, null, "x"], "b": {}} `))
	if err != nil {
		t.Fatal(err)
	}
	a := v.get("a")
	if v.start != 1 || a.kind != jsonArray || len(a.items) != 5 || a.items[1].raw() != "-2.5e3" || a.items[4].str() != "x" || v.get("B") == nil {
		t.Fatalf("parsed %+v", v)
	}
	for _, bad := range []string{`{"a" 1}`, `[1,]`, `{"a": 1} x`, `"open`, `{`, strings.Repeat("[", jsonMaxDepth+2)} {
		if _, err := parseJSONText([]byte(bad)); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
}

// TestIntuneBase64SyntaxError: XML broken inside base64 is reported at the
// value, and the message says where in the decoded file it breaks.
func TestIntuneBase64SyntaxError(t *testing.T) {
	bad := "<VPNProfile>\r\n  <AlwaysOn>true</AlwaysOn\r\n</VPNProfile>\r\n"
	eap := "<EapHostConfig xmlns=\"http://www.microsoft.com/provisioning/EapHostConfig\">\n<EapMethod>\n</EapHostConfig>\n"
	for name, tc := range map[string]struct{ text, key, inner string }{
		"omaSettingStringXml": {`{"omaUri": "./User/Vendor/MSFT/VPNv2/A/ProfileXML",
 "value": "` + base64.StdEncoding.EncodeToString([]byte(bad)) + `"}`, `"value": `, "(line 2, column 27 of the base64-decoded file)"},
		"eapXml": {`{"connectionType": "ikEv2", "servers": [], "authenticationMethod": "customEapXml",
 "eapXml": "` + base64.StdEncoding.EncodeToString([]byte(eap)) + `"}`, `"eapXml": `, "(line 3, column 1 of the base64-decoded file)"},
	} {
		t.Run(name, func(t *testing.T) {
			_, probs := jsonParseIntune(t, tc.text)
			if len(probs) != 1 || probs[0].Kind != model.NotWellFormed || !strings.HasSuffix(probs[0].Message, tc.inner) {
				t.Fatalf("problems %+v, want one NotWellFormed ending %q", probs, tc.inner)
			}
			jsonWantQuote(t, "syntax error", probs[0].Loc, tc.text, tc.key)
		})
	}
}
