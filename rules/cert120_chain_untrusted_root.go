package rules

import (
	"fmt"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:               "CERT120",
		Name:             "chain-untrusted-root",
		Severity:         lint.Error,
		Summary:          "A VPN or NPS server certificate chains to a root the clients do not trust",
		Fix:              "issue the server certificate from a CA whose root the clients trust, or deploy that root to the clients' Trusted Root store (and pass it with --trust)",
		Tags:             []string{"security", "certificate"},
		WindowsErrors:    []string{"0x800B0109", "13801"},
		SecuritySeverity: 5.0,
		Check: func(p *lint.Pass) {
			d := p.Deployment
			if len(d.Anchors) == 0 {
				return // no root at all: nothing to judge trust by
			}
			for _, c := range d.Certs {
				if c.Status != model.ChainUntrusted {
					continue
				}
				kind := xrefServerKind(c)
				if kind == "" {
					continue
				}
				top := xrefChainTop(c)
				const store = "clients reject it with 0x800B0109 unless it is in their Trusted Root Certification Authorities store"
				var msg string
				var related []lint.Related
				switch {
				case !d.ImplicitAnchors && top != c:
					msg = fmt.Sprintf("%s %s chains to %s, a self-signed root that is not among the roots given with --trust: clients that trust only those roots reject the server with 0x800B0109",
						kind, c, top)
					related = []lint.Related{{Location: top.Loc, Message: "untrusted root " + top.String()}}
				case !d.ImplicitAnchors:
					msg = fmt.Sprintf("%s %s is self-signed and is not among the roots given with --trust: %s", kind, c, store)
				case top == c:
					msg = fmt.Sprintf("%s %s is self-signed: without --trust, aovpnlint trusts the self-signed CA certificates of the scan, and this one is no CA; %s", kind, c, store)
				default:
					// Without --trust a self-signed issuer that is no CA (a
					// version 1 root without basicConstraints) is as likely
					// the deployment's root as not: no judgement.
					continue
				}
				p.Report(lint.Diagnostic{At: c.Loc, Message: msg, Related: related})
			}
		},
	})
}
