package rules

import (
	"fmt"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:            "CERT121",
		Name:          "chain-missing-intermediate",
		Severity:      lint.Error,
		Summary:       "A VPN or NPS server certificate's chain stops at an issuer missing from the scan",
		Fix:           "add the missing intermediate CA certificate to the scan and make sure the server and the clients have it",
		Tags:          []string{"reliability", "certificate"},
		WindowsErrors: []string{"13801", "0x800B0109"},
		Check: func(p *lint.Pass) {
			d := p.Deployment
			if len(d.Anchors) == 0 {
				return // no root at all: every chain is incomplete, nothing to judge
			}
			for _, c := range d.Certs {
				if c.Status != model.ChainIncomplete {
					continue
				}
				kind := xrefServerKind(c)
				if kind == "" {
					continue
				}
				top := xrefChainTop(c)
				issuer := top.X509.Issuer.String()
				if issuer == "" {
					issuer = "(empty issuer)"
				}
				var msg string
				var related []lint.Related
				if top == c {
					msg = fmt.Sprintf("%s %s was issued by %q, which is not among the scanned certificates", kind, c, issuer)
				} else {
					msg = fmt.Sprintf("the chain of %s %s stops at %s: its issuer %q is not among the scanned certificates", kind, c, top, issuer)
					related = append(related, lint.Related{Location: top.Loc, Message: "the chain stops at " + top.String()})
				}
				if other := xrefSameSubject(d, top); other != nil {
					msg += fmt.Sprintf(" (the scan holds %s with that name, but its key did not sign %s: a CA renewed with a new key?)", other, top)
					related = append(related, lint.Related{Location: other.Loc, Message: "same name, other key: " + other.String()})
				}
				msg += ": the chain to a trusted root cannot be built, and a client that lacks the intermediate rejects the server (13801, 0x800B0109)"
				p.Report(lint.Diagnostic{At: c.Loc, Message: msg, Related: related})
			}
		},
	})
}

// xrefSameSubject returns a certificate of the scan whose subject is c's issuer
// name, or nil: one that has the issuer's name but did not sign c.
func xrefSameSubject(d *model.Deployment, c *model.Cert) *model.Cert {
	for _, o := range d.Certs {
		if o != c && string(o.X509.RawSubject) == string(c.X509.RawIssuer) {
			return o
		}
	}
	return nil
}
