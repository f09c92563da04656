package rules

import (
	"fmt"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "VPN421",
		Name:     "syncml-data-nested-xml",
		Severity: lint.Warning,
		Summary:  "SyncML <Data> holds the <VPNProfile> element itself instead of escaped text",
		Fix:      "send ProfileXML as text: entity-escape it (&lt;VPNProfile&gt;…) or wrap it in <![CDATA[…]]>",
		Tags:     []string{"reliability", "syncml"},
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			s := prof.Origin.SyncML
			if s == nil || s.Data != model.DataNested {
				return
			}
			p.Report(lint.Diagnostic{
				At: s.DataLoc,
				Message: fmt.Sprintf("<Data> for %s contains <%s> as XML elements, not as text: ProfileXML is a string (chr) node, so the SyncML must carry the profile entity-escaped or in CDATA; an MDM server or the device may reject the item or store a different value",
					prof.Origin.URI, prof.Root.Name),
				Related: []lint.Related{{Location: prof.Root.Loc(), Message: "the profile as nested elements"}},
			})
		},
	})
}
