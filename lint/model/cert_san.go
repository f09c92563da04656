package model

import "encoding/asn1"

// OIDUPN is the Microsoft user principal name otherName of the subject
// alternative name (szOID_NT_PRINCIPAL_NAME).
var OIDUPN = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 311, 20, 2, 3}

var oidSubjectAltName = asn1.ObjectIdentifier{2, 5, 29, 17}

// UPNs returns the user principal names of the certificate's subject
// alternative name (otherName 1.3.6.1.4.1.311.20.2.3), which crypto/x509
// does not parse. A malformed extension or value yields what could be read.
func (c *Cert) UPNs() []string {
	var out []string
	for _, ext := range c.X509.Extensions {
		if ext.Id.Equal(oidSubjectAltName) {
			out = append(out, parseUPNs(ext.Value)...)
		}
	}
	return out
}

// IsUserCert reports whether the certificate names a user: an e-mail
// address or a UPN in its subject alternative name. Other leaves (a DNS
// name or no SAN) are device certificates.
func (c *Cert) IsUserCert() bool {
	return len(c.X509.EmailAddresses) > 0 || len(c.UPNs()) > 0
}

// otherName is OtherName ::= SEQUENCE { type-id OID, value [0] EXPLICIT ANY },
// read from the [0] IMPLICIT GeneralName alternative.
type otherName struct {
	TypeID asn1.ObjectIdentifier
	Value  asn1.RawValue `asn1:"explicit,tag:0"`
}

// parseUPNs reads the UPN otherNames of a GeneralNames sequence.
func parseUPNs(der []byte) []string {
	var names []asn1.RawValue
	if rest, err := asn1.Unmarshal(der, &names); err != nil || len(rest) > 0 {
		return nil
	}
	var out []string
	for _, n := range names {
		if n.Class != asn1.ClassContextSpecific || n.Tag != 0 || !n.IsCompound {
			continue
		}
		// Re-tag the implicit [0] as the SEQUENCE it stands for.
		seq := asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagSequence, IsCompound: true, Bytes: n.Bytes}
		b, err := asn1.Marshal(seq)
		if err != nil {
			continue
		}
		var on otherName
		if _, err := asn1.Unmarshal(b, &on); err != nil || !on.TypeID.Equal(OIDUPN) {
			continue
		}
		// A RawValue under an explicit tag keeps the wrapper: Bytes is the
		// UTF8String (as Windows writes it; IA5 and printable strings are
		// read too).
		var s string
		if _, err := asn1.Unmarshal(on.Value.Bytes, &s); err == nil {
			out = append(out, s)
		}
	}
	return out
}
