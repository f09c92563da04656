package rules

import (
	"crypto"
	"crypto/dsa" //nolint:staticcheck // fixtures with the DSA keys CERT150 reports
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/md5"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/binary"
	"math/big"
	"net"
	"strconv"
	"testing"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"

	"github.com/aovpnlint/aovpnlint/internal/testpki"
)

// Fixtures of the key, signature and CA structure rules: CERT150 (weak keys),
// CERT151 (weak signatures), CERT152 (basicConstraints of CAs), CERT153
// (path length), CERT154 (keyUsage of CAs), CERT155 (name constraints).
// testpki covers the usual certificates; the odd ones (P-224, DSA and RSA
// keys, MD5 and SHA-1 signatures, CAs without keyUsage, name constraints) are
// made here from templates.

// cryptoWant is the comment line above a PEM block that expects a finding of
// rule id whose message matches re.
func cryptoWant(id, re string) string { return "want@+1: " + id + " " + strconv.Quote(re) }

// issueTemplate signs tmpl with parent's key (tmpl itself when parent is nil)
// for the public key of key. Serial and validity default like testpki's.
func issueTemplate(t *testing.T, parent *testpki.Cert, tmpl *x509.Certificate, key crypto.Signer) *testpki.Cert {
	t.Helper()
	if tmpl.SerialNumber == nil {
		h := sha256.Sum256([]byte("certcrypto|" + tmpl.Subject.CommonName))
		tmpl.SerialNumber = new(big.Int).SetUint64(binary.BigEndian.Uint64(h[:8]) >> 1)
	}
	if tmpl.NotBefore.IsZero() {
		tmpl.NotBefore, tmpl.NotAfter = testpki.DefaultNotBefore, testpki.DefaultNotAfter
	}
	parentCert, signer := tmpl, key
	if parent != nil {
		parentCert, signer = parent.Certificate, parent.Key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parentCert, key.Public(), signer)
	if err != nil {
		t.Fatalf("%s: %v", tmpl.Subject.CommonName, err)
	}
	crt, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return &testpki.Cert{Certificate: crt, Key: key, Issuer: parent}
}

func newECKey(t *testing.T, curve elliptic.Curve) crypto.Signer {
	t.Helper()
	k, err := ecdsa.GenerateKey(curve, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func newRSAKey(t *testing.T, bits int) crypto.Signer {
	t.Helper()
	k, err := rsa.GenerateKey(rand.Reader, bits) // weak keys on purpose, for CERT150
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// caTemplate is a CA certificate template: basicConstraints cA TRUE and
// keyUsage Certificate Signing, CRL Signing, Digital Signature.
func caTemplate(cn string) *x509.Certificate {
	id := sha256.Sum256([]byte(cn))
	return &x509.Certificate{
		Subject: pkix.Name{CommonName: cn}, BasicConstraintsValid: true, IsCA: true, MaxPathLen: -1,
		KeyUsage:     x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature,
		SubjectKeyId: id[:20],
	}
}

// serverTemplate is a server certificate template for name.
func serverTemplate(name string) *x509.Certificate {
	return &x509.Certificate{
		Subject: pkix.Name{CommonName: name}, DNSNames: []string{name},
		BasicConstraintsValid: true, KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment,
		ExtKeyUsage: serverEKU, UnknownExtKeyUsage: ikeEKU,
	}
}

var (
	oidDSA        = asn1.ObjectIdentifier{1, 2, 840, 10040, 4, 1}
	oidMD5WithRSA = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 4}
)

// withDSAKey returns c with its subject public key replaced by a new DSA key
// and signed again by c's issuer: crypto/x509 cannot write DSA keys.
func withDSAKey(t *testing.T, c *testpki.Cert) *testpki.Cert {
	t.Helper()
	var k dsa.PrivateKey
	if err := dsa.GenerateParameters(&k.Parameters, rand.Reader, dsa.L1024N160); err != nil {
		t.Fatal(err)
	}
	if err := dsa.GenerateKey(&k, rand.Reader); err != nil {
		t.Fatal(err)
	}
	var y cryptobyte.Builder
	y.AddASN1BigInt(k.Y)
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(spki *cryptobyte.Builder) {
		spki.AddASN1(cbasn1.SEQUENCE, func(alg *cryptobyte.Builder) {
			alg.AddASN1ObjectIdentifier(oidDSA)
			alg.AddASN1(cbasn1.SEQUENCE, func(params *cryptobyte.Builder) {
				params.AddASN1BigInt(k.P)
				params.AddASN1BigInt(k.Q)
				params.AddASN1BigInt(k.G)
			})
		})
		spki.AddASN1BitString(y.BytesOrPanic())
	})
	spki := b.BytesOrPanic()
	return resign(t, c, spki, nil, func(tbs []byte) []byte {
		sum := sha256.Sum256(tbs)
		sig, err := ecdsa.SignASN1(rand.Reader, c.Issuer.Key.(*ecdsa.PrivateKey), sum[:])
		if err != nil {
			t.Fatal(err)
		}
		return sig
	})
}

// withMD5Signature returns c signed again by its (RSA) issuer with
// md5WithRSAEncryption, which crypto/x509 refuses to write.
func withMD5Signature(t *testing.T, c *testpki.Cert) *testpki.Cert {
	t.Helper()
	var alg cryptobyte.Builder
	alg.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1ObjectIdentifier(oidMD5WithRSA)
		b.AddASN1NULL()
	})
	return resign(t, c, nil, alg.BytesOrPanic(), func(tbs []byte) []byte {
		sum := md5.Sum(tbs) // the weak signature CERT151 reports
		sig, err := rsa.SignPKCS1v15(rand.Reader, c.Issuer.Key.(*rsa.PrivateKey), crypto.MD5, sum[:])
		if err != nil {
			t.Fatal(err)
		}
		return sig
	})
}

// resign rebuilds c's to-be-signed part with another subject public key info
// and/or signature algorithm (nil keeps c's) and signs it with sign.
func resign(t *testing.T, c *testpki.Cert, spki, sigAlg []byte, sign func(tbs []byte) []byte) *testpki.Cert {
	t.Helper()
	in := cryptobyte.String(c.RawTBSCertificate)
	var tbs cryptobyte.String
	if !in.ReadASN1(&tbs, cbasn1.SEQUENCE) {
		t.Fatal("resign: bad TBS")
	}
	// version [0], serial, signature, issuer, validity, subject, spki, rest
	var fields [7]cryptobyte.String
	for i := range fields {
		if i == 0 && !tbs.PeekASN1Tag(cbasn1.Tag(0).Constructed().ContextSpecific()) {
			t.Fatal("resign: version 1 TBS")
		}
		if !tbs.ReadAnyASN1Element(&fields[i], nil) {
			t.Fatal("resign: short TBS")
		}
	}
	if spki != nil {
		fields[6] = spki
	}
	if sigAlg != nil {
		fields[2] = sigAlg
	} else {
		sigAlg = fields[2]
	}
	var nb cryptobyte.Builder
	nb.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		for _, f := range fields {
			b.AddBytes(f)
		}
		b.AddBytes(tbs) // extensions
	})
	newTBS := nb.BytesOrPanic()
	var cb cryptobyte.Builder
	cb.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddBytes(newTBS)
		b.AddBytes(sigAlg)
		b.AddASN1BitString(sign(newTBS))
	})
	crt, err := x509.ParseCertificate(cb.BytesOrPanic())
	if err != nil {
		t.Fatal(err)
	}
	return &testpki.Cert{Certificate: crt, Key: c.Key, Issuer: c.Issuer}
}

func init() {
	// CERT150: weak keys, in every role.
	certFixture("cert150_bad", func(t *testing.T) fixtureFiles {
		t.Helper()
		weakRoot := issueTemplate(t, nil, caTemplate("Legacy Root CA"), newRSAKey(t, 1024))
		issuing := issueTemplate(t, weakRoot, caTemplate("Legacy Issuing CA"), newECKey(t, elliptic.P256()))
		vpn := issueTemplate(t, issuing, serverTemplate("vpn.contoso.com"), newECKey(t, elliptic.P224()))
		user := withDSAKey(t, issuing.Issue(t, testpki.Spec{CN: "alice", Emails: []string{"alice@contoso.com"}, EKU: clientEKU}))
		return fixtureFiles{
			"pki.pem": certs(
				weakRoot.PEM("a root with a 1024-bit RSA key", cryptoWant("CERT150", `^root CA certificate "CN=Legacy Root CA" \(SHA-1 [0-9a-f ]+\) has a 1024-bit RSA key: .*can issue certificates`)),
				issuing.PEM("issuing CA with a P-256 key: fine"),
				vpn.PEM("VPN server with a P-224 key", cryptoWant("CERT150", `^VPN server certificate "CN=vpn.contoso.com" .* has an ECDSA P-224 key: a 224-bit curve .*impersonate the server`)),
				user.PEM("user certificate with a DSA key", cryptoWant("CERT150", `^client certificate "CN=alice" .* has a 1024-bit DSA key: DSA is withdrawn .*authenticate as its user or device$`))),
		}
	})
	certFixture("cert150_bad_rsa_not_multiple_of_8", func(t *testing.T) fixtureFiles {
		t.Helper()
		// 2052-bit RSA keys: not weak, but of a size no Microsoft RSA
		// provider makes or takes (8-bit increments).
		oddRoot := issueTemplate(t, nil, caTemplate("Odd Root CA"), newRSAKey(t, 2052))
		oddLeaf := issueTemplate(t, oddRoot, serverTemplate("vpn.contoso.com"), newRSAKey(t, 2052))
		const odd = ` has a 2052-bit RSA key, which is not a multiple of 8 bits: Microsoft's RSA providers .* in 8-bit increments only`
		return fixtureFiles{
			"pki.pem": certs(
				oddRoot.PEM("a root with a 2052-bit RSA key", cryptoWant("CERT150", `^root CA certificate "CN=Odd Root CA" \(SHA-1 [0-9a-f ]+\)`+odd)),
				oddLeaf.PEM("a VPN server with a 2052-bit RSA key", cryptoWant("CERT150", `^VPN server certificate "CN=vpn.contoso.com" \(SHA-1 [0-9a-f ]+\)`+odd))),
		}
	})
	certFixture("cert150_good", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		rsa2048 := issueTemplate(t, c.Issuing, serverTemplate("vpn2.contoso.com"), newRSAKey(t, 2048))
		p384 := issueTemplate(t, c.Issuing, serverTemplate("vpn3.contoso.com"), newECKey(t, elliptic.P384()))
		return fixtureFiles{
			"pki.pem": certs(c.Root.PEM("P-256 keys throughout"), c.Issuing.PEM(), c.VPN.PEM(), c.NPS.PEM(), c.User.PEM(),
				rsa2048.PEM("RSA 2048: the minimum"), p384.PEM("ECDSA P-384")),
		}
	})

	// CERT151: weak signatures below the root.
	certFixture("cert151_bad", func(t *testing.T) fixtureFiles {
		t.Helper()
		root := testpki.Root(t, "Contoso Root CA")
		sha1CA := root.Issue(t, testpki.Spec{CN: "Contoso SHA-1 Issuing CA", CA: true, SigAlg: x509.ECDSAWithSHA1})
		vpn := sha1CA.Issue(t, testpki.Spec{CN: "vpn.contoso.com", DNS: []string{"vpn.contoso.com"}, EKU: serverEKU, SigAlg: x509.ECDSAWithSHA1})
		rsaRoot := issueTemplate(t, nil, caTemplate("Legacy RSA Root CA"), newRSAKey(t, 2048))
		nps := issueTemplate(t, rsaRoot, &x509.Certificate{
			Subject: pkix.Name{CommonName: "nps.corp.contoso.com"}, DNSNames: []string{"nps.corp.contoso.com"},
			ExtKeyUsage: serverEKU, KeyUsage: x509.KeyUsageDigitalSignature, SignatureAlgorithm: x509.SHA1WithRSA,
		}, newECKey(t, elliptic.P256()))
		user := withMD5Signature(t, rsaRoot.Issue(t, testpki.Spec{CN: "alice", Emails: []string{"alice@contoso.com"}, EKU: clientEKU}))
		return fixtureFiles{
			"pki.pem": certs(
				root.PEM("root signed with SHA-256"),
				sha1CA.PEM("issuing CA signed by the root with ECDSA-SHA1", cryptoWant("CERT151", `^intermediate CA certificate "CN=Contoso SHA-1 Issuing CA" .* is signed by "CN=Contoso Root CA" .* with SHA-1 \(ECDSA-SHA1\): SHA-1 collisions are practical`)),
				vpn.PEM("VPN server signed with ECDSA-SHA1", cryptoWant("CERT151", `^VPN server certificate "CN=vpn.contoso.com" .* is signed by "CN=Contoso SHA-1 Issuing CA" .* with SHA-1`))),
			"nps/nps.pem": string(nps.PEM("NPS server signed with SHA1-RSA", cryptoWant("CERT151", `^NPS server certificate "CN=nps.corp.contoso.com" .* is signed by "CN=Legacy RSA Root CA" .* with SHA-1 \(SHA1-RSA\)`))),
			"legacy.pem": certs(
				rsaRoot.PEM("an RSA root: its own signature is never checked"),
				user.PEM("user certificate signed with MD5", cryptoWant("CERT151", `^client certificate "CN=alice" .* is signed by "CN=Legacy RSA Root CA" .* with MD5 \(MD5-RSA\): MD5 collisions`))),
		}
	})
	certFixture("cert151_good", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		// A root signed with SHA-1 (as many old roots are) that signs with SHA-256.
		sha1Root := issueTemplate(t, nil, func() *x509.Certificate {
			tmpl := caTemplate("Old SHA-1 Root CA")
			tmpl.SignatureAlgorithm = x509.ECDSAWithSHA1
			return tmpl
		}(), newECKey(t, elliptic.P256()))
		leaf := sha1Root.Issue(t, testpki.Spec{CN: "vpn2.contoso.com", DNS: []string{"vpn2.contoso.com"}, EKU: serverEKU})
		return fixtureFiles{
			"pki.pem": certs(c.Root.PEM(), c.Issuing.PEM(), c.VPN.PEM(), c.NPS.PEM(), c.User.PEM()),
			"old.pem": certs(sha1Root.PEM("a self-signed root signed with SHA-1: not reported"), leaf.PEM("signed with SHA-256")),
		}
	})

	// CERT152: certificates that sign others without basicConstraints CA:TRUE.
	certFixture("cert152_bad", func(t *testing.T) fixtureFiles {
		t.Helper()
		root := testpki.Root(t, "Contoso Root CA")
		notCA := root.Issue(t, testpki.Spec{CN: "Contoso Issuing CA", KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign})
		vpn := notCA.Issue(t, testpki.Spec{CN: "vpn.contoso.com", DNS: []string{"vpn.contoso.com"}, EKU: serverEKU})
		nps := notCA.Issue(t, testpki.Spec{CN: "nps.corp.contoso.com", DNS: []string{"nps.corp.contoso.com"}, EKU: serverEKU})
		noBC := root.Issue(t, testpki.Spec{CN: "Contoso User CA", NoBasicConstraints: true, KeyUsage: x509.KeyUsageCertSign})
		user := noBC.Issue(t, testpki.Spec{CN: "alice", Emails: []string{"alice@contoso.com"}, EKU: clientEKU})
		rootNotCA := testpki.SelfSigned(t, testpki.Spec{CN: "Lab Root", KeyUsage: x509.KeyUsageCertSign})
		lab := rootNotCA.Issue(t, testpki.Spec{CN: "vpn.lab.contoso.com", DNS: []string{"vpn.lab.contoso.com"}, EKU: serverEKU})
		return fixtureFiles{
			"pki.pem": certs(
				root.PEM("Contoso Root CA"),
				notCA.PEM("issuing CA with basicConstraints cA FALSE", cryptoWant("CERT152", `^"CN=Contoso Issuing CA" .* signed "CN=vpn.contoso.com" .* and 1 more certificate, but its basicConstraints extension says cA FALSE: .*0x80096019`)),
				vpn.PEM(), nps.PEM(),
				noBC.PEM("an intermediate without basicConstraints", cryptoWant("CERT152", `^"CN=Contoso User CA" .* signed "CN=alice" .*, but it has no basicConstraints extension, which Windows forgives only in a self-signed root`)),
				user.PEM()),
			"lab.pem": certs(
				rootNotCA.PEM("a self-signed root whose basicConstraints says cA FALSE", cryptoWant("CERT152", `^"CN=Lab Root" .* signed "CN=vpn.lab.contoso.com" .*cA FALSE`)),
				lab.PEM()),
		}
	})
	certFixture("cert152_bad_root", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		// Roots without basicConstraints: Windows takes a self-signed root
		// for a CA all the same, but nothing marks them as CAs.
		oldRoot := testpki.SelfSigned(t, testpki.Spec{CN: "Old Root CA", CA: true, NoBasicConstraints: true})
		oldLeaf := oldRoot.Issue(t, testpki.Spec{CN: "vpn2.contoso.com", DNS: []string{"vpn2.contoso.com"}, EKU: serverEKU})
		trusted := testpki.SelfSigned(t, testpki.Spec{CN: "Fabrikam Root CA", CA: true, NoBasicConstraints: true})
		const noBC = `, but it has no basicConstraints extension at all, so nothing marks it as a CA .*Windows accepts such a root`
		return fixtureFiles{
			"pki.pem": certs(c.Root.PEM(), c.Issuing.PEM(), c.VPN.PEM(), c.NPS.PEM(), c.User.PEM()),
			"old.pem": certs(oldRoot.PEM("self-signed root without basicConstraints that signs a certificate of the scan",
				cryptoWant("CERT152", `^self-signed root "CN=Old Root CA" .* signed "CN=vpn2.contoso.com" .*`+noBC)), oldLeaf.PEM()),
			"trust/fabrikam.pem": string(trusted.PEM("a trusted root without basicConstraints that signs nothing of the scan",
				cryptoWant("CERT152", `^self-signed root "CN=Fabrikam Root CA" .* is a trust anchor of the scan`+noBC))),
			"trust/contoso.pem": string(c.Root.PEM()),
		}
	})
	certFixture("cert152_good", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		selfSigned := testpki.SelfSigned(t, testpki.Spec{CN: "vpn3.contoso.com", DNS: []string{"vpn3.contoso.com"}, EKU: serverEKU, NoBasicConstraints: true})
		return fixtureFiles{
			"pki.pem":               certs(c.Root.PEM(), c.Issuing.PEM(), c.VPN.PEM(), c.NPS.PEM(), c.User.PEM()),
			"trust/self-signed.pem": string(selfSigned.PEM("a self-signed server certificate without basicConstraints trusted directly: it signs nothing and is no CA")),
		}
	})

	// CERT153: path length constraints.
	certFixture("cert153_bad", func(t *testing.T) fixtureFiles {
		t.Helper()
		root := testpki.Root(t, "Contoso Root CA")
		policy := root.Issue(t, testpki.Spec{CN: "Contoso Policy CA", CA: true, MaxPathLenZero: true})
		issuing := policy.Intermediate(t, "Contoso Issuing CA")
		vpn := issuing.Issue(t, testpki.Spec{CN: "vpn.contoso.com", DNS: []string{"vpn.contoso.com"}, EKU: serverEKU})
		user := issuing.Issue(t, testpki.Spec{CN: "alice", Emails: []string{"alice@contoso.com"}, EKU: clientEKU})
		direct := policy.Issue(t, testpki.Spec{CN: "nps.corp.contoso.com", DNS: []string{"nps.corp.contoso.com"}, EKU: serverEKU})
		return fixtureFiles{
			"pki.pem": certs(
				root.PEM(), policy.PEM("pathLenConstraint 0"), issuing.PEM("a CA below the pathlen-0 CA"),
				vpn.PEM("VPN server below the sub-CA", cryptoWant("CERT153", `^in the chain of VPN server certificate "CN=vpn.contoso.com" .*, 1 CA certificate follows "CN=Contoso Policy CA" .*, whose pathLenConstraint allows 0: .*0x80096019`)),
				user.PEM("user certificate below the sub-CA", cryptoWant("CERT153", `^in the chain of client certificate "CN=alice" .*pathLenConstraint allows 0`)),
				direct.PEM("issued by the pathlen-0 CA itself: fine")),
		}
	})
	certFixture("cert153_good", func(t *testing.T) fixtureFiles {
		t.Helper()
		root := testpki.Root(t, "Contoso Root CA")
		policy := root.Issue(t, testpki.Spec{CN: "Contoso Policy CA", CA: true, MaxPathLen: 1})
		issuing := policy.Issue(t, testpki.Spec{CN: "Contoso Issuing CA", CA: true, MaxPathLenZero: true})
		vpn := issuing.Issue(t, testpki.Spec{CN: "vpn.contoso.com", DNS: []string{"vpn.contoso.com"}, EKU: serverEKU})
		// A CA certificate below the pathlen-0 CA, validated itself: the
		// certificate validated never counts.
		sub := issuing.Issue(t, testpki.Spec{CN: "Contoso Test CA", CA: true})
		return fixtureFiles{
			"pki.pem": certs(root.PEM(), policy.PEM("pathlen 1"), issuing.PEM("pathlen 0"), vpn.PEM(),
				sub.PEM("a CA issued by the pathlen-0 CA that issues nothing here")),
		}
	})

	// CERT154: CA certificates whose keyUsage lacks Certificate Signing.
	certFixture("cert154_bad", func(t *testing.T) fixtureFiles {
		t.Helper()
		root := testpki.Root(t, "Contoso Root CA")
		issuing := root.Issue(t, testpki.Spec{CN: "Contoso Issuing CA", CA: true, KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment})
		vpn := issuing.Issue(t, testpki.Spec{CN: "vpn.contoso.com", DNS: []string{"vpn.contoso.com"}, EKU: serverEKU})
		return fixtureFiles{
			"pki.pem": certs(root.PEM(),
				issuing.PEM("keyUsage Digital Signature, Key Encipherment", cryptoWant("CERT154", `^"CN=Contoso Issuing CA" .* signed "CN=vpn.contoso.com" .*, but its keyUsage extension \(Digital Signature, Key Encipherment\) lacks Certificate Signing: .*0x800B0110`)),
				vpn.PEM()),
		}
	})
	certFixture("cert154_good", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		noKU := caTemplate("Contoso Legacy CA")
		noKU.KeyUsage = 0
		legacy := issueTemplate(t, c.Root, noKU, newECKey(t, elliptic.P256()))
		leaf := legacy.Issue(t, testpki.Spec{CN: "vpn2.contoso.com", DNS: []string{"vpn2.contoso.com"}, EKU: serverEKU})
		// A leaf without Certificate Signing signs nothing: not a CA's business.
		return fixtureFiles{
			"pki.pem": certs(c.Root.PEM(), c.Issuing.PEM("Certificate Signing, CRL Signing, Digital Signature"), c.VPN.PEM(), c.NPS.PEM(), c.User.PEM(),
				legacy.PEM("a CA without keyUsage extension: allowed"), leaf.PEM()),
		}
	})

	// CERT155: name constraints.
	certFixture("cert155_bad", func(t *testing.T) fixtureFiles {
		t.Helper()
		root := testpki.Root(t, "Contoso Root CA")
		tmpl := caTemplate("Contoso Corp CA")
		tmpl.PermittedDNSDomains = []string{"corp.contoso.com"}
		tmpl.ExcludedDNSDomains = []string{"lab.corp.contoso.com"}
		tmpl.PermittedIPRanges = []*net.IPNet{{IP: net.IP{10, 0, 0, 0}, Mask: net.CIDRMask(8, 32)}}
		corp := issueTemplate(t, root, tmpl, newECKey(t, elliptic.P256()))
		vpn := corp.Issue(t, testpki.Spec{CN: "vpn.contoso.com", DNS: []string{"vpn.contoso.com"}, EKU: serverEKU})
		lab := corp.Issue(t, testpki.Spec{CN: "nps.lab.corp.contoso.com", DNS: []string{"nps.lab.corp.contoso.com"}, EKU: serverEKU})
		ip := corp.Issue(t, testpki.Spec{CN: "ras.corp.contoso.com", DNS: []string{"ras.corp.contoso.com"}, IPs: []string{"192.0.2.10"}, EKU: serverEKU})
		nps := corp.Issue(t, testpki.Spec{CN: "nps.corp.contoso.com", DNS: []string{"nps.corp.contoso.com"}, IPs: []string{"10.1.2.3"}, EKU: serverEKU})
		wild := corp.Issue(t, testpki.Spec{CN: "*.corp.contoso.com", DNS: []string{"*.corp.contoso.com"}, EKU: serverEKU})
		return fixtureFiles{
			"pki.pem": certs(root.PEM(), corp.PEM("permits corp.contoso.com and 10.0.0.0/8, excludes lab.corp.contoso.com"),
				vpn.PEM("outside corp.contoso.com", cryptoWant("CERT155", `^VPN server certificate "CN=vpn.contoso.com" .*: its name DNS:vpn.contoso.com lies outside every permitted subtree \(corp.contoso.com\) of the name constraints of "CN=Contoso Corp CA" .*0x800B0114`)),
				lab.PEM("in lab.corp.contoso.com", cryptoWant("CERT155", `its name DNS:nps.lab.corp.contoso.com falls in an excluded subtree \(lab.corp.contoso.com\)`)),
				ip.PEM("an IP address outside 10.0.0.0/8", cryptoWant("CERT155", `its name IP:192.0.2.10 lies outside every permitted subtree \(10.0.0.0/8\)`)),
				nps.PEM("inside the constraints"),
				wild.PEM("a wildcard that covers lab.corp.contoso.com", cryptoWant("CERT155", `its name DNS:\*.corp.contoso.com falls in an excluded subtree \(lab.corp.contoso.com\)`))),
		}
	})
	certFixture("cert155_good", func(t *testing.T) fixtureFiles {
		t.Helper()
		root := testpki.Root(t, "Contoso Root CA")
		tmpl := caTemplate("Contoso Issuing CA")
		tmpl.PermittedDNSDomains = []string{"contoso.com"}
		tmpl.ExcludedDNSDomains = []string{".lab.contoso.com"}
		issuing := issueTemplate(t, root, tmpl, newECKey(t, elliptic.P256()))
		vpn := issuing.Issue(t, testpki.Spec{CN: "vpn.contoso.com", DNS: []string{"vpn.contoso.com", "*.vpn.contoso.com"}, EKU: serverEKU})
		apex := issuing.Issue(t, testpki.Spec{CN: "contoso.com", DNS: []string{"contoso.com", "lab.contoso.com", "*.contoso.com"}, EKU: serverEKU})
		return fixtureFiles{
			"pki.pem": certs(root.PEM(), issuing.PEM("permits contoso.com, excludes the subdomains of lab.contoso.com"),
				vpn.PEM("a subdomain and a wildcard inside contoso.com"),
				apex.PEM("contoso.com itself, lab.contoso.com and *.contoso.com, which .lab.contoso.com does not reach")),
		}
	})

	// CERT156: CAs whose EKUs leave out the usage of the certificates below.
	certFixture("cert156_bad", func(t *testing.T) fixtureFiles {
		t.Helper()
		root := testpki.Root(t, "Contoso Root CA")
		userCA := root.Issue(t, testpki.Spec{CN: "Contoso User CA", CA: true,
			EKU: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth, x509.ExtKeyUsageEmailProtection}})
		vpn := userCA.Issue(t, testpki.Spec{CN: "vpn.contoso.com", DNS: []string{"vpn.contoso.com"}, EKU: serverEKU, UnknownEKU: ikeEKU})
		serverCA := root.Issue(t, testpki.Spec{CN: "Contoso Server CA", CA: true, EKU: serverEKU})
		user := serverCA.Issue(t, testpki.Spec{CN: "alice", Emails: []string{"alice@contoso.com"}, EKU: clientEKU})
		return fixtureFiles{
			"pki.pem": certs(root.PEM(), userCA.PEM("limited to Client Authentication and Secure Email"),
				vpn.PEM("a VPN server certificate from the user CA", cryptoWant("CERT156", `^VPN server certificate "CN=vpn.contoso.com" .* is for Server Authentication, but "CN=Contoso User CA" .* lists only Client Authentication \(1.3.6.1.5.5.7.3.2\) and Secure Email: .*0x800B0110`)),
				serverCA.PEM("limited to Server Authentication"),
				user.PEM("a user certificate from the server CA", cryptoWant("CERT156", `^client certificate "CN=alice" .* is for Client Authentication, but "CN=Contoso Server CA" .* lists only Server Authentication`))),
		}
	})
	certFixture("cert156_good", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		both := c.Root.Issue(t, testpki.Spec{CN: "Contoso Auth CA", CA: true, EKU: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth}})
		vpn := both.Issue(t, testpki.Spec{CN: "vpn2.contoso.com", DNS: []string{"vpn2.contoso.com"}, EKU: serverEKU})
		user := both.Issue(t, testpki.Spec{CN: "bob", Emails: []string{"bob@contoso.com"}, EKU: clientEKU})
		serverCA := c.Root.Issue(t, testpki.Spec{CN: "Contoso Server CA", CA: true, EKU: serverEKU})
		noEKU := serverCA.Issue(t, testpki.Spec{CN: "carol", Emails: []string{"carol@contoso.com"}})
		return fixtureFiles{
			"pki.pem":  certs(c.Root.PEM(), c.Issuing.PEM("no EKU extension: limits nothing"), c.VPN.PEM(), c.NPS.PEM(), c.User.PEM()),
			"auth.pem": certs(both.PEM("Server and Client Authentication"), vpn.PEM(), user.PEM()),
			"server.pem": certs(serverCA.PEM("Server Authentication only"),
				noEKU.PEM("a leaf without EKU extension, presumed a client: not reported")),
		}
	})
}
