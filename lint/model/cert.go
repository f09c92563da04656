package model

import (
	"crypto"
	"crypto/x509"
	"encoding/asn1"
	"net"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.step.sm/crypto/fingerprint"
)

// Role is what a certificate is for in the deployment, inferred from its
// extensions, its place in the chains and the names the profiles use.
type Role uint16

// The roles a certificate can have; one certificate may have several.
const (
	RoleRoot              Role = 1 << iota // self-signed CA
	RoleIntermediate                       // CA issued by another CA
	RoleVPNServer                          // IKEv2 server: named in Servers or --server-name, or Server Authentication / IKE intermediate EKU
	RoleNPSServer                          // RADIUS server: named by an EAP ServerNames entry
	RoleClient                             // user or device certificate: Client Authentication EKU
	RoleConditionalAccess                  // issued by "Microsoft VPN root CA gen 1"
)

var roleNames = []struct {
	r    Role
	name string
}{
	{RoleRoot, "root"}, {RoleIntermediate, "intermediate"}, {RoleVPNServer, "vpn-server"},
	{RoleNPSServer, "nps-server"}, {RoleClient, "client"}, {RoleConditionalAccess, "conditional-access"},
}

// Names returns the role names in a fixed order: "root", "vpn-server", ...
func (r Role) Names() []string {
	out := []string{}
	for _, n := range roleNames {
		if r&n.r != 0 {
			out = append(out, n.name)
		}
	}
	return out
}

// Has reports whether any of the given roles is set.
func (r Role) Has(roles Role) bool { return r&roles != 0 }

// ConditionalAccessRootCN is the subject of the root that Microsoft Entra ID
// issues conditional-access VPN certificates from.
const ConditionalAccessRootCN = "Microsoft VPN root CA gen 1"

// EKU OIDs Always On VPN cares about, beyond those crypto/x509 names.
var (
	OIDIKEIntermediate   = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 8, 2, 2}
	OIDConditionalAccess = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 311, 87}
)

// ChainStatus says where a certificate's best chain ends.
type ChainStatus int

// The ends a chain can have.
const (
	ChainTrusted    ChainStatus = iota + 1 // at a trust anchor
	ChainUntrusted                         // at a self-signed certificate that is no anchor
	ChainIncomplete                        // at a certificate whose issuer is not in the scan
)

// Cert is one certificate of the scan with where it came from and what the
// deployment makes of it.
type Cert struct {
	X509 *x509.Certificate
	Src  *Source
	// Loc spans the PEM block (BEGIN to END line); line 1 for DER.
	Loc    Location
	SHA1   string // lowercase hex, no separators
	SHA256 string
	// Trusted is set for certificates from --trust files: the roots the
	// clients trust.
	Trusted bool
	// NPS is set for certificates from --nps-cert files: NPS server
	// certificates whatever their names.
	NPS bool
	// VPN is set for certificates from --vpn-cert files: IKEv2 VPN server
	// certificates whatever their names and EKUs.
	VPN bool

	// Set by Deployment.Link.
	Roles  Role
	Anchor bool    // a trust anchor of this run
	Chain  []*Cert // best path to a root: Chain[0] is this certificate
	Status ChainStatus

	selfSigned int8 // 0 not yet known, 1 yes, 2 no
}

// NewCert wraps a parsed certificate found at loc.
func NewCert(c *x509.Certificate, src *Source, loc Location) *Cert {
	s1, _ := fingerprint.New(c.Raw, crypto.SHA1, fingerprint.HexFingerprint)
	s256, _ := fingerprint.New(c.Raw, crypto.SHA256, fingerprint.HexFingerprint)
	return &Cert{X509: c, Src: src, Loc: loc, SHA1: strings.ToLower(s1), SHA256: strings.ToLower(s256)}
}

// Thumbprint is the SHA-1 thumbprint as Windows shows it and profiles write it
// in TrustedRootCA: lowercase hex bytes separated by spaces.
func (c *Cert) Thumbprint() string {
	var b strings.Builder
	for i := 0; i+1 < len(c.SHA1); i += 2 {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(c.SHA1[i : i+2])
	}
	return b.String()
}

// Subject is the subject in RFC 4514 form, or "(empty subject)".
func (c *Cert) Subject() string {
	if s := c.X509.Subject.String(); s != "" {
		return s
	}
	return "(empty subject)"
}

// String names the certificate for messages: its subject and SHA-1 thumbprint.
func (c *Cert) String() string {
	return `"` + c.Subject() + `" (SHA-1 ` + c.Thumbprint() + `)`
}

// SelfSigned reports whether the certificate is its own issuer: same subject
// and issuer, and its own key verifies its signature. The answer is cached:
// chain building asks often and signature checks are slow.
func (c *Cert) SelfSigned() bool {
	if c.selfSigned == 0 {
		c.selfSigned = 2
		if c.SelfIssued() && signedBy(c, c) { // MD5 and DSA roots too
			c.selfSigned = 1
		}
	}
	return c.selfSigned == 1
}

// IsCA reports whether basicConstraints marks the certificate as a CA.
func (c *Cert) IsCA() bool { return c.X509.BasicConstraintsValid && c.X509.IsCA }

// HasEKU reports whether the certificate lists the usage. A certificate
// without an EKU extension, or with anyExtendedKeyUsage, is valid for every
// usage in Windows.
func (c *Cert) HasEKU(u x509.ExtKeyUsage) bool {
	if c.NoEKU() {
		return true
	}
	return slices.Contains(c.X509.ExtKeyUsage, u) || slices.Contains(c.X509.ExtKeyUsage, x509.ExtKeyUsageAny)
}

// HasEKUOID reports whether the certificate lists the usage OID explicitly.
func (c *Cert) HasEKUOID(oid asn1.ObjectIdentifier) bool {
	return slices.ContainsFunc(c.X509.UnknownExtKeyUsage, oid.Equal)
}

// NoEKU reports whether the certificate has no EKU extension at all. An EKU
// extension that lists no usage is not the same: it allows none.
func (c *Cert) NoEKU() bool {
	return len(c.X509.ExtKeyUsage) == 0 && len(c.X509.UnknownExtKeyUsage) == 0 && !c.HasExtension(oidExtExtKeyUsage)
}

// EKUNames lists the certificate's extended key usages by name, for messages.
func (c *Cert) EKUNames() []string {
	var out []string
	for _, u := range c.X509.ExtKeyUsage {
		out = append(out, ekuName(u))
	}
	for _, oid := range c.X509.UnknownExtKeyUsage {
		switch {
		case oid.Equal(OIDIKEIntermediate):
			out = append(out, "IP security IKE intermediate (1.3.6.1.5.5.8.2.2)")
		case oid.Equal(OIDConditionalAccess):
			out = append(out, "AAD Conditional Access (1.3.6.1.4.1.311.87)")
		default:
			out = append(out, oid.String())
		}
	}
	return out
}

func ekuName(u x509.ExtKeyUsage) string {
	switch u {
	case x509.ExtKeyUsageAny:
		return "Any Purpose"
	case x509.ExtKeyUsageServerAuth:
		return "Server Authentication (1.3.6.1.5.5.7.3.1)"
	case x509.ExtKeyUsageClientAuth:
		return "Client Authentication (1.3.6.1.5.5.7.3.2)"
	case x509.ExtKeyUsageCodeSigning:
		return "Code Signing"
	case x509.ExtKeyUsageEmailProtection:
		return "Secure Email"
	case x509.ExtKeyUsageIPSECEndSystem:
		return "IP security end system"
	case x509.ExtKeyUsageIPSECTunnel:
		return "IP security tunnel termination"
	case x509.ExtKeyUsageIPSECUser:
		return "IP security user"
	case x509.ExtKeyUsageTimeStamping:
		return "Time Stamping"
	case x509.ExtKeyUsageOCSPSigning:
		return "OCSP Signing"
	}
	return "EKU " + strconv.Itoa(int(u))
}

// ValidAt reports whether t lies in the certificate's validity period, both
// ends included. Certificates state whole seconds, so t is compared at that
// granularity: 00:00:00.005 is still 00:00:00.
func (c *Cert) ValidAt(t time.Time) bool {
	t = t.Truncate(time.Second)
	return !t.Before(c.X509.NotBefore) && !t.After(c.X509.NotAfter)
}

// MatchHost reports how the certificate covers a host the clients dial: a DNS
// name (case-insensitive; "*." covers exactly one leftmost label) or an IP
// address, which must be an IP SAN. byCN is set when only the subject CN
// matches a DNS name and the certificate has no DNS SANs.
func (c *Cert) MatchHost(host string) (bySAN, byCN bool) {
	host = strings.TrimSuffix(strings.TrimSpace(host), ".")
	if !MaybeIP(host) {
		// a DNS name: skip net.ParseIP, which allocates an error for it
	} else if ip := net.ParseIP(host); ip != nil {
		for _, a := range c.X509.IPAddresses {
			if a.Equal(ip) {
				return true, false
			}
		}
		return false, false
	}
	for _, n := range c.X509.DNSNames {
		if MatchDNSName(n, host) {
			return true, false
		}
	}
	if len(c.X509.DNSNames) == 0 && MatchDNSName(c.X509.Subject.CommonName, host) {
		return false, true
	}
	return false, false
}

// MatchDNSName matches a host against a certificate name that may start with a
// "*." wildcard covering exactly one label.
func MatchDNSName(pattern, host string) bool {
	pattern = strings.ToLower(strings.TrimSuffix(pattern, "."))
	host = strings.ToLower(host)
	if pattern == "" || host == "" {
		return false
	}
	if rest, ok := strings.CutPrefix(pattern, "*."); ok {
		// A wildcard needs at least two labels after it ("*.com" covers nothing)
		// and a non-empty label before them.
		if strings.Count(rest, ".") < 1 || strings.Contains(rest, "*") {
			return false
		}
		label, tail, found := strings.Cut(host, ".")
		return found && label != "" && tail == rest
	}
	if strings.Contains(pattern, "*") {
		return false
	}
	return pattern == host
}

// Names returns the DNS names a certificate answers to, for messages: DNS and
// IP SANs, or the CN when it has no SAN.
func (c *Cert) Names() []string {
	out := slices.Clone(c.X509.DNSNames)
	for _, ip := range c.X509.IPAddresses {
		out = append(out, ip.String())
	}
	if len(out) == 0 && c.X509.Subject.CommonName != "" {
		out = append(out, "CN="+c.X509.Subject.CommonName)
	}
	return out
}
