package rules

import (
	"slices"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "VPN511",
		Name:     "windows11-only-element",
		Severity: lint.Note,
		Summary:  "the profile uses elements that only Windows 11 supports",
		Fix:      "deploy the profile to Windows 11 clients only, or keep a profile without these elements for Windows 10",
		Tags:     []string{"schema", "compatibility"},
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			if isWindowsEcho(prof) {
				return // read from a machine that has them
			}
			var first *model.Node
			var names []string
			walkSchema(p.Deployment, prof.Root, func(n *model.Node, e *schemaElem) {
				if e.Build < win11 {
					return
				}
				if first == nil {
					first = n
				}
				if !slices.Contains(names, n.Name) {
					names = append(names, n.Name)
				}
			}, nil)
			if first == nil {
				return
			}
			what, them := "an element that needs", "it"
			if len(names) > 1 {
				what, them = "elements that need", "them"
			}
			p.Reportf(first.Loc(), "the profile uses %s Windows 11 (build %d or later): %s; Windows 10 clients do not support %s",
				what, win11, strings.Join(names, ", "), them)
		},
	})
}
