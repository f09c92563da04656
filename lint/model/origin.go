package model

// Origin is what a container says about the profile it carries: where it
// sits and how it is delivered. Rules read it for delivery mistakes (a
// device tunnel sent to the user scope, a script that escapes the XML badly);
// a bare XML file has the zero Origin.
type Origin struct {
	// Container is the kind of file the profile sat in: KindPowerShell,
	// KindCIMDump, KindIntuneJSON, KindSyncML; "" for a plain ProfileXML file.
	Container Kind
	// URI is the OMA-URI (Intune) or LocURI (SyncML) the profile is written
	// to, with its place in the file.
	URI    string
	URILoc Location
	// Scope is "user" or "device" from ./User/... or ./Device/... (./Vendor/...
	// is the device), "" when the container does not say.
	Scope string
	// InstanceID is the CIM InstanceID (PowerShell, CIM dump): the profile
	// name as the CSP node name, which must be URL-escaped.
	InstanceID    string
	InstanceIDLoc Location

	// Script holds what a PowerShell deployment script does to the XML.
	Script *ScriptFacts
	// SyncML holds how a SyncML message delivers the profile (origin_syncml.go).
	SyncML *SyncMLFacts
}

// ScriptFacts are the statically visible steps of a PowerShell deployment
// script (VPN_Profile.ps1 and its variants).
type ScriptFacts struct {
	// EscapeReplace is set when the script escapes the XML with -replace
	// calls; EscapedChars lists the characters they escape ("<", ">", "\"",
	// "&") in the script's order, and EscapeLoc spans the calls (first to
	// last).
	EscapeReplace bool
	EscapedChars  []string
	EscapeLoc     Location
	// EscapeFunc names a call that escapes correctly
	// ([SecurityElement]::Escape, [WebUtility]::HtmlEncode), "" when none.
	EscapeFunc string
	// NameEscaped is set when the profile name given as InstanceID passes
	// through -replace ' ', '%20' or [uri]::EscapeDataString.
	NameEscaped bool
	// ProfileName is the literal name the script gives the profile
	// ($ProfileName = '...'), with its place; empty when not literal.
	ProfileName    string
	ProfileNameLoc Location

	// LiteralEscaped is set when the script spells the XML already
	// entity-escaped (&lt;VPNProfile&gt;); the loader unescaped it once.
	LiteralEscaped bool
	// XML is the ProfileXML text the script holds before its run-time
	// escaping (what the loader parsed), and XMLMap maps offsets in XML to
	// offsets in the script, so rules can re-read the text as Windows will.
	XML    []byte
	XMLMap Mapper
	// Unresolved names the variables and expressions whose run-time values
	// are left out of the profile ($EAPSettings from Get-VpnConnection). Where
	// one stood in element content the loader puts an empty element in
	// UnresolvedNS, so an element it filled has a child (<Configuration> is
	// not taken for empty) and no value: rules that judge an empty value
	// should skip elements that HoldsUnresolved.
	Unresolved []string
}

// UnresolvedNS is the namespace of the placeholder element
// (<unresolved xmlns="urn:aovpnlint:unresolved" ref="N"/>) that stands for a
// value a script sets at run time.
const UnresolvedNS = "urn:aovpnlint:unresolved"

// HoldsUnresolved reports whether n directly holds the placeholder of a
// value a script sets at run time: its value is unknown, not empty.
func (n *Node) HoldsUnresolved() bool {
	if n == nil {
		return false
	}
	for _, c := range n.Children {
		if c.Space == UnresolvedNS {
			return true
		}
	}
	return false
}
