package rules

import (
	"fmt"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "VPN711",
		Name:     "server-duplicate",
		Severity: lint.Warning,
		Summary:  "the same VPN server is listed twice in Servers",
		Fix:      "list each server once; for a friendly name write host;name (semicolon), not a second comma-separated entry",
		Tags:     []string{"reliability"},
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			if prof.Native == nil || prof.Native.Servers.HoldsUnresolved() {
				return
			}
			first := map[string]int{}
			for i, s := range prof.Native.ServerList {
				key := strings.ToLower(strings.TrimSuffix(s.Host, "."))
				if key == "" {
					continue
				}
				j, seen := first[key]
				if !seen {
					first[key] = i
					continue
				}
				prev := prof.Native.ServerList[j]
				p.Report(lint.Diagnostic{
					At:      s.Loc,
					Message: fmt.Sprintf("server %q (entry %d of <Servers>) repeats entry %d, %q: the second entry adds no server; entries are separated by commas, while host;host (one entry, with a semicolon) is how a server's friendly name is given", s.Host, i+1, j+1, prev.Host),
					Related: []lint.Related{{Location: prev.Loc, Message: "first listed here"}},
				})
			}
		},
	})
}
