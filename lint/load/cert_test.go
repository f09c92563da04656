package load

import (
	"encoding/asn1"
	"encoding/pem"
	"strings"
	"testing"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"

	"github.com/aovpnlint/aovpnlint/internal/testpki"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

// pkcs7 wraps DER certificates in a certificates-only SignedData, as
// certutil and the certificate MMC export .p7b files.
func pkcs7(certs ...[]byte) []byte {
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1ObjectIdentifier(oidSignedData)
		b.AddASN1(cbasn1.Tag(0).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
				b.AddASN1Int64(1)
				b.AddASN1(cbasn1.SET, func(*cryptobyte.Builder) {})
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { b.AddASN1ObjectIdentifier(oidData) })
				b.AddASN1(cbasn1.Tag(0).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
					for _, c := range certs {
						b.AddBytes(c)
					}
				})
				b.AddASN1(cbasn1.SET, func(*cryptobyte.Builder) {})
			})
		})
	})
	return b.BytesOrPanic()
}

func pemBlock(typ string, der []byte) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}))
}

// TestParseCertificates checks that every certificate container is
// recognised by its content, that each certificate's location spans its PEM
// block, and that what cannot be read becomes a problem at its place.
func TestParseCertificates(t *testing.T) {
	testpki.Seed(t, 7)
	root := testpki.Root(t, "Root")
	leaf := root.Issue(t, testpki.Spec{CN: "vpn.contoso.com", DNS: []string{"vpn.contoso.com"}})
	rootPEM, leafPEM := string(root.PEM()), string(leaf.PEM())
	openssl := "Certificate:\n    Data:\n        Version: 3 (0x2)\n        Subject: CN = Root\n" + rootPEM
	trusted := pemBlock("TRUSTED CERTIFICATE", append(append([]byte{}, root.Raw...), 0x30, 0x00))

	type want struct {
		certs     int
		lines     [][2]int // BEGIN and END line of each certificate
		problems  []model.ProblemKind
		problemAt []int // start line of each problem
	}
	for _, tc := range []struct {
		name string
		data []byte
		want want
	}{
		{"one PEM", []byte(rootPEM), want{certs: 1, lines: [][2]int{{1, 10}}}},
		{"bundle with openssl text", []byte(openssl + "\n" + leafPEM), want{certs: 2, lines: [][2]int{{5, 14}, {16, 26}}}},
		{"CRLF", []byte(strings.ReplaceAll(rootPEM, "\n", "\r\n")), want{certs: 1, lines: [][2]int{{1, 10}}}},
		{"UTF-16 PEM", utf16le(rootPEM, true), want{certs: 1, lines: [][2]int{{1, 10}}}},
		{"DER", root.Raw, want{certs: 1, lines: [][2]int{{1, 1}}}},
		{"PKCS#7 DER", pkcs7(root.Raw, leaf.Raw), want{certs: 2, lines: [][2]int{{1, 1}, {1, 1}}}},
		{"PKCS#7 PEM", []byte("chain\n" + pemBlock("PKCS7", pkcs7(root.Raw, leaf.Raw))), want{certs: 2}},
		{"OpenSSL trusted certificate", []byte(trusted), want{certs: 1}},
		{"private key", []byte(rootPEM + pemBlock("EC PRIVATE KEY", []byte("not a real key"))),
			want{certs: 1, problems: []model.ProblemKind{model.PrivateKey}, problemAt: []int{11}}},
		{"damaged DER in PEM", []byte(pemBlock("CERTIFICATE", root.Raw[:40]) + rootPEM),
			want{certs: 1, problems: []model.ProblemKind{model.BadCertificate}, problemAt: []int{1}}},
		{"broken base64", []byte("x\n-----BEGIN CERTIFICATE-----\n!!!\n"),
			want{problems: []model.ProblemKind{model.BadCertificate}, problemAt: []int{2}}},
		{"PKCS#12", pfx(), want{problems: []model.ProblemKind{model.NotInspected}, problemAt: []int{1}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, probs, why := Parse("c.pem", tc.data)
			if f == nil {
				t.Fatalf("not recognised: %s", why)
			}
			if f.Kind != model.KindCert {
				t.Errorf("kind %s, want certificate", f.Kind)
			}
			if len(f.Certs) != tc.want.certs {
				t.Fatalf("%d certificates, want %d", len(f.Certs), tc.want.certs)
			}
			for i, l := range tc.want.lines {
				if loc := f.Certs[i].Loc; loc.StartLine != l[0] || loc.EndLine != l[1] || loc.StartColumn != 1 {
					t.Errorf("certificate %d at %d:%d-%d, want lines %d-%d", i, loc.StartLine, loc.StartColumn, loc.EndLine, l[0], l[1])
				}
			}
			if len(probs) != len(tc.want.problems) {
				t.Fatalf("problems %+v, want kinds %v", probs, tc.want.problems)
			}
			for i, p := range probs {
				if p.Kind != tc.want.problems[i] || p.Loc.StartLine != tc.want.problemAt[i] {
					t.Errorf("problem %d: kind %d at line %d, want kind %d at line %d", i, p.Kind, p.Loc.StartLine, tc.want.problems[i], tc.want.problemAt[i])
				}
			}
		})
	}
}

// pfx is the outer shape of a PKCS#12 file: version 3 and authSafe data.
func pfx() []byte {
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1Int64(3)
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1ObjectIdentifier(asn1.ObjectIdentifier(oidData))
			b.AddASN1(cbasn1.Tag(0).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
				b.AddASN1OctetString(make([]byte, 16))
			})
		})
	})
	return b.BytesOrPanic()
}

// TestPrivateKeyNeverEchoed makes sure no byte of a key's body reaches the
// problem text.
func TestPrivateKeyNeverEchoed(t *testing.T) {
	const secret = "U0VDUkVUS0VZTUFURVJJQUw="
	data := "-----BEGIN RSA PRIVATE KEY-----\n" + secret + "\n-----END RSA PRIVATE KEY-----\n"
	_, probs, _ := Parse("k.pem", []byte(data))
	if len(probs) != 1 || probs[0].Kind != model.PrivateKey {
		t.Fatalf("problems %+v, want one private key", probs)
	}
	if strings.Contains(probs[0].Message+probs[0].Hint, secret[:8]) {
		t.Errorf("message shows key material: %s", probs[0].Message)
	}
}

// TestNotCertificates checks that other PEM and binary content is left alone.
func TestNotCertificates(t *testing.T) {
	for name, data := range map[string][]byte{
		"CSR only":      []byte(pemBlock("CERTIFICATE REQUEST", []byte{0x30, 0x00})),
		"BEGIN in text": []byte("see the -----BEGIN CERTIFICATE----- line\n"),
		"random binary": {0x30, 0x03, 0x02, 0x01, 0x05},
	} {
		if f, _, _ := Parse("x", data); f != nil {
			t.Errorf("%s: recognised as %s", name, f.Kind)
		}
	}
}
