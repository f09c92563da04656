package rules

import (
	"crypto/x509"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/aovpnlint/aovpnlint/internal/testpki"
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/linttest"
)

// Generated fixtures of the cross-checks between profiles and certificates
// (XREF101-XREF103, XREF110-XREF112) and of the chain rules (CERT120,
// CERT121).

// want is one expectation: a rule ID and a pattern its message must match.
func xrefWant(id, re string) string { return id + " " + strconv.Quote(re) }

// xrefWantOn appends a want comment to every line of an XML document that
// contains substr.
func xrefWantOn(doc, substr string, wants ...string) string {
	lines := strings.Split(doc, "\n")
	n := 0
	for i, l := range lines {
		if strings.Contains(l, substr) {
			lines[i] = l + " <!-- want: " + strings.Join(wants, " ") + " -->"
			n++
		}
	}
	if n == 0 {
		panic("xrefWantOn: no line contains " + substr)
	}
	return strings.Join(lines, "\n")
}

// xrefWantPEM is the comment that puts a want on the BEGIN line below it.
func xrefWantPEM(wants ...string) string { return "want@+1: " + strings.Join(wants, " ") }

// q quotes a certificate's String() form for a message pattern.
func xrefQ(c *testpki.Cert) string {
	return regexp.QuoteMeta(`"CN=` + c.Subject.CommonName + `" (SHA-1 ` + c.Thumbprint() + `)`)
}

// xrefContosoPEM is the whole Contoso deployment in one file.
func xrefContosoPEM(c *contoso) string {
	return certs(c.Root.PEM("Contoso Root CA"), c.Issuing.PEM("Contoso Issuing CA"), c.VPN.PEM("VPN server"), c.NPS.PEM("NPS server"), c.User.PEM("user alice"))
}

// xrefContosoProfile dials vpn.contoso.com and pins the Contoso root for nps.corp.contoso.com.
func xrefContosoProfile(c *contoso) string {
	return profileXML("vpn.contoso.com", "nps.corp.contoso.com", c.Root.Thumbprint())
}

func init() {
	// XREF101 vpn-server-name-mismatch
	certFixture("xref101_bad", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		prof := xrefWantOn(profileXML("vpn.fabrikam.com;Fabrikam,vpn.contoso.com,20.30.40.50", "nps.corp.contoso.com", c.Root.Thumbprint()), "<Servers>",
			xrefWant("XREF101", `^server "vpn\.fabrikam\.com" in <Servers> matches no name of the VPN server certificate `+xrefQ(c.VPN)+` carrying vpn\.contoso\.com: .*13801`),
			xrefWant("XREF101", `^server "20\.30\.40\.50" in <Servers> matches no name of .*an IP address entry matches only an IP address SAN`))
		return fixtureFiles{"profile.xml": prof, "certs.pem": xrefContosoPEM(c)}
	})
	certFixture("xref101_bad_wildcard", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		wild := c.Issuing.Issue(t, testpki.Spec{CN: "*.contoso.com", DNS: []string{"*.contoso.com"}, EKU: serverEKU, UnknownEKU: ikeEKU})
		// A RAS and IAS Server certificate given with --vpn-cert.
		ras := c.Issuing.Issue(t, testpki.Spec{CN: "gw.contoso.com", DNS: []string{"gw.contoso.com"}, EKU: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth}})
		prof := xrefWantOn(profileXML("vpn.eu.contoso.com", "nps.corp.contoso.com", c.Root.Thumbprint()), "<Servers>",
			xrefWant("XREF101", `^server "vpn\.eu\.contoso\.com" in <Servers> matches no name of any of the 2 VPN server certificates of the scan: `+xrefQ(wild)+` carrying \*\.contoso\.com; `+xrefQ(ras)+` carrying gw\.contoso\.com: `))
		return fixtureFiles{
			"profile.xml": prof,
			"certs.pem":   certs(c.Root.PEM(), c.Issuing.PEM(), wild.PEM("wildcard: covers one label only"), c.NPS.PEM()),
			"vpn/gw.pem":  string(ras.PEM("given with --vpn-cert")),
		}
	})
	certFixture("xref101_bad_cn_not_san", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		other := c.Issuing.Issue(t, testpki.Spec{CN: "vpn.contoso.com", DNS: []string{"vpn-gw.contoso.com"}, EKU: serverEKU, UnknownEKU: ikeEKU})
		prof := xrefWantOn(xrefContosoProfile(c), "<Servers>",
			xrefWant("XREF101", `^server "vpn\.contoso\.com" in <Servers> matches the subject CN of `+xrefQ(other)+` but none of its DNS SANs \(vpn-gw\.contoso\.com\): once a certificate has DNS SANs, Windows, like every validator, ignores the CN, .*13801; add vpn\.contoso\.com as a DNS SAN$`))
		return fixtureFiles{"profile.xml": prof, "certs.pem": certs(c.Root.PEM(), c.Issuing.PEM(), other.PEM("CN differs from the DNS SAN"), c.NPS.PEM())}
	})
	certFixture("xref101_bad_ca_vpn_cert", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		ca := c.Root.Issue(t, testpki.Spec{CN: "Contoso Gateway CA", CA: true, DNS: []string{"gw-ca.contoso.com"}})
		prof := xrefWantOn(xrefContosoProfile(c), "<Servers>",
			xrefWant("XREF101", `^server "vpn\.contoso\.com" in <Servers> matches no name of the VPN server certificate `+xrefQ(ca)+` carrying gw-ca\.contoso\.com: .*13801`))
		return fixtureFiles{
			"profile.xml": prof,
			"certs.pem":   certs(c.Root.PEM(), c.Issuing.PEM(), c.NPS.PEM()),
			"vpn/ca.pem":  string(ca.PEM("a CA certificate the VPN server presents, given with --vpn-cert")),
		}
	})
	certFixture("xref101_good", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		gw := c.Issuing.Issue(t, testpki.Spec{CN: "gw.contoso.com", DNS: []string{"*.contoso.com"}, IPs: []string{"20.30.40.50"}, EKU: serverEKU, UnknownEKU: ikeEKU})
		servers := "VPN.Contoso.com;Contoso VPN,vpn.contoso.com.,gw.contoso.com,20.30.40.50,vpn.example.com"
		return fixtureFiles{
			"profile.xml": "<!-- case, a final dot, a wildcard, an IP SAN; the placeholder is VPN102's -->\n" + profileXML(servers, "nps.corp.contoso.com", c.Root.Thumbprint()),
			"certs.pem":   xrefContosoPEM(c) + string(gw.PEM("wildcard and IP SAN")),
		}
	})
	certFixture("xref101_good_cn_only", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		cnOnly := c.Issuing.Issue(t, testpki.Spec{CN: "vpn.contoso.com", EKU: serverEKU, UnknownEKU: ikeEKU})
		return fixtureFiles{
			"profile.xml": "<!-- a CN-only match is XREF102's warning, not a mismatch -->\n" + xrefContosoProfile(c),
			"certs.pem":   certs(c.Root.PEM(), c.Issuing.PEM(), cnOnly.PEM("CN only, no SAN"), c.NPS.PEM()),
		}
	})
	certFixture("xref101_good_ca_vpn_cert", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		ca := c.Root.Issue(t, testpki.Spec{CN: "Contoso Gateway CA", CA: true, DNS: []string{"vpn.contoso.com"}})
		return fixtureFiles{
			"profile.xml": "<!-- the CA certificate given as the VPN server certificate carries the dialled name -->\n" + xrefContosoProfile(c),
			"certs.pem":   certs(c.Root.PEM(), c.Issuing.PEM(), c.NPS.PEM()),
			"vpn/ca.pem":  string(ca.PEM("a CA certificate the VPN server presents, given with --vpn-cert")),
		}
	})
	certFixture("xref101_good_machine_cert", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		machine := c.Issuing.Issue(t, testpki.Spec{CN: "pc01.corp.contoso.com", DNS: []string{"pc01.corp.contoso.com"},
			EKU: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth, x509.ExtKeyUsageServerAuth}})
		return fixtureFiles{
			"profile.xml": "<!-- the scan has no VPN server certificate, only a Computer-template machine certificate -->\n" + xrefContosoProfile(c),
			"certs.pem":   certs(c.Root.PEM(), c.Issuing.PEM(), machine.PEM("machine certificate: Client and Server Authentication")),
		}
	})
	certFixture("xref101_good_profile_only", func(t *testing.T) fixtureFiles {
		t.Helper()
		return fixtureFiles{"profile.xml": "<!-- no certificate in the scan: nothing to compare with -->\n" + profileXML("vpn.fabrikam.com", "nps.corp.contoso.com", "5a 89 fe cb 5b 49 a7 0b 1a 52 63 b7 35 ee d7 1c c2 68 be 4b")}
	})

	// XREF102 vpn-server-name-cn-only
	certFixture("xref102_bad", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		cnOnly := c.Issuing.Issue(t, testpki.Spec{CN: "vpn.contoso.com", EKU: serverEKU, UnknownEKU: ikeEKU})
		prof := xrefWantOn(xrefContosoProfile(c), "<Servers>",
			xrefWant("XREF102", `^server "vpn\.contoso\.com" in <Servers> matches only the subject CN of `+xrefQ(cnOnly)+`, which has no DNS SAN: .*add vpn\.contoso\.com as a DNS SAN`))
		return fixtureFiles{"profile.xml": prof, "certs.pem": certs(c.Root.PEM(), c.Issuing.PEM(), cnOnly.PEM("CN only, no SAN"), c.NPS.PEM())}
	})
	certFixture("xref102_bad_ip_san", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		ipOnly := c.Issuing.Issue(t, testpki.Spec{CN: "vpn.contoso.com", IPs: []string{"20.30.40.50"}, EKU: serverEKU, UnknownEKU: ikeEKU})
		prof := xrefWantOn(xrefContosoProfile(c), "<Servers>",
			xrefWant("XREF102", `^server "vpn\.contoso\.com" in <Servers> matches only the subject CN of `+xrefQ(ipOnly)+`, which has no DNS SAN: `))
		return fixtureFiles{"profile.xml": prof, "certs.pem": certs(c.Root.PEM(), c.Issuing.PEM(), ipOnly.PEM("an IP SAN, no DNS SAN: the CN still counts"), c.NPS.PEM())}
	})
	certFixture("xref102_good", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		other := c.Issuing.Issue(t, testpki.Spec{CN: "vpn2.contoso.com", DNS: []string{"vpn-gw.contoso.com"}, EKU: serverEKU, UnknownEKU: ikeEKU})
		return fixtureFiles{
			"profile.xml": "<!-- a SAN match, and mismatches that are XREF101's: no name at all, and a CN match on a certificate with DNS SANs -->\n" +
				profileXML("vpn.contoso.com,vpn.fabrikam.com,vpn2.contoso.com", "nps.corp.contoso.com", c.Root.Thumbprint()),
			"certs.pem": xrefContosoPEM(c) + string(other.PEM("CN vpn2.contoso.com, DNS SAN vpn-gw.contoso.com")),
		}
	})

	// CERT120 chain-untrusted-root
	certFixture("cert120_bad", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		fabrikam := testpki.Root(t, "Fabrikam Root CA")
		notTrusted := ` chains to ` + xrefQ(c.Root) + `, a self-signed root that is not among the roots given with \x2d\x2dtrust: .*0x800B0109`
		return fixtureFiles{
			"profile.xml": xrefContosoProfile(c),
			"certs.pem": certs(c.Root.PEM("Contoso Root CA: not among the --trust roots"), c.Issuing.PEM(),
				c.VPN.PEM(xrefWantPEM(xrefWant("CERT120", `^VPN server certificate `+xrefQ(c.VPN)+notTrusted))),
				c.NPS.PEM(xrefWantPEM(xrefWant("CERT120", `^NPS server certificate `+xrefQ(c.NPS)+notTrusted))),
				c.User.PEM("client certificates are not this rule's")),
			"trust/fabrikam-root.pem": string(fabrikam.PEM("the clients trust only Fabrikam")),
		}
	})
	certFixture("cert120_bad_self_signed", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		self := testpki.SelfSigned(t, testpki.Spec{CN: "vpn.contoso.com", DNS: []string{"vpn.contoso.com"}, EKU: serverEKU, UnknownEKU: ikeEKU})
		return fixtureFiles{
			"profile.xml": xrefContosoProfile(c),
			"certs.pem": certs(c.Root.PEM("no --trust: the Contoso root is the implicit anchor"), c.Issuing.PEM(), c.NPS.PEM(),
				self.PEM(xrefWantPEM(xrefWant("CERT120", `^VPN server certificate `+xrefQ(self)+` is self-signed: without \x2d\x2dtrust, aovpnlint trusts the self-signed CA certificates of the scan, and this one is no CA`)))),
		}
	})
	certFixture("cert120_bad_self_signed_trust", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		self := testpki.SelfSigned(t, testpki.Spec{CN: "vpn.contoso.com", DNS: []string{"vpn.contoso.com"}, EKU: serverEKU, UnknownEKU: ikeEKU})
		return fixtureFiles{
			"profile.xml": xrefContosoProfile(c),
			"certs.pem": certs(c.Issuing.PEM(), c.NPS.PEM(),
				self.PEM(xrefWantPEM(xrefWant("CERT120", `^VPN server certificate `+xrefQ(self)+` is self-signed and is not among the roots given with \x2d\x2dtrust`)))),
			"trust/root.pem": string(c.Root.PEM()),
		}
	})
	certFixture("cert120_good", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		return fixtureFiles{
			"profile.xml":    xrefContosoProfile(c),
			"certs.pem":      certs(c.Issuing.PEM(), c.VPN.PEM(), c.NPS.PEM(), c.User.PEM()),
			"trust/root.pem": string(c.Root.PEM("the clients trust the Contoso root")),
		}
	})
	certFixture("cert120_good_implicit", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		return fixtureFiles{"profile.xml": xrefContosoProfile(c), "certs.pem": xrefContosoPEM(c)}
	})
	certFixture("cert120_good_no_anchors", func(t *testing.T) fixtureFiles {
		t.Helper()
		self := testpki.SelfSigned(t, testpki.Spec{CN: "vpn.contoso.com", DNS: []string{"vpn.contoso.com"}, EKU: serverEKU, UnknownEKU: ikeEKU})
		return fixtureFiles{"vpn.pem": string(self.PEM("no root at all in the scan: nothing to judge trust by"))}
	})
	certFixture("cert120_good_v1_root", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		legacy := testpki.SelfSigned(t, testpki.Spec{CN: "Contoso Legacy Root", CA: true, NoBasicConstraints: true})
		vpn := legacy.Issue(t, testpki.Spec{CN: "vpn.contoso.com", DNS: []string{"vpn.contoso.com"}, EKU: serverEKU, UnknownEKU: ikeEKU})
		return fixtureFiles{
			"profile.xml": xrefContosoProfile(c),
			"certs.pem": certs(c.Root.PEM(), c.Issuing.PEM(), c.NPS.PEM(),
				legacy.PEM("a root without basicConstraints: without --trust, no judgement"), vpn.PEM()),
		}
	})

	// CERT121 chain-missing-intermediate
	certFixture("cert121_bad", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		missing := ` was issued by "CN=Contoso Issuing CA", which is not among the scanned certificates: the chain to a trusted root cannot be built`
		return fixtureFiles{
			"profile.xml": xrefContosoProfile(c),
			"certs.pem": certs(
				c.VPN.PEM(xrefWantPEM(xrefWant("CERT121", `^VPN server certificate `+xrefQ(c.VPN)+missing))),
				c.NPS.PEM(xrefWantPEM(xrefWant("CERT121", `^NPS server certificate `+xrefQ(c.NPS)+missing))),
				c.User.PEM("client certificates are not this rule's")),
			"trust/root.pem": string(c.Root.PEM()),
		}
	})
	certFixture("cert121_bad_stops_at_intermediate", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		fabrikam := testpki.Root(t, "Fabrikam Root CA")
		return fixtureFiles{
			"profile.xml": xrefContosoProfile(c),
			"certs.pem": certs(c.Issuing.PEM("the Contoso root is missing"),
				c.VPN.PEM(xrefWantPEM(xrefWant("CERT121", `^the chain of VPN server certificate `+xrefQ(c.VPN)+` stops at `+xrefQ(c.Issuing)+`: its issuer "CN=Contoso Root CA" is not among`))),
				c.NPS.PEM(xrefWantPEM(xrefWant("CERT121", `^the chain of NPS server certificate `+xrefQ(c.NPS)+` stops at `)))),
			"trust/fabrikam-root.pem": string(fabrikam.PEM()),
		}
	})
	certFixture("cert121_bad_renewed_ca", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		renewed := c.Root.Intermediate(t, "Contoso Issuing CA")
		return fixtureFiles{
			"profile.xml": xrefContosoProfile(c),
			"certs.pem": certs(c.Root.PEM(), renewed.PEM("the issuing CA renewed with a new key"),
				c.VPN.PEM(xrefWantPEM(xrefWant("CERT121", `^VPN server certificate `+xrefQ(c.VPN)+` was issued by "CN=Contoso Issuing CA", which is not among the scanned certificates \(the scan holds `+xrefQ(renewed)+` with that name, but its key did not sign`))),
				c.NPS.PEM(xrefWantPEM(xrefWant("CERT121", `^NPS server certificate `+xrefQ(c.NPS)+` was issued by`)))),
		}
	})
	certFixture("cert121_good", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		return fixtureFiles{"profile.xml": xrefContosoProfile(c), "certs.pem": xrefContosoPEM(c)}
	})
	certFixture("cert121_good_no_anchors", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		return fixtureFiles{
			"profile.xml": xrefContosoProfile(c),
			"certs.pem":   certs(c.Issuing.PEM("no root in the scan and no --trust: nothing to judge"), c.VPN.PEM(), c.NPS.PEM()),
		}
	})

	// XREF110 eap-trusted-root-unknown
	certFixture("xref110_bad", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		fabrikam := testpki.Root(t, "Fabrikam Root CA")
		prof := xrefWantOn(profileXML("vpn.contoso.com", "nps.corp.contoso.com", fabrikam.Thumbprint()), "<TrustedRootCA>",
			xrefWant("XREF110", `^(inner EAP-TLS \(13\)|PEAP \(25\)) TrustedRootCA "`+regexp.QuoteMeta(fabrikam.Thumbprint())+`" matches no certificate of the scan`))
		return fixtureFiles{"profile.xml": prof, "certs.pem": xrefContosoPEM(c)}
	})
	certFixture("xref110_good", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		pin := strings.ToUpper(strings.ReplaceAll(c.Root.Thumbprint(), " ", ""))
		return fixtureFiles{
			"profile.xml": "<!-- upper case without spaces is the same thumbprint -->\n" + profileXML("vpn.contoso.com", "nps.corp.contoso.com", pin),
			"certs.pem":   xrefContosoPEM(c),
		}
	})
	certFixture("xref110_good_malformed", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		return fixtureFiles{
			"profile.xml": "<!-- a placeholder is VPN205's -->\n" + profileXML("vpn.contoso.com", "nps.corp.contoso.com", strings.Repeat("00 ", 20)),
			"certs.pem":   xrefContosoPEM(c),
		}
	})
	certFixture("xref110_good_profile_only", func(t *testing.T) fixtureFiles {
		t.Helper()
		fabrikam := testpki.Root(t, "Fabrikam Root CA")
		return fixtureFiles{"profile.xml": "<!-- no certificate in the scan -->\n" + profileXML("vpn.contoso.com", "nps.corp.contoso.com", fabrikam.Thumbprint())}
	})

	// XREF111 eap-trusted-root-not-root
	certFixture("xref111_bad_intermediate", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		prof := xrefWantOn(profileXML("vpn.contoso.com", "nps.corp.contoso.com", c.Issuing.Thumbprint()), "<TrustedRootCA>",
			xrefWant("XREF111", `TrustedRootCA "`+regexp.QuoteMeta(c.Issuing.Thumbprint())+`" is the thumbprint of `+xrefQ(c.Issuing)+`, an intermediate CA issued by "CN=Contoso Root CA", not a root: .*0x800B0109`))
		return fixtureFiles{"profile.xml": prof, "certs.pem": xrefContosoPEM(c)}
	})
	certFixture("xref111_bad_leaf", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		prof := xrefWantOn(profileXML("vpn.contoso.com", "nps.corp.contoso.com", c.NPS.Thumbprint()), "<TrustedRootCA>",
			xrefWant("XREF111", `TrustedRootCA "`+regexp.QuoteMeta(c.NPS.Thumbprint())+`" is the thumbprint of `+xrefQ(c.NPS)+`, a leaf certificate issued by "CN=Contoso Issuing CA", not a root`))
		return fixtureFiles{"profile.xml": prof, "certs.pem": xrefContosoPEM(c)}
	})
	certFixture("xref111_bad_conditional_access", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		cloud := testpki.Root(t, "Microsoft VPN root CA gen 1")
		prof := xrefWantOn(profileXML("vpn.contoso.com", "nps.corp.contoso.com", cloud.Thumbprint()), "<TrustedRootCA>",
			xrefWant("XREF111", `TrustedRootCA "`+regexp.QuoteMeta(cloud.Thumbprint())+`" is the thumbprint of `+xrefQ(cloud)+`, the conditional-access cloud root: it signs the short-lived client certificates, never the NPS server certificate`))
		return fixtureFiles{"profile.xml": prof, "certs.pem": xrefContosoPEM(c), "cloud-root.pem": string(cloud.PEM("the conditional-access root downloaded from Entra ID"))}
	})
	certFixture("xref111_good", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		return fixtureFiles{"profile.xml": xrefContosoProfile(c), "certs.pem": xrefContosoPEM(c)}
	})
	certFixture("xref111_good_self_signed_nps", func(t *testing.T) fixtureFiles {
		t.Helper()
		nps := testpki.SelfSigned(t, testpki.Spec{CN: "nps.corp.contoso.com", DNS: []string{"nps.corp.contoso.com"}, EKU: serverEKU})
		return fixtureFiles{
			"profile.xml": "<!-- a self-signed NPS certificate is its own root -->\n" + profileXML("vpn.contoso.com", "nps.corp.contoso.com", nps.Thumbprint()),
			"nps.pem":     string(nps.PEM()),
		}
	})

	// XREF112 nps-server-untrusted-by-profile
	certFixture("xref112_bad", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		fabrikam := testpki.Root(t, "Fabrikam Root CA")
		prof := xrefWantOn(profileXML("vpn.contoso.com", "nps.corp.contoso.com", fabrikam.Thumbprint()), "<TrustedRootCA>",
			xrefWant("XREF112", `^NPS server certificate `+xrefQ(c.NPS)+` chains to `+xrefQ(c.Root)+`, which the (inner EAP-TLS \(13\)|PEAP \(25\)) TrustedRootCA values \(`+xrefQ(fabrikam)+`\) do not pin: .*0x800B0109`))
		return fixtureFiles{"profile.xml": prof, "certs.pem": xrefContosoPEM(c), "fabrikam-root.pem": string(fabrikam.PEM())}
	})
	certFixture("xref112_bad_self_signed", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		nps := testpki.SelfSigned(t, testpki.Spec{CN: "nps.corp.contoso.com", DNS: []string{"nps.corp.contoso.com"}, EKU: serverEKU})
		prof := xrefWantOn(xrefContosoProfile(c), "<TrustedRootCA>",
			xrefWant("XREF112", `^NPS server certificate `+xrefQ(nps)+` is self-signed, and the (inner EAP-TLS \(13\)|PEAP \(25\)) TrustedRootCA values \(`+xrefQ(c.Root)+`\) do not pin it: `))
		return fixtureFiles{"profile.xml": prof, "certs.pem": certs(c.Root.PEM(), c.Issuing.PEM(), c.VPN.PEM()), "nps.pem": string(nps.PEM("self-signed NPS certificate"))}
	})
	certFixture("xref112_good_incomplete", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		fabrikam := testpki.Root(t, "Fabrikam Root CA")
		return fixtureFiles{
			"profile.xml":       "<!-- the missing issuing CA may chain to the pinned root: CERT121 reports the chain -->\n" + profileXML("vpn.contoso.com", "nps.corp.contoso.com", fabrikam.Thumbprint()),
			"nps.pem":           string(c.NPS.PEM()),
			"fabrikam-root.pem": string(fabrikam.PEM()),
		}
	})
	certFixture("xref112_bad_nps_cert", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		fabrikam := testpki.Root(t, "Fabrikam Root CA")
		prof := xrefWantOn(profileXML("vpn.contoso.com", "", fabrikam.Thumbprint()), "<TrustedRootCA>",
			xrefWant("XREF112", `^NPS server certificate `+xrefQ(c.NPS)+` chains to `+xrefQ(c.Root)))
		return fixtureFiles{
			"profile.xml": "<!-- no ServerNames: the NPS certificate given on the command line is checked -->\n" + prof,
			"certs.pem":   certs(c.Root.PEM(), c.Issuing.PEM(), fabrikam.PEM()),
			"nps/nps.pem": string(c.NPS.PEM()),
		}
	})
	certFixture("xref112_good", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		return fixtureFiles{"profile.xml": xrefContosoProfile(c), "certs.pem": xrefContosoPEM(c)}
	})
	certFixture("xref112_good_pin_intermediate", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		return fixtureFiles{
			"profile.xml": "<!-- the chain contains the pin: pinning an intermediate is XREF111's -->\n" + profileXML("vpn.contoso.com", "nps.corp.contoso.com", c.Issuing.Thumbprint()),
			"certs.pem":   xrefContosoPEM(c),
		}
	})
	certFixture("xref112_good_incomplete_unknown_pin", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		return fixtureFiles{
			"profile.xml": "<!-- the missing issuer may be the pinned root, which the scan lacks -->\n" + xrefContosoProfile(c),
			"nps.pem":     string(c.NPS.PEM()),
		}
	})
	certFixture("xref112_good_vpn_cert_excluded", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		public := testpki.Root(t, "Fabrikam Public Root")
		vpn := public.Issue(t, testpki.Spec{CN: "vpn.contoso.com", DNS: []string{"vpn.contoso.com"}, EKU: serverEKU, UnknownEKU: ikeEKU})
		return fixtureFiles{
			"profile.xml": "<!-- a broad pattern also matches the VPN server, which answers IKE, not EAP -->\n" + profileXML("vpn.contoso.com", `.*\.contoso\.com`, c.Root.Thumbprint()),
			"certs.pem":   certs(c.Root.PEM(), c.Issuing.PEM(), c.NPS.PEM(), public.PEM("public CA of the VPN server"), vpn.PEM()),
		}
	})
	certFixture("xref112_good_validation_off", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		fabrikam := testpki.Root(t, "Fabrikam Root CA")
		prof := strings.ReplaceAll(profileXML("vpn.contoso.com", "nps.corp.contoso.com", fabrikam.Thumbprint()), ">true</PerformServerValidation>", ">false</PerformServerValidation>")
		return fixtureFiles{
			"profile.xml":       "<!-- no server validation at all is VPN201's -->\n" + prof,
			"certs.pem":         xrefContosoPEM(c),
			"fabrikam-root.pem": string(fabrikam.PEM()),
		}
	})

	// XREF103 nps-server-name-mismatch
	certFixture("xref103_bad", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		nps2 := c.Issuing.Issue(t, testpki.Spec{CN: "nps2.corp.contoso.com", DNS: []string{"nps2.corp.contoso.com"}, EKU: serverEKU})
		prof := xrefWantOn(xrefContosoProfile(c), "<ServerNames>",
			xrefWant("XREF103", `^(inner EAP-TLS \(13\)|PEAP \(25\)) ServerNames "nps\.corp\.contoso\.com" matches neither the subject CN nor a DNS SAN of NPS server certificate `+xrefQ(nps2)+` \(CN nps2\.corp\.contoso\.com; DNS SANs nps2\.corp\.contoso\.com\)`))
		return fixtureFiles{"profile.xml": prof, "certs.pem": xrefContosoPEM(c), "nps/nps2.pem": string(nps2.PEM("the second NPS server"))}
	})
	certFixture("xref103_good", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		nps2 := c.Issuing.Issue(t, testpki.Spec{CN: "nps2.corp.contoso.com", DNS: []string{"nps2.corp.contoso.com"}, EKU: serverEKU})
		return fixtureFiles{
			"profile.xml": profileXML("vpn.contoso.com", `nps\.corp\.contoso\.com;NPS2\.corp\.contoso\.com`, c.Root.Thumbprint()),
			"certs.pem":   certs(c.Root.PEM(), c.Issuing.PEM(), c.VPN.PEM()),
			"nps/nps.pem": certs(c.NPS.PEM(), nps2.PEM()),
		}
	})
	certFixture("xref103_good_empty_names", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		return fixtureFiles{
			"profile.xml": "<!-- an empty ServerNames is VPN203's -->\n" + profileXML("vpn.contoso.com", "", c.Root.Thumbprint()),
			"certs.pem":   certs(c.Root.PEM(), c.Issuing.PEM(), c.VPN.PEM()),
			"nps/nps.pem": string(c.NPS.PEM()),
		}
	})
}

// TestXrefFixturesLoadClean: a fixture that does not load (a "--" in an XML
// comment, say) would make a good fixture pass for nothing.
func TestXrefFixturesLoadClean(t *testing.T) {
	for name := range certFixtures {
		if !strings.HasPrefix(name, "xref1") && !strings.HasPrefix(name, "cert12") {
			continue
		}
		d := linttest.Load(t, filepath.Join(fixtures, name))
		for _, pr := range d.Problems {
			t.Errorf("%s: %s: %s", name, pr.Loc.Path, pr.Message)
		}
		if len(d.Certs) == 0 && len(d.Profiles) == 0 {
			t.Errorf("%s: nothing loaded", name)
		}
	}
}

// TestXrefServerNameAndRelated covers what fixtures cannot express: a
// --server-name, reported at the certificate, and the related locations.
func TestXrefServerNameAndRelated(t *testing.T) {
	testpki.Seed(t, 101)
	c := newContoso(t)
	cnOnly := c.Issuing.Issue(t, testpki.Spec{CN: "vpn3.contoso.com", EKU: serverEKU, UnknownEKU: ikeEKU})
	dir := t.TempDir()
	pem := certs(c.Root.PEM(), c.Issuing.PEM(), c.VPN.PEM(), cnOnly.PEM(), c.NPS.PEM())
	prof := profileXML("vpn.fabrikam.com", "nps.corp.contoso.com", c.Root.Thumbprint())
	for name, text := range map[string]string{"certs.pem": pem, "profile.xml": prof} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	lineOf := func(text, s string) int {
		before, _, found := strings.Cut(text, s)
		if !found {
			t.Fatalf("%q not in fixture", s)
		}
		return strings.Count(before, "\n") + 1
	}
	vpnLine, cnLine := lineOf(pem, string(c.VPN.PEM())), lineOf(pem, string(cnOnly.PEM()))
	serversLine := lineOf(prof, "<Servers>")

	d := linttest.Load(t, dir)
	// vpn.contoso.com (any case) is in no profile but matches; vpn2 does not;
	// vpn3 matches the CN-only certificate.
	d.ServerNames = []string{"VPN.contoso.com", "vpn2.contoso.com", "vpn3.contoso.com", "vpn.fabrikam.com"}
	d.Link()

	type where struct {
		file string
		line int
	}
	at := func(l lint.Location) where { return where{filepath.Base(l.Path), l.StartLine} }
	for _, tc := range []struct {
		rule    string
		want    []where  // finding locations, sorted as the runner sorts
		msg     []string // a part of each message
		related [][]where
	}{
		{"XREF101",
			[]where{{"certs.pem", vpnLine}, {"profile.xml", serversLine}},
			[]string{`--server-name "vpn2.contoso.com" matches no name of any of the 2 VPN server certificates`, `server "vpn.fabrikam.com" in <Servers>`},
			[][]where{{{"certs.pem", cnLine}}, {{"certs.pem", vpnLine}, {"certs.pem", cnLine}}}},
		{"XREF102",
			[]where{{"certs.pem", cnLine}},
			[]string{`--server-name "vpn3.contoso.com" matches only the subject CN of "CN=vpn3.contoso.com"`},
			[][]where{nil}},
	} {
		t.Run(tc.rule, func(t *testing.T) {
			res := lint.Check(d, []*lint.Rule{ByID(tc.rule)})
			if len(res.Findings) != len(tc.want) {
				t.Fatalf("%d findings, want %d: %+v", len(res.Findings), len(tc.want), res.Findings)
			}
			for i, f := range res.Findings {
				if got := at(f.Location); got != tc.want[i] {
					t.Errorf("finding %d at %v, want %v", i, got, tc.want[i])
				}
				if !strings.Contains(f.Message, tc.msg[i]) {
					t.Errorf("finding %d: %q lacks %q", i, f.Message, tc.msg[i])
				}
				var rel []where
				for _, r := range f.Related {
					rel = append(rel, at(r.Location))
				}
				if len(rel) != len(tc.related[i]) {
					t.Errorf("finding %d: related %v, want %v", i, rel, tc.related[i])
					continue
				}
				for j := range rel {
					if rel[j] != tc.related[i][j] {
						t.Errorf("finding %d: related %v, want %v", i, rel, tc.related[i])
					}
				}
			}
		})
	}
}
