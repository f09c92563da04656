package lint

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"slices"
)

// Related is another place involved in a finding.
type Related struct {
	Location
	Message string `json:"message"`
}

// Finding is one reported problem, with the rule's metadata stamped on it.
type Finding struct {
	RuleID        string    `json:"ruleId"`
	RuleName      string    `json:"ruleName"`
	Level         Severity  `json:"level"`
	Message       string    `json:"message"`
	Fix           string    `json:"fix,omitempty"`
	Location      Location  `json:"location"`
	Related       []Related `json:"related"`
	WindowsErrors []string  `json:"windowsErrors"`
	Tags          []string  `json:"tags"`
	Suppressed    bool      `json:"suppressed"`
	// Suppression says who suppressed the finding; set when Suppressed.
	Suppression *SuppressionInfo `json:"suppression,omitempty"`

	// Fingerprint identifies the finding across runs even when lines move:
	// rule, file, logical place and message, not line numbers.
	Fingerprint string `json:"-"`
}

func fingerprint(f *Finding) string {
	h := sha256.New()
	for _, s := range []string{f.RuleID, f.Location.Path, f.Location.Key, f.Message} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

func compareFindings(a, b Finding) int {
	return cmp.Or(
		cmp.Compare(a.Location.Path, b.Location.Path),
		cmp.Compare(a.Location.StartLine, b.Location.StartLine),
		cmp.Compare(a.Location.StartColumn, b.Location.StartColumn),
		cmp.Compare(a.RuleID, b.RuleID),
		cmp.Compare(a.Message, b.Message),
		cmp.Compare(a.Location.EndLine, b.Location.EndLine),
		cmp.Compare(a.Location.EndColumn, b.Location.EndColumn),
	)
}

// sortFindings sorts by place and rule, and drops exact repeats (the same rule
// reporting the same message at the same place twice).
func sortFindings(fs []Finding) []Finding {
	slices.SortFunc(fs, compareFindings)
	return slices.CompactFunc(fs, func(a, b Finding) bool { return compareFindings(a, b) == 0 })
}
