package rules

import (
	"crypto/x509"
	"testing"

	"github.com/aovpnlint/aovpnlint/internal/testpki"
)

// Fixtures of the server certificate rules: CERT103 (subject against SANs)
// and CERT157 (server certificates that may sign).

func init() {
	// CERT103: VPN server certificates whose subject disagrees with their SANs.
	certFixture("cert103_bad", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		// Renewed for the new public name, but the subject was copied from
		// the old request.
		renamed := c.Issuing.Issue(t, testpki.Spec{CN: "vpn-old.contoso.com", DNS: []string{"vpn.contoso.com"}, EKU: serverEKU, UnknownEKU: ikeEKU})
		internal := c.Issuing.Issue(t, testpki.Spec{CN: "RAS01", DNS: []string{"vpn2.contoso.com"}, EKU: serverEKU, UnknownEKU: ikeEKU})
		empty := c.Issuing.Issue(t, testpki.Spec{EmptySubject: true, DNS: []string{"vpn3.contoso.com"}, EKU: serverEKU, UnknownEKU: ikeEKU})
		orgOnly := c.Issuing.Issue(t, testpki.Spec{Organization: "Contoso", DNS: []string{"vpn4.contoso.com"}, EKU: serverEKU, UnknownEKU: ikeEKU})
		wildcard := c.Issuing.Issue(t, testpki.Spec{CN: "vpn5.contoso.com", DNS: []string{"*.contoso.com"}, EKU: serverEKU, UnknownEKU: ikeEKU})
		ipv6 := c.Issuing.Issue(t, testpki.Spec{CN: "2001:DB8::10", IPs: []string{"2001:db8::10"}, EKU: serverEKU, UnknownEKU: ikeEKU})
		ipv4 := c.Issuing.Issue(t, testpki.Spec{CN: "203.0.113.010", IPs: []string{"203.0.113.10"}, EKU: serverEKU, UnknownEKU: ikeEKU})
		return fixtureFiles{
			"profile.xml": profileXML("vpn.contoso.com,vpn2.contoso.com,vpn3.contoso.com,vpn4.contoso.com", "nps.corp.contoso.com", c.Root.Thumbprint()),
			"pki.pem": certs(c.Root.PEM("Contoso Root CA"), c.Issuing.PEM("Contoso Issuing CA"),
				renamed.PEM("CN from the old request, SAN for the name the profile dials",
					wantCert("CERT103", `^VPN server certificate "CN=vpn-old.contoso.com" .* has the subject CN "vpn-old.contoso.com", which is none of its subject alternative names \(vpn.contoso.com\): .*13801.*Servers entry "vpn.contoso.com" names it$`)),
				internal.PEM("CN is the server's internal host name",
					wantCert("CERT103", `"CN=RAS01" .* has the subject CN "RAS01", .*\(vpn2.contoso.com\)`)),
				empty.PEM("empty subject, the name only in the SAN",
					wantCert("CERT103", `^VPN server certificate "\(empty subject\)" .* has an empty subject, so no subject name matches its subject alternative names \(vpn3.contoso.com\)`)),
				orgOnly.PEM("a subject without CN",
					wantCert("CERT103", `"O=Contoso" .* has no subject CN \(subject O=Contoso\), .*\(vpn4.contoso.com\)`)),
				wildcard.PEM("a wildcard SAN covers the CN only when the CN is the same wildcard",
					wantCert("CERT103", `has the subject CN "vpn5.contoso.com", .*\(\*.contoso.com\): .*Servers entry "vpn.contoso.com" names it$`)),
				c.NPS.PEM("NPS server"), c.User.PEM("user certificate")),
			"vpn/ipv6.pem": string(ipv6.PEM("IPv6 CN in upper case: not the SAN's canonical form",
				wantCert("CERT103", `has the subject CN "2001:DB8::10", .*\(2001:db8::10\): .*--vpn-cert$`))),
			"vpn/ipv4.pem": string(ipv4.PEM("IPv4 CN with a leading zero",
				wantCert("CERT103", `has the subject CN "203.0.113.010", .*\(203.0.113.10\)`))),
		}
	})
	certFixture("cert103_good", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		// More names than the CN: the CN is one of them.
		multi := c.Issuing.Issue(t, testpki.Spec{CN: "vpn2.contoso.com", DNS: []string{"vpn-east.contoso.com", "vpn2.contoso.com"}, EKU: serverEKU, UnknownEKU: ikeEKU})
		caseDot := c.Issuing.Issue(t, testpki.Spec{CN: "VPN3.Contoso.com.", DNS: []string{"vpn3.contoso.com"}, EKU: serverEKU, UnknownEKU: ikeEKU})
		wildcard := c.Issuing.Issue(t, testpki.Spec{CN: "*.vpn.contoso.com", DNS: []string{"*.vpn.contoso.com"}, EKU: serverEKU, UnknownEKU: ikeEKU})
		cnOnly := c.Issuing.Issue(t, testpki.Spec{CN: "vpn4.contoso.com", EKU: serverEKU, UnknownEKU: ikeEKU})
		ipv6 := c.Issuing.Issue(t, testpki.Spec{CN: "2001:db8::10", IPs: []string{"2001:db8::10"}, EKU: serverEKU, UnknownEKU: ikeEKU})
		ipv4 := c.Issuing.Issue(t, testpki.Spec{CN: "203.0.113.10", DNS: []string{"vpn5.contoso.com"}, IPs: []string{"203.0.113.10"}, EKU: serverEKU, UnknownEKU: ikeEKU})
		nps := c.Issuing.Issue(t, testpki.Spec{CN: "NPS02", DNS: []string{"nps2.corp.contoso.com"}, EKU: serverEKU})
		caAsServer := c.Issuing.Issue(t, testpki.Spec{CN: "Contoso VPN CA", DNS: []string{"vpn6.contoso.com"}, CA: true})
		return fixtureFiles{
			"profile.xml": profileXML("vpn.contoso.com,vpn2.contoso.com,vpn3.contoso.com,vpn4.contoso.com", "nps.corp.contoso.com", c.Root.Thumbprint()),
			"pki.pem": contosoPKI(c,
				multi.PEM("the CN is one of two DNS SANs"),
				caseDot.PEM("the CN differs from the SAN in case and a final dot only"),
				wildcard.PEM("a wildcard CN equal to the wildcard SAN"),
				cnOnly.PEM("no SAN at all: XREF102's"),
				ipv4.PEM("an IPv4 CN equal to the IP SAN")),
			"vpn/ipv6.pem": string(ipv6.PEM("an IPv6 CN written as the canonical IP SAN")),
			// An NPS server's subject is CERT131's and the clients' ServerNames'.
			"nps/nps2.pem": string(nps.PEM("NPS server whose CN is its NetBIOS name")),
			// A CA certificate used as a server certificate: CERT157.
			"vpn/ca.pem": string(caAsServer.PEM("a CA given with --vpn-cert")),
		}
	})

	// CERT157: server certificates that may sign certificates.
	certFixture("cert157_bad", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		// A server certificate issued from a subordinate CA template.
		caVPN := c.Issuing.Issue(t, testpki.Spec{CN: "vpn2.contoso.com", DNS: []string{"vpn2.contoso.com"}, CA: true, EKU: serverEKU, UnknownEKU: ikeEKU})
		certSignVPN := c.Issuing.Issue(t, testpki.Spec{CN: "vpn3.contoso.com", DNS: []string{"vpn3.contoso.com"}, EKU: serverEKU, UnknownEKU: ikeEKU,
			KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment | x509.KeyUsageCertSign})
		caNPS := c.Issuing.Issue(t, testpki.Spec{CN: "nps2.corp.contoso.com", DNS: []string{"nps2.corp.contoso.com"}, CA: true,
			KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment, EKU: serverEKU})
		certSignNPS := c.Issuing.Issue(t, testpki.Spec{CN: "nps3.corp.contoso.com", DNS: []string{"nps3.corp.contoso.com"}, EKU: serverEKU,
			KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign})
		issuingAsVPN := c.Root.Intermediate(t, "Contoso VPN Issuing CA")
		return fixtureFiles{
			"profile.xml": profileXML("vpn.contoso.com,vpn2.contoso.com,vpn3.contoso.com", "nps.corp.contoso.com;nps2.corp.contoso.com", c.Root.Thumbprint()),
			"pki.pem": contosoPKI(c,
				caVPN.PEM("VPN server certificate with cA TRUE, named by a Servers entry",
					wantCert("CERT157", `^VPN server certificate "CN=vpn2.contoso.com" .* has basicConstraints cA TRUE and keyUsage keyCertSign: it is a CA certificate, so its private key, kept on the internet-facing RRAS server, can issue certificates that chain to "CN=Contoso Root CA" .*Servers entry "vpn2.contoso.com" names it, and it signs no certificate of the scan$`)),
				certSignVPN.PEM("VPN server certificate with keyCertSign, cA FALSE",
					wantCert("CERT157", `^VPN server certificate "CN=vpn3.contoso.com" .* has keyUsage keyCertSign: .*internet-facing RRAS server, .*under "CN=Contoso Root CA" .*Servers entry "vpn3.contoso.com" names it$`)),
				caNPS.PEM("NPS server certificate with cA TRUE (no keyCertSign), named by ServerNames",
					wantCert("CERT157", `^NPS server certificate "CN=nps2.corp.contoso.com" .* has basicConstraints cA TRUE: it is a CA certificate, .*kept on the NPS server, .*ServerNames "nps.corp.contoso.com;nps2.corp.contoso.com" match it, and it signs no certificate of the scan$`))),
			"nps/nps3.pem": string(certSignNPS.PEM("NPS server certificate with keyCertSign, given with --nps-cert",
				wantCert("CERT157", `^NPS server certificate "CN=nps3.corp.contoso.com" .* has keyUsage keyCertSign: .*--nps-cert$`))),
			"vpn/ca.pem": string(issuingAsVPN.PEM("an issuing CA certificate given with --vpn-cert",
				wantCert("CERT157", `^VPN server certificate "CN=Contoso VPN Issuing CA" .* has basicConstraints cA TRUE and keyUsage keyCertSign: .*--vpn-cert$`))),
		}
	})
	certFixture("cert157_good", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		// A second issuing CA that signs nothing in the scan and no host names.
		spare := c.Root.Intermediate(t, "Contoso Spare Issuing CA")
		// A CA whose SAN names a host but that signs a certificate of the scan:
		// an issuing CA, not a server certificate.
		named := c.Root.Issue(t, testpki.Spec{CN: "Contoso Web CA", DNS: []string{"vpn2.contoso.com"}, CA: true})
		web := named.Issue(t, testpki.Spec{CN: "www.contoso.com", DNS: []string{"www.contoso.com"}, EKU: clientEKU})
		userCA := c.Issuing.Issue(t, testpki.Spec{CN: "vpn3.contoso.com", DNS: []string{"vpn3.contoso.com"}, EKU: serverEKU, UnknownEKU: ikeEKU})
		// A certificate for the issuing CA's name from another root, as a
		// cross-certificate is: it signs nothing the chains use, yet the
		// scan's certificates name its subject as their issuer.
		partner := testpki.Root(t, "Fabrikam Partner Root CA")
		cross := partner.Issue(t, testpki.Spec{CN: "Contoso Issuing CA", DNS: []string{"vpn.contoso.com"}, CA: true})
		return fixtureFiles{
			"profile.xml": profileXML("vpn.contoso.com,vpn2.contoso.com,vpn3.contoso.com", "nps.corp.contoso.com", c.Root.Thumbprint()),
			"pki.pem": contosoPKI(c,
				spare.PEM("an intermediate CA that signs nothing in the scan"),
				named.PEM("a CA with a DNS SAN the profile dials that signs a certificate of the scan"),
				web.PEM("issued by it"),
				userCA.PEM("a VPN server certificate from the RAS and IAS Server template"),
				partner.PEM("Fabrikam Partner Root CA"),
				cross.PEM("the issuing CA's name under the partner root, with a DNS SAN the profile dials")),
			"trust/root.pem": string(c.Root.PEM("Contoso Root CA, trusted")),
		}
	})
}
