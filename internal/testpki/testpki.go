// Package testpki builds small certificate hierarchies for tests: roots,
// intermediates and leaves with exactly the extensions a test needs. Under a
// *testing.T the randomness is seeded (testing/cryptotest), so the same
// program produces the same certificate bytes on every run and fixtures
// generated from it can be checked in and regenerated.
package testpki

import (
	"crypto"
	"crypto/sha1" //nolint:gosec // SHA-1 is the thumbprint Windows profiles use
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/binary"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"strings"
	"testing"
	"testing/cryptotest"
	"time"

	"go.step.sm/crypto/keyutil"
	"go.step.sm/crypto/x509util"
)

// Default validity: every fixture is valid at linttest.Now (2026-06-01).
var (
	DefaultNotBefore = time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)
	DefaultNotAfter  = time.Date(2028, time.January, 1, 0, 0, 0, 0, time.UTC)
)

// Well-known EKU OIDs of Always On VPN.
var (
	OIDIKEIntermediate    = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 8, 2, 2}
	OIDConditionalAccess  = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 311, 87}
	OIDEmailProtectionEKU = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 4}
)

// Spec describes one certificate. Zero values take sensible defaults: an
// end-entity certificate with a P-256 key, valid 2026-01-01 to 2028-01-01.
type Spec struct {
	CN           string
	Organization string
	EmptySubject bool // no subject at all (CN ignored)
	DNS          []string
	IPs          []string
	Emails       []string

	EKU        []x509.ExtKeyUsage
	UnknownEKU []asn1.ObjectIdentifier
	KeyUsage   x509.KeyUsage

	CA                 bool
	NoBasicConstraints bool // leave the extension out (CA or not)
	MaxPathLen         int  // with CA: -1 none, 0 means unset unless MaxPathLenZero
	MaxPathLenZero     bool

	NotBefore, NotAfter time.Time

	// Key is "P-256" (default), "P-384", "RSA-2048", "RSA-1024" or "RSA-3072".
	Key    string
	SigAlg x509.SignatureAlgorithm // default: the key's SHA-256 algorithm
}

// Cert is an issued certificate with its key.
type Cert struct {
	*x509.Certificate
	Key    crypto.Signer
	Issuer *Cert // nil for self-signed
}

// Seed makes a test's randomness deterministic; call it once at the start of
// a test that writes fixtures. Benchmarks and helpers without a *testing.T get
// ordinary randomness.
func Seed(tb testing.TB, seed uint64) {
	tb.Helper()
	if t, ok := tb.(*testing.T); ok {
		cryptotest.SetGlobalRandom(t, seed)
	}
}

// Root returns a self-signed root CA.
func Root(tb testing.TB, cn string) *Cert {
	tb.Helper()
	return SelfSigned(tb, Spec{CN: cn, CA: true})
}

// SelfSigned returns a self-signed certificate built from spec.
func SelfSigned(tb testing.TB, spec Spec) *Cert {
	tb.Helper()
	return issue(tb, nil, spec)
}

// Intermediate returns a CA certificate issued by c.
func (c *Cert) Intermediate(tb testing.TB, cn string) *Cert {
	tb.Helper()
	return issue(tb, c, Spec{CN: cn, CA: true})
}

// Issue returns a certificate issued by c.
func (c *Cert) Issue(tb testing.TB, spec Spec) *Cert {
	tb.Helper()
	return issue(tb, c, spec)
}

func issue(tb testing.TB, parent *Cert, s Spec) *Cert {
	tb.Helper()
	key := newKey(tb, s.Key)
	tmpl := template(s)
	parentCert, signer := tmpl, key
	if parent != nil {
		parentCert, signer = parent.Certificate, parent.Key
	}
	if parent == nil && s.CA {
		// Self-signed CAs need a subject key ID for their children's authority key ID.
		id := sha1.Sum([]byte(s.CN)) //nolint:gosec // an identifier, not a signature
		tmpl.SubjectKeyId = id[:]
	}
	crt, err := x509util.CreateCertificate(tmpl, parentCert, key.Public(), signer)
	if err != nil {
		tb.Fatalf("testpki: %s: %v", s.CN, err)
	}
	return &Cert{Certificate: crt, Key: key, Issuer: parent}
}

// template is the certificate s describes, before keys and signing, with
// the defaults Windows-like PKIs use: a CA may sign certificates and CRLs, a
// leaf signs and enciphers keys.
func template(s Spec) *x509.Certificate {
	tmpl := &x509.Certificate{
		SerialNumber:       serial(s),
		NotBefore:          s.NotBefore,
		NotAfter:           s.NotAfter,
		DNSNames:           s.DNS,
		EmailAddresses:     s.Emails,
		ExtKeyUsage:        s.EKU,
		UnknownExtKeyUsage: s.UnknownEKU,
		KeyUsage:           s.KeyUsage,
		SignatureAlgorithm: s.SigAlg,
	}
	if !s.EmptySubject {
		tmpl.Subject = pkix.Name{CommonName: s.CN}
		if s.Organization != "" {
			tmpl.Subject.Organization = []string{s.Organization}
		}
	}
	if tmpl.NotBefore.IsZero() {
		tmpl.NotBefore = DefaultNotBefore
	}
	if tmpl.NotAfter.IsZero() {
		tmpl.NotAfter = DefaultNotAfter
	}
	for _, ip := range s.IPs {
		tmpl.IPAddresses = append(tmpl.IPAddresses, net.ParseIP(ip))
	}
	if !s.NoBasicConstraints {
		tmpl.BasicConstraintsValid = true
		tmpl.IsCA = s.CA
		tmpl.MaxPathLen = s.MaxPathLen
		tmpl.MaxPathLenZero = s.MaxPathLenZero
		if s.CA && s.MaxPathLen == 0 && !s.MaxPathLenZero {
			tmpl.MaxPathLen = -1
		}
	}
	if s.CA && tmpl.KeyUsage == 0 {
		tmpl.KeyUsage = x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature
	}
	if !s.CA && tmpl.KeyUsage == 0 {
		tmpl.KeyUsage = x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment
	}
	return tmpl
}

// serial is derived from the spec so that it does not depend on the order in
// which a test builds its certificates.
func serial(s Spec) *big.Int {
	h := sha256.Sum256(fmt.Appendf(nil, "%s|%v|%v|%v", s.CN, s.DNS, s.NotBefore, s.NotAfter))
	return new(big.Int).SetUint64(binary.BigEndian.Uint64(h[:8]) >> 1)
}

func newKey(tb testing.TB, kind string) crypto.Signer {
	tb.Helper()
	var (
		k   crypto.Signer
		err error
	)
	switch kind {
	case "", "P-256":
		k, err = keyutil.GenerateSigner("EC", "P-256", 0)
	case "P-384":
		k, err = keyutil.GenerateSigner("EC", "P-384", 0)
	case "RSA-2048", "RSA-3072":
		bits := 2048
		if kind == "RSA-3072" {
			bits = 3072
		}
		k, err = keyutil.GenerateSigner("RSA", "", bits)
	case "RSA-1024":
		revert := keyutil.Insecure()
		k, err = keyutil.GenerateSigner("RSA", "", 1024)
		revert()
	default:
		tb.Fatalf("testpki: unknown key kind %q", kind)
	}
	if err != nil {
		tb.Fatalf("testpki: %v", err)
	}
	return k
}

// PEM returns the certificate as a PEM block, preceded by comment lines (a
// "# " is added to each) that fixtures use for want annotations.
func (c *Cert) PEM(comments ...string) []byte {
	var b strings.Builder
	for _, l := range comments {
		b.WriteString("# " + l + "\n")
	}
	b.Write(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw}))
	return []byte(b.String())
}

// Thumbprint is the SHA-1 thumbprint as profiles write it: lowercase hex
// bytes separated by spaces.
func (c *Cert) Thumbprint() string {
	sum := sha1.Sum(c.Raw) //nolint:gosec // the thumbprint Windows uses
	parts := make([]string, len(sum))
	for i, b := range sum {
		parts[i] = fmt.Sprintf("%02x", b)
	}
	return strings.Join(parts, " ")
}
