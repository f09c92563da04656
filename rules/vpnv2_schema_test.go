package rules

import (
	"slices"
	"strings"
	"testing"

	"github.com/aovpnlint/aovpnlint/lint/model"
)

// TestSchemaTable checks the table's own consistency: what the schema rules
// rely on to give no false finding.
func TestSchemaTable(t *testing.T) {
	var visit func(e *schemaElem)
	visit = func(e *schemaElem) {
		p := e.Pos
		if p.Lo > p.At || p.At > p.Hi {
			t.Errorf("%s: position %+v is not lo <= at <= hi", e.Path(), p)
		}
		switch e.Kind {
		case kindEnum:
			if len(e.Values) == 0 {
				t.Errorf("%s: enum without values", e.Path())
			}
			for i, v := range e.Values {
				for _, w := range e.Values[i+1:] {
					if strings.EqualFold(v, w) {
						t.Errorf("%s: values %q and %q differ only in case", e.Path(), v, w)
					}
				}
			}
			for _, a := range e.AltSpellings {
				if !slices.ContainsFunc(e.Values, func(v string) bool { return strings.EqualFold(v, a) }) {
					t.Errorf("%s: alternative spelling %q stands for no value", e.Path(), a)
				}
			}
		case kindInt:
			if e.Min > e.Max {
				t.Errorf("%s: range %d-%d", e.Path(), e.Min, e.Max)
			}
		case kindContainer:
			names := map[string]bool{}
			for _, c := range e.Children {
				if names[c.Name] {
					t.Errorf("%s: child %s twice", e.Path(), c.Name)
				}
				names[c.Name] = true
			}
		default:
			if len(e.Children) > 0 {
				t.Errorf("%s: a value element with children", e.Path())
			}
		}
		if e.Required && e.Why == "" && e.CoveredBy == "" {
			t.Errorf("%s: required without a reason", e.Path())
		}
		for _, c := range e.Children {
			visit(c)
		}
	}
	visit(vpnv2Schema)
}

// TestSchemaCoversReference: every element of the reference's sections 2-5
// (VPNProfile, NativeProfile, CryptographySuite, DeviceCompliance) is known
// at its place, and the Windows 11 ones carry build 22000.
func TestSchemaCoversReference(t *testing.T) {
	paths := []string{
		"ProfileName", "EdpModeId", "RememberCredentials", "AlwaysOn", "AlwaysOnActive", "DnsSuffix",
		"TrustedNetworkDetection", "DisableAdvancedOptionsEditButton", "DisableDisconnectButton", "LockDown",
		"DeviceTunnel", "RegisterDNS", "ByPassForLocal", "RequireVpnClientAppUI", "Proxy/AutoConfigUrl",
		"Proxy/Manual/Server", "APNBinding/ProviderId", "APNBinding/AccessPointName", "APNBinding/UserName",
		"APNBinding/Password", "APNBinding/IsCompressionEnabled", "APNBinding/AuthenticationType",
		"DeviceCompliance/Enabled", "DeviceCompliance/Sso/Enabled", "DeviceCompliance/Sso/Eku",
		"DeviceCompliance/Sso/IssuerHash", "PluginProfile/ServerUrlList", "PluginProfile/CustomConfiguration",
		"PluginProfile/PluginPackageFamilyName", "AppTrigger/App/Id", "DomainNameInformation/DomainName",
		"DomainNameInformation/DnsServers", "DomainNameInformation/WebProxyServers",
		"DomainNameInformation/AutoTrigger", "DomainNameInformation/Persistent",
		"DomainNameInformation/DomainNameType", "TrafficFilter/App/Id", "TrafficFilter/Claims",
		"TrafficFilter/Protocol", "TrafficFilter/LocalPortRanges", "TrafficFilter/RemotePortRanges",
		"TrafficFilter/LocalAddressRanges", "TrafficFilter/RemoteAddressRanges", "TrafficFilter/RoutingPolicyType",
		"TrafficFilter/Direction", "NativeProfile/Servers", "NativeProfile/RoutingPolicyType",
		"NativeProfile/NativeProtocolType", "NativeProfile/ProtocolList", "NativeProfile/L2tpPsk",
		"NativeProfile/DisableClassBasedDefaultRoute", "NativeProfile/PlumbIKEv2TSAsRoutes",
		"NativeProfile/CryptographySuite/AuthenticationTransformConstants",
		"NativeProfile/CryptographySuite/CipherTransformConstants", "NativeProfile/CryptographySuite/PfsGroup",
		"NativeProfile/CryptographySuite/DHGroup", "NativeProfile/CryptographySuite/IntegrityCheckMethod",
		"NativeProfile/CryptographySuite/EncryptionMethod", "NativeProfile/Authentication/UserMethod",
		"NativeProfile/Authentication/MachineMethod", "NativeProfile/Authentication/Eap/Configuration",
		"NativeProfile/Authentication/Eap/Type", "NativeProfile/Authentication/Certificate/Eku",
		"NativeProfile/Authentication/Certificate/Issuer", "Route/Address", "Route/PrefixSize",
		"Route/ExclusionRoute", "Route/Metric", "NetworkOutageTime", "IPv4InterfaceMetric",
		"IPv6InterfaceMetric", "UseRasCredentials", "DataEncryption", "PrivateNetwork", "DisableIKEv2Fragmentation",
	}
	win11Only := []string{"DisableAdvancedOptionsEditButton", "DisableDisconnectButton", "NetworkOutageTime",
		"IPv4InterfaceMetric", "IPv6InterfaceMetric", "UseRasCredentials", "DataEncryption", "PrivateNetwork",
		"DisableIKEv2Fragmentation"}
	for _, p := range paths {
		e := lookupPath("VPNProfile/" + p)
		if e == nil {
			t.Errorf("VPNProfile/%s is not in the table", p)
			continue
		}
		if got, want := e.Build >= win11, slices.Contains(win11Only, p); got != want {
			t.Errorf("%s: Windows 11 only is %v, want %v", e.Path(), got, want)
		}
	}
}

func lookupPath(path string) *schemaElem {
	parts := strings.Split(path, "/")
	if parts[0] != vpnv2Schema.Name {
		return nil
	}
	e := vpnv2Schema
	for _, p := range parts[1:] {
		if e = e.child(p); e == nil {
			return nil
		}
	}
	return e
}

// TestSchemaXSDOrder: the table lists the XSD's elements in the XSD's
// sequence (the DDF's embedded XSD), so xsdPos is the XSD's order.
func TestSchemaXSDOrder(t *testing.T) {
	xsd := map[string][]string{
		"VPNProfile": {"ProfileName", "EdpModeId", "RememberCredentials", "AlwaysOn", "DnsSuffix",
			"TrustedNetworkDetection", "DisableAdvancedOptionsEditButton", "DisableDisconnectButton", "LockDown",
			"DeviceTunnel", "RegisterDNS", "ByPassForLocal", "RequireVpnClientAppUI", "Proxy", "APNBinding",
			"DeviceCompliance", "PluginProfile", "AppTrigger", "DomainNameInformation", "TrafficFilter",
			"NativeProfile", "Route"},
		"VPNProfile/NativeProfile": {"Servers", "RoutingPolicyType", "NativeProtocolType", "L2tpPsk",
			"DisableClassBasedDefaultRoute", "PlumbIKEv2TSAsRoutes", "CryptographySuite", "Authentication"},
		"VPNProfile/NativeProfile/Authentication": {"UserMethod", "Eap"},
		"VPNProfile/NativeProfile/CryptographySuite": {"AuthenticationTransformConstants", "CipherTransformConstants",
			"PfsGroup", "DHGroup", "IntegrityCheckMethod", "EncryptionMethod"},
		"VPNProfile/TrafficFilter": {"App", "Claims", "Protocol", "LocalPortRanges", "RemotePortRanges",
			"LocalAddressRanges", "RemoteAddressRanges", "RoutingPolicyType", "Direction"},
		"VPNProfile/DomainNameInformation": {"DomainName", "DnsServers", "WebProxyServers", "AutoTrigger", "Persistent"},
		"VPNProfile/Route":                 {"Address", "PrefixSize", "ExclusionRoute", "Metric"},
		"VPNProfile/Proxy":                 {"AutoConfigUrl", "Manual"},
		"VPNProfile/PluginProfile":         {"ServerUrlList", "CustomConfiguration", "PluginPackageFamilyName"},
		"VPNProfile/DeviceCompliance":      {"Enabled", "Sso"},
	}
	for path, want := range xsd {
		e := lookupPath(path)
		var got []string
		for _, c := range e.Children {
			if !c.OutsideXSD {
				got = append(got, c.Name)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: XSD order\n got %v\nwant %v", path, got, want)
		}
	}
}

func parseProfileXML(t *testing.T, text string) *model.Node {
	t.Helper()
	doc, err := model.ParseXML(model.NewSource("test.xml", []byte(text)), []byte(text), nil)
	if err != nil {
		t.Fatal(err)
	}
	return doc.Root
}

// TestSchemaWindowsOrder: the profile Microsoft's Always On VPN deployment
// guide (MakeProfile.ps1) writes is out of Windows' order, and what
// Get-WmiObject shows Windows wrote back is in it.
func TestSchemaWindowsOrder(t *testing.T) {
	written := `<VPNProfile><DnsSuffix>corp.contoso.com</DnsSuffix><NativeProfile><Servers>vpn.contoso.com</Servers>` +
		`<NativeProtocolType>IKEv2</NativeProtocolType><Authentication><UserMethod>Eap</UserMethod><Eap><Configuration/></Eap></Authentication>` +
		`<RoutingPolicyType>SplitTunnel</RoutingPolicyType></NativeProfile><AlwaysOn>true</AlwaysOn>` +
		`<RememberCredentials>true</RememberCredentials><TrustedNetworkDetection>corp.contoso.com</TrustedNetworkDetection>` +
		`<DomainNameInformation><DomainName>.corp.contoso.com</DomainName><DnsServers>10.10.0.2,10.10.0.3</DnsServers></DomainNameInformation></VPNProfile>`
	echoed := `<VPNProfile><RememberCredentials>true</RememberCredentials><AlwaysOn>true</AlwaysOn><DnsSuffix>corp.contoso.com</DnsSuffix>` +
		`<TrustedNetworkDetection>corp.contoso.com</TrustedNetworkDetection><NativeProfile><Servers>vpn.contoso.com;vpn.contoso.com</Servers>` +
		`<RoutingPolicyType>SplitTunnel</RoutingPolicyType><NativeProtocolType>Ikev2</NativeProtocolType><Authentication><UserMethod>Eap</UserMethod>` +
		`<MachineMethod>Eap</MachineMethod><Eap><Configuration/></Eap></Authentication></NativeProfile><DomainNameInformation>` +
		`<DomainName>corp.contoso.com</DomainName><DnsServers>10.10.0.2,10.10.0.3</DnsServers><AutoTrigger>true</AutoTrigger></DomainNameInformation></VPNProfile>`

	root := parseProfileXML(t, written)
	if _, broken := orderBreak(root, vpnv2Schema, windowsPos); !broken {
		t.Error("the profile as written is in Windows' order")
	}
	if _, broken := orderBreak(root.Child("NativeProfile"), vpnv2Schema.child("NativeProfile"), windowsPos); !broken {
		t.Error("its NativeProfile is in Windows' order")
	}
	root = parseProfileXML(t, echoed)
	for _, n := range []*model.Node{root, root.Child("NativeProfile"), root.Find("NativeProfile", "Authentication"), root.Child("DomainNameInformation")} {
		e := lookupPath(n.Key())
		if is, broken := orderBreak(n, e, windowsPos); broken {
			t.Errorf("Windows' own output breaks Windows' order at <%s>: <%s> before <%s>", n.Name, is.ahead.Name, is.late.Name)
		}
	}
	if got := orderIssues(nil, root); len(got) != 0 {
		t.Errorf("orderIssues on Windows' output: %d issues", len(got))
	}
}

func TestClassifyUnknown(t *testing.T) {
	np := vpnv2Schema.child("NativeProfile")
	for _, c := range []struct {
		name   string
		parent *schemaElem
		kind   unknownKind
		want   string
	}{
		{"Server", np, unknownMisspelt, "Servers"},
		{"Protocol", np, unknownMisspelt, "NativeProtocolType"},
		{"nativeprotocoltype", np, unknownMisspelt, "NativeProtocolType"},
		{"BypassForLocal", vpnv2Schema, unknownMisspelt, "ByPassForLocal"},
		{"RouteList", vpnv2Schema, unknownMisspelt, "Route"},
		{"TrustedNetworkDetect", vpnv2Schema, unknownMisspelt, "TrustedNetworkDetection"},
		{"DisableClassBasedDefaultRoute", vpnv2Schema, unknownMisplaced, "DisableClassBasedDefaultRoute"},
		{"Servers", vpnv2Schema, unknownMisplaced, "Servers"},
		{"Enabled", vpnv2Schema, unknownMisplaced, "Enabled"},
		{"dnsservers", vpnv2Schema, unknownElsewhere, "DnsServers"},
		{"CryptoSuite", vpnv2Schema, unknownElsewhere, "CryptographySuite"},
		{"Foo", vpnv2Schema, unknownNothing, ""},
		{"Bar", np, unknownNothing, ""},
	} {
		kind, e := classifyUnknown(c.name, c.parent)
		got := ""
		if e != nil {
			got = e.Name
		}
		if kind != c.kind || got != c.want {
			t.Errorf("classifyUnknown(%q under %s) = %v %q, want %v %q", c.name, c.parent.Name, kind, got, c.kind, c.want)
		}
	}
}

func TestGCMConfusion(t *testing.T) {
	cs := vpnv2Schema.child("NativeProfile").child("CryptographySuite")
	for _, c := range []struct {
		elem, value, fix string
	}{
		{"CipherTransformConstants", "AES_GCM_128", "GCMAES128"},
		{"CipherTransformConstants", "aes-gcm-256", "GCMAES256"},
		{"AuthenticationTransformConstants", "AES128GCM", "GCMAES128"},
		{"EncryptionMethod", "GCMAES256", "AES_GCM_256"},
		{"EncryptionMethod", "GCMAES192", "AES_GCM_128 or AES_GCM_256 (IKE has no 192-bit GCM)"},
		{"CipherTransformConstants", "GCMAES128", ""},
		{"CipherTransformConstants", "gcmaes128", ""}, // case: VPN506
		{"EncryptionMethod", "AES_GCM_128", ""},
		{"EncryptionMethod", "AES128", ""},
		{"DHGroup", "AES_GCM_128", ""},
	} {
		fix, ok := gcmConfusion(cs.child(c.elem), c.value)
		if ok != (c.fix != "") || fix != c.fix {
			t.Errorf("gcmConfusion(%s, %q) = %q %v, want %q", c.elem, c.value, fix, ok, c.fix)
		}
	}
	// Outside the CryptographySuite nothing is a GCM confusion.
	if _, ok := gcmConfusion(vpnv2Schema.child("DataEncryption"), "AES_GCM_128"); ok {
		t.Error("DataEncryption AES_GCM_128 taken for a GCM confusion")
	}
}

func TestClassifyValue(t *testing.T) {
	npt := vpnv2Schema.child("NativeProfile").child("NativeProtocolType")
	always := vpnv2Schema.child("AlwaysOn")
	active := vpnv2Schema.child("AlwaysOnActive")
	for _, c := range []struct {
		e         *schemaElem
		v         string
		class     valueClass
		canonical string
	}{
		{npt, "IKEv2", valueOK, "IKEv2"},
		{npt, "Ikev2", valueOK, "Ikev2"},
		{npt, "IKEV2", valueCase, "IKEv2"},
		{npt, "Automatic", valueOK, "Automatic"},
		{npt, "IKE", valueInvalid, ""},
		{always, "true", valueOK, "true"},
		{always, "False", valueCase, "false"},
		{always, "1", valueBoolDigit, "true"},
		{always, "0", valueBoolDigit, "false"},
		{always, "yes", valueInvalid, ""},
		{always, "", valueInvalid, ""},
		{active, "1", valueOK, "1"},
	} {
		class, canonical := classifyValue(c.e, c.v)
		if class != c.class || canonical != c.canonical {
			t.Errorf("classifyValue(%s, %q) = %v %q, want %v %q", c.e.Name, c.v, class, canonical, c.class, c.canonical)
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		d    int
	}{{"", "", 0}, {"abc", "", 3}, {"dnssufix", "dnssuffix", 1}, {"kitten", "sitting", 3}} {
		if got := editDistance(c.a, c.b); got != c.d {
			t.Errorf("editDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.d)
		}
	}
}
