package model

import (
	"crypto/x509"
	"regexp"
	"slices"
	"strings"
	"time"
)

// maxChainDepth bounds path building: real AOVPN chains have two or three
// certificates, and cross-signed loops must not run away.
const maxChainDepth = 8

// maxPathSteps bounds the work of building one certificate's chain: a pool of
// cross-signed CAs can offer very many paths, and Windows gives up too.
const maxPathSteps = 20000

// Link builds every certificate's chain from all certificates of the scan,
// picks the trust anchors and infers the roles. Call it once, after all files
// and trust files are added and ServerNames and Now are set.
//
// Trust anchors are the certificates of --trust files. Without any, the
// self-signed CA certificates of the scan serve as anchors and
// ImplicitAnchors is set so that the output can say so.
//
// Of the paths from a certificate towards a root, Link keeps the one Windows
// would settle on: one that ends at a trust anchor if any does, then one
// with the fewest faults (see ChainFaults: issuers that may not act as CAs,
// exceeded path lengths, validity, usages, name constraints), then the
// shortest trusted or the longest untrusted one; ties go to the first issuer
// found, in scan order.
func (d *Deployment) Link() {
	issuers := map[string][]*Cert{} // by raw subject
	for _, c := range d.Certs {
		issuers[string(c.X509.RawSubject)] = append(issuers[string(c.X509.RawSubject)], c)
	}
	d.Anchors = nil
	for _, c := range d.Certs {
		c.Anchor = false
		if c.Trusted {
			c.Anchor = true
			d.Anchors = append(d.Anchors, c)
		}
	}
	d.ImplicitAnchors = false
	if len(d.Anchors) == 0 {
		for _, c := range d.Certs {
			if c.IsCA() && c.SelfSigned() {
				c.Anchor = true
				d.Anchors = append(d.Anchors, c)
			}
		}
		d.ImplicitAnchors = len(d.Anchors) > 0
	}
	b := &pathBuilder{issuers: issuers, now: d.Now, signed: map[[2]*Cert]bool{}}
	for _, c := range d.Certs {
		c.Chain, c.Status = b.best(c)
	}
	d.inferRoles()
}

// pathBuilder finds chains; it remembers signature checks, which are the
// expensive part.
type pathBuilder struct {
	issuers map[string][]*Cert
	now     time.Time
	signed  map[[2]*Cert]bool
}

func (b *pathBuilder) signedBy(child, parent *Cert) bool {
	k := [2]*Cert{child, parent}
	ok, seen := b.signed[k]
	if !seen {
		ok = signedBy(child, parent)
		b.signed[k] = ok
	}
	return ok
}

// pathRank orders candidate paths: trusted first, then fewer faults, then
// length (shorter when trusted, longer otherwise).
type pathRank struct {
	trusted bool
	faults  int
	length  int
}

func (r pathRank) better(o pathRank) bool {
	if r.trusted != o.trusted {
		return r.trusted
	}
	if r.faults != o.faults {
		return r.faults < o.faults
	}
	if r.trusted {
		return r.length < o.length
	}
	return r.length > o.length
}

// best returns the best path from c towards a root (see Link).
func (b *pathBuilder) best(c *Cert) ([]*Cert, ChainStatus) {
	var best []*Cert
	var bestStatus ChainStatus
	var bestRank pathRank
	steps := 0
	var walk func(path []*Cert)
	walk = func(path []*Cert) {
		steps++
		top := path[len(path)-1]
		var next []*Cert
		if !top.Anchor && !top.SelfSigned() && len(path) < maxChainDepth && steps < maxPathSteps {
			for _, p := range b.issuers[string(top.X509.RawIssuer)] {
				if !slices.Contains(path, p) && b.signedBy(top, p) {
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
			rank := pathRank{trusted: status == ChainTrusted, faults: len(ChainFaults(path, b.now)), length: len(path)}
			if best == nil || rank.better(bestRank) {
				best, bestStatus, bestRank = append([]*Cert(nil), path...), status, rank
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

// inferRoles sets each certificate's roles from its extensions, its place in
// the chains and the names the profiles and EAP configurations use.
func (d *Deployment) inferRoles() {
	d.fillLinkCache()
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
			if named || c.VPN || !npsNamed && !c.NPS && serverByEKU(c) {
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
		// --vpn-cert and --nps-cert say what a certificate is for, even a CA
		// certificate used as a server's.
		if c.VPN {
			r |= RoleVPNServer
		}
		if c.NPS {
			r |= RoleNPSServer
		}
		c.Roles = r
	}
}

// serverByEKU reports whether a certificate's EKUs alone make it look like an
// IKEv2 server certificate: Server Authentication or IP security IKE
// intermediate listed explicitly, without Client Authentication. A leaf that
// also lists Client Authentication is a computer certificate (the Computer
// template has Client and Server Authentication, IPsec machine certificates
// Client Authentication and IKE intermediate) unless a profile names it.
func serverByEKU(c *Cert) bool {
	eku := c.X509.ExtKeyUsage
	return (slices.Contains(eku, x509.ExtKeyUsageServerAuth) || c.HasEKUOID(OIDIKEIntermediate)) &&
		!slices.Contains(eku, x509.ExtKeyUsageClientAuth)
}

// VPNServerHosts are the hosts clients dial: every profile's Servers entries
// and the --server-name values, each once. After Link the list is computed
// once (rules ask for it per certificate): callers must not modify it.
func (d *Deployment) VPNServerHosts() []string {
	if lc := d.linked(); lc != nil {
		return lc.hosts
	}
	return d.vpnServerHosts()
}

func (d *Deployment) vpnServerHosts() []string {
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
// configuration, each once: each is an anchored, case-insensitive regular
// expression, as Windows reads them. Entries that do not compile are left
// out. After Link the list is computed once: callers must not modify it.
func (d *Deployment) NPSServerPatterns() []*regexp.Regexp {
	if lc := d.linked(); lc != nil {
		return lc.patterns
	}
	patterns, _ := d.npsServerPatterns()
	return patterns
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
	for _, re := range patterns {
		if cn := c.X509.Subject.CommonName; cn != "" && re.MatchString(cn) {
			return true
		}
		for _, n := range c.X509.DNSNames {
			if n != "" && re.MatchString(n) {
				return true
			}
		}
	}
	return false
}
