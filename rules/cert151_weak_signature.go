package rules

import (
	"fmt"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:               "CERT151",
		Name:             "weak-signature",
		Severity:         lint.Error,
		Summary:          "A certificate below the root is signed with SHA-1, MD5 or MD2",
		Fix:              "reissue the certificate from a CA that signs with SHA-256 or stronger (AD CS: CNGHashAlgorithm SHA256)",
		Tags:             []string{"security", "certificate"},
		SecuritySeverity: 7.0,
		CheckCert: func(p *lint.Pass, c *model.Cert) {
			hash := weakSignature(c.X509.SignatureAlgorithm)
			// Nobody checks a self-signed root's own signature: the root is
			// trusted because it is in the store.
			if hash == "" || c.SelfSigned() {
				return
			}
			by := "its issuer"
			var related []lint.Related
			if len(c.Chain) > 1 {
				by = c.Chain[1].String()
				related = []lint.Related{{Location: c.Chain[1].Loc, Message: "issuer " + c.Chain[1].String()}}
			}
			p.Report(lint.Diagnostic{
				At: c.Loc,
				Message: fmt.Sprintf("%s certificate %s is signed by %s with %s (%s): %s collisions are practical, so whoever gets a certificate from that CA can craft another one with other names and usages that carries the same valid signature",
					cryptoRole(c), c, by, hash, c.X509.SignatureAlgorithm, hash),
				Related: related,
			})
		},
	})
}
