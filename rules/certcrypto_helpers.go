package rules

import (
	"crypto/dsa" //nolint:staticcheck // DSA keys are what CERT150 reports
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"fmt"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

// Helpers for the key, signature and CA structure rules (CERT150-CERT155).

func init() {
	WindowsErrors = append(WindowsErrors,
		WindowsError{
			Code: "0x80096019", Symbol: "TRUST_E_BASIC_CONSTRAINTS",
			Title:   "A certificate's basic constraint extension has not been observed",
			Meaning: "a certificate of the chain acts as a CA although its basicConstraints does not allow it, or a CA's path length constraint is exceeded; for IKEv2 the client reports 13801",
			Causes: []string{
				"an issuing CA certificate has basicConstraints cA FALSE or, below the root, no basicConstraints extension",
				"more CA certificates follow a CA than its pathLenConstraint allows",
			},
		},
		WindowsError{
			Code: "0x800B0110", Symbol: "CERT_E_WRONG_USAGE",
			Title:   "The certificate is not valid for the requested usage",
			Meaning: "a certificate of the chain may not be used this way; for a CA, its keyUsage lacks Certificate Signing",
			Causes:  []string{"a CA certificate that signed another certificate of the chain has a keyUsage extension without keyCertSign"},
		},
		WindowsError{
			Code: "0x800B0114", Symbol: "CERT_E_INVALID_NAME",
			Title:   "The certificate has an invalid name. The name is not included in the permitted list or is explicitly excluded",
			Meaning: "a CA of the chain has name constraints that a name of a certificate below it breaks",
			Causes:  []string{"the server or client certificate has a DNS, IP or e-mail SAN outside the issuing CA's permitted subtrees, or inside an excluded one"},
		},
	)
}

// cryptoRole names what a certificate is for, for messages: "root CA",
// "intermediate CA", "VPN server", "NPS server", "client" or "certificate".
func cryptoRole(c *model.Cert) string {
	switch {
	case c.Roles.Has(model.RoleRoot):
		return "root CA"
	case c.Roles.Has(model.RoleIntermediate):
		return "intermediate CA"
	case c.Roles.Has(model.RoleVPNServer):
		return "VPN server"
	case c.Roles.Has(model.RoleNPSServer):
		return "NPS server"
	case c.Roles.Has(model.RoleClient | model.RoleConditionalAccess):
		return "client"
	}
	return "certificate"
}

// weakKey describes the certificate's public key and, when it is too weak
// (RSA below 2048 bits, elliptic curves below 256 bits, any DSA key), says
// why; why is "" for a key that is strong enough.
func weakKey(c *model.Cert) (desc, why string) {
	const short = "keys this short are within reach of factoring and discrete-logarithm attacks"
	switch k := c.X509.PublicKey.(type) {
	case *rsa.PublicKey:
		n := k.N.BitLen()
		if desc = fmt.Sprintf("a %d-bit RSA key", n); n < 2048 {
			why = short + " (NIST SP 800-131A disallows RSA below 2048 bits)"
		}
	case *ecdsa.PublicKey:
		p := k.Params()
		if desc = fmt.Sprintf("an ECDSA %s key", p.Name); p.BitSize < 256 {
			why = fmt.Sprintf("a %d-bit curve is below the 128-bit security of P-256, the smallest curve Windows certificate templates offer", p.BitSize)
		}
	case *dsa.PublicKey:
		desc = fmt.Sprintf("a %d-bit DSA key", k.P.BitLen())
		why = "DSA is withdrawn from the digital signature standard (FIPS 186-5), its certificate keys are 1024 bits in practice, and the Always On VPN templates use RSA or ECDSA"
	case ed25519.PublicKey:
		desc = "an Ed25519 key"
	default:
		desc = "a key of an unknown type"
	}
	return desc, why
}

// weakSignature names the hash of a signature algorithm that collisions have
// broken, or returns "".
func weakSignature(a x509.SignatureAlgorithm) string {
	switch a {
	case x509.MD2WithRSA:
		return "MD2"
	case x509.MD5WithRSA:
		return "MD5"
	case x509.SHA1WithRSA, x509.DSAWithSHA1, x509.ECDSAWithSHA1:
		return "SHA-1"
	}
	return ""
}

// issuance is one place where a CA signed another certificate of a chain.
type issuance struct {
	chain []*model.Cert // the chain it was found in
	at    int           // the CA's index in it
	child *model.Cert   // chain[at-1]
}

// issuancesOf returns where ca signs another certificate in the chains of the
// scan, once per child certificate, in scan order.
func issuancesOf(d *model.Deployment, ca *model.Cert) []issuance {
	return chainIndexOf(d).issuances[ca]
}

// isTerminal reports whether no chain of the scan passes through c as an
// issuer: the certificates whose own chain Windows validates.
func isTerminal(d *model.Deployment, c *model.Cert) bool {
	return len(chainIndexOf(d).issuances[c]) == 0
}

// childrenRelated lists up to three certificates a CA signed as related
// locations, and names them for a message: `"CN=a" (SHA-1 …) and 2 more`.
func childrenRelated(list []issuance) (string, []lint.Related) {
	var related []lint.Related
	for i, is := range list {
		if i == 3 {
			break
		}
		related = append(related, lint.Related{Location: is.child.Loc, Message: "issued by it: " + is.child.String()})
	}
	names := list[0].child.String()
	switch n := len(list) - 1; {
	case n == 1:
		names += " and 1 more certificate"
	case n > 1:
		names += fmt.Sprintf(" and %d more certificates", n)
	}
	return names, related
}

// keyUsageNames lists the keyUsage bits for messages.
func keyUsageNames(u x509.KeyUsage) string {
	names := []struct {
		bit  x509.KeyUsage
		name string
	}{
		{x509.KeyUsageDigitalSignature, "Digital Signature"}, {x509.KeyUsageContentCommitment, "Non-Repudiation"},
		{x509.KeyUsageKeyEncipherment, "Key Encipherment"}, {x509.KeyUsageDataEncipherment, "Data Encipherment"},
		{x509.KeyUsageKeyAgreement, "Key Agreement"}, {x509.KeyUsageCertSign, "Certificate Signing"},
		{x509.KeyUsageCRLSign, "CRL Signing"}, {x509.KeyUsageEncipherOnly, "Encipher Only"},
		{x509.KeyUsageDecipherOnly, "Decipher Only"},
	}
	var out []string
	for _, n := range names {
		if u&n.bit != 0 {
			out = append(out, n.name)
		}
	}
	if len(out) == 0 {
		return "no usage at all"
	}
	return strings.Join(out, ", ")
}
