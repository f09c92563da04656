package model

// SyncMLFacts are what a SyncML message says about how it writes ProfileXML
// (an <Add> or <Replace> item whose LocURI is .../VPNv2/<name>/ProfileXML).
type SyncMLFacts struct {
	// Verb is "Add" or "Replace", VerbLoc its start tag.
	Verb    string
	VerbLoc Location
	// Atomic is set when the command sits inside an <Atomic> block, as the
	// VPNv2 CSP requires.
	Atomic bool
	// Data is how <Data> carries the XML: DataEscaped (entity-escaped text),
	// DataCDATA (a CDATA section) or DataNested (the <VPNProfile> element
	// itself inside <Data>); DataLoc is the <Data> element.
	Data    string
	DataLoc Location
	// Escapes counts how many times the text had to be unescaped before it
	// read as XML: 1 for the normal form, 2 or more when it was escaped
	// twice (&amp;lt;VPNProfile&amp;gt;); 0 for CDATA and nested XML.
	Escapes int
}

// The ways a SyncML <Data> element carries ProfileXML.
const (
	DataEscaped = "escaped"
	DataCDATA   = "cdata"
	DataNested  = "nested"
)
