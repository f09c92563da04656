package model

// SuppressionKind says where a suppression was written, in SARIF's words:
// in the file that holds the finding, or outside it (the config file, the
// baseline).
type SuppressionKind string

// The kinds of suppression.
const (
	InSource SuppressionKind = "inSource"
	External SuppressionKind = "external"
)

// Suppression accepts findings with a reason: an `aovpnlint:ignore` comment
// in an input file (the loader records them on File.Suppressions), or a
// certificate entry of the config file (the engine adds those). The engine
// applies them after every rule ran.
type Suppression struct {
	Kind SuppressionKind
	// Loc is the comment, or the config file entry.
	Loc Location
	// Names are the rule IDs, names or prefixes as written ("VPN201",
	// "eap-server-validation-disabled", "CERT"). An external suppression
	// without names covers every rule.
	Names []string
	// Reason is the justification after the names; "" when none was given.
	Reason string

	// Path is the file whose findings an in-source suppression covers, and
	// First..Last the lines (1-based, inclusive) its findings start on; File
	// is set when it covers the whole file (a comment before the root
	// element).
	Path        string
	First, Last int
	File        bool

	// SHA256 is the certificate whose findings an external suppression
	// covers: lowercase hex without separators, as Cert.SHA256.
	SHA256 string
}
