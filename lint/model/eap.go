package model

import (
	"strconv"
	"strings"
)

// EAP method types (IANA) that Windows VPN profiles use.
const (
	EapTLS      = 13 // EAP-TLS, "smart card or other certificate"
	EapPEAP     = 25 // PEAP
	EapMSCHAPv2 = 26 // EAP-MSCHAPv2
)

// EapTypeName names an EAP method type for messages.
func EapTypeName(t int) string {
	switch t {
	case EapTLS:
		return "EAP-TLS (13)"
	case EapPEAP:
		return "PEAP (25)"
	case EapMSCHAPv2:
		return "EAP-MSCHAPv2 (26)"
	}
	return "EAP type " + strconv.Itoa(t)
}

// EapConfig is an <EapHostConfig>: in a profile or a standalone file.
type EapConfig struct {
	Root *Node // <EapHostConfig>
	// Embedded is set when the configuration was parsed out of escaped text.
	Embedded *Document
	// Profile is the profile that carries this configuration, nil when standalone.
	Profile *Profile

	MethodType *Node      // EapMethod/Type
	Method     *EapMethod // Config/Eap: the outer method
}

// EapMethod is one <Eap> level of the configuration: the outer method and,
// for PEAP, its inner method.
type EapMethod struct {
	Node     *Node // <Eap>
	Depth    int   // 0 for the outer method, 1 for PEAP's inner method
	TypeNode *Node // <Type>
	Type     int   // 0 when missing or not a number
	EapType  *Node // <EapType>

	ServerValidation *ServerValidation
	// PerformServerValidation and AcceptServerName sit in EapType for EAP-TLS
	// and in PeapExtensions for PEAP.
	PerformServerValidation *Node
	AcceptServerName        *Node

	// PEAP
	FastReconnect          *Node
	InnerEapOptional       *Node
	EnableQuarantineChecks *Node
	RequireCryptoBinding   *Node
	PeapExtensions         *Node
	Inner                  *EapMethod

	// EAP-TLS
	CredentialsSource *Node
	TLSExtensions     *Node
	Filtering         *FilteringInfo // TLSExtensions/FilteringInfo
}

// ServerValidation is <ServerValidation>: how the client checks the RADIUS
// (NPS) server's certificate.
type ServerValidation struct {
	Node           *Node
	DisablePrompt  *Node // DisableUserPromptForServerValidation
	ServerNames    *Node
	TrustedRootCAs []*Node
}

// FilteringInfo is the client certificate selection filter of EAP-TLS.
type FilteringInfo struct {
	Node              *Node
	EKUMaps           []EKUMap
	ClientAuthEKUList *Node   // <ClientAuthEKUList Enabled="true">
	EKUMapInList      []*Node // ClientAuthEKUList/EKUMapInList/EKUName
	AnyPurposeEKUList *Node
	AllPurposeEnabled *Node
	CAHashList        *Node
	IssuerHashes      []*Node // CAHashList/IssuerHash
}

// EKUMap is an <EKUMap>: a name given to an EKU OID.
type EKUMap struct {
	Node, Name, OID *Node
}

// Enabled reports whether an element's Enabled attribute is true (any case,
// surrounding spaces ignored: Windows reads booleans leniently).
func Enabled(n *Node) bool {
	a := n.Attr("Enabled")
	if a == nil {
		return false
	}
	v := strings.TrimSpace(a.Value)
	return strings.EqualFold(v, "true") || v == "1"
}

// NewEapConfig builds the typed view of an <EapHostConfig> element.
func NewEapConfig(root *Node) *EapConfig {
	c := &EapConfig{Root: root, MethodType: root.Find("EapMethod", "Type")}
	if eap := root.Find("Config", "Eap"); eap != nil {
		c.Method = newEapMethod(eap, 0)
	}
	return c
}

func newEapMethod(eap *Node, depth int) *EapMethod {
	m := &EapMethod{Node: eap, Depth: depth, TypeNode: eap.Child("Type"), EapType: eap.Child("EapType")}
	m.Type, _ = strconv.Atoi(m.TypeNode.Value())
	t := m.EapType
	if sv := t.Child("ServerValidation"); sv != nil {
		m.ServerValidation = &ServerValidation{
			Node: sv, DisablePrompt: sv.Child("DisableUserPromptForServerValidation"),
			ServerNames: sv.Child("ServerNames"), TrustedRootCAs: sv.All("TrustedRootCA"),
		}
	}
	m.FastReconnect = t.Child("FastReconnect")
	m.InnerEapOptional = t.Child("InnerEapOptional")
	m.EnableQuarantineChecks = t.Child("EnableQuarantineChecks")
	m.RequireCryptoBinding = t.Child("RequireCryptoBinding")
	m.PeapExtensions = t.Child("PeapExtensions")
	m.CredentialsSource = t.Child("CredentialsSource")
	m.PerformServerValidation = t.Child("PerformServerValidation")
	m.AcceptServerName = t.Child("AcceptServerName")
	if m.PeapExtensions != nil {
		if n := m.PeapExtensions.Child("PerformServerValidation"); n != nil {
			m.PerformServerValidation = n
		}
		if n := m.PeapExtensions.Child("AcceptServerName"); n != nil {
			m.AcceptServerName = n
		}
	}
	m.TLSExtensions = t.Child("TLSExtensions")
	if fi := m.TLSExtensions.Child("FilteringInfo"); fi != nil {
		f := &FilteringInfo{
			Node: fi, ClientAuthEKUList: fi.Child("ClientAuthEKUList"),
			AnyPurposeEKUList: fi.Child("AnyPurposeEKUList"), AllPurposeEnabled: fi.Child("AllPurposeEnabled"),
			CAHashList: fi.Child("CAHashList"),
		}
		for _, em := range fi.Find("EKUMapping").All("EKUMap") {
			f.EKUMaps = append(f.EKUMaps, EKUMap{em, em.Child("EKUName"), em.Child("EKUOID")})
		}
		for _, in := range f.ClientAuthEKUList.All("EKUMapInList") {
			f.EKUMapInList = append(f.EKUMapInList, in.Child("EKUName"))
		}
		f.IssuerHashes = f.CAHashList.All("IssuerHash")
		m.Filtering = f
	}
	if inner := t.Child("Eap"); inner != nil && depth < 4 {
		m.Inner = newEapMethod(inner, depth+1)
	}
	return m
}

// Name names the method and its level for messages: "PEAP (25)",
// "inner EAP-TLS (13)".
func (m *EapMethod) Name() string {
	name := "EAP method"
	if m.Type != 0 {
		name = EapTypeName(m.Type)
	}
	if m.Depth > 0 {
		return "inner " + name
	}
	return name
}

// Methods returns the outer method followed by the inner ones.
func (c *EapConfig) Methods() []*EapMethod {
	var out []*EapMethod
	for m := c.Method; m != nil; m = m.Inner {
		out = append(out, m)
	}
	return out
}

// Uses reports whether any level of the configuration is of EAP type t.
func (c *EapConfig) Uses(t int) bool {
	for _, m := range c.Methods() {
		if m.Type == t {
			return true
		}
	}
	return false
}

// Chain returns the method types from outer to inner, e.g. [25 13].
func (c *EapConfig) Chain() []int {
	var out []int
	for _, m := range c.Methods() {
		out = append(out, m.Type)
	}
	return out
}

// Source returns the file the configuration is in.
func (c *EapConfig) Source() *Source { return c.Root.Source() }
