package model_test

import (
	"crypto"
	"crypto/dsa" //nolint:staticcheck // a DSA-signed certificate must still link
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"math/big"
	"net"
	"slices"
	"testing"
	"time"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"

	"github.com/aovpnlint/aovpnlint/internal/testpki"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

var now = time.Date(2026, time.June, 1, 0, 0, 0, 0, time.UTC)

// link builds a deployment of the certificates, the first ones trusted, and
// links it.
func link(trusted int, certs ...*testpki.Cert) (*model.Deployment, []*model.Cert) {
	d := &model.Deployment{Now: now}
	src := model.NewSource("certs.pem", nil)
	var out []*model.Cert
	for i, c := range certs {
		mc := model.NewCert(c.Certificate, src, model.Location{Path: "certs.pem", StartLine: i + 1})
		mc.Trusted = i < trusted
		out = append(out, mc)
	}
	d.Certs = out
	d.Link()
	return d, out
}

func names(chain []*model.Cert) []string {
	var out []string
	for _, c := range chain {
		out = append(out, c.X509.Subject.CommonName)
	}
	return out
}

// TestLinkPrefersValidPath: of two issuers with the same name and key, path
// building takes the one that is a valid CA, whichever comes first.
func TestLinkPrefersValidPath(t *testing.T) {
	testpki.Seed(t, 1)
	root := testpki.Root(t, "Root")
	ica := root.Intermediate(t, "ICA")
	leaf := ica.Issue(t, testpki.Spec{CN: "vpn.contoso.com", DNS: []string{"vpn.contoso.com"}})
	for _, bad := range []testpki.Spec{
		{CN: "ICA", KeyUsage: x509.KeyUsageCertSign},                   // cA FALSE
		{CN: "ICA", CA: true, NoBasicConstraints: true},                // no basicConstraints
		{CN: "ICA", CA: true, KeyUsage: x509.KeyUsageDigitalSignature}, // no keyCertSign
		{CN: "ICA", CA: true, NotBefore: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), NotAfter: time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)},
		{CN: "ICA", CA: true, EKU: []x509.ExtKeyUsage{x509.ExtKeyUsageEmailProtection}},
	} {
		// The bad twin has the good ICA's key: same name, same key, other
		// extensions, as a cross-certificate or a botched renewal has.
		twin := reissue(t, root, ica, bad)
		leafWithEKU := ica.Issue(t, testpki.Spec{CN: "vpn2.contoso.com", EKU: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}})
		_, cs := link(1, root, twin, ica, leaf, leafWithEKU)
		for _, c := range cs[3:] {
			if c.Status != model.ChainTrusted || len(c.Chain) != 3 || c.Chain[1] != cs[2] {
				t.Errorf("twin %+v: chain of %s = %v (status %d), want through the valid ICA", bad, c.X509.Subject.CommonName, names(c.Chain), c.Status)
			}
		}
	}
}

// reissue makes a certificate with subject and key of like, issued by parent
// from spec.
func reissue(t *testing.T, parent, like *testpki.Cert, spec testpki.Spec) *testpki.Cert {
	t.Helper()
	c := parent.Issue(t, spec)
	tmpl := *c.Certificate
	tmpl.SerialNumber = big.NewInt(77)
	der, err := x509.CreateCertificate(rand.Reader, &tmpl, parent.Certificate, like.Key.Public(), parent.Key)
	if err != nil {
		t.Fatal(err)
	}
	x, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return &testpki.Cert{Certificate: x, Key: like.Key, Issuer: parent}
}

// TestLinkTrustedBeforeValid: a trusted path with a fault beats an untrusted
// clean one, as Windows reports the trusted chain's error.
func TestLinkTrustedBeforeValid(t *testing.T) {
	testpki.Seed(t, 2)
	root := testpki.Root(t, "Root")
	other := testpki.Root(t, "Other Root")
	ica := root.Issue(t, testpki.Spec{CN: "ICA", KeyUsage: x509.KeyUsageCertSign}) // not a CA
	cross := reissue(t, other, ica, testpki.Spec{CN: "ICA", CA: true})
	leaf := ica.Issue(t, testpki.Spec{CN: "leaf"})
	_, cs := link(1, root, other, ica, cross, leaf)
	if got := names(cs[4].Chain); !slices.Equal(got, []string{"leaf", "ICA", "Root"}) || cs[4].Status != model.ChainTrusted {
		t.Errorf("chain %v status %d, want leaf, ICA, Root trusted", got, cs[4].Status)
	}
	if faults := model.ChainFaults(cs[4].Chain, now); len(faults) != 1 || faults[0].Kind != model.FaultNotCA || faults[0].At != 1 {
		t.Errorf("faults %+v, want FaultNotCA at 1", faults)
	}
}

// TestPathLenExceeded follows RFC 5280 6.1.4: the validated certificate and
// self-issued CA certificates do not count.
func TestPathLenExceeded(t *testing.T) {
	testpki.Seed(t, 3)
	root := testpki.Root(t, "Root")
	pl0 := root.Issue(t, testpki.Spec{CN: "PL0", CA: true, MaxPathLenZero: true})
	sub := pl0.Intermediate(t, "Sub")
	leaf := sub.Issue(t, testpki.Spec{CN: "leaf"})
	_, cs := link(1, root, pl0, sub, leaf)
	if at, limit, below := model.PathLenExceeded(cs[3].Chain); at != 2 || limit != 0 || below != 1 {
		t.Errorf("leaf: PathLenExceeded = %d, %d, %d, want 2, 0, 1", at, limit, below)
	}
	if at, _, _ := model.PathLenExceeded(cs[2].Chain); at != -1 {
		t.Errorf("sub-CA validated itself: PathLenExceeded at %d, want -1", at)
	}

	// Root -> ICA (pathlen 1) -> ICA' self-issued (new key) -> ICA'' (pathlen 0) -> leaf
	pl1 := root.Issue(t, testpki.Spec{CN: "ICA", CA: true, MaxPathLen: 1})
	rollover := pl1.Issue(t, testpki.Spec{CN: "ICA", CA: true, MaxPathLen: 1})
	last := rollover.Issue(t, testpki.Spec{CN: "ICA2", CA: true, MaxPathLenZero: true})
	leaf2 := last.Issue(t, testpki.Spec{CN: "leaf2"})
	_, cs = link(1, root, pl1, rollover, last, leaf2)
	if got := names(cs[4].Chain); !slices.Equal(got, []string{"leaf2", "ICA2", "ICA", "ICA", "Root"}) {
		t.Fatalf("chain %v", got)
	}
	if at, _, _ := model.PathLenExceeded(cs[4].Chain); at != -1 {
		t.Errorf("self-issued certificate counted: PathLenExceeded at %d", at)
	}
}

// TestIssuerCAStatus: a root without basicConstraints is a CA to Windows, an
// intermediate without it is not, and cA FALSE disqualifies both.
func TestIssuerCAStatus(t *testing.T) {
	testpki.Seed(t, 4)
	root := testpki.SelfSigned(t, testpki.Spec{CN: "Root", CA: true, NoBasicConstraints: true})
	ica := root.Issue(t, testpki.Spec{CN: "ICA", CA: true, NoBasicConstraints: true})
	leaf := ica.Issue(t, testpki.Spec{CN: "leaf"})
	_, cs := link(1, root, ica, leaf)
	chain := cs[2].Chain
	if len(chain) != 3 {
		t.Fatalf("chain %v", names(chain))
	}
	if s := model.IssuerCAStatus(chain, 2); s != model.CARootNoBasicConstraints || !s.WindowsAccepts() {
		t.Errorf("root without basicConstraints: %d, want CARootNoBasicConstraints, which Windows accepts", s)
	}
	if s := model.IssuerCAStatus(chain, 1); s != model.CANoBasicConstraints || s.WindowsAccepts() {
		t.Errorf("intermediate without basicConstraints: %d, want CANoBasicConstraints", s)
	}
	if faults := model.ChainFaults(chain, time.Time{}); len(faults) != 1 || faults[0].Kind != model.FaultNotCA || faults[0].At != 1 {
		t.Errorf("faults %+v, want only FaultNotCA at 1: the root without basicConstraints is no fault", faults)
	}
	notCA := testpki.SelfSigned(t, testpki.Spec{CN: "Not a CA"})
	leaf2 := notCA.Issue(t, testpki.Spec{CN: "leaf2"})
	_, cs = link(1, notCA, leaf2)
	if s := model.IssuerCAStatus(cs[1].Chain, 1); s != model.CANotCA {
		t.Errorf("root with cA FALSE: %d, want CANotCA", s)
	}
}

func TestChainEKUs(t *testing.T) {
	testpki.Seed(t, 5)
	root := testpki.Root(t, "Root")
	ica := root.Issue(t, testpki.Spec{CN: "ICA", CA: true, EKU: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth}})
	server := ica.Issue(t, testpki.Spec{CN: "server", EKU: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}})
	mail := ica.Issue(t, testpki.Spec{CN: "mail", EKU: []x509.ExtKeyUsage{x509.ExtKeyUsageEmailProtection}})
	_, cs := link(1, root, ica, server, mail)
	if u, anyEKU := model.ChainEKUs(cs[2].Chain); anyEKU || !slices.Equal(u, []string{"1.3.6.1.5.5.7.3.1"}) {
		t.Errorf("server chain: %v %v", u, anyEKU)
	}
	if u, anyEKU := model.ChainEKUs(cs[3].Chain); anyEKU || len(u) != 0 {
		t.Errorf("mail chain: %v %v, want no usage", u, anyEKU)
	}
	if u, anyEKU := model.ChainEKUs(cs[:1]); !anyEKU || u != nil {
		t.Errorf("root alone: %v %v, want any", u, anyEKU)
	}
}

func TestNameConstraintViolation(t *testing.T) {
	testpki.Seed(t, 6)
	root := testpki.Root(t, "Root")
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(9), Subject: pkix.Name{CommonName: "Constrained"},
		NotBefore: testpki.DefaultNotBefore, NotAfter: testpki.DefaultNotAfter,
		BasicConstraintsValid: true, IsCA: true, KeyUsage: x509.KeyUsageCertSign,
		PermittedDNSDomains: []string{"contoso.com"}, ExcludedDNSDomains: []string{"bar.contoso.com"},
		PermittedEmailAddresses: []string{"contoso.com"},
		ExcludedIPRanges:        []*net.IPNet{{IP: net.IP{10, 0, 0, 0}, Mask: net.CIDRMask(8, 32)}},
	}
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	der, err := x509.CreateCertificate(rand.Reader, tmpl, root.Certificate, key.Public(), root.Key)
	if err != nil {
		t.Fatal(err)
	}
	x, _ := x509.ParseCertificate(der)
	ca := &testpki.Cert{Certificate: x, Key: key, Issuer: root}
	for _, tc := range []struct {
		spec     testpki.Spec
		name     string
		excluded bool
	}{
		{testpki.Spec{CN: "ok", DNS: []string{"vpn.contoso.com", "contoso.com", "*.vpn.contoso.com"}, Emails: []string{"a@contoso.com"}, IPs: []string{"192.0.2.1"}}, "", false},
		{testpki.Spec{CN: "outside", DNS: []string{"vpn.fabrikam.com"}}, "DNS:vpn.fabrikam.com", false},
		{testpki.Spec{CN: "suffix trick", DNS: []string{"evilcontoso.com"}}, "DNS:evilcontoso.com", false},
		{testpki.Spec{CN: "excluded", DNS: []string{"x.bar.contoso.com"}}, "DNS:x.bar.contoso.com", true},
		// The wildcard covers the excluded bar.contoso.com.
		{testpki.Spec{CN: "wildcard", DNS: []string{"*.contoso.com"}}, "DNS:*.contoso.com", true},
		{testpki.Spec{CN: "deep wildcard", DNS: []string{"*.x.contoso.com"}}, "", false},
		{testpki.Spec{CN: "ip", DNS: []string{"vpn.contoso.com"}, IPs: []string{"10.1.1.1"}}, "IP:10.1.1.1", true},
		{testpki.Spec{CN: "mail", DNS: []string{"vpn.contoso.com"}, Emails: []string{"a@fabrikam.com"}}, "email:a@fabrikam.com", false},
	} {
		leaf := ca.Issue(t, tc.spec)
		_, cs := link(1, root, ca, leaf)
		v, bad := model.NameConstraintViolation(cs[2].Chain)
		if bad != (tc.name != "") || v.Name != tc.name || v.Excluded != tc.excluded || bad && (v.CA != 1 || v.Cert != 0) {
			t.Errorf("%s: got %+v %v, want %q excluded %v", tc.spec.CN, v, bad, tc.name, tc.excluded)
		}
	}
}

// TestLegacySignatures: MD5 and DSA signatures, which crypto/x509 does not
// verify, still link a chain, and a forged one does not.
func TestLegacySignatures(t *testing.T) {
	testpki.Seed(t, 7)
	var k dsa.PrivateKey
	if err := dsa.GenerateParameters(&k.Parameters, rand.Reader, dsa.L1024N160); err != nil {
		t.Fatal(err)
	}
	if err := dsa.GenerateKey(&k, rand.Reader); err != nil {
		t.Fatal(err)
	}
	// A DSA root, self-signed with DSA-SHA256, and a leaf it signs.
	rootTmpl := testpki.SelfSigned(t, testpki.Spec{CN: "DSA Root", CA: true})
	root := dsaResign(t, rootTmpl.Certificate, &k, &k)
	leafTmpl := rootTmpl.Issue(t, testpki.Spec{CN: "leaf"})
	leaf := dsaResign(t, leafTmpl.Certificate, nil, &k)
	_, cs := link(1, &testpki.Cert{Certificate: root}, &testpki.Cert{Certificate: leaf})
	if !cs[0].SelfSigned() {
		t.Error("DSA root is not self-signed")
	}
	if cs[1].Status != model.ChainTrusted || len(cs[1].Chain) != 2 {
		t.Errorf("DSA-signed leaf: status %d chain %v", cs[1].Status, names(cs[1].Chain))
	}
	// The same leaf with a flipped signature bit links to nothing.
	forged := *leaf
	forged.Signature = slices.Clone(leaf.Signature)
	forged.Signature[len(forged.Signature)-1] ^= 1
	_, cs = link(1, &testpki.Cert{Certificate: root}, &testpki.Cert{Certificate: &forged})
	if cs[1].Status != model.ChainIncomplete {
		t.Errorf("forged DSA signature: status %d, want incomplete", cs[1].Status)
	}
}

// dsaResign replaces the subject key (when subject is not nil) and the
// signature of a certificate with DSA ones.
func dsaResign(t *testing.T, c *x509.Certificate, subject, signer *dsa.PrivateKey) *x509.Certificate {
	t.Helper()
	oidDSA := asn1.ObjectIdentifier{1, 2, 840, 10040, 4, 1}
	oidDSASHA256 := asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 3, 2}
	in := cryptobyte.String(c.RawTBSCertificate)
	var tbs cryptobyte.String
	in.ReadASN1(&tbs, cbasn1.SEQUENCE)
	var f [7]cryptobyte.String
	for i := range f {
		if !tbs.ReadAnyASN1Element(&f[i], nil) {
			t.Fatal("short TBS")
		}
	}
	var alg cryptobyte.Builder
	alg.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { b.AddASN1ObjectIdentifier(oidDSASHA256) })
	f[2] = alg.BytesOrPanic()
	if subject != nil {
		var y, spki cryptobyte.Builder
		y.AddASN1BigInt(subject.Y)
		spki.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.SEQUENCE, func(a *cryptobyte.Builder) {
				a.AddASN1ObjectIdentifier(oidDSA)
				a.AddASN1(cbasn1.SEQUENCE, func(p *cryptobyte.Builder) {
					p.AddASN1BigInt(subject.P)
					p.AddASN1BigInt(subject.Q)
					p.AddASN1BigInt(subject.G)
				})
			})
			b.AddASN1BitString(y.BytesOrPanic())
		})
		f[6] = spki.BytesOrPanic()
	}
	var nt cryptobyte.Builder
	nt.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		for _, x := range f {
			b.AddBytes(x)
		}
		b.AddBytes(tbs)
	})
	newTBS := nt.BytesOrPanic()
	sum := sha256.Sum256(newTBS)
	r, s, err := dsa.Sign(rand.Reader, signer, sum[:signer.Q.BitLen()/8])
	if err != nil {
		t.Fatal(err)
	}
	sig, _ := asn1.Marshal(struct{ R, S *big.Int }{r, s})
	var cb cryptobyte.Builder
	cb.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddBytes(newTBS)
		b.AddBytes(f[2])
		b.AddASN1BitString(sig)
	})
	x, err := x509.ParseCertificate(cb.BytesOrPanic())
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// TestCertDetails: an empty EKU extension allows nothing, and validity is
// compared at the certificates' one-second granularity.
func TestCertDetails(t *testing.T) {
	testpki.Seed(t, 8)
	root := testpki.Root(t, "Root")
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	empty, _ := asn1.Marshal([]asn1.ObjectIdentifier{})
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(3), Subject: pkix.Name{CommonName: "empty EKU"},
		NotBefore: testpki.DefaultNotBefore, NotAfter: testpki.DefaultNotAfter,
		ExtraExtensions: []pkix.Extension{{Id: asn1.ObjectIdentifier{2, 5, 29, 37}, Value: empty}},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, root.Certificate, crypto.Signer(key).Public(), root.Key)
	if err != nil {
		t.Fatal(err)
	}
	x, _ := x509.ParseCertificate(der)
	c := model.NewCert(x, model.NewSource("c.pem", nil), model.Location{})
	if c.NoEKU() || c.HasEKU(x509.ExtKeyUsageServerAuth) {
		t.Errorf("empty EKU extension: NoEKU %v, HasEKU(serverAuth) %v; want false, false", c.NoEKU(), c.HasEKU(x509.ExtKeyUsageServerAuth))
	}
	if !c.ValidAt(x.NotAfter.Add(5*time.Millisecond)) || c.ValidAt(x.NotAfter.Add(time.Second)) || c.ValidAt(x.NotBefore.Add(-time.Millisecond)) {
		t.Error("ValidAt does not compare whole seconds")
	}
}
