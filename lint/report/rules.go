package report

import (
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/aovpnlint/aovpnlint/lint"
)

// sortedRules returns the rules sorted by ID, without nils.
func sortedRules(rules []*lint.Rule) []*lint.Rule {
	out := make([]*lint.Rule, 0, len(rules))
	for _, r := range rules {
		if r != nil {
			out = append(out, r)
		}
	}
	slices.SortStableFunc(out, func(a, b *lint.Rule) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// RulesText writes one line per rule, "ID  level  name  summary", in aligned
// columns and sorted by ID.
func RulesText(w io.Writer, rules []*lint.Rule) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, r := range sortedRules(rules) {
		if _, err := io.WriteString(tw, r.ID+"\t"+r.Severity.String()+"\t"+r.Name+"\t"+oneLine(r.Summary)+"\n"); err != nil {
			return err
		}
	}
	return tw.Flush()
}

// jsonRule is one element of RulesJSON's array.
type jsonRule struct {
	ID               string   `json:"id"`
	Name             string   `json:"name"`
	Level            string   `json:"level"`
	Summary          string   `json:"summary"`
	Tags             []string `json:"tags"`
	WindowsErrors    []string `json:"windowsErrors"`
	SecuritySeverity float64  `json:"securitySeverity,omitempty"`
	HelpURI          string   `json:"helpUri"`
	Help             string   `json:"help"`
}

// RulesJSON writes the rules as a JSON array sorted by ID, with two-space
// indent and a final newline.
func RulesJSON(w io.Writer, rules []*lint.Rule) error {
	out := []jsonRule{}
	for _, r := range sortedRules(rules) {
		jr := jsonRule{
			ID:               r.ID,
			Name:             r.Name,
			Level:            r.Severity.String(),
			Summary:          r.Summary,
			Tags:             r.Tags,
			WindowsErrors:    r.WindowsErrors,
			SecuritySeverity: r.SecuritySeverity,
			HelpURI:          r.HelpURI(),
			Help:             r.Help,
		}
		if jr.Tags == nil {
			jr.Tags = []string{}
		}
		if jr.WindowsErrors == nil {
			jr.WindowsErrors = []string{}
		}
		out = append(out, jr)
	}
	return writeJSON(w, out)
}
