package rules

import "testing"

// Certificate fixtures of VPN219: a ServerNames entry that is the VPN
// gateway's name is right when the NPS certificate given with --nps-cert
// carries that name (the gateway terminates EAP itself), and wrong when it
// does not.
func init() {
	certFixture("vpn219_good_nps_cert", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		return fixtureFiles{
			"profile.xml": "<!-- the gateway runs EAP: its certificate is given as the NPS certificate -->\n" +
				profileXML("vpn.contoso.com", "vpn.contoso.com", c.Root.Thumbprint()),
			"certs.pem":   certs(c.Root.PEM(), c.Issuing.PEM()),
			"nps/vpn.pem": string(c.VPN.PEM("the VPN gateway's certificate, which also serves EAP")),
		}
	})
	certFixture("vpn219_bad_nps_cert", func(t *testing.T) fixtureFiles {
		t.Helper()
		c := newContoso(t)
		prof := xrefWantOn(profileXML("vpn.contoso.com", "vpn.contoso.com", c.Root.Thumbprint()), "<ServerNames>",
			xrefWant("VPN219", `^(PEAP \(25\)|inner EAP-TLS \(13\)) ServerNames entry "vpn\.contoso\.com" is the VPN server's name`))
		return fixtureFiles{
			"profile.xml": prof,
			"certs.pem":   certs(c.Root.PEM(), c.Issuing.PEM(), c.VPN.PEM()),
			"nps/nps.pem": string(c.NPS.PEM("the NPS server's certificate: nps.corp.contoso.com")),
		}
	})
}
