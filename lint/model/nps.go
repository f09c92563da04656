package model

import (
	"encoding/binary"
	"encoding/hex"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// NPS authentication types (msNPAuthenticationType2, AUTHENTICATION_TYPE).
const (
	NPSAuthMSCHAPv2 = 4
	NPSAuthEAP      = 5
)

// npsCAOID is the "AAD Conditional Access" EKU of the short-lived Entra
// certificates, as text.
const npsCAOID = "1.3.6.1.4.1.311.87"

// NPSConfig is an NPS configuration export (netsh nps export,
// Export-NpsConfiguration): its network policies, connection request
// policies and RADIUS clients.
type NPSConfig struct {
	Root            *Node
	Policies        []*NPSPolicy // network policies, in msNPSequence order
	RequestPolicies []*NPSPolicy // connection request policies, in msNPSequence order
	Clients         []*RADIUSClient
}

// NPSPolicy is a network policy or a connection request policy.
type NPSPolicy struct {
	Name        string // the name attribute
	Node        *Node
	Enabled     bool         // Policy_Enabled (true when missing)
	Order       int          // msNPSequence
	Constraints []*Node      // msNPConstraint: the conditions
	Action      string       // msNPAction: the name of the settings object
	Settings    *NPSSettings // nil when msNPAction names no object
}

// NPSSettings is a RadiusProfiles (or Proxy_Profiles) object: a policy's
// constraints and settings.
type NPSSettings struct {
	Name      string
	Node      *Node
	AuthTypes []int   // msNPAuthenticationType2
	EapTypes  []int   // msNPAllowedEapType, decoded
	EapNodes  []*Node // the msNPAllowedEapType elements
	// PEAPInner are the inner methods (13, 26) found in the PEAP
	// msEAPConfiguration blob; the layout is inferred, so this is heuristic.
	// Nil when no PEAP configuration was found.
	PEAPInner     []int
	EapConfigNode *Node // the PEAP msEAPConfiguration element, if any
	Override      bool  // msOverrideRAPAuth=1 (connection request policies)
	// OIDNodes are properties that mention the conditional access OID.
	OIDNodes []*Node
}

// RADIUSClient is a RADIUS client. The shared secret is never kept: only
// whether there is one, its length and where it is.
type RADIUSClient struct {
	Name      string
	Node      *Node
	Address   string
	Enabled   bool
	HasSecret bool
	SecretLen int
	SecretLoc Location // the Shared_Secret element
}

// IsNPSExport reports whether root is the <Root> of an NPS export.
func IsNPSExport(root *Node) bool {
	return root != nil && root.Name == "Root" && root.Find("Children", "Microsoft_Internet_Authentication_Service") != nil
}

// NewNPSConfig builds the typed view of an NPS export's <Root>.
func NewNPSConfig(root *Node) *NPSConfig {
	c := &NPSConfig{Root: root}
	ias := root.Find("Children", "Microsoft_Internet_Authentication_Service", "Children")
	settings := npsSettings(ias.Find("RadiusProfiles", "Children"))
	c.Policies = npsPolicies(ias.Find("NetworkPolicy", "Children"), settings)
	c.RequestPolicies = npsPolicies(ias.Find("Proxy_Policies", "Children"), npsSettings(ias.Find("Proxy_Profiles", "Children")))
	for _, n := range ias.Find("Protocols", "Children", "Microsoft_Radius_Protocol", "Children", "Clients", "Children").elems() {
		props := n.Child("Properties")
		cl := &RADIUSClient{Name: npsName(n), Node: n, Address: props.Child("IP_Address").Value(), Enabled: !props.Child("Radius_Client_Enabled").IsFalse()}
		if s := props.Child("Shared_Secret"); s != nil && s.Value() != "" {
			cl.HasSecret, cl.SecretLen, cl.SecretLoc = true, len([]rune(s.Value())), s.Loc()
		}
		c.Clients = append(c.Clients, cl)
	}
	return c
}

// elems returns the element children of n (nil-safe).
func (n *Node) elems() []*Node {
	if n == nil {
		return nil
	}
	return n.Children
}

func npsName(n *Node) string {
	if a := n.Attr("name"); a != nil {
		return a.Value
	}
	return n.Name
}

func npsSettings(list *Node) map[string]*NPSSettings {
	out := map[string]*NPSSettings{}
	for _, n := range list.elems() {
		props := n.Child("Properties")
		s := &NPSSettings{Name: npsName(n), Node: n, Override: props.Child("msOverrideRAPAuth").Value() == "1"}
		for _, a := range props.All("msNPAuthenticationType2") {
			if v, err := strconv.Atoi(a.Value()); err == nil {
				s.AuthTypes = append(s.AuthTypes, v)
			}
		}
		for _, e := range props.All("msNPAllowedEapType") {
			if b := npsHex(e.Value()); len(b) >= 4 {
				s.EapTypes = append(s.EapTypes, int(binary.LittleEndian.Uint32(b)))
				s.EapNodes = append(s.EapNodes, e)
			}
		}
		for _, e := range props.All("msEAPConfiguration") {
			b := npsHex(e.Value())
			if len(b) < 4 || binary.LittleEndian.Uint32(b) != EapPEAP {
				continue
			}
			s.EapConfigNode = e
			s.PEAPInner = peapInner(b)
		}
		for _, p := range props.Children {
			if strings.Contains(p.Value(), npsCAOID) {
				s.OIDNodes = append(s.OIDNodes, p)
			}
		}
		out[s.Name] = s
	}
	return out
}

// npsHex decodes a bin.hex value, ignoring white space; nil when invalid.
func npsHex(v string) []byte {
	v = strings.Join(strings.Fields(v), "")
	b, err := hex.DecodeString(v)
	if err != nil {
		return nil
	}
	return b
}

// peapInner reads the inner method types out of a PEAP msEAPConfiguration
// blob (heuristic: little-endian DWORDs after the outer type, skipping a
// length-prefixed 20-byte certificate thumbprint).
func peapInner(b []byte) []int {
	inner := []int{}
	for i := 4; i+4 <= len(b); i += 4 {
		v := binary.LittleEndian.Uint32(b[i:])
		if v == 20 && i+24 <= len(b) {
			i += 20
			continue
		}
		if (v == EapTLS || v == EapMSCHAPv2) && !slices.Contains(inner, int(v)) {
			inner = append(inner, int(v))
		}
	}
	return inner
}

func npsPolicies(list *Node, settings map[string]*NPSSettings) []*NPSPolicy {
	var out []*NPSPolicy
	for _, n := range list.elems() {
		props := n.Child("Properties")
		p := &NPSPolicy{Name: npsName(n), Node: n, Enabled: !props.Child("Policy_Enabled").IsFalse(),
			Constraints: props.All("msNPConstraint"), Action: props.Child("msNPAction").Value()}
		p.Order, _ = strconv.Atoi(props.Child("msNPSequence").Value())
		p.Settings = settings[p.Action]
		out = append(out, p)
	}
	slices.SortStableFunc(out, func(a, b *NPSPolicy) int { return a.Order - b.Order })
	return out
}

var npsPortType = regexp.MustCompile(`NAS-Port-Type=([^"]*)"`)

// MatchesVPN reports whether the policy's conditions could match a VPN
// request: no NAS-Port-Type condition, or one that accepts 5 (Virtual).
func (p *NPSPolicy) MatchesVPN() bool {
	for _, c := range p.Constraints {
		m := npsPortType.FindStringSubmatch(c.Value())
		if m == nil {
			continue
		}
		re, err := regexp.Compile(m[1])
		if err != nil {
			return true // cannot tell: assume it could
		}
		if !re.MatchString("5") {
			return false
		}
	}
	return true
}

// AcceptsChain reports whether the policy accepts the EAP method chain
// (outer, inner). An unknown setting accepts.
func (p *NPSPolicy) AcceptsChain(chain []int) bool {
	s := p.Settings
	if s == nil || len(chain) == 0 {
		return true
	}
	if len(s.AuthTypes) > 0 && !slices.Contains(s.AuthTypes, NPSAuthEAP) {
		return false
	}
	if len(s.EapTypes) > 0 && !slices.Contains(s.EapTypes, chain[0]) {
		return false
	}
	if chain[0] == EapPEAP && len(chain) > 1 && s.PEAPInner != nil && !slices.Contains(s.PEAPInner, chain[1]) {
		return false
	}
	return true
}

// RequiresCAOID reports whether a condition or setting of the policy
// requires the conditional access OID.
func (p *NPSPolicy) RequiresCAOID() bool {
	for _, c := range p.Constraints {
		if strings.Contains(strings.ReplaceAll(c.Value(), `\`, ""), npsCAOID) {
			return true
		}
	}
	return p.Settings != nil && len(p.Settings.OIDNodes) > 0
}

// Describe says what the policy's settings allow, for messages.
func (s *NPSSettings) Describe() string {
	if s == nil {
		return "no settings found"
	}
	var parts []string
	if len(s.AuthTypes) > 0 && !slices.Contains(s.AuthTypes, NPSAuthEAP) {
		parts = append(parts, "no EAP")
	}
	for _, t := range s.EapTypes {
		d := EapTypeName(t)
		if t == EapPEAP && s.PEAPInner != nil {
			var in []string
			for _, i := range s.PEAPInner {
				in = append(in, EapTypeName(i))
			}
			if len(in) == 0 {
				in = []string{"no known inner method"}
			}
			d += " with inner " + strings.Join(in, ", ")
		}
		parts = append(parts, d)
	}
	if len(parts) == 0 {
		return "no EAP type listed"
	}
	return strings.Join(parts, "; ")
}
