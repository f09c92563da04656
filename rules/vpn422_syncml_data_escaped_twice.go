package rules

import (
	"fmt"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "VPN422",
		Name:     "syncml-data-escaped-twice",
		Severity: lint.Error,
		Summary:  "SyncML <Data> escapes ProfileXML twice: the CSP receives text, not XML",
		Fix:      "escape the profile once: <Data>&lt;VPNProfile&gt;…&lt;/VPNProfile&gt;</Data>",
		Tags:     []string{"reliability", "syncml"},
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			s := prof.Origin.SyncML
			if s == nil || s.Escapes < 2 {
				return
			}
			times := "twice"
			if s.Escapes > 2 {
				times = fmt.Sprintf("%d times", s.Escapes)
			}
			p.Report(lint.Diagnostic{
				At: s.DataLoc,
				Message: fmt.Sprintf("<Data> for %s is entity-escaped %s (&amp;lt;VPNProfile&amp;gt;): after the SyncML is read the CSP receives the text \"&lt;VPNProfile&gt;…\", which is not XML, and the profile is not created",
					prof.Origin.URI, times),
			})
		},
	})
}
