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
	Src          *Source
	Kind         Kind
	Profiles     []*Profile
	EapConfigs   []*EapConfig // standalone EAP configurations
	Certificates int
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
)

// Problem is an input problem found while loading, at a place in a file.
type Problem struct {
	Kind    ProblemKind
	Loc     Location
	Message string // lowercase, no final period
	Hint    string // how to fix it, may be empty
}

// Deployment is everything one run looks at: all profiles, EAP configurations
// and (later) certificates and NPS exports of the scan, plus the evaluation
// time. Rules read only this.
type Deployment struct {
	Now         time.Time
	Files       []*File
	Profiles    []*Profile
	EapConfigs  []*EapConfig // every EAP configuration: in profiles and standalone
	Problems    []Problem
	ServerNames []string // extra expected VPN server names (--server-name)
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
}
