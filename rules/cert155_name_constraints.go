package rules

import (
	"fmt"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:            "CERT155",
		Name:          "name-constraints-violated",
		Severity:      lint.Error,
		Summary:       "A certificate's name lies outside the name constraints of a CA above it",
		Fix:           "reissue the certificate with names inside the CA's permitted subtrees, or renew the CA with constraints that cover them",
		Tags:          []string{"reliability", "certificate"},
		WindowsErrors: []string{"0x800B0114", "13801"},
		CheckCert: func(p *lint.Pass, c *model.Cert) {
			if !isTerminal(p.Deployment, c) {
				return
			}
			v, bad := model.NameConstraintViolation(c.Chain)
			if !bad {
				return
			}
			ca, holder := c.Chain[v.CA], c.Chain[v.Cert]
			rule := "lies outside every permitted subtree (" + nameSubtrees(ca, v.Name, true) + ")"
			if v.Excluded {
				rule = "falls in an excluded subtree (" + nameSubtrees(ca, v.Name, false) + ")"
			}
			whose := "its name " + v.Name
			if holder != c {
				whose = fmt.Sprintf("the name %s of %s in its chain", v.Name, holder)
			}
			p.Report(lint.Diagnostic{
				At: c.Loc,
				Message: fmt.Sprintf("%s certificate %s: %s %s of the name constraints of %s: Windows rejects the chain (CERT_E_INVALID_NAME 0x800B0114; IKEv2 clients report 13801)",
					cryptoRole(c), c, whose, rule, ca),
				Related: []lint.Related{{Location: ca.Loc, Message: "CA with name constraints: " + ca.String()}},
			})
		},
	})
}

// nameSubtrees lists a CA's permitted or excluded subtrees of the name's
// kind ("DNS:", "IP:", "email:") for messages.
func nameSubtrees(ca *model.Cert, name string, permitted bool) string {
	x := ca.X509
	var list []string
	switch kind, _, _ := strings.Cut(name, ":"); kind {
	case "DNS":
		list = x.ExcludedDNSDomains
		if permitted {
			list = x.PermittedDNSDomains
		}
	case "IP":
		nets := x.ExcludedIPRanges
		if permitted {
			nets = x.PermittedIPRanges
		}
		for _, n := range nets {
			list = append(list, n.String())
		}
	case "email":
		list = x.ExcludedEmailAddresses
		if permitted {
			list = x.PermittedEmailAddresses
		}
	}
	return strings.Join(list, ", ")
}
