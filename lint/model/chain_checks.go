package model

import (
	"crypto"
	"crypto/dsa" //nolint:staticcheck // old CA certificates still carry DSA signatures
	"crypto/md5" //nolint:gosec // verifying old MD5 signatures, never making them
	"crypto/rsa"
	"crypto/sha1" //nolint:gosec // verifying old SHA-1 signatures, never making them
	"crypto/sha256"
	"crypto/x509"
	"encoding/asn1"
	"errors"
	"math/big"
	"net"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Extension OIDs the chain checks look for.
var (
	oidExtKeyUsage         = asn1.ObjectIdentifier{2, 5, 29, 15}
	oidExtBasicConstraints = asn1.ObjectIdentifier{2, 5, 29, 19}
	oidExtExtKeyUsage      = asn1.ObjectIdentifier{2, 5, 29, 37}
)

// HasExtension reports whether the certificate carries the extension, critical
// or not.
func (c *Cert) HasExtension(oid asn1.ObjectIdentifier) bool {
	for _, e := range c.X509.Extensions {
		if e.Id.Equal(oid) {
			return true
		}
	}
	return false
}

// SelfIssued reports whether subject and issuer are the same name: a root, or
// a CA's key rollover certificate (which a different key may sign).
func (c *Cert) SelfIssued() bool {
	return string(c.X509.RawIssuer) == string(c.X509.RawSubject)
}

// KeyUsageAllowsCertSign reports whether the keyUsage extension lets the
// key sign certificates: it is absent (Windows then allows every usage) or
// asserts keyCertSign.
func (c *Cert) KeyUsageAllowsCertSign() bool {
	return !c.HasExtension(oidExtKeyUsage) || c.X509.KeyUsage&x509.KeyUsageCertSign != 0
}

// PathLen returns the certificate's pathLenConstraint and whether it has one.
func (c *Cert) PathLen() (int, bool) {
	x := c.X509
	if !x.BasicConstraintsValid || !x.IsCA {
		return 0, false
	}
	if x.MaxPathLen > 0 || x.MaxPathLen == 0 && x.MaxPathLenZero {
		return x.MaxPathLen, true
	}
	return 0, false
}

// CAStatus says whether basicConstraints lets a certificate act as a CA, as
// Windows reads it.
type CAStatus int

// The answers of IssuerCAStatus.
const (
	CAValid              CAStatus = iota // basicConstraints cA TRUE
	CANotCA                              // basicConstraints present with cA FALSE
	CANoBasicConstraints                 // no basicConstraints extension on a certificate below the root
	// CARootNoBasicConstraints is a self-signed root at the top of the chain
	// without a basicConstraints extension (a version 1 root, say): Windows
	// accepts it as a CA, RFC 5280 does not.
	CARootNoBasicConstraints
)

// WindowsAccepts reports whether Windows lets a certificate with this status
// act as a CA: cA TRUE, or a self-signed root without basicConstraints.
func (s CAStatus) WindowsAccepts() bool { return s == CAValid || s == CARootNoBasicConstraints }

// IssuerCAStatus says whether chain[i], an issuer in the chain, may act as a
// CA. Windows treats a self-signed root at the top of the chain without a
// basicConstraints extension as a CA (version 1 roots have no extensions at
// all; CARootNoBasicConstraints) but no other certificate; a
// basicConstraints extension with cA FALSE disqualifies any certificate,
// roots included.
func IssuerCAStatus(chain []*Cert, i int) CAStatus {
	c := chain[i]
	switch {
	case c.IsCA():
		return CAValid
	case c.HasExtension(oidExtBasicConstraints) || c.X509.BasicConstraintsValid:
		return CANotCA
	case i == len(chain)-1 && c.SelfSigned():
		return CARootNoBasicConstraints
	}
	return CANoBasicConstraints
}

// PathLenExceeded finds the CA of the chain whose pathLenConstraint the CA
// certificates below it exceed. It returns the CA's index in the chain, its
// constraint and the number of CA certificates between it and chain[0] that
// count: those that are not self-issued (RFC 5280 6.1.4: chain[0] itself
// never counts, even when it is a CA). at is -1 when no constraint is
// exceeded.
func PathLenExceeded(chain []*Cert) (at, limit, below int) {
	for i := 2; i < len(chain); i++ {
		n, ok := chain[i].PathLen()
		if !ok {
			continue
		}
		count := 0
		for _, p := range chain[1:i] {
			if !p.SelfIssued() {
				count++
			}
		}
		if count > n {
			return i, n, count
		}
	}
	return -1, 0, 0
}

// NameViolation is a name of a certificate that a CA's name constraints
// exclude or do not permit.
type NameViolation struct {
	CA       int    // index of the constraining CA in the chain
	Cert     int    // index of the certificate whose name breaks it
	Name     string // the name as the certificate has it: "DNS:x", "IP:x", "email:x"
	Excluded bool   // false: outside every permitted subtree
}

// NameConstraintViolation checks every certificate of the chain against the
// name constraints (dNSName, iPAddress, rfc822Name) of the CAs above it, as
// RFC 5280 and CryptoAPI do: "example.com" covers the name and its
// subdomains, ".example.com" only subdomains. A wildcard SAN "*.example.com"
// is permitted when it lies within a permitted subtree as written, and
// excluded when any name it covers is excluded ("bar.example.com").
// Self-issued intermediates are not checked. ok is false when every name
// fits.
func NameConstraintViolation(chain []*Cert) (v NameViolation, ok bool) {
	for i := 1; i < len(chain); i++ {
		ca := chain[i].X509
		for j := 0; j < i; j++ {
			if j > 0 && chain[j].SelfIssued() {
				continue
			}
			x := chain[j].X509
			for _, n := range x.DNSNames {
				if bad, excl := checkSubtrees(n, ca.PermittedDNSDomains, ca.ExcludedDNSDomains, dnsWithin, dnsReaches); bad {
					return NameViolation{CA: i, Cert: j, Name: "DNS:" + n, Excluded: excl}, true
				}
			}
			for _, ip := range x.IPAddresses {
				within := func(_ string, r *net.IPNet) bool { return (ip.To4() == nil) == (r.IP.To4() == nil) && r.Contains(ip) }
				if bad, excl := checkSubtrees("", ca.PermittedIPRanges, ca.ExcludedIPRanges, within, within); bad {
					return NameViolation{CA: i, Cert: j, Name: "IP:" + ip.String(), Excluded: excl}, true
				}
			}
			for _, e := range x.EmailAddresses {
				if bad, excl := checkSubtrees(e, ca.PermittedEmailAddresses, ca.ExcludedEmailAddresses, emailWithin, emailWithin); bad {
					return NameViolation{CA: i, Cert: j, Name: "email:" + e, Excluded: excl}, true
				}
			}
		}
	}
	return NameViolation{}, false
}

// checkSubtrees judges a name: bad when reaches puts it in an excluded
// subtree, or when permitted subtrees exist and within puts it in none.
func checkSubtrees[T any](name string, permitted, excluded []T, within, reaches func(string, T) bool) (bad, isExcluded bool) {
	for _, e := range excluded {
		if reaches(name, e) {
			return true, true
		}
	}
	if len(permitted) == 0 {
		return false, false
	}
	for _, p := range permitted {
		if within(name, p) {
			return false, false
		}
	}
	return true, false
}

func dnsWithin(name, constraint string) bool {
	name = strings.ToLower(strings.TrimSuffix(name, "."))
	constraint = strings.ToLower(strings.TrimSuffix(constraint, "."))
	if constraint == "" {
		return true
	}
	if strings.HasPrefix(constraint, ".") {
		return strings.HasSuffix(name, constraint)
	}
	return name == constraint || strings.HasSuffix(name, "."+constraint)
}

// dnsReaches reports whether a DNS name can stand for a name within the
// constraint: it lies within it, or it is a wildcard "*.rest" and one of the
// names it covers ("label.rest") does, as "*.contoso.com" covers an excluded
// "bar.contoso.com".
func dnsReaches(name, constraint string) bool {
	if dnsWithin(name, constraint) {
		return true
	}
	rest, ok := strings.CutPrefix(strings.ToLower(strings.TrimSuffix(name, ".")), "*.")
	c := strings.ToLower(strings.TrimSuffix(constraint, "."))
	if !ok || c == "" || strings.HasPrefix(c, ".") {
		return false
	}
	label, tail, found := strings.Cut(c, ".")
	return found && label != "" && tail == rest
}

func emailWithin(addr, constraint string) bool {
	addr, constraint = strings.ToLower(addr), strings.ToLower(constraint)
	if strings.Contains(constraint, "@") {
		return addr == constraint
	}
	_, host, _ := strings.Cut(addr, "@")
	if strings.HasPrefix(constraint, ".") {
		return strings.HasSuffix(host, constraint)
	}
	return host == constraint
}

// ChainEKUs returns the usages a chain is valid for as Windows computes them:
// the intersection of the EKU extensions of all its certificates, a
// certificate without one (or with anyExtendedKeyUsage) restricting nothing.
// any is set when no certificate restricts; otherwise usages lists the
// remaining usages by dotted OID, possibly none.
func ChainEKUs(chain []*Cert) (usages []string, any bool) {
	var set map[string]bool
	for _, c := range chain {
		if c.NoEKU() || c.HasEKUOID(oidAnyEKU) || slices.Contains(c.X509.ExtKeyUsage, x509.ExtKeyUsageAny) {
			continue
		}
		own := map[string]bool{}
		for _, u := range c.X509.ExtKeyUsage {
			own[ekuOID(u)] = true
		}
		for _, o := range c.X509.UnknownExtKeyUsage {
			own[o.String()] = true
		}
		if set == nil {
			set = own
			continue
		}
		for k := range set {
			if !own[k] {
				delete(set, k)
			}
		}
	}
	if set == nil {
		return nil, true
	}
	for k := range set {
		usages = append(usages, k)
	}
	return usages, false
}

var oidAnyEKU = asn1.ObjectIdentifier{2, 5, 29, 37, 0}

const (
	oidServerAuth = "1.3.6.1.5.5.7.3.1"
	oidClientAuth = "1.3.6.1.5.5.7.3.2"
)

// ekuOID names a crypto/x509 usage by its dotted OID.
func ekuOID(u x509.ExtKeyUsage) string {
	arc := map[x509.ExtKeyUsage]string{
		x509.ExtKeyUsageServerAuth: oidServerAuth, x509.ExtKeyUsageClientAuth: oidClientAuth,
		x509.ExtKeyUsageCodeSigning: "1.3.6.1.5.5.7.3.3", x509.ExtKeyUsageEmailProtection: "1.3.6.1.5.5.7.3.4",
		x509.ExtKeyUsageIPSECEndSystem: "1.3.6.1.5.5.7.3.5", x509.ExtKeyUsageIPSECTunnel: "1.3.6.1.5.5.7.3.6",
		x509.ExtKeyUsageIPSECUser: "1.3.6.1.5.5.7.3.7", x509.ExtKeyUsageTimeStamping: "1.3.6.1.5.5.7.3.8",
		x509.ExtKeyUsageOCSPSigning: "1.3.6.1.5.5.7.3.9", x509.ExtKeyUsageMicrosoftServerGatedCrypto: "1.3.6.1.4.1.311.10.3.3",
		x509.ExtKeyUsageNetscapeServerGatedCrypto: "2.16.840.1.113730.4.1", x509.ExtKeyUsageMicrosoftCommercialCodeSigning: "1.3.6.1.4.1.311.2.1.22",
		x509.ExtKeyUsageMicrosoftKernelCodeSigning: "1.3.6.1.4.1.311.61.1.1",
	}
	if s, ok := arc[u]; ok {
		return s
	}
	return "eku-" + strconv.Itoa(int(u))
}

// FaultKind is a reason Windows rejects a chain.
type FaultKind int

// The faults ChainFaults finds.
const (
	FaultNotCA           FaultKind = iota + 1 // an issuer's basicConstraints does not make it a CA
	FaultKeyUsage                             // an issuer's keyUsage lacks keyCertSign
	FaultPathLen                              // a pathLenConstraint is exceeded
	FaultNameConstraints                      // a name breaks a CA's name constraints
	FaultTime                                 // a certificate is outside its validity period
	FaultEKU                                  // the EKUs of the chain leave neither Server nor Client Authentication
)

// Fault is one reason Windows rejects a chain, at chain[At].
type Fault struct {
	Kind FaultKind
	At   int
}

// ChainFaults lists what makes Windows CryptoAPI reject the chain at time now
// (a zero now skips the validity check): issuers that may not act as CAs or
// sign certificates, exceeded path lengths, broken name constraints,
// certificates outside their validity period, and EKUs whose intersection
// (ChainEKUs) leaves neither Server nor Client Authentication, the usages
// Always On VPN validates certificates for. Trust, revocation and the host
// name are not its business.
func ChainFaults(chain []*Cert, now time.Time) []Fault {
	var out []Fault
	for i, c := range chain {
		if !now.IsZero() && !c.ValidAt(now) {
			out = append(out, Fault{FaultTime, i})
		}
		if i == 0 {
			continue
		}
		if !IssuerCAStatus(chain, i).WindowsAccepts() {
			out = append(out, Fault{FaultNotCA, i})
		}
		if !c.KeyUsageAllowsCertSign() {
			out = append(out, Fault{FaultKeyUsage, i})
		}
	}
	if at, _, _ := PathLenExceeded(chain); at >= 0 {
		out = append(out, Fault{FaultPathLen, at})
	}
	if v, ok := NameConstraintViolation(chain); ok {
		out = append(out, Fault{FaultNameConstraints, v.CA})
	}
	if usages, any := ChainEKUs(chain); !any && !slices.Contains(usages, oidServerAuth) && !slices.Contains(usages, oidClientAuth) {
		out = append(out, Fault{FaultEKU, 0})
	}
	return out
}

// signedBy reports whether parent's key verifies child's signature. SHA-1,
// MD5 and DSA signatures are verified too (weak signatures are a rule's
// business, not a reason to lose the chain); algorithms nothing here can
// verify (MD2, unknown ones) link by name alone.
func signedBy(child, parent *Cert) bool {
	x := child.X509
	err := parent.X509.CheckSignature(x.SignatureAlgorithm, x.RawTBSCertificate, x.Signature)
	if err == nil {
		return true
	}
	if ok, known := verifyLegacy(x, parent.X509.PublicKey); known {
		return ok
	}
	var insecure x509.InsecureAlgorithmError
	return errors.As(err, &insecure) || errors.Is(err, x509.ErrUnsupportedAlgorithm)
}

// verifyLegacy verifies the signatures crypto/x509 refuses: MD5 with RSA and
// DSA. known is false for any other algorithm.
func verifyLegacy(x *x509.Certificate, pub any) (ok, known bool) {
	switch x.SignatureAlgorithm {
	case x509.MD5WithRSA:
		k, isRSA := pub.(*rsa.PublicKey)
		sum := md5.Sum(x.RawTBSCertificate) //nolint:gosec // verification of an old signature
		return isRSA && rsa.VerifyPKCS1v15(k, crypto.MD5, sum[:], x.Signature) == nil, true
	case x509.DSAWithSHA1, x509.DSAWithSHA256:
		k, isDSA := pub.(*dsa.PublicKey)
		if !isDSA {
			return false, true
		}
		var sig struct{ R, S *big.Int }
		if rest, err := asn1.Unmarshal(x.Signature, &sig); err != nil || len(rest) != 0 || sig.R == nil || sig.S == nil {
			return false, true
		}
		var digest []byte
		if x.SignatureAlgorithm == x509.DSAWithSHA1 {
			s := sha1.Sum(x.RawTBSCertificate) //nolint:gosec // verification of an old signature
			digest = s[:]
		} else {
			s := sha256.Sum256(x.RawTBSCertificate)
			digest = s[:]
		}
		// FIPS 186: the digest is truncated to the bit length of Q.
		if n := (k.Q.BitLen() + 7) / 8; len(digest) > n {
			digest = digest[:n]
		}
		return dsa.Verify(k, digest, sig.R, sig.S), true
	}
	return false, false
}
