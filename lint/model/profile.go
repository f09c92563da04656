package model

import (
	"strings"
)

// Profile is a VPNv2 ProfileXML document with typed access to the parts the
// rules read. Every field is the element itself (nil when absent), so a rule
// can report at it; parsed values sit beside the elements they came from.
type Profile struct {
	Doc  *Document
	Root *Node // <VPNProfile>
	// Name is the profile name given by the container (OMA-URI, CIM InstanceID),
	// empty for a bare XML file.
	Name string
	// Origin is what the container says about the profile (see Origin).
	Origin Origin

	AlwaysOn                *Node
	DeviceTunnel            *Node
	RememberCredentials     *Node
	DNSSuffix               *Node
	TrustedNetworkDetection *Node
	LockDown                *Node
	Proxy                   *Node
	Plugin                  *Node // <PluginProfile>
	DeviceCompliance        *DeviceCompliance
	Native                  *NativeProfile
	Routes                  []Route
	NRPT                    []NRPTRule
	TrafficFilters          []TrafficFilter
}

// NativeProfile is <NativeProfile>: the inbox IKEv2/SSTP client's settings.
type NativeProfile struct {
	Node                          *Node
	Servers                       *Node
	ServerList                    []Server
	RoutingPolicyType             *Node
	NativeProtocolType            *Node
	L2tpPsk                       *Node
	DisableClassBasedDefaultRoute *Node
	CryptographySuite             *CryptographySuite
	Authentication                *Node
	UserMethod                    *Node
	MachineMethod                 *Node
	Eap                           *Node // Authentication/Eap
	EapConfiguration              *Node // Authentication/Eap/Configuration
	// EapConfig is the parsed EAP configuration, from a child <EapHostConfig>
	// or from entity-escaped text; nil when absent, empty or not well-formed.
	EapConfig *EapConfig
}

// CryptographySuite is <CryptographySuite>: the IKEv2 and IPsec transforms.
// Note the two GCM spellings: GCMAES128 for the ESP elements, AES_GCM_128 for
// EncryptionMethod.
type CryptographySuite struct {
	Node                             *Node
	AuthenticationTransformConstants *Node // ESP integrity
	CipherTransformConstants         *Node // ESP cipher
	PfsGroup                         *Node // child SA perfect forward secrecy
	DHGroup                          *Node // IKE Diffie-Hellman group
	IntegrityCheckMethod             *Node // IKE integrity
	EncryptionMethod                 *Node // IKE cipher
}

// Server is one entry of <Servers>: "host" or "host;friendly name".
type Server struct {
	Host     string
	Friendly string
	Loc      Location // the entry inside <Servers>
}

// DeviceCompliance is <DeviceCompliance>: Microsoft Entra conditional access.
type DeviceCompliance struct {
	Node          *Node
	Enabled       *Node
	Sso           *Node
	SsoEnabled    *Node
	SsoEku        *Node
	SsoIssuerHash *Node
}

// Route is a <Route> entry.
type Route struct {
	Node, Address, PrefixSize, ExclusionRoute, Metric *Node
}

// NRPTRule is a <DomainNameInformation> entry.
type NRPTRule struct {
	Node, DomainName, DNSServers, WebProxyServers, AutoTrigger, Persistent *Node
}

// TrafficFilter is a <TrafficFilter> entry.
type TrafficFilter struct {
	Node, AppID, Protocol, LocalPortRanges, RemotePortRanges              *Node
	LocalAddressRanges, RemoteAddressRanges, RoutingPolicyType, Direction *Node
}

// IsDeviceTunnel reports whether the profile declares a device tunnel.
func (p *Profile) IsDeviceTunnel() bool { return p.DeviceTunnel.IsTrue() }

// ComplianceEnabled reports whether DeviceCompliance/Enabled is true.
func (p *Profile) ComplianceEnabled() bool {
	return p.DeviceCompliance != nil && p.DeviceCompliance.Enabled.IsTrue()
}

// Eap returns the profile's parsed EAP configuration, or nil.
func (p *Profile) Eap() *EapConfig {
	if p.Native == nil {
		return nil
	}
	return p.Native.EapConfig
}

// Source returns the file the profile is in.
func (p *Profile) Source() *Source { return p.Root.Source() }

// NewProfile builds the typed view of a <VPNProfile> element. An EAP
// configuration kept as escaped text is parsed here; if that fails, the error
// is returned and the rest of the profile is still usable.
func NewProfile(doc *Document, root *Node) (*Profile, *SyntaxError) {
	p := &Profile{
		Doc:                     doc,
		Root:                    root,
		AlwaysOn:                root.Child("AlwaysOn"),
		DeviceTunnel:            root.Child("DeviceTunnel"),
		RememberCredentials:     root.Child("RememberCredentials"),
		DNSSuffix:               root.Child("DnsSuffix"),
		TrustedNetworkDetection: root.Child("TrustedNetworkDetection"),
		LockDown:                root.Child("LockDown"),
		Proxy:                   root.Child("Proxy"),
		Plugin:                  root.Child("PluginProfile"),
	}
	if dc := root.Child("DeviceCompliance"); dc != nil {
		sso := dc.Child("Sso")
		p.DeviceCompliance = &DeviceCompliance{
			Node: dc, Enabled: dc.Child("Enabled"), Sso: sso,
			SsoEnabled: sso.Child("Enabled"), SsoEku: sso.Child("Eku"), SsoIssuerHash: sso.Child("IssuerHash"),
		}
	}
	for _, r := range root.All("Route") {
		p.Routes = append(p.Routes, Route{r, r.Child("Address"), r.Child("PrefixSize"), r.Child("ExclusionRoute"), r.Child("Metric")})
	}
	for _, d := range root.All("DomainNameInformation") {
		p.NRPT = append(p.NRPT, NRPTRule{d, d.Child("DomainName"), d.Child("DnsServers"), d.Child("WebProxyServers"), d.Child("AutoTrigger"), d.Child("Persistent")})
	}
	for _, f := range root.All("TrafficFilter") {
		p.TrafficFilters = append(p.TrafficFilters, TrafficFilter{
			f, f.Find("App", "Id"), f.Child("Protocol"), f.Child("LocalPortRanges"), f.Child("RemotePortRanges"),
			f.Child("LocalAddressRanges"), f.Child("RemoteAddressRanges"), f.Child("RoutingPolicyType"), f.Child("Direction"),
		})
	}
	np := root.Child("NativeProfile")
	if np == nil {
		return p, nil
	}
	auth := np.Child("Authentication")
	n := &NativeProfile{
		Node:                          np,
		Servers:                       np.Child("Servers"),
		RoutingPolicyType:             np.Child("RoutingPolicyType"),
		NativeProtocolType:            np.Child("NativeProtocolType"),
		L2tpPsk:                       np.Child("L2tpPsk"),
		DisableClassBasedDefaultRoute: np.Child("DisableClassBasedDefaultRoute"),
		Authentication:                auth,
		UserMethod:                    auth.Child("UserMethod"),
		MachineMethod:                 auth.Child("MachineMethod"),
		Eap:                           auth.Child("Eap"),
		EapConfiguration:              auth.Find("Eap", "Configuration"),
	}
	n.ServerList = ParseServers(n.Servers)
	if cs := np.Child("CryptographySuite"); cs != nil {
		n.CryptographySuite = &CryptographySuite{
			Node: cs, AuthenticationTransformConstants: cs.Child("AuthenticationTransformConstants"),
			CipherTransformConstants: cs.Child("CipherTransformConstants"), PfsGroup: cs.Child("PfsGroup"),
			DHGroup: cs.Child("DHGroup"), IntegrityCheckMethod: cs.Child("IntegrityCheckMethod"),
			EncryptionMethod: cs.Child("EncryptionMethod"),
		}
	}
	p.Native = n
	cfg := n.EapConfiguration
	if host := cfg.Child("EapHostConfig"); host != nil {
		n.EapConfig = NewEapConfig(host)
	} else if cfg.Value() != "" && len(cfg.Children) == 0 {
		d, err := cfg.ParseText()
		if err != nil {
			if d == nil && err.Msg == noRoot {
				return p, nil // only an escaped comment: an empty placeholder, not broken XML
			}
			return p, err
		}
		if d.Root.Name == "EapHostConfig" {
			d.Root.Parent = cfg // keys read VPNProfile/.../Configuration/EapHostConfig/...
			n.EapConfig = NewEapConfig(d.Root)
			n.EapConfig.Embedded = d
		}
	}
	return p, nil
}

// ParseServers splits a <Servers> value: servers are separated by commas, and
// each may carry a friendly name after a semicolon.
func ParseServers(n *Node) []Server {
	v := n.Value()
	if v == "" {
		return nil
	}
	var out []Server
	start := 0
	for _, part := range strings.SplitAfter(v, ",") {
		end := start + len(part)
		entry := strings.TrimSuffix(part, ",")
		lead := len(entry) - len(strings.TrimLeft(entry, " \t\r\n"))
		entry = strings.TrimSpace(entry)
		if entry != "" {
			host, friendly, _ := strings.Cut(entry, ";")
			out = append(out, Server{
				Host:     strings.TrimSpace(host),
				Friendly: strings.TrimSpace(friendly),
				Loc:      n.SubLoc(start+lead, start+lead+len(entry)),
			})
		}
		start = end
	}
	return out
}
