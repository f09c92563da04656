package rules

import (
	"crypto/x509"
	"fmt"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

// Helpers for the cross-checks between profiles and certificates (XREF101,
// XREF102, XREF103, XREF110-XREF112) and the chain rules (CERT120, CERT121):
// which certificates of the scan are VPN and NPS server certificates, how a
// profile's host is compared with them and how they are named in messages.

// xrefHost returns a <Servers> or --server-name entry as certificates are
// matched against it: an IP address in canonical form (brackets and a port
// removed), or a DNS name without a port and a final dot.
func xrefHost(h string) string {
	h = strings.TrimSpace(h)
	if a, ok := serverAddr(h); ok {
		return a.String()
	}
	if name, port, ok := strings.Cut(h, ":"); ok && port != "" && strings.Trim(port, "0123456789") == "" {
		h = name
	}
	return strings.TrimSuffix(h, ".")
}

// xrefServerLeaf reports whether the certificate is an end-entity certificate
// of the deployment (no root or intermediate CA, no conditional-access client
// certificate).
func xrefServerLeaf(c *model.Cert) bool {
	return !c.Roles.Has(model.RoleRoot|model.RoleIntermediate|model.RoleConditionalAccess) && !c.IsCA()
}

// xrefNamesVPNHost reports whether a Servers entry or --server-name matches the
// certificate by SAN or CN.
func xrefNamesVPNHost(d *model.Deployment, c *model.Cert) bool {
	for _, h := range d.VPNServerHosts() {
		if san, cn := c.MatchHost(xrefHost(h)); san || cn {
			return true
		}
	}
	return false
}

// xrefIsVPNServer reports whether the certificate is an IKEv2 server
// certificate: a leaf with the vpn-server role. Role inference already keeps
// NPS-only and computer certificates out of that role (model.Deployment.Link).
func xrefIsVPNServer(c *model.Cert) bool {
	return xrefServerLeaf(c) && c.Roles.Has(model.RoleVPNServer)
}

// xrefVPNNameCerts are the certificates the hosts the clients dial are
// compared with (XREF101, XREF102): the VPN server certificates of the scan
// and, in scan order among them, any CA certificate given with --vpn-cert,
// which the server then presents as its own.
func xrefVPNNameCerts(d *model.Deployment) []*model.Cert {
	var out []*model.Cert
	for _, c := range d.Certs {
		if c.VPN || xrefIsVPNServer(c) {
			out = append(out, c)
		}
	}
	return out
}

// xrefIsNPSServer reports whether the certificate is an NPS (RADIUS) server
// certificate: given with --nps-cert, or a leaf named by an EAP ServerNames
// entry that is usable for Server Authentication.
func xrefIsNPSServer(c *model.Cert) bool {
	if !xrefServerLeaf(c) {
		return false
	}
	return c.NPS || c.Roles.Has(model.RoleNPSServer) && c.HasEKU(x509.ExtKeyUsageServerAuth)
}

// xrefServerKind names what a server certificate is for, for messages, or
// returns "" when it is neither a VPN nor an NPS server certificate.
func xrefServerKind(c *model.Cert) string {
	vpn, nps := xrefIsVPNServer(c), xrefIsNPSServer(c)
	switch {
	case vpn && nps:
		return "VPN and NPS server certificate"
	case vpn:
		return "VPN server certificate"
	case nps:
		return "NPS server certificate"
	}
	return ""
}

// xrefCertNames lists the names a certificate carries, for messages.
func xrefCertNames(c *model.Cert) string {
	n := c.Names()
	if len(n) == 0 {
		return "no name at all"
	}
	return strings.Join(n, ", ")
}

// xrefDescribeCerts names certificates with the names they carry, for messages;
// after three it counts the rest.
func xrefDescribeCerts(cs []*model.Cert) string {
	var parts []string
	for i, c := range cs {
		if i == 3 {
			parts = append(parts, fmt.Sprintf("and %d more", len(cs)-3))
			break
		}
		parts = append(parts, c.String()+" carrying "+xrefCertNames(c))
	}
	return strings.Join(parts, "; ")
}

// xrefRelated makes each VPN server certificate a related location.
func xrefRelated(cs []*model.Cert) []lint.Related {
	var out []lint.Related
	for _, c := range cs {
		out = append(out, lint.Related{Location: c.Loc, Message: "VPN server certificate " + c.String()})
	}
	return out
}

// xrefThumbprint reads a TrustedRootCA value as lowercase hex without white
// space; ok is false for a value VPN205 reports (or an empty one).
func xrefThumbprint(v string) (string, bool) {
	if strings.TrimSpace(v) == "" || eapThumbprintProblem(v) != "" {
		return "", false
	}
	return strings.ToLower(strings.Join(strings.Fields(v), "")), true
}

// xrefCertBySHA1 returns the first certificate of the scan with the SHA-1
// thumbprint (lowercase hex), or nil.
func xrefCertBySHA1(d *model.Deployment, sha1 string) *model.Cert {
	for _, c := range d.Certs {
		if c.SHA1 == sha1 {
			return c
		}
	}
	return nil
}

// xrefValidationOff reports whether the level does not validate the server at
// all (PerformServerValidation false, which VPN201 reports): nothing it pins
// is then checked.
func xrefValidationOff(m *model.EapMethod) bool {
	return m.PerformServerValidation.IsFalse()
}

// xrefChainTop is the last certificate of the chain: the root reached, or where
// the chain stops.
func xrefChainTop(c *model.Cert) *model.Cert {
	if len(c.Chain) == 0 {
		return c
	}
	return c.Chain[len(c.Chain)-1]
}

// xrefHostMatch is how the VPN server certificates of the scan cover one host.
type xrefHostMatch struct {
	san []*model.Cert // by a DNS or IP SAN
	// cnOnly match by subject CN and have no DNS SAN: the name check passes
	// (XREF102 warns).
	cnOnly []*model.Cert
	// cnNotSAN match by subject CN but carry DNS SANs, none of which matches:
	// the validator ignores the CN and the name check fails (XREF101).
	cnNotSAN []*model.Cert
}

// xrefMatchVPNHost compares a host (see xrefHost) with each certificate.
func xrefMatchVPNHost(cands []*model.Cert, host string) xrefHostMatch {
	var m xrefHostMatch
	_, isIP := serverAddr(host)
	for _, c := range cands {
		san, cn := c.MatchHost(host)
		switch {
		case san:
			m.san = append(m.san, c)
		case cn:
			m.cnOnly = append(m.cnOnly, c)
		case !isIP && model.MatchDNSName(c.X509.Subject.CommonName, host):
			m.cnNotSAN = append(m.cnNotSAN, c)
		}
	}
	return m
}

// xrefHostEntry is a host the clients dial: a <Servers> entry of a profile
// (Loc set) or a --server-name (no Loc).
type xrefHostEntry struct {
	host   string // as written
	match  string // xrefHost(host)
	loc    model.Location
	inFile bool
}

// xrefHostEntries lists every profile's <Servers> entries, skipping
// placeholders (VPN102 reports them), then the --server-name values that no
// profile lists.
func xrefHostEntries(d *model.Deployment) []xrefHostEntry {
	var out []xrefHostEntry
	seen := map[string]bool{}
	for _, p := range d.Profiles {
		if p.Native == nil {
			continue
		}
		for _, s := range p.Native.ServerList {
			h := xrefHost(s.Host)
			if h == "" || placeholderReason(s.Host) != "" {
				continue
			}
			seen[strings.ToLower(h)] = true
			out = append(out, xrefHostEntry{host: s.Host, match: h, loc: s.Loc, inFile: true})
		}
	}
	for _, n := range d.ServerNames {
		h := xrefHost(n)
		if h == "" || seen[strings.ToLower(h)] {
			continue
		}
		seen[strings.ToLower(h)] = true
		out = append(out, xrefHostEntry{host: strings.TrimSpace(n), match: h})
	}
	return out
}

// what names the entry for messages.
func (e xrefHostEntry) what() string {
	if e.inFile {
		return fmt.Sprintf("server %q in <Servers>", e.host)
	}
	return fmt.Sprintf("--server-name %q", e.host)
}

// xrefReportHost reports a finding about a host the clients dial at its
// <Servers> entry, with the certificates as related locations. A
// --server-name has no place in a file: the finding goes to the first
// certificate instead.
func xrefReportHost(p *lint.Pass, e xrefHostEntry, msg string, certs []*model.Cert) {
	if e.inFile {
		p.Report(lint.Diagnostic{At: e.loc, Message: msg, Related: xrefRelated(certs)})
		return
	}
	p.Report(lint.Diagnostic{At: certs[0].Loc, Message: msg, Related: xrefRelated(certs[1:])})
}
