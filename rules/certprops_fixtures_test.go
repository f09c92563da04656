package rules

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"math/big"
	"strconv"
	"testing"
	"time"

	"github.com/aovpnlint/aovpnlint/internal/testpki"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

// Fixtures of the certificate property rules: CERT101, CERT102 (VPN server
// EKUs), CERT110-CERT112 (validity), CERT130, CERT131 (NPS server),
// CERT140 (client EKU), CERT141 (conditional access).

// wantCert is the comment line above a PEM block that expects a finding of
// rule id whose message matches re.
func wantCert(id, re string) string { return "want@+1: " + id + " " + strconv.Quote(re) }

// contosoProfile is the user-tunnel profile of the Contoso deployment: it
// dials vpn.contoso.com and accepts nps.corp.contoso.com under the root.
func contosoProfile(c *contoso) string {
	return profileXML("vpn.contoso.com", "nps.corp.contoso.com", c.Root.Thumbprint())
}

// contosoPKI is the valid Contoso hierarchy as one file; extra blocks follow.
func contosoPKI(c *contoso, extra ...[]byte) string {
	return certs(append([][]byte{
		c.Root.PEM("Contoso Root CA"), c.Issuing.PEM("Contoso Issuing CA"),
		c.VPN.PEM("VPN server: Server Authentication and IKE intermediate"),
		c.NPS.PEM("NPS server: Server Authentication"), c.User.PEM("user certificate: Client Authentication"),
	}, extra...)...)
}

var (
	oidEFS = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 311, 10, 3, 4} // Encrypting File System
	caEKU  = []asn1.ObjectIdentifier{testpki.OIDConditionalAccess}
	// A conditional-access certificate lives one hour; this one until
	// 2026-06-01 00:30, half an hour after linttest.Now.
	caLeafFrom = time.Date(2026, time.May, 31, 23, 30, 0, 0, time.UTC)
	caLeafTo   = time.Date(2026, time.June, 1, 0, 30, 0, 0, time.UTC)
)

// issueUPN issues a user certificate whose subject alternative name holds a
// UPN (otherName 1.3.6.1.4.1.311.20.2.3), which testpki does not write.
func issueUPN(t *testing.T, issuer *testpki.Cert, cn, upn string, eku []x509.ExtKeyUsage, unknown []asn1.ObjectIdentifier) *testpki.Cert {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	san, err := upnSAN(upn)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(int64(len(cn)*1000 + len(upn))),
		NotBefore:    testpki.DefaultNotBefore, NotAfter: testpki.DefaultNotAfter,
		ExtKeyUsage: eku, UnknownExtKeyUsage: unknown,
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment,
		BasicConstraintsValid: true,
		ExtraExtensions:       []pkix.Extension{{Id: asn1.ObjectIdentifier{2, 5, 29, 17}, Critical: cn == "", Value: san}},
	}
	if cn != "" {
		tmpl.Subject = pkix.Name{CommonName: cn}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, issuer.Certificate, key.Public(), issuer.Key)
	if err != nil {
		t.Fatal(err)
	}
	crt, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return &testpki.Cert{Certificate: crt, Key: key, Issuer: issuer}
}

// upnSAN encodes GeneralNames holding one UPN otherName:
// [0] { type-id 1.3.6.1.4.1.311.20.2.3, [0] EXPLICIT UTF8String }.
func upnSAN(upn string) ([]byte, error) {
	value, err := asn1.MarshalWithParams(upn, "utf8")
	if err != nil {
		return nil, err
	}
	typeID, err := asn1.Marshal(model.OIDUPN)
	if err != nil {
		return nil, err
	}
	explicit, err := asn1.Marshal(asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 0, IsCompound: true, Bytes: value})
	if err != nil {
		return nil, err
	}
	other := asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 0, IsCompound: true, Bytes: append(typeID, explicit...)}
	return asn1.Marshal([]asn1.RawValue{other})
}

func init() {
	// CERT101: VPN server certificates without Server Authentication.
	certFixture("cert101_bad", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		// The RRAS server got a certificate from the User template.
		wrong := c.Issuing.Issue(t, testpki.Spec{CN: "vpn.contoso.com", DNS: []string{"vpn.contoso.com"}, EKU: clientEKU})
		ikeOnly := c.Issuing.Issue(t, testpki.Spec{CN: "vpn2.contoso.com", DNS: []string{"vpn2.contoso.com"}, UnknownEKU: ikeEKU})
		tunnel := c.Issuing.Issue(t, testpki.Spec{CN: "ras01.corp.contoso.com", DNS: []string{"ras01.corp.contoso.com"},
			EKU: []x509.ExtKeyUsage{x509.ExtKeyUsageIPSECTunnel}})
		noEKU := c.Issuing.Issue(t, testpki.Spec{CN: "vpn3.contoso.com", DNS: []string{"vpn3.contoso.com"}})
		return fixtureFiles{
			"profile.xml": profileXML("vpn.contoso.com,vpn3.contoso.com", "nps.corp.contoso.com", c.Root.Thumbprint()),
			"pki.pem": certs(c.Root.PEM("Contoso Root CA"), c.Issuing.PEM("Contoso Issuing CA"),
				wrong.PEM("the server the profile dials, from the User template", wantCert("CERT101", `"CN=vpn.contoso.com" .*only Client Authentication .*0x80070040.*13801.*Servers entry "vpn.contoso.com" names it$`)),
				ikeOnly.PEM("IKE intermediate alone marks a VPN server, but RRAS needs Server Authentication", wantCert("CERT101", `"CN=vpn2.contoso.com" .*only IP security IKE intermediate .*because it carries the IP security IKE intermediate EKU$`)),
				noEKU.PEM("no EKU extension: valid for every usage, except for the IKEv2 client's EKU check", wantCert("CERT101", `"CN=vpn3.contoso.com" .*no EKU extension at all`)),
				c.NPS.PEM("NPS server: Server Authentication"), c.User.PEM("user certificate")),
			"vpn/ras01.pem": string(tunnel.PEM("given with --vpn-cert", wantCert("CERT101", `"CN=ras01.corp.contoso.com" .*only IP security tunnel termination: .*because it was given with --vpn-cert$`))),
		}
	})
	certFixture("cert101_good", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		both := c.Issuing.Issue(t, testpki.Spec{CN: "vpn2.contoso.com", DNS: []string{"vpn2.contoso.com"},
			EKU: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth, x509.ExtKeyUsageServerAuth}})
		anyEKU := c.Issuing.Issue(t, testpki.Spec{CN: "vpn3.contoso.com", DNS: []string{"vpn3.contoso.com"},
			EKU: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}})
		nps2 := c.Issuing.Issue(t, testpki.Spec{CN: "nps2.corp.contoso.com", DNS: []string{"nps2.corp.contoso.com"}, EKU: serverEKU})
		machine := c.Issuing.Issue(t, testpki.Spec{CN: "laptop01.corp.contoso.com", DNS: []string{"laptop01.corp.contoso.com"}, EKU: clientEKU, UnknownEKU: ikeEKU})
		return fixtureFiles{
			"profile.xml": profileXML("vpn.contoso.com,vpn2.contoso.com,vpn3.contoso.com", "nps.corp.contoso.com", c.Root.Thumbprint()),
			"pki.pem": contosoPKI(c,
				both.PEM("Client and Server Authentication (Computer template), named by a Servers entry"),
				anyEKU.PEM("Any Purpose"),
				machine.PEM("an IPsec machine certificate (Client Authentication, IKE intermediate) that no Servers entry names: a client")),
			// An NPS certificate with Server Authentication, named by no
			// Servers entry and no ServerNames: an NPS server, not a VPN server.
			"nps/nps2.pem": string(nps2.PEM("NPS server given with --nps-cert")),
		}
	})

	// CERT102: VPN server certificates without IKE intermediate.
	certFixture("cert102_bad", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		vpn := c.Issuing.Issue(t, testpki.Spec{CN: "vpn.contoso.com", DNS: []string{"vpn.contoso.com"}, EKU: serverEKU})
		backup := c.Issuing.Issue(t, testpki.Spec{CN: "vpn-backup.contoso.com", DNS: []string{"vpn-backup.contoso.com"}, EKU: serverEKU})
		computer := c.Issuing.Issue(t, testpki.Spec{CN: "vpn2.contoso.com", DNS: []string{"vpn2.contoso.com"},
			EKU: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth, x509.ExtKeyUsageServerAuth}})
		return fixtureFiles{
			"profile.xml": profileXML("vpn.contoso.com,vpn2.contoso.com", "nps.corp.contoso.com", c.Root.Thumbprint()),
			"pki.pem": certs(c.Root.PEM("Contoso Root CA"), c.Issuing.PEM("Contoso Issuing CA"),
				vpn.PEM("Server Authentication only", wantCert("CERT102", `"CN=vpn.contoso.com" .*not the IP security IKE intermediate EKU .*lets RRAS pick this one; .*Servers entry "vpn.contoso.com" names it$`)),
				computer.PEM("the second server, enrolled from the Computer template", wantCert("CERT102", `"CN=vpn2.contoso.com" .*Servers entry "vpn2.contoso.com" names it$`)),
				backup.PEM("named nowhere, a VPN server by its EKU", wantCert("CERT102", `"CN=vpn-backup.contoso.com" .*because it carries Server Authentication and no EAP ServerNames entry names it$`)),
				c.NPS.PEM("NPS server: Server Authentication only, and that is right for NPS"), c.User.PEM("user certificate")),
		}
	})
	certFixture("cert102_good", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		noEKU := c.Issuing.Issue(t, testpki.Spec{CN: "vpn2.contoso.com", DNS: []string{"vpn2.contoso.com"}})
		clientOnly := c.Issuing.Issue(t, testpki.Spec{CN: "vpn3.contoso.com", DNS: []string{"vpn3.contoso.com"}, EKU: clientEKU})
		computer := c.Issuing.Issue(t, testpki.Spec{CN: "pc01.corp.contoso.com", DNS: []string{"pc01.corp.contoso.com"},
			EKU: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth, x509.ExtKeyUsageServerAuth}})
		return fixtureFiles{
			"profile.xml": profileXML("vpn.contoso.com,vpn2.contoso.com,vpn3.contoso.com", "nps.corp.contoso.com", c.Root.Thumbprint()),
			"pki.pem": contosoPKI(c,
				noEKU.PEM("no EKU extension: valid for IKE too"),
				clientOnly.PEM("no Server Authentication: CERT101's finding, not this rule's"),
				computer.PEM("a device certificate from the Computer template (Client and Server Authentication) that no Servers entry names")),
		}
	})

	// CERT110: expired certificates.
	certFixture("cert110_bad_leaves", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		expired := time.Date(2026, time.March, 1, 0, 0, 0, 0, time.UTC)
		from := time.Date(2025, time.March, 1, 0, 0, 0, 0, time.UTC)
		vpn := c.Issuing.Issue(t, testpki.Spec{CN: "vpn.contoso.com", DNS: []string{"vpn.contoso.com"}, EKU: serverEKU, UnknownEKU: ikeEKU, NotBefore: from, NotAfter: expired})
		nps := c.Issuing.Issue(t, testpki.Spec{CN: "nps.corp.contoso.com", DNS: []string{"nps.corp.contoso.com"}, EKU: serverEKU, NotBefore: from, NotAfter: expired})
		user := c.Issuing.Issue(t, testpki.Spec{CN: "alice", Emails: []string{"alice@contoso.com"}, EKU: clientEKU, NotBefore: from,
			NotAfter: time.Date(2026, time.May, 31, 19, 0, 0, 0, time.UTC)})
		device := c.Issuing.Issue(t, testpki.Spec{CN: "laptop01.corp.contoso.com", DNS: []string{"laptop01.corp.contoso.com"}, EKU: clientEKU, NotBefore: from,
			NotAfter: time.Date(2026, time.May, 31, 0, 0, 0, 0, time.UTC)})
		return fixtureFiles{
			"profile.xml": contosoProfile(c),
			"pki.pem": certs(c.Root.PEM("Contoso Root CA"), c.Issuing.PEM("Contoso Issuing CA"),
				vpn.PEM(wantCert("CERT110", `^VPN server certificate "CN=vpn.contoso.com" .* expired on 2026-03-01 00:00 UTC, 92 days ago: clients reject the VPN server's IKEv2 certificate .13801`)),
				nps.PEM(wantCert("CERT110", `^NPS server certificate "CN=nps.corp.contoso.com" .* expired on 2026-03-01 00:00 UTC, 92 days ago: PEAP and EAP-TLS fail`)),
				user.PEM(wantCert("CERT110", `^user certificate "CN=alice" .* expired on 2026-05-31 19:00 UTC, 5 hours ago: Windows does not offer the user certificate for EAP-TLS .798`)),
				device.PEM(wantCert("CERT110", `^device certificate "CN=laptop01.corp.contoso.com" .* 1 day ago: .*device tunnel fails with 13806`))),
		}
	})
	certFixture("cert110_bad_root", func(t *testing.T) fixtureFiles {
		t.Helper()
		root := testpki.SelfSigned(t, testpki.Spec{CN: "Contoso Root CA", CA: true,
			NotBefore: time.Date(2016, time.May, 1, 0, 0, 0, 0, time.UTC), NotAfter: time.Date(2026, time.May, 1, 0, 0, 0, 0, time.UTC)})
		issuing := root.Intermediate(t, "Contoso Issuing CA")
		vpn := issuing.Issue(t, testpki.Spec{CN: "vpn.contoso.com", DNS: []string{"vpn.contoso.com"}, EKU: serverEKU, UnknownEKU: ikeEKU})
		nps := issuing.Issue(t, testpki.Spec{CN: "nps.corp.contoso.com", DNS: []string{"nps.corp.contoso.com"}, EKU: serverEKU})
		user := issuing.Issue(t, testpki.Spec{CN: "alice", Emails: []string{"alice@contoso.com"}, EKU: clientEKU})
		return fixtureFiles{
			"profile.xml": profileXML("vpn.contoso.com", "nps.corp.contoso.com", root.Thumbprint()),
			"trust/root.pem": string(root.PEM("the root the clients trust, expired",
				wantCert("CERT110", `^root CA certificate "CN=Contoso Root CA" .* expired on 2026-05-01 00:00 UTC, 31 days ago: every certificate issued under it fails validation; for the VPN server certificate "CN=vpn.contoso.com" .*13801.*; for the NPS server certificate "CN=nps.corp.contoso.com" .*; for the user certificate "CN=alice" .*798`))),
			"chain.pem": certs(issuing.PEM("Contoso Issuing CA, valid itself"), vpn.PEM("VPN server"), nps.PEM("NPS server"), user.PEM("user")),
		}
	})
	certFixture("cert110_bad_intermediate", func(t *testing.T) fixtureFiles {
		t.Helper()
		root := testpki.Root(t, "Contoso Root CA")
		issuing := root.Issue(t, testpki.Spec{CN: "Contoso Issuing CA", CA: true,
			NotBefore: time.Date(2024, time.January, 1, 0, 0, 0, 0, time.UTC), NotAfter: time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)})
		device := issuing.Issue(t, testpki.Spec{CN: "laptop01.corp.contoso.com", DNS: []string{"laptop01.corp.contoso.com"}, EKU: clientEKU})
		return fixtureFiles{
			"pki.pem": certs(root.PEM("Contoso Root CA"),
				issuing.PEM(wantCert("CERT110", `^intermediate CA certificate "CN=Contoso Issuing CA" .* expired on 2026-01-01 00:00 UTC, 151 days ago: every certificate issued under it fails validation; for the device certificate "CN=laptop01.corp.contoso.com" .*13806`)),
				device.PEM("device certificate, valid itself")),
		}
	})
	certFixture("cert110_good", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		soon := c.Issuing.Issue(t, testpki.Spec{CN: "vpn2.contoso.com", DNS: []string{"vpn2.contoso.com"}, EKU: serverEKU, UnknownEKU: ikeEKU,
			NotAfter: time.Date(2026, time.June, 15, 0, 0, 0, 0, time.UTC)})
		edge := c.Issuing.Issue(t, testpki.Spec{CN: "bob", Emails: []string{"bob@contoso.com"}, EKU: clientEKU, NotAfter: time.Date(2026, time.June, 1, 0, 0, 0, 0, time.UTC)})
		msRoot := testpki.Root(t, model.ConditionalAccessRootCN)
		// Exported an hour after it was issued: expired, as every
		// conditional-access certificate soon is.
		caLeaf := msRoot.Issue(t, testpki.Spec{CN: "alice@contoso.com", EKU: clientEKU, UnknownEKU: caEKU,
			NotBefore: time.Date(2026, time.May, 31, 22, 0, 0, 0, time.UTC), NotAfter: time.Date(2026, time.May, 31, 23, 0, 0, 0, time.UTC)})
		return fixtureFiles{
			"profile.xml": contosoProfile(c),
			"pki.pem": contosoPKI(c, soon.PEM("expires in two weeks: CERT112's, not expired"),
				edge.PEM("NotAfter is exactly the evaluation time: still valid")),
			"conditional-access.pem": certs(msRoot.PEM("Microsoft Entra VPN root"), caLeaf.PEM("one-hour certificate, expired by design")),
		}
	})

	certFixture("cert110_bad_standalone_root", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		old := testpki.SelfSigned(t, testpki.Spec{CN: "Fabrikam Root CA", CA: true,
			NotBefore: time.Date(2006, time.June, 1, 0, 0, 0, 0, time.UTC), NotAfter: time.Date(2026, time.April, 1, 0, 0, 0, 0, time.UTC)})
		return fixtureFiles{
			"profile.xml": contosoProfile(c),
			"pki.pem":     contosoPKI(c),
			"fabrikam-root.pem": string(old.PEM("an expired root that signs nothing of the scan: still reported",
				wantCert("CERT110", `^root CA certificate "CN=Fabrikam Root CA" .* expired on 2026-04-01 00:00 UTC, 61 days ago: every certificate issued under it fails validation$`))),
		}
	})
	certFixture("cert110_good_superseded_cross", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		// The Contoso root cross-signed by an older root, on the same key
		// and with the same subject; the cross-certificate has expired.
		oldRoot := testpki.Root(t, "Contoso Legacy Root CA")
		crossTmpl := caTemplate("Contoso Root CA")
		crossTmpl.NotBefore = time.Date(2021, time.January, 1, 0, 0, 0, 0, time.UTC)
		crossTmpl.NotAfter = time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)
		cross := issueTemplate(t, oldRoot, crossTmpl, c.Root.Key)
		return fixtureFiles{
			"profile.xml":       contosoProfile(c),
			"trust/contoso.pem": string(c.Root.PEM("Contoso Root CA, trusted")),
			"trust/legacy.pem":  string(oldRoot.PEM("Contoso Legacy Root CA, trusted too")),
			"chain.pem":         certs(cross.PEM("expired cross-certificate of the Contoso root by the legacy root: no chain needs it"), c.Issuing.PEM(), c.VPN.PEM(), c.NPS.PEM(), c.User.PEM()),
		}
	})
	certFixture("cert110_good_superseded_intermediate", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		// The issuing CA's previous certificate, same subject and key, next
		// to its renewal: the chains take the valid one.
		oldTmpl := caTemplate("Contoso Issuing CA")
		oldTmpl.NotBefore = time.Date(2024, time.January, 1, 0, 0, 0, 0, time.UTC)
		oldTmpl.NotAfter = time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)
		old := issueTemplate(t, c.Root, oldTmpl, c.Issuing.Key)
		return fixtureFiles{
			"profile.xml": contosoProfile(c),
			"pki.pem": certs(c.Root.PEM("Contoso Root CA"), old.PEM("the issuing CA's expired certificate, renewed on the same key"),
				c.Issuing.PEM("the renewed issuing CA certificate"), c.VPN.PEM(), c.NPS.PEM(), c.User.PEM()),
		}
	})

	// CERT111: certificates not valid yet.
	certFixture("cert111_bad", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		vpn := c.Issuing.Issue(t, testpki.Spec{CN: "vpn.contoso.com", DNS: []string{"vpn.contoso.com"}, EKU: serverEKU, UnknownEKU: ikeEKU,
			NotBefore: time.Date(2026, time.July, 1, 0, 0, 0, 0, time.UTC), NotAfter: time.Date(2028, time.July, 1, 0, 0, 0, 0, time.UTC)})
		return fixtureFiles{
			"profile.xml": contosoProfile(c),
			"pki.pem": certs(c.Root.PEM("Contoso Root CA"), c.Issuing.PEM("Contoso Issuing CA"),
				vpn.PEM("the renewed VPN server certificate, installed too early",
					wantCert("CERT111", `^VPN server certificate "CN=vpn.contoso.com" .* is not valid before 2026-07-01 00:00 UTC, in 30 days: until then clients reject the VPN server's IKEv2 certificate .13801`)),
				c.NPS.PEM("NPS server"), c.User.PEM("user")),
		}
	})
	certFixture("cert111_bad_root", func(t *testing.T) fixtureFiles {
		t.Helper()
		root := testpki.SelfSigned(t, testpki.Spec{CN: "Contoso Root CA G2", CA: true, NotBefore: time.Date(2026, time.June, 1, 6, 0, 0, 0, time.UTC)})
		issuing := root.Intermediate(t, "Contoso Issuing CA G2")
		nps := issuing.Issue(t, testpki.Spec{CN: "nps.corp.contoso.com", DNS: []string{"nps.corp.contoso.com"}, EKU: serverEKU})
		return fixtureFiles{
			"profile.xml": profileXML("vpn.contoso.com", "nps.corp.contoso.com", root.Thumbprint()),
			"pki.pem": certs(
				root.PEM("a root made on a CA whose clock runs ahead", wantCert("CERT111", `^root CA certificate "CN=Contoso Root CA G2" .* is not valid before 2026-06-01 06:00 UTC, in 6 hours: until then every certificate issued under it fails validation; for the NPS server certificate "CN=nps.corp.contoso.com"`)),
				issuing.PEM("issuing CA"), nps.PEM("NPS server")),
		}
	})
	certFixture("cert111_good_renewal_ahead", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		// The issuing CA renewed on the same key ahead of time: valid from
		// July, while the chains use the current certificate.
		nextTmpl := caTemplate("Contoso Issuing CA")
		nextTmpl.NotBefore = time.Date(2026, time.July, 1, 0, 0, 0, 0, time.UTC)
		nextTmpl.NotAfter = time.Date(2031, time.July, 1, 0, 0, 0, 0, time.UTC)
		next := issueTemplate(t, c.Root, nextTmpl, c.Issuing.Key)
		return fixtureFiles{
			"profile.xml": contosoProfile(c),
			"pki.pem": certs(c.Root.PEM("Contoso Root CA"), next.PEM("the renewed issuing CA certificate, valid from 2026-07-01"),
				c.Issuing.PEM("the current issuing CA certificate"), c.VPN.PEM(), c.NPS.PEM(), c.User.PEM()),
		}
	})
	certFixture("cert111_good", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		fresh := c.Issuing.Issue(t, testpki.Spec{CN: "vpn2.contoso.com", DNS: []string{"vpn2.contoso.com"}, EKU: serverEKU, UnknownEKU: ikeEKU,
			NotBefore: time.Date(2026, time.June, 1, 0, 0, 0, 0, time.UTC)})
		return fixtureFiles{
			"profile.xml": contosoProfile(c),
			"pki.pem":     contosoPKI(c, fresh.PEM("NotBefore is exactly the evaluation time: already valid")),
		}
	})

	// CERT112: certificates expiring within --expiry-warning (30 days here).
	certFixture("cert112_bad", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		vpn := c.Issuing.Issue(t, testpki.Spec{CN: "vpn.contoso.com", DNS: []string{"vpn.contoso.com"}, EKU: serverEKU, UnknownEKU: ikeEKU,
			NotAfter: time.Date(2026, time.June, 15, 0, 0, 0, 0, time.UTC)})
		msRoot := testpki.SelfSigned(t, testpki.Spec{CN: model.ConditionalAccessRootCN, CA: true,
			NotBefore: time.Date(2025, time.June, 20, 0, 0, 0, 0, time.UTC), NotAfter: time.Date(2026, time.June, 20, 0, 0, 0, 0, time.UTC)})
		caLeaf := msRoot.Issue(t, testpki.Spec{CN: "alice@contoso.com", EKU: clientEKU, UnknownEKU: caEKU, NotBefore: caLeafFrom, NotAfter: caLeafTo})
		return fixtureFiles{
			"profile.xml": contosoProfile(c),
			"pki.pem": certs(c.Root.PEM("Contoso Root CA"), c.Issuing.PEM("Contoso Issuing CA"),
				vpn.PEM(wantCert("CERT112", `^VPN server certificate "CN=vpn.contoso.com" .* expires in 14 days, on 2026-06-15 00:00 UTC .warning period 30 days.: when it does, clients reject the VPN server's IKEv2 certificate`)),
				c.NPS.PEM("NPS server"), c.User.PEM("user")),
			"conditional-access.pem": certs(
				msRoot.PEM("the tenant's VPN root, one year", wantCert("CERT112", `^root CA certificate "CN=Microsoft VPN root CA gen 1" .* expires in 19 days, on 2026-06-20 00:00 UTC .*: create a new VPN certificate in Microsoft Entra ID`)),
				caLeaf.PEM("a one-hour certificate: expiring soon by design, not reported")),
		}
	})
	certFixture("cert112_good", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		later := c.Issuing.Issue(t, testpki.Spec{CN: "vpn2.contoso.com", DNS: []string{"vpn2.contoso.com"}, EKU: serverEKU, UnknownEKU: ikeEKU,
			NotAfter: time.Date(2026, time.July, 2, 0, 0, 0, 0, time.UTC)})
		expired := c.Issuing.Issue(t, testpki.Spec{CN: "bob", Emails: []string{"bob@contoso.com"}, EKU: clientEKU,
			NotBefore: time.Date(2025, time.May, 1, 0, 0, 0, 0, time.UTC), NotAfter: time.Date(2026, time.May, 1, 0, 0, 0, 0, time.UTC)})
		msRoot := testpki.Root(t, model.ConditionalAccessRootCN)
		caLeaf := msRoot.Issue(t, testpki.Spec{CN: "alice@contoso.com", EKU: clientEKU, UnknownEKU: caEKU, NotBefore: caLeafFrom, NotAfter: caLeafTo})
		return fixtureFiles{
			"profile.xml": contosoProfile(c),
			"pki.pem": contosoPKI(c, later.PEM("expires in 31 days: outside the warning period"),
				expired.PEM("expired: CERT110's, not expiring soon")),
			"conditional-access.pem": certs(msRoot.PEM("Microsoft Entra VPN root, valid until 2028"),
				caLeaf.PEM("one-hour certificate, valid for another 30 minutes")),
		}
	})

	// CERT130: NPS server certificates without Server Authentication.
	certFixture("cert130_bad", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		nps := c.Issuing.Issue(t, testpki.Spec{CN: "nps.corp.contoso.com", DNS: []string{"nps.corp.contoso.com"}, EKU: clientEKU})
		nps2 := c.Issuing.Issue(t, testpki.Spec{CN: "nps2.corp.contoso.com", DNS: []string{"nps2.corp.contoso.com"}, UnknownEKU: ikeEKU})
		return fixtureFiles{
			"profile.xml": contosoProfile(c),
			"pki.pem": certs(c.Root.PEM("Contoso Root CA"), c.Issuing.PEM("Contoso Issuing CA"), c.VPN.PEM("VPN server"),
				nps.PEM("the NPS server got a certificate from the Computer template",
					wantCert("CERT130", `^NPS server certificate "CN=nps.corp.contoso.com" .* only Client Authentication .*: NPS does not list it .*because the PEAP .25. ServerNames "nps.corp.contoso.com" match it$`)),
				c.User.PEM("user")),
			"nps/nps2.pem": string(nps2.PEM("given with --nps-cert", wantCert("CERT130", `"CN=nps2.corp.contoso.com" .*only IP security IKE intermediate .*: NPS does not list it .*because it was given with --nps-cert$`))),
		}
	})
	certFixture("cert130_good", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		nps2 := c.Issuing.Issue(t, testpki.Spec{CN: "nps2.corp.contoso.com", DNS: []string{"nps2.corp.contoso.com"}})
		vpn2 := c.Issuing.Issue(t, testpki.Spec{CN: "vpn2.contoso.com", DNS: []string{"vpn2.contoso.com"}, EKU: clientEKU})
		return fixtureFiles{
			"profile.xml":  profileXML("vpn.contoso.com,vpn2.contoso.com", "nps.corp.contoso.com", c.Root.Thumbprint()),
			"pki.pem":      contosoPKI(c, vpn2.PEM("a VPN server without Server Authentication: CERT101's, not an NPS server")),
			"nps/nps2.pem": string(nps2.PEM("NPS server without EKU extension: valid for every usage")),
		}
	})

	// CERT131: NPS server certificates with an empty subject.
	certFixture("cert131_bad", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		nps := c.Issuing.Issue(t, testpki.Spec{EmptySubject: true, DNS: []string{"nps.corp.contoso.com"}, EKU: serverEKU})
		nps2 := c.Issuing.Issue(t, testpki.Spec{EmptySubject: true, EKU: serverEKU})
		return fixtureFiles{
			"profile.xml": contosoProfile(c),
			"pki.pem": certs(c.Root.PEM("Contoso Root CA"), c.Issuing.PEM("Contoso Issuing CA"), c.VPN.PEM("VPN server"),
				nps.PEM("subject left empty in the request, the name only in the SAN",
					wantCert("CERT131", `^NPS server certificate "\(empty subject\)" .* has an empty subject and only the subject alternative name nps.corp.contoso.com: NPS does not list .*because the PEAP .25. ServerNames "nps.corp.contoso.com" match it$`)),
				c.User.PEM("user")),
			"nps/nps2.pem": string(nps2.PEM("given with --nps-cert", wantCert("CERT131", `has an empty subject and no subject alternative name either: .*--nps-cert$`))),
		}
	})
	certFixture("cert131_good", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		// Some user templates build the subject from nothing and put the
		// UPN in the SAN: a client, not an NPS server.
		user := issueUPN(t, c.Issuing, "", "bob@corp.contoso.com", clientEKU, nil)
		return fixtureFiles{
			"profile.xml": contosoProfile(c),
			"pki.pem":     contosoPKI(c, user.PEM("user certificate with an empty subject and a UPN")),
		}
	})

	// CERT140: client certificates without Client Authentication.
	certFixture("cert140_bad", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		device := c.Issuing.Issue(t, testpki.Spec{CN: "laptop01.corp.contoso.com", DNS: []string{"laptop01.corp.contoso.com"},
			EKU: []x509.ExtKeyUsage{x509.ExtKeyUsageIPSECEndSystem}})
		mail := c.Issuing.Issue(t, testpki.Spec{CN: "alice", Emails: []string{"alice@contoso.com"}, EKU: []x509.ExtKeyUsage{x509.ExtKeyUsageEmailProtection}})
		efs := issueUPN(t, c.Issuing, "bob", "bob@corp.contoso.com", nil, []asn1.ObjectIdentifier{oidEFS})
		return fixtureFiles{
			"profile.xml": contosoProfile(c),
			"pki.pem": certs(c.Root.PEM("Contoso Root CA"), c.Issuing.PEM("Contoso Issuing CA"), c.VPN.PEM("VPN server"), c.NPS.PEM("NPS server"),
				device.PEM("a machine certificate without Client Authentication",
					wantCert("CERT140", `^device certificate "CN=laptop01.corp.contoso.com" .* \(DNS name laptop01.corp.contoso.com\) has no Client Authentication EKU .*only IP security end system: .*device tunnel fails with 13806 .*; it is taken as a client certificate because it is a leaf that no VPN Servers entry`)),
				mail.PEM("an S/MIME certificate", wantCert("CERT140", `^user certificate "CN=alice" .* \(alice@contoso.com\) .*only Secure Email: Windows does not offer it for EAP-TLS.*798`)),
				efs.PEM("an EFS certificate named by its UPN", wantCert("CERT140", `^user certificate "CN=bob" .* \(bob@corp.contoso.com\) .*only 1.3.6.1.4.1.311.10.3.4: .*798`))),
		}
	})
	certFixture("cert140_good", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		device := c.Issuing.Issue(t, testpki.Spec{CN: "laptop01.corp.contoso.com", DNS: []string{"laptop01.corp.contoso.com"}, EKU: clientEKU})
		upn := issueUPN(t, c.Issuing, "bob", "bob@corp.contoso.com", nil, nil)
		anyCert := c.Issuing.Issue(t, testpki.Spec{CN: "carol", Emails: []string{"carol@contoso.com"}, EKU: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}})
		msRoot := testpki.Root(t, model.ConditionalAccessRootCN)
		caLeaf := msRoot.Issue(t, testpki.Spec{CN: "alice@contoso.com", UnknownEKU: caEKU, NotBefore: caLeafFrom, NotAfter: caLeafTo})
		return fixtureFiles{
			"profile.xml": contosoProfile(c),
			"pki.pem": contosoPKI(c, device.PEM("device certificate with Client Authentication"),
				upn.PEM("user certificate without EKU extension: valid for every usage"),
				anyCert.PEM("Any Purpose: valid for Client Authentication (the roles take it for a VPN server too)")),
			"conditional-access.pem": certs(msRoot.PEM("Microsoft Entra VPN root"),
				caLeaf.PEM("conditional-access certificates are CERT141's")),
		}
	})

	// CERT141: conditional-access certificates without the AAD Conditional Access EKU.
	certFixture("cert141_bad", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		msRoot := testpki.Root(t, model.ConditionalAccessRootCN)
		clientOnly := msRoot.Issue(t, testpki.Spec{CN: "alice@contoso.com", EKU: clientEKU, NotBefore: caLeafFrom, NotAfter: caLeafTo})
		none := msRoot.Issue(t, testpki.Spec{CN: "bob@contoso.com", NotBefore: caLeafFrom, NotAfter: caLeafTo})
		return fixtureFiles{
			"profile.xml": contosoProfile(c),
			"pki.pem":     contosoPKI(c),
			"conditional-access.pem": certs(msRoot.PEM("a lab CA named like the Entra VPN root"),
				clientOnly.PEM(wantCert("CERT141", `^conditional-access certificate "CN=alice@contoso.com" .*, issued by "Microsoft VPN root CA gen 1", does not list the AAD Conditional Access EKU .*it has only Client Authentication .*Oops`)),
				none.PEM(wantCert("CERT141", `^conditional-access certificate "CN=bob@contoso.com" .*it has no EKU extension`))),
		}
	})
	certFixture("cert141_good", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		msRoot := testpki.Root(t, model.ConditionalAccessRootCN)
		caLeaf := msRoot.Issue(t, testpki.Spec{CN: "alice@contoso.com", EKU: clientEKU, UnknownEKU: caEKU, NotBefore: caLeafFrom, NotAfter: caLeafTo})
		return fixtureFiles{
			"profile.xml": contosoProfile(c),
			"pki.pem":     contosoPKI(c), // the on-premises user certificate has no 1.3.6.1.4.1.311.87, rightly
			"conditional-access.pem": certs(msRoot.PEM("Microsoft Entra VPN root"),
				caLeaf.PEM("as Microsoft Entra issues it: Client Authentication and AAD Conditional Access")),
		}
	})
}
