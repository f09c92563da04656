package rules

import (
	"fmt"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:            "CERT111",
		Name:          "certificate-not-yet-valid",
		Severity:      lint.Error,
		Summary:       "A certificate of the deployment is not valid yet (NotBefore is in the future)",
		Fix:           "wait until the certificate's NotBefore, or reissue it valid from now; check the issuing CA's clock",
		Tags:          []string{"reliability", "certificate"},
		WindowsErrors: []string{"13801", "0x800B0101"},
		CheckCert: func(p *lint.Pass, c *model.Cert) {
			now := p.Deployment.Now
			if c.Roles == 0 || !certNotYetValidAt(c, now) || certSupersededCA(p.Deployment, c) {
				return
			}
			im := certValidityImpact(p.Deployment, c)
			p.Report(lint.Diagnostic{
				At: c.Loc,
				Message: fmt.Sprintf("%s certificate %s is not valid before %s, in %s: until then %s",
					certRoleWords(c), c, certTime(c.X509.NotBefore), certSpan(c.X509.NotBefore.Sub(now)), im.Clause),
				Related:       im.Related,
				WindowsErrors: im.Codes,
			})
		},
	})
}
