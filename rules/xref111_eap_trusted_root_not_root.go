package rules

import (
	"fmt"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:            "XREF111",
		Name:          "eap-trusted-root-not-root",
		Severity:      lint.Error,
		Summary:       "TrustedRootCA pins an intermediate, a leaf or the conditional-access cloud root",
		Fix:           "replace the value with the SHA-1 thumbprint of the on-premises root CA that issued the NPS server certificate",
		Tags:          []string{"eap", "certificate", "reliability"},
		WindowsErrors: []string{"0x800B0109"},
		CheckEap: func(p *lint.Pass, cfg *model.EapConfig) {
			d := p.Deployment
			for _, m := range cfg.Methods() {
				if m.ServerValidation == nil {
					continue
				}
				for _, n := range m.ServerValidation.TrustedRootCAs {
					t, ok := xrefThumbprint(n.Value())
					if !ok {
						continue
					}
					c := xrefCertBySHA1(d, t)
					if c == nil {
						continue
					}
					diag := lint.Diagnostic{At: n.ValueLoc(), Related: []lint.Related{{Location: c.Loc, Message: "pinned certificate " + c.String()}}}
					switch {
					case c.X509.Subject.CommonName == model.ConditionalAccessRootCN:
						diag.Message = fmt.Sprintf("%s TrustedRootCA %q is the thumbprint of %s, the conditional-access cloud root: it signs the short-lived client certificates, never the NPS server certificate, so validation of the NPS server fails (0x800B0109)",
							m.Name(), n.Value(), c)
						diag.Fix = "pin the on-premises root CA of the NPS server certificate; the cloud root belongs in the NPS servers' trusted stores, not in TrustedRootCA"
					case string(c.X509.RawIssuer) != string(c.X509.RawSubject):
						// Self-issued counts as a root: an old root signed with
						// MD5 fails Go's signature check yet is a root.
						what := "a leaf certificate"
						if c.IsCA() || c.Roles.Has(model.RoleIntermediate) {
							what = "an intermediate CA"
						}
						diag.Message = fmt.Sprintf("%s TrustedRootCA %q is the thumbprint of %s, %s issued by %q, not a root: Windows compares TrustedRootCA with the root of the NPS server's chain only, so validation fails (0x800B0109)",
							m.Name(), n.Value(), c, what, c.X509.Issuer.String())
						if top := xrefChainTop(c); top != c && top.SelfSigned() {
							diag.Fix = fmt.Sprintf("replace it with the thumbprint of the root %q: %s", top.Subject(), top.Thumbprint())
						}
					default:
						continue
					}
					p.Report(diag)
				}
			}
		},
	})
}
