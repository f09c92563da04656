package rules

import (
	"crypto/x509"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:               "XREF112",
		Name:             "nps-server-untrusted-by-profile",
		Severity:         lint.Error,
		Summary:          "The NPS server certificate does not chain to a root that TrustedRootCA pins",
		Fix:              "add the SHA-1 thumbprint of the NPS server certificate's root CA as a TrustedRootCA",
		Tags:             []string{"eap", "security"},
		WindowsErrors:    []string{"0x800B0109"},
		SecuritySeverity: 5.0,
		CheckEap: func(p *lint.Pass, cfg *model.EapConfig) {
			d := p.Deployment
			for _, m := range cfg.Methods() {
				sv := m.ServerValidation
				if sv == nil || xrefValidationOff(m) {
					continue
				}
				var pins []string
				var at *model.Node
				for _, n := range sv.TrustedRootCAs {
					if t, ok := xrefThumbprint(n.Value()); ok {
						pins = append(pins, t)
						if at == nil {
							at = n
						}
					}
				}
				if len(pins) == 0 {
					continue // nothing pinned (VPN204) or only malformed pins (VPN205)
				}
				for _, c := range xrefNPSCertsOf(d, sv.ServerNames.Value()) {
					if slices.ContainsFunc(c.Chain, func(x *model.Cert) bool { return slices.Contains(pins, x.SHA1) }) {
						continue
					}
					if c.Status == model.ChainIncomplete {
						// The missing issuer may chain to a pinned root: only
						// CERT121 can say something about this chain.
						continue
					}
					top := xrefChainTop(c)
					related := []lint.Related{{Location: c.Loc, Message: "NPS server certificate " + c.String()}}
					pinned := fmt.Sprintf("the %s TrustedRootCA values (%s)", m.Name(), xrefDescribePins(d, pins))
					var msg string
					if top == c {
						msg = fmt.Sprintf("NPS server certificate %s is self-signed, and %s do not pin it", c, pinned)
					} else {
						msg = fmt.Sprintf("NPS server certificate %s chains to %s, which %s do not pin", c, top, pinned)
						related = append(related, lint.Related{Location: top.Loc, Message: "root of the NPS server certificate " + top.String()})
					}
					msg += ": the client rejects the NPS server (0x800B0109)"
					p.Report(lint.Diagnostic{At: at.ValueLoc(), Message: msg, Related: related})
				}
			}
		},
	})
}

// xrefNPSCertsOf returns the NPS server certificates a ServerValidation level
// applies to: the server certificates whose CN or a DNS SAN matches its
// ServerNames, or, when ServerNames is empty, those given with --nps-cert.
// A certificate that a VPN server host names is left out unless --nps-cert
// gives it: a broad pattern such as .*\.contoso\.com also matches the VPN
// server, which answers IKE, not EAP.
func xrefNPSCertsOf(d *model.Deployment, serverNames string) []*model.Cert {
	// An estate's EAP methods repeat a few ServerNames values: compute each
	// once per scan (the result is shared, read only).
	return d.Memo(xrefNPSCertsKey(serverNames), func() any { return xrefNPSCertsOfUncached(d, serverNames) }).([]*model.Cert)
}

type xrefNPSCertsKey string

func xrefNPSCertsOfUncached(d *model.Deployment, serverNames string) []*model.Cert {
	var out []*model.Cert
	if strings.TrimSpace(serverNames) == "" {
		for _, c := range d.Certs {
			if c.NPS && xrefServerLeaf(c) {
				out = append(out, c)
			}
		}
		return out
	}
	pats := d.ServerNamePatternsOf(serverNames)
	for _, c := range d.Certs {
		if xrefServerLeaf(c) && c.HasEKU(x509.ExtKeyUsageServerAuth) && model.MatchesNPSNames(c, pats) && (c.NPS || !xrefNamesVPNHost(d, c)) {
			out = append(out, c)
		}
	}
	return out
}

// xrefDescribePins lists pinned thumbprints with the subject of the certificate
// each names, when the scan has it.
func xrefDescribePins(d *model.Deployment, pins []string) string {
	var out []string
	for _, t := range pins {
		if c := xrefCertBySHA1(d, t); c != nil {
			out = append(out, c.String())
		} else {
			out = append(out, strconv.Quote(xrefSpaced(t))+" (not in the scan)")
		}
	}
	return strings.Join(out, ", ")
}

// xrefSpaced writes a hex thumbprint as Windows shows it: byte pairs separated by
// spaces.
func xrefSpaced(hex string) string {
	var b strings.Builder
	for i := 0; i+1 < len(hex); i += 2 {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(hex[i : i+2])
	}
	return b.String()
}
