package model

// Signed reports whether c could have issued child: child names c's subject
// as its issuer and c's key verifies child's signature. A CA certificate and
// its cross-certificate or same-key renewal (same subject, same key) sign
// the same certificates.
func (c *Cert) Signed(child *Cert) bool {
	return string(child.X509.RawIssuer) == string(c.X509.RawSubject) && signedBy(child, c)
}
