package rules

import (
	"fmt"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "VPN420",
		Name:     "syncml-vpn-not-atomic",
		Severity: lint.Warning,
		Summary:  "SyncML writes the VPNv2 profile outside an <Atomic> block",
		Fix:      "wrap the <Add> or <Replace> that writes the profile in <Atomic><CmdID>…</CmdID>…</Atomic>",
		Tags:     []string{"reliability", "syncml"},
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			s := prof.Origin.SyncML
			if s == nil || s.Atomic {
				return
			}
			p.Report(lint.Diagnostic{
				At: s.VerbLoc,
				Message: fmt.Sprintf("the <%s> that writes %s is not inside an <Atomic> block: the VPNv2 CSP requires VPN configuration commands to be wrapped in Atomic, and outside one they are not applied all or nothing",
					s.Verb, prof.Origin.URI),
				Related: []lint.Related{{Location: prof.Origin.URILoc, Message: "the profile written"}},
			})
		},
	})
}
