package rules

import (
	"fmt"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "VPN713",
		Name:     "traffic-filter-blocks-other-traffic",
		Severity: lint.Note,
		Summary:  "traffic filters set: tunnel traffic that matches none of them is blocked",
		Fix:      "make sure the filters cover every application, protocol and address the tunnel must carry (DNS, authentication, management)",
		Tags:     []string{"reliability", "traffic-filter"},
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			if len(prof.TrafficFilters) == 0 {
				return
			}
			msg := fmt.Sprintf("the profile has %d TrafficFilter rule(s): once any filter is set, the VPN interface lets through only traffic that matches one of them (rules are OR'ed, the conditions inside a rule AND'ed), and everything else sent into the tunnel is dropped", len(prof.TrafficFilters))
			if prof.IsDeviceTunnel() {
				msg += "; on a device tunnel, traffic filters also make the tunnel deny inbound traffic, which breaks server-initiated management such as WinRM or remote GPUpdate"
			}
			p.Reportf(prof.TrafficFilters[0].Node.Loc(), "%s", msg)
		},
	})
}
