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
}

// ScriptFacts are the statically visible steps of a PowerShell deployment
// script (VPN_Profile.ps1 and its variants).
type ScriptFacts struct {
	// EscapeReplace is set when the script escapes the XML with -replace
	// calls; EscapedChars lists the characters they escape ("<", ">", "\"",
	// "&"), and EscapeLoc points at the first call.
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
}
