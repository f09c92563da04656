package model

import (
	"crypto/x509"
	"regexp"
	"strings"
)

// maxChainDepth bounds path building: real AOVPN chains have two or three
// certificates, and cross-signed loops must not run away.
const maxChainDepth = 8

// Link builds every certificate's chain from all certificates of the scan,
// picks the trust anchors and infers the roles. Call it once, after all files
// and trust files are added and ServerNames is set.
//
// Trust anchors are the certificates of --trust files. Without any, the
// self-signed CA certificates of the scan serve as anchors and
// ImplicitAnchors is set so that the output can say so.
func (d *Deployment) Link() {
	issuers := map[string][]*Cert{} // by raw subject
	for _, c := range d.Certs {
		issuers[string(c.X509.RawSubject)] = append(issuers[string(c.X509.RawSubject)], c)
	}
	d.Anchors = nil
	for _, c := range d.Certs {
		if c.Trusted {
			c.Anchor = true
			d.Anchors = append(d.Anchors, c)
		}
	}
	if len(d.Anchors) == 0 {
		for _, c := range d.Certs {
			if c.IsCA() && c.SelfSigned() {
				c.Anchor = true
				d.Anchors = append(d.Anchors, c)
			}
		}
		d.ImplicitAnchors = len(d.Anchors) > 0
	}
	for _, c := range d.Certs {
		c.Chain, c.Status = bestChain(c, issuers)
	}
	d.inferRoles()
}

// bestChain returns the best path from c towards a root: one that ends at a
// trust anchor if any does, then one whose certificates are all valid CAs,
// then the longest; ties go to the first issuer found, in scan order.
func bestChain(c *Cert, issuers map[string][]*Cert) ([]*Cert, ChainStatus) {
	var best []*Cert
	var bestStatus ChainStatus
	bestScore := -1
	var walk func(path []*Cert)
	walk = func(path []*Cert) {
		top := path[len(path)-1]
		var next []*Cert
		if !top.Anchor && !top.SelfSigned() && len(path) < maxChainDepth {
			for _, p := range issuers[string(top.X509.RawIssuer)] {
				if !contains(path, p) && signedBy(top, p) {
					next = append(next, p)
				}
			}
		}
		if len(next) == 0 {
			status := ChainIncomplete
			switch {
			case top.Anchor:
				status = ChainTrusted
			case top.SelfSigned():
				status = ChainUntrusted
			}
			if s := chainScore(path, status); s > bestScore {
				best, bestStatus, bestScore = append([]*Cert(nil), path...), status, s
			}
			return
		}
		for _, p := range next {
			walk(append(path, p))
		}
	}
	walk([]*Cert{c})
	return best, bestStatus
}

func chainScore(path []*Cert, status ChainStatus) int {
	score := 0
	if status == ChainTrusted {
		score += 1000
	}
	ok := true
	for _, p := range path[1:] {
		if !p.IsCA() {
			ok = false
		}
	}
	if ok {
		score += 100
	}
	return score + len(path)
}

// signedBy reports whether parent's key verifies child's signature. SHA-1
// signatures are verified (weak signatures are a rule's business, not a
// reason to lose the chain); algorithms Go cannot verify at all (MD5) link by
// name alone.
func signedBy(child, parent *Cert) bool {
	err := parent.X509.CheckSignature(child.X509.SignatureAlgorithm, child.X509.RawTBSCertificate, child.X509.Signature)
	if err == nil {
		return true
	}
	return strings.Contains(err.Error(), "insecure algorithm") || strings.Contains(err.Error(), "unsupported")
}

func contains(path []*Cert, c *Cert) bool {
	for _, p := range path {
		if p == c {
			return true
		}
	}
	return false
}

// inferRoles sets each certificate's roles from its extensions, its place in
// the chains and the names the profiles and EAP configurations use.
func (d *Deployment) inferRoles() {
	hosts := d.VPNServerHosts()
	patterns := d.NPSServerPatterns()
	issuesOthers := map[*Cert]bool{}
	for _, c := range d.Certs {
		for _, p := range c.Chain[1:] {
			issuesOthers[p] = true
		}
	}
	for _, c := range d.Certs {
		var r Role
		x := c.X509
		switch {
		case c.SelfSigned() && (c.IsCA() || issuesOthers[c] || c.Trusted):
			r |= RoleRoot
		case c.IsCA() || issuesOthers[c]:
			r |= RoleIntermediate
		}
		if r == 0 {
			named := false
			for _, h := range hosts {
				if san, cn := c.MatchHost(h); san || cn {
					named = true
				}
			}
			npsNamed := MatchesNPSNames(c, patterns)
			if npsNamed || c.NPS {
				r |= RoleNPSServer
			}
			if named || c.VPN || !npsNamed && !c.NPS && !c.NoEKU() && (c.HasEKU(x509.ExtKeyUsageServerAuth) || c.HasEKUOID(OIDIKEIntermediate)) {
				r |= RoleVPNServer
			}
			if x.Issuer.CommonName == ConditionalAccessRootCN {
				r |= RoleConditionalAccess
			}
			// Any other leaf is presumed a user or device certificate: a
			// deployment's leaves are servers and clients.
			if r&(RoleVPNServer|RoleNPSServer) == 0 || !c.NoEKU() && c.HasEKU(x509.ExtKeyUsageClientAuth) {
				r |= RoleClient
			}
		}
		c.Roles = r
	}
}

// VPNServerHosts are the hosts clients dial: every profile's Servers entries
// and the --server-name values, each once.
func (d *Deployment) VPNServerHosts() []string {
	var out []string
	seen := map[string]bool{}
	add := func(h string) {
		h = strings.ToLower(strings.Trim(strings.TrimSpace(h), "[]"))
		if h != "" && !seen[h] {
			seen[h] = true
			out = append(out, h)
		}
	}
	for _, p := range d.Profiles {
		if p.Native != nil {
			for _, s := range p.Native.ServerList {
				add(s.Host)
			}
		}
	}
	for _, h := range d.ServerNames {
		add(h)
	}
	return out
}

// NPSServerPatterns are the compiled ServerNames entries of every EAP
// configuration: each is an anchored, case-insensitive regular expression,
// as Windows reads them. Entries that do not compile are left out.
func (d *Deployment) NPSServerPatterns() []*regexp.Regexp {
	var out []*regexp.Regexp
	for _, cfg := range d.EapConfigs {
		for _, m := range cfg.Methods() {
			if m.ServerValidation == nil {
				continue
			}
			out = append(out, ServerNamePatterns(m.ServerValidation.ServerNames.Value())...)
		}
	}
	return out
}

// ServerNamePatterns compiles a ServerNames value: entries separated by
// semicolons, each an anchored, case-insensitive regular expression.
func ServerNamePatterns(v string) []*regexp.Regexp {
	var out []*regexp.Regexp
	for _, e := range strings.Split(v, ";") {
		if e = strings.TrimSpace(e); e == "" {
			continue
		}
		if re, err := regexp.Compile(`(?i)^(?:` + e + `)$`); err == nil {
			out = append(out, re)
		}
	}
	return out
}

// MatchesNPSNames reports whether the certificate's CN or a DNS SAN matches
// one of the patterns.
func MatchesNPSNames(c *Cert, patterns []*regexp.Regexp) bool {
	names := append([]string{c.X509.Subject.CommonName}, c.X509.DNSNames...)
	for _, re := range patterns {
		for _, n := range names {
			if n != "" && re.MatchString(n) {
				return true
			}
		}
	}
	return false
}
