package load

import (
	"bytes"
	"crypto/x509"
	"encoding/asn1"
	"encoding/pem"
	"fmt"
	"strings"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"

	"github.com/aovpnlint/aovpnlint/lint/model"
)

var (
	oidSignedData = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 2}
	oidData       = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 1}
)

// pemBegin starts a PEM block; it must open a line.
var pemBegin = []byte("-----BEGIN ")

// hasPEM reports whether text holds a PEM block at the start of a line.
func hasPEM(text []byte) bool {
	for i := 0; ; {
		j := bytes.Index(text[i:], pemBegin)
		if j < 0 {
			return false
		}
		if i+j == 0 || text[i+j-1] == '\n' {
			return true
		}
		i += j + 1
	}
}

// parsePEMFile reads every PEM block of a text file: certificates, PKCS#7
// bundles and private keys; any text around the blocks (openssl x509 -text
// output, comments) is ignored. Each certificate's location spans its block.
func parsePEMFile(src *model.Source) (*model.File, []model.Problem, string) {
	f := &model.File{Src: src, Kind: model.KindCert}
	var probs []model.Problem
	text := src.Text
	recognised := false
	blocks := 0
	for off := 0; off < len(text); {
		j := bytes.Index(text[off:], pemBegin)
		if j < 0 {
			break
		}
		start := off + j
		if start > 0 && text[start-1] != '\n' {
			off = start + 1
			continue
		}
		if blocks++; blocks > MaxPEMBlocks {
			probs = append(probs, limitProblem(src.Span(start, start+len(pemBegin)),
				fmt.Sprintf("more than %d PEM blocks in one file: the blocks from here on were not read", MaxPEMBlocks),
				"split the bundle: one file per chain, or the roots and issuing CAs the deployment uses"))
			break
		}
		typ := pemType(text[start:])
		block, rest := pem.Decode(text[start:])
		if block == nil {
			// pem.Decode skips a bad block and finds a later one: judge only
			// the block that starts here.
			lineEnd := bytes.IndexByte(text[start:], '\n')
			if lineEnd < 0 {
				lineEnd = len(text) - start
			}
			if isCertType(typ) || isKeyType(typ) {
				recognised = true
				probs = append(probs, model.Problem{
					Kind: model.BadCertificate, Loc: src.Span(start, start+lineEnd),
					Message: fmt.Sprintf("PEM block %q is not well-formed: its base64 body or its END line is missing or damaged", typ),
					Hint:    "export the certificate again (Base-64 encoded X.509) or remove the broken block",
				})
			}
			off = start + lineEnd
			continue
		}
		end := len(text) - len(rest)
		loc := blockLoc(src, start, end)
		off = end
		switch {
		case isKeyType(block.Type):
			recognised = true
			probs = append(probs, privateKeyProblem(block, loc))
		case block.Type == "PKCS7" || block.Type == "CMS":
			recognised = true
			certs, err := parsePKCS7(block.Bytes)
			if err != nil {
				probs = append(probs, badCert(loc, "PKCS#7 bundle", err))
				continue
			}
			for _, c := range certs {
				f.Certs = append(f.Certs, model.NewCert(c, src, loc))
			}
		case isCertType(block.Type):
			recognised = true
			c, err := parseCertificate(block.Bytes)
			if err != nil {
				probs = append(probs, badCert(loc, "certificate", err))
				continue
			}
			f.Certs = append(f.Certs, model.NewCert(c, src, loc))
		}
	}
	if !recognised {
		return nil, nil, "PEM without certificates or private keys"
	}
	return f, probs, ""
}

// blockLoc spans a PEM block from its BEGIN line to its END line.
func blockLoc(src *model.Source, start, end int) model.Location {
	for end > start && (src.Text[end-1] == '\n' || src.Text[end-1] == '\r') {
		end--
	}
	first := src.Span(start, start+1).StartLine
	last := src.Span(end-1, end).StartLine
	return src.LineSpan(first, last)
}

func pemType(b []byte) string {
	line, _, _ := bytes.Cut(b, []byte("\n"))
	t := strings.TrimPrefix(strings.TrimSpace(string(line)), "-----BEGIN ")
	return strings.TrimSuffix(t, "-----")
}

func isCertType(t string) bool {
	return t == "CERTIFICATE" || t == "X509 CERTIFICATE" || t == "TRUSTED CERTIFICATE" || t == "PKCS7" || t == "CMS"
}

func isKeyType(t string) bool { return strings.HasSuffix(t, "PRIVATE KEY") }

// privateKeyProblem describes a private key by its kind only: the message
// must never carry key material.
func privateKeyProblem(b *pem.Block, loc model.Location) model.Problem {
	what := "a private key"
	switch {
	case b.Type == "ENCRYPTED PRIVATE KEY" || b.Headers["Proc-Type"] != "":
		what = "an encrypted private key"
	case b.Type != "PRIVATE KEY":
		what = "a private key (" + strings.TrimSuffix(b.Type, " PRIVATE KEY") + ")"
	}
	return model.Problem{
		Kind: model.PrivateKey, Loc: loc,
		Message: fmt.Sprintf("%s is stored in a scanned file (PEM block %q)", what, b.Type),
		Hint:    "remove the key from the repository and rotate it: keys belong in the certificate store (TPM, KSP) of the machine that uses them, never in deployment files",
	}
}

func badCert(loc model.Location, what string, err error) model.Problem {
	return model.Problem{
		Kind: model.BadCertificate, Loc: loc,
		Message: fmt.Sprintf("%s does not parse: %s", what, strings.TrimPrefix(err.Error(), "x509: ")),
		Hint:    "export it again from the certificate store (Base-64 encoded X.509, or DER) and check that it was not truncated or edited",
	}
}

// parseCertificate parses one DER certificate. OpenSSL's TRUSTED CERTIFICATE
// appends trust settings after it, which crypto/x509 rejects as trailing data.
func parseCertificate(der []byte) (*x509.Certificate, error) {
	s := cryptobyte.String(der)
	var seq cryptobyte.String
	var tag cbasn1.Tag
	if s.ReadAnyASN1Element(&seq, &tag) && tag == cbasn1.SEQUENCE && len(s) > 0 {
		der = seq
	}
	return x509.ParseCertificate(der)
}

// derKind sniffs a binary file: a DER certificate, a PKCS#7 bundle, a PKCS#12
// file, or "" for anything else.
func derKind(b []byte) string {
	s := cryptobyte.String(b)
	var outer cryptobyte.String
	if !s.ReadASN1(&outer, cbasn1.SEQUENCE) {
		return ""
	}
	var oid asn1.ObjectIdentifier
	if outer.PeekASN1Tag(cbasn1.OBJECT_IDENTIFIER) {
		if outer.ReadASN1ObjectIdentifier(&oid) && oid.Equal(oidSignedData) {
			return "pkcs7"
		}
		return ""
	}
	if outer.PeekASN1Tag(cbasn1.INTEGER) {
		// PFX: version 3, then authSafe, a ContentInfo of type data.
		var version int
		var authSafe cryptobyte.String
		if outer.ReadASN1Integer(&version) && version == 3 && outer.ReadASN1(&authSafe, cbasn1.SEQUENCE) &&
			authSafe.ReadASN1ObjectIdentifier(&oid) && oid.Equal(oidData) {
			return "pkcs12"
		}
		return ""
	}
	// Certificate: SEQUENCE { tbsCertificate SEQUENCE { [0] version | serial INTEGER, ... } ... }
	var tbs cryptobyte.String
	if outer.ReadASN1(&tbs, cbasn1.SEQUENCE) &&
		(tbs.PeekASN1Tag(cbasn1.Tag(0).Constructed().ContextSpecific()) || tbs.PeekASN1Tag(cbasn1.INTEGER)) {
		return "certificate"
	}
	return ""
}

// parseDERFile reads a binary certificate file. Its findings point at line 1.
func parseDERFile(src *model.Source, kind string) (*model.File, []model.Problem, string) {
	f := &model.File{Src: src, Kind: model.KindCert}
	loc := model.Location{Path: src.Path, StartLine: 1, StartColumn: 1, EndLine: 1, EndColumn: 2, StartColumn16: 1, EndColumn16: 2}
	switch kind {
	case "pkcs12":
		return f, []model.Problem{{
			Kind: model.NotInspected, Loc: loc,
			Message: "PKCS#12 (.pfx) file not inspected: its content is encrypted, and it normally holds a private key",
			Hint:    "lint the certificates exported without their key (Base-64 or DER .cer, or .p7b), and keep .pfx files out of the repository",
		}}, ""
	case "pkcs7":
		certs, err := parsePKCS7(src.Text)
		if err != nil {
			return f, []model.Problem{badCert(loc, "PKCS#7 bundle", err)}, ""
		}
		for _, c := range certs {
			f.Certs = append(f.Certs, model.NewCert(c, src, loc))
		}
		return f, nil, ""
	}
	c, err := x509.ParseCertificate(src.Text)
	if err != nil {
		return f, []model.Problem{badCert(loc, "DER certificate", err)}, ""
	}
	f.Certs = append(f.Certs, model.NewCert(c, src, loc))
	return f, nil, ""
}

// parsePKCS7 returns the certificates of a PKCS#7 SignedData (a .p7b or .p7c
// bundle): ContentInfo { signedData, [0] SignedData { version, digest
// algorithms, content, [0] IMPLICIT certificates, ... } }.
func parsePKCS7(der []byte) ([]*x509.Certificate, error) {
	s := cryptobyte.String(der)
	var ci, content, sd, certs cryptobyte.String
	var oid asn1.ObjectIdentifier
	var version int
	switch {
	case !s.ReadASN1(&ci, cbasn1.SEQUENCE) || !ci.ReadASN1ObjectIdentifier(&oid):
		return nil, fmt.Errorf("not a PKCS#7 ContentInfo (or BER encoded, which is not supported)")
	case !oid.Equal(oidSignedData):
		return nil, fmt.Errorf("PKCS#7 content type %s is not signedData", oid)
	case !ci.ReadASN1(&content, cbasn1.Tag(0).Constructed().ContextSpecific()) ||
		!content.ReadASN1(&sd, cbasn1.SEQUENCE) ||
		!sd.ReadASN1Integer(&version) || !sd.SkipASN1(cbasn1.SET) || !sd.SkipASN1(cbasn1.SEQUENCE):
		return nil, fmt.Errorf("malformed PKCS#7 SignedData")
	}
	if !sd.PeekASN1Tag(cbasn1.Tag(0).Constructed().ContextSpecific()) {
		return nil, fmt.Errorf("PKCS#7 bundle holds no certificates")
	}
	if !sd.ReadASN1(&certs, cbasn1.Tag(0).Constructed().ContextSpecific()) {
		return nil, fmt.Errorf("malformed PKCS#7 certificate set")
	}
	return x509.ParseCertificates(certs)
}
