package model

import "time"

// Kind is what an input file was recognised as (DESIGN.md's inputs[].kind).
type Kind string

// The kinds of input aovpnlint recognises.
const (
	KindProfileXML Kind = "profile-xml"
	KindEapXML     Kind = "eap-xml"
	KindPowerShell Kind = "powershell"
	KindCIMDump    Kind = "cim-dump"
	KindIntuneJSON Kind = "intune-json"
	KindSyncML     Kind = "syncml"
	KindCert       Kind = "certificate"
	KindNPSConfig  Kind = "nps-config"
	KindNPSLog     Kind = "nps-log"
)

// File is one recognised input.
type File struct {
	Src        *Source
	Kind       Kind
	Profiles   []*Profile
	EapConfigs []*EapConfig // standalone EAP configurations
	Certs      []*Cert      // in file order
	NPS        []*NPSConfig // NPS configuration exports
	// Suppressions are the file's aovpnlint:ignore comments, in file order.
	Suppressions []*Suppression
}

// ProblemKind classifies what the loader could not read; LOAD rules report them.
type ProblemKind int

// The problems the loader finds.
const (
	// NotWellFormed: XML (also embedded XML) that does not parse.
	NotWellFormed ProblemKind = iota + 1
	// WrongRoot: a document that looks like a profile but whose root is not
	// <VPNProfile>, or is VPNProfile in the wrong case.
	WrongRoot
	// EmptyProfile: a <VPNProfile> with nothing in it.
	EmptyProfile
	// Unreadable: a file or folder that could not be read.
	Unreadable
	// BadCertificate: a certificate (PEM block, DER file, PKCS#7 bundle) that
	// does not parse.
	BadCertificate
	// PrivateKey: a private key in a scanned file.
	PrivateKey
	// NotInspected: a container aovpnlint cannot open, such as an encrypted
	// PKCS#12 (.pfx) file.
	NotInspected
	// PartlyInspected: a profile, or a part of one, that could not be
	// checked: a script variable set at run time, an encrypted Intune value
	// ("****"), a console dump cut off with "...".
	PartlyInspected
	// Reconstructed: XML that had to be repaired before it parsed, such as
	// the spaces a console dump's line wrapping swallowed.
	Reconstructed
	// TooLarge: a deployment file larger than the file size limit, not read.
	TooLarge
	// DTD: XML with a document type declaration; entities are never expanded.
	DTD
	// LimitExceeded: input beyond one of the readers' limits (nesting depth,
	// line length, PEM blocks, decoded base64, script size): not read, or
	// read only up to the limit.
	LimitExceeded
	// BadEncoding: NUL bytes, invalid UTF-16, or XML that is not the UTF-8 it
	// must be without an encoding declaration.
	BadEncoding
	// LinkNotFollowed: a symbolic link that leaves the scan root, loops or
	// points nowhere.
	LinkNotFollowed
)

// Problem is an input problem found while loading, at a place in a file.
type Problem struct {
	Kind    ProblemKind
	Loc     Location
	Message string // lowercase, no final period
	Hint    string // how to fix it, may be empty
}

// Deployment is everything one run looks at: all profiles, EAP configurations
// certificates and (later) NPS exports of the scan, plus the evaluation time.
// Rules read only this.
type Deployment struct {
	Now         time.Time
	Files       []*File
	Profiles    []*Profile
	EapConfigs  []*EapConfig // every EAP configuration: in profiles and standalone
	Problems    []Problem
	ServerNames []string     // extra expected VPN server names (--server-name)
	NPS         []*NPSConfig // every NPS configuration export of the scan

	Certs []*Cert // every certificate: scanned and from --trust files
	// Anchors are the roots the clients trust (set by Link): the --trust
	// certificates or, without any, the self-signed CAs of the scan, in which
	// case ImplicitAnchors is set.
	Anchors         []*Cert
	ImplicitAnchors bool
	// ExpiryWarning is how long before expiry a certificate is reported as
	// expiring soon (--expiry-warning).
	ExpiryWarning time.Duration
	// Suppressions are every file's aovpnlint:ignore comments (Add collects
	// them) and the certificate suppressions of the config file.
	Suppressions []*Suppression

	link *linkCache // what Link computed once for the rules (link_cache.go)
}

// Add appends a loaded file and indexes its profiles and EAP configurations.
func (d *Deployment) Add(f *File) {
	d.Files = append(d.Files, f)
	d.Profiles = append(d.Profiles, f.Profiles...)
	for _, p := range f.Profiles {
		if c := p.Eap(); c != nil {
			c.Profile = p
			d.EapConfigs = append(d.EapConfigs, c)
		}
	}
	d.EapConfigs = append(d.EapConfigs, f.EapConfigs...)
	d.Certs = append(d.Certs, f.Certs...)
	d.NPS = append(d.NPS, f.NPS...)
	d.Suppressions = append(d.Suppressions, f.Suppressions...)
}
