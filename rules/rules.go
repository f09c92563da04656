// Package rules holds aovpnlint's rules, one per file. Each file registers its
// rule in init; All returns them sorted by ID. A rule reads only the model it
// is given and reports through its Pass: no I/O, no clock, no network.
package rules

import (
	"embed"
	"slices"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

var registry []*lint.Rule

// help holds each rule's Markdown help, help/<lowercase id>.md: long prose
// with code reads better as a Markdown file than as a Go string.
//
//go:embed help/*.md
var help embed.FS

func register(r *lint.Rule) {
	if b, err := help.ReadFile("help/" + strings.ToLower(r.ID) + ".md"); err == nil {
		r.Help = strings.TrimSpace(string(b))
	}
	registry = append(registry, r)
}

// All returns every rule, sorted by ID.
func All() []*lint.Rule {
	out := slices.Clone(registry)
	slices.SortFunc(out, func(a, b *lint.Rule) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// ByID returns the rule with the given ID (any case), or nil.
func ByID(id string) *lint.Rule {
	for _, r := range registry {
		if strings.EqualFold(r.ID, id) {
			return r
		}
	}
	return nil
}

// reportProblems reports the loader's problems of one kind; the LOAD rules
// are this and their metadata.
func reportProblems(kind model.ProblemKind) func(*lint.Pass) {
	return func(p *lint.Pass) {
		for _, pr := range p.Deployment.Problems {
			if pr.Kind == kind {
				p.Report(lint.Diagnostic{At: pr.Loc, Message: pr.Message, Fix: pr.Hint})
			}
		}
	}
}
