package rules

import (
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "LOAD008",
		Name:     "suppression-without-reason",
		Severity: lint.Warning,
		Summary:  "A suppression does not say why the finding is accepted",
		Fix:      "write the reason after the rule IDs: <!-- aovpnlint:ignore VPN202 pilot profile until the NPS root is deployed -->",
		Tags:     []string{"suppression"},
		CheckSuppression: func(p *lint.Pass, s *lint.Suppression) {
			// A comment that names no rule suppresses nothing: LOAD009 says so.
			if s.Reason != "" || (s.Kind == model.InSource && len(s.Names) == 0) {
				return
			}
			d := lint.Diagnostic{
				At:      s.Loc,
				Message: suppressionSubject(p.Deployment, s, s.Names) + " gives no reason: the finding stays suppressed, but a reviewer cannot tell why it was accepted or when to look again",
			}
			if s.Kind == model.External {
				d.Fix = "add a reason: to the suppress entry of the config file"
			}
			p.Report(d)
		},
	})
}
