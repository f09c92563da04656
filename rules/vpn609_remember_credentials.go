package rules

import (
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:               "VPN609",
		Name:             "remember-credentials",
		Severity:         lint.Note,
		Summary:          "RememberCredentials true: Windows caches the user's VPN credentials",
		Fix:              "set <RememberCredentials> to false, or authenticate with certificates so there is no password to cache",
		Tags:             []string{"security"},
		SecuritySeverity: 3.0,
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			n := prof.RememberCredentials
			// A device tunnel and certificate-only authentication have no
			// user password to cache.
			if !n.IsTrue() || n.HoldsUnresolved() || prof.IsDeviceTunnel() || certificateOnly(prof) {
				return
			}
			p.Reportf(n.ValueLoc(), "RememberCredentials is %q: Windows saves the credentials users enter for this connection and reuses them without asking, so anyone who can use the signed-in session can connect as that user", n.Value())
		},
	})
}
