package rules

// The VPNv2 ProfileXML vocabulary, in one table: every element with its
// parent, occurrence, value type, allowed values (exact spelling), integer
// range, minimum Windows build, reserved and read-only nodes, and its place in
// the order Windows writes ProfileXML back. The schema rules (VPN501-VPN512)
// read nothing else.
//
// Sources (../shared/reference/vpnv2-profilexml.md sections 2-5, 8, 11): the
// ProfileXML XSD embedded in the VPNv2 DDF (element names, parents, minOccurs
// and maxOccurs), the DDF (allowed values, ranges, OsBuildVersion), and what
// Windows accepts where it differs from the XSD:
//
//   - Authentication is an XSD choice of (UserMethod, Eap) or MachineMethod,
//     yet Microsoft's samples and Richard Hicks' Intune templates set both
//     UserMethod and MachineMethod, and Windows writes both back: both are
//     allowed here.
//   - MachineMethod is documented as Certificate only, yet the same profiles
//     set MachineMethod Eap: EAP is allowed.
//   - The CSP 1.5/1.6 elements of Windows 11 (NetworkOutageTime, the
//     interface metrics, UseRasCredentials, DataEncryption, PrivateNetwork,
//     DisableIKEv2Fragmentation) are missing from the XSD but are real
//     settings: they are allowed, at the end of VPNProfile.
//   - NativeProfile/ProtocolList (NativeProtocolType ProtocolList, build
//     20207) and Eap/Type are CSP nodes the XSD lacks; they are allowed and
//     ProtocolList's content is not checked (its XML form is not documented).
//
// Element order. The XSD is an xs:sequence, but Windows does not keep to it:
// it writes ProfileXML back (WMI, the MDM node cache, what Intune reads) in an
// order of its own. Microsoft's Always On VPN deployment guide shows a profile
// written as DnsSuffix, NativeProfile (Servers, NativeProtocolType,
// Authentication, RoutingPolicyType), AlwaysOn, RememberCredentials,
// TrustedNetworkDetection, DomainNameInformation coming back from
// Get-WmiObject as RememberCredentials, AlwaysOn, DnsSuffix,
// TrustedNetworkDetection, NativeProfile (Servers, RoutingPolicyType,
// NativeProtocolType, Authentication (UserMethod, MachineMethod, Eap)),
// DomainNameInformation. Richard Hicks' ProfileXML_User.xml and
// ProfileXML_Device.xml, which he marks as order-critical for Intune
// deployments to Windows 11, follow that order and extend it: ... Proxy,
// NativeProfile (... Authentication, CryptographySuite,
// DisableClassBasedDefaultRoute), Route, TrafficFilter,
// DomainNameInformation, RegisterDNS, then the Windows 11 elements. Pos is
// that order. Where no source shows where Windows puts an element (LockDown,
// ByPassForLocal, AppTrigger, ...) its position is left open: it is never out
// of order. The order of the entries in the table is the XSD's sequence
// (TestSchemaXSDOrder); VPN510 accepts a container whose children follow
// either order.

import "math"

// schemaKind is the value type of an element.
type schemaKind int

const (
	kindContainer schemaKind = iota // child elements, no value
	kindOpaque                      // content not checked: EAP configuration, plug-in blob
	kindString
	kindBool
	kindInt
	kindEnum
)

// schemaElem is one element of the vocabulary.
type schemaElem struct {
	Name string
	Kind schemaKind
	// Repeated: the element may occur any number of times (maxOccurs
	// unbounded); otherwise at most once.
	Repeated bool
	// Required: minOccurs 1 under its parent. CoveredBy names the rule that
	// already reports the element missing (VPN101 for Servers, VPN211 for
	// Eap/Configuration); the schema rule then stays silent. Why says what
	// goes wrong without it.
	Required  bool
	CoveredBy string
	Why       string
	// ValueCoveredBy names the rule that judges the element's value (VPN705
	// for Route/PrefixSize); the schema's value rules then stay silent.
	ValueCoveredBy string
	// Values are the allowed values of an enum in the DDF's exact spelling;
	// AltSpellings are other spellings Windows itself writes or documents for
	// the same values (Windows writes "Ikev2" and "Eap" back), which are not
	// worth a note.
	Values       []string
	AltSpellings []string
	// Min and Max bound an integer.
	Min, Max uint64
	// Build is the minimum Windows build (DDF OsBuildVersion); 0 when the
	// reference gives none.
	Build int
	// Reserved is why Windows ignores the element in ProfileXML: "reserved
	// for future use" or "a read-only CSP node"; "" for a setting.
	Reserved string
	// Pos is the element's place among its siblings in the order Windows
	// writes ProfileXML back (see position).
	Pos position
	// OutsideXSD: the XSD's sequence does not place the element (a CSP node
	// the XSD lacks, or MachineMethod, the other branch of an xs:choice).
	// The entries' order in the table is the XSD's order for the rest.
	OutsideXSD bool
	// Children of a container.
	Children []*schemaElem

	parent *schemaElem
	byName map[string]*schemaElem // Children by name
	path   string                 // "VPNProfile/NativeProfile/Servers"
	xsdPos position               // place in the XSD's sequence, from the table's order
}

// position is a place in the order Windows writes ProfileXML in. Siblings
// a and b must appear as a before b when a.Hi < b.Lo; At is where the
// expected order lists the element. A known position has Lo == At == Hi; an
// open one spans the range no source narrows down.
type position struct{ Lo, At, Hi int }

const openEnd = math.MaxInt32

// at is a known position.
func at(n int) position { return position{n, n, n} }

// open is a position no source shows: never out of order, listed at n.
func open(n int) position { return position{0, n, openEnd} }

// between is a position known only to lie in [lo, hi]; listed at n.
func between(lo, n, hi int) position { return position{lo, n, hi} }

const (
	win10v1511 = 10586 // CSP 1.0
	win10v1607 = 14393 // CSP 1.2
	win10v1709 = 16299 // CSP 1.3
	win10v2004 = 19041
	win10Insid = 19628 // CSP 1.4
	win10v2010 = 20207 // ProtocolList
	win11      = 22000 // CSP 1.5/1.6, Windows 11 21H2
)

// Canonical boolean spellings: the DDF enumerates true and false.
var boolValues = []string{"true", "false"}

func str(name string, pos position) *schemaElem {
	return &schemaElem{Name: name, Kind: kindString, Pos: pos}
}
func boolean(name string, pos position) *schemaElem {
	return &schemaElem{Name: name, Kind: kindBool, Pos: pos}
}

func integer(name string, lo, hi uint64, pos position) *schemaElem {
	return &schemaElem{Name: name, Kind: kindInt, Min: lo, Max: hi, Pos: pos}
}

func enum(name string, pos position, values ...string) *schemaElem {
	return &schemaElem{Name: name, Kind: kindEnum, Values: values, Pos: pos}
}

func container(name string, pos position, children ...*schemaElem) *schemaElem {
	return &schemaElem{Name: name, Kind: kindContainer, Pos: pos, Children: children}
}

func (e *schemaElem) build(b int) *schemaElem { e.Build = b; return e }
func (e *schemaElem) repeated() *schemaElem   { e.Repeated = true; return e }
func (e *schemaElem) alt(s ...string) *schemaElem {
	e.AltSpellings = append(e.AltSpellings, s...)
	return e
}

func (e *schemaElem) required(why string) *schemaElem {
	e.Required, e.Why = true, why
	return e
}

func (e *schemaElem) reserved(why string) *schemaElem { e.Reserved = why; return e }

// outsideXSD marks an element the XSD's sequence does not place.
func (e *schemaElem) outsideXSD() *schemaElem { e.OutsideXSD = true; return e }

// valueCoveredBy names the rule that judges the element's value.
func (e *schemaElem) valueCoveredBy(id string) *schemaElem { e.ValueCoveredBy = id; return e }

// coveredBy names the rule that reports the required element missing.
func (e *schemaElem) coveredBy(id string) *schemaElem { e.CoveredBy = id; return e }

const (
	reservedFuture = "the VPNv2 CSP marks it \"reserved for future use\""
	readOnlyNode   = "it is a read-only CSP node that Windows fills in, not a ProfileXML setting"
)

// appElem is <App><Id> of AppTrigger and TrafficFilter.
func appElem(pos position, required bool) *schemaElem {
	app := container("App", pos,
		str("Id", at(10)).required("the rule names no application"))
	if required {
		app.required("the trigger names no application")
	}
	return app
}

// vpnv2Schema is the VPNv2 ProfileXML vocabulary. Positions follow the order
// Windows writes back (see the file comment); the XSD's own order is the
// order of the entries.
var vpnv2Schema = container("VPNProfile", at(0),
	str("ProfileName", open(1)),
	str("EdpModeId", open(2)).build(win10v1511),
	boolean("RememberCredentials", at(10)).build(win10v1511),
	boolean("AlwaysOn", at(20)).build(win10v1511),
	// AlwaysOnActive is a CSP node (0/1) the XSD lacks; builders write it
	// into ProfileXML. Its 0/1 spelling is the documented one.
	boolean("AlwaysOnActive", open(21)).alt("1", "0").outsideXSD(),
	str("DnsSuffix", at(40)).build(win10v1511),
	str("TrustedNetworkDetection", at(50)).build(win10v1511),
	boolean("DisableAdvancedOptionsEditButton", at(60)).build(win11),
	boolean("DisableDisconnectButton", at(70)).build(win11),
	boolean("LockDown", open(72)),
	boolean("DeviceTunnel", at(30)).build(win10v1709),
	boolean("RegisterDNS", at(140)).build(win10v1709),
	boolean("ByPassForLocal", open(74)),
	boolean("RequireVpnClientAppUI", open(76)).build(win10Insid),
	container("Proxy", at(80),
		// Microsoft's XSD lists AutoConfigUrl first, Hicks' Windows 11
		// template Manual first: the order is left open.
		str("AutoConfigUrl", open(10)),
		container("Manual", open(20),
			str("Server", at(10)).required("the manual proxy names no proxy server"))),
	container("APNBinding", open(82),
		str("ProviderId", open(10)),
		str("AccessPointName", open(20)),
		str("UserName", open(30)),
		str("Password", open(40)),
		boolean("IsCompressionEnabled", open(50)),
		str("AuthenticationType", open(60))).reserved(reservedFuture),
	// DeviceCompliance: Windows writes it after RememberCredentials and
	// before NativeProfile (Microsoft's conditional access troubleshooting
	// output); Hicks puts it after TrustedNetworkDetection.
	container("DeviceCompliance", between(51, 90, 99),
		boolean("Enabled", at(10)).required("conditional access is neither turned on nor off"),
		container("Sso", at(20),
			boolean("Enabled", at(10)).required("single sign-on with an alternate certificate is neither turned on nor off"),
			str("Eku", at(20)),
			str("IssuerHash", at(30)))).build(win10v1607),
	// PluginProfile takes NativeProfile's place: after
	// TrustedNetworkDetection and before Route (Hicks' plug-in templates).
	container("PluginProfile", between(51, 100, 109),
		str("ServerUrlList", at(10)).required("the plug-in has no server to connect to"),
		// The XSD puts CustomConfiguration before PluginPackageFamilyName,
		// Hicks' templates after it.
		&schemaElem{Name: "CustomConfiguration", Kind: kindOpaque, Pos: between(11, 20, openEnd)},
		str("PluginPackageFamilyName", between(11, 30, openEnd)).required("Windows does not know which VPN plug-in app to load")),
	container("AppTrigger", open(95),
		appElem(at(10), true)).repeated(),
	container("DomainNameInformation", at(130),
		str("DomainName", at(10)).required("the NRPT rule names no namespace"),
		str("DnsServers", at(20)),
		str("WebProxyServers", at(30)),
		boolean("AutoTrigger", at(40)).build(win10v1607),
		boolean("Persistent", at(50)).build(win10v1607),
		str("DomainNameType", open(60)).reserved(readOnlyNode).outsideXSD()).repeated(),
	container("TrafficFilter", at(120),
		appElem(at(10), false),
		str("Claims", at(20)).reserved(reservedFuture),
		integer("Protocol", 0, 255, at(30)),
		str("LocalPortRanges", at(40)),
		str("RemotePortRanges", at(50)),
		str("LocalAddressRanges", at(60)),
		str("RemoteAddressRanges", at(70)),
		enum("RoutingPolicyType", at(80), "SplitTunnel", "ForceTunnel"),
		enum("Direction", at(90), "Outbound", "Inbound").build(win10v2004)).repeated(),
	container("NativeProfile", at(100),
		str("Servers", at(10)).required("the client has no server to connect to").coveredBy("VPN101"),
		enum("RoutingPolicyType", at(20), "SplitTunnel", "ForceTunnel"),
		// Windows writes the protocols back as Pptp, L2tp, Ikev2, Sstp
		// (also the ProtocolList spelling).
		enum("NativeProtocolType", at(30), "PPTP", "L2TP", "IKEv2", "Automatic", "SSTP", "ProtocolList").
			alt("Pptp", "L2tp", "Ikev2", "Sstp"),
		(&schemaElem{Name: "ProtocolList", Kind: kindOpaque, Pos: open(35)}).build(win10v2010).outsideXSD(),
		str("L2tpPsk", open(36)),
		boolean("DisableClassBasedDefaultRoute", at(60)),
		boolean("PlumbIKEv2TSAsRoutes", open(65)).build(win10v2004),
		container("CryptographySuite", at(50),
			enum("AuthenticationTransformConstants", at(10), "MD596", "SHA196", "SHA256128", "GCMAES128", "GCMAES192", "GCMAES256"),
			enum("CipherTransformConstants", at(20), "DES", "DES3", "AES128", "AES192", "AES256", "GCMAES128", "GCMAES192", "GCMAES256"),
			enum("PfsGroup", at(30), "None", "PFS1", "PFS2", "PFS2048", "ECP256", "ECP384", "PFSMM", "PFS24"),
			enum("DHGroup", at(40), "None", "Group1", "Group2", "Group14", "ECP256", "ECP384", "Group24"),
			enum("IntegrityCheckMethod", at(50), "MD5", "SHA196", "SHA256", "SHA384"),
			enum("EncryptionMethod", at(60), "DES", "DES3", "AES128", "AES192", "AES256", "AES_GCM_128", "AES_GCM_256")).build(win10v1607),
		container("Authentication", at(40),
			// Windows writes Eap back (and Microsoft's samples use it).
			enum("UserMethod", at(10), "EAP", "MSChapv2").alt("Eap"),
			enum("MachineMethod", at(20), "Certificate", "EAP").alt("Eap").outsideXSD(),
			container("Eap", at(30),
				&schemaElem{Name: "Configuration", Kind: kindOpaque, Pos: open(10), Required: true, CoveredBy: "VPN211"},
				integer("Type", 0, 255, open(20)).outsideXSD()),
			container("Certificate", open(40),
				str("Eku", open(10)),
				str("Issuer", open(20))).reserved(reservedFuture).outsideXSD()).
			required("the client has no authentication method to sign in with"),
	),
	container("Route", at(110),
		str("Address", at(10)).required("the route has no destination"),
		integer("PrefixSize", 0, 255, at(20)).required("the route has no prefix length").valueCoveredBy("VPN705"),
		boolean("ExclusionRoute", at(30)).build(win10v1607),
		integer("Metric", 0, math.MaxUint32, at(40)).build(win10v1607)).repeated(),
	// Windows 11 (CSP 1.5/1.6): not in the XSD; Hicks places them last, in
	// this order.
	integer("NetworkOutageTime", 0, math.MaxUint32, at(150)).build(win11).outsideXSD(),
	integer("IPv4InterfaceMetric", 1, 9999, at(151)).build(win11).outsideXSD(),
	integer("IPv6InterfaceMetric", 1, 9999, at(152)).build(win11).outsideXSD(),
	boolean("UseRasCredentials", at(153)).build(win11).outsideXSD(),
	enum("DataEncryption", at(154), "None", "Require", "Max", "Optional").build(win11).outsideXSD(),
	boolean("PrivateNetwork", at(155)).build(win11).outsideXSD(),
	boolean("DisableIKEv2Fragmentation", at(156)).build(win11).outsideXSD(),
)

// schemaByName lists, for every element name, the places it is known at.
var schemaByName = map[string][]*schemaElem{}

func init() {
	var index func(e *schemaElem, parent *schemaElem)
	index = func(e *schemaElem, parent *schemaElem) {
		e.parent = parent
		e.path = e.Name
		if parent != nil {
			e.path = parent.path + "/" + e.Name
		}
		if e.Kind == kindBool && len(e.Values) == 0 {
			e.Values = boolValues
		}
		if parent != nil {
			schemaByName[e.Name] = append(schemaByName[e.Name], e)
		}
		e.byName = make(map[string]*schemaElem, len(e.Children))
		for i, c := range e.Children {
			if e.byName[c.Name] == nil {
				e.byName[c.Name] = c
			}
			c.xsdPos = at(i + 1)
			if c.OutsideXSD {
				c.xsdPos = open(i + 1)
			}
			index(c, e)
		}
	}
	index(vpnv2Schema, nil)
}

// child returns the schema child with exactly this name, or nil.
func (e *schemaElem) child(name string) *schemaElem {
	if e == nil {
		return nil
	}
	return e.byName[name]
}

// Path is the element's place in the vocabulary: "VPNProfile/NativeProfile".
func (e *schemaElem) Path() string { return e.path }

// ParentPath is the path of the element's parent.
func (e *schemaElem) ParentPath() string {
	if e.parent == nil {
		return ""
	}
	return e.parent.path
}
