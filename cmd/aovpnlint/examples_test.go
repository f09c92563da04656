package main

import (
	"crypto/x509"
	"encoding/asn1"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/aovpnlint/aovpnlint/internal/testpki"
)

// TestExampleCertificates generates the certificates of the example
// deployment (testdata/examples/certs) and checks that the files are what the
// generator makes; -update rewrites them. They are valid until 2036, so the
// README's demo, which runs without --now, stays the same for years.
func TestExampleCertificates(t *testing.T) {
	testpki.Seed(t, 2026)
	from := time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)
	until := time.Date(2036, time.January, 1, 0, 0, 0, 0, time.UTC)
	ike := []asn1.ObjectIdentifier{testpki.OIDIKEIntermediate}
	root := testpki.SelfSigned(t, testpki.Spec{CN: "Contoso Root CA", Organization: "Contoso", CA: true, NotBefore: from, NotAfter: until.AddDate(5, 0, 0)})
	issuing := root.Issue(t, testpki.Spec{CN: "Contoso Issuing CA", Organization: "Contoso", CA: true, NotBefore: from, NotAfter: until.AddDate(2, 0, 0)})
	leaf := func(cn string, dns []string, eku []x509.ExtKeyUsage, other []asn1.ObjectIdentifier, emails ...string) *testpki.Cert {
		return issuing.Issue(t, testpki.Spec{CN: cn, DNS: dns, Emails: emails, EKU: eku, UnknownEKU: other, NotBefore: from, NotAfter: until})
	}
	files := map[string][]byte{
		"root-ca.pem":    root.PEM("Contoso Root CA: the root every client trusts; TrustedRootCA in the profiles is its SHA-1 thumbprint"),
		"issuing-ca.pem": issuing.PEM("Contoso Issuing CA, issued by Contoso Root CA"),
		// The mistake: the certificate was enrolled from a template without
		// Server Authentication (0x80070040).
		"vpn-server.pem": leaf("vpn.contoso.com", []string{"vpn.contoso.com"}, []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}, ike).
			PEM("RRAS IKEv2 server certificate for vpn.contoso.com, enrolled from the wrong template"),
		"nps01.pem": leaf("nps01.corp.contoso.com", []string{"nps01.corp.contoso.com"}, []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, nil).
			PEM("NPS server certificate of nps01"),
		"alice.pem": leaf("Alice Smith", nil, []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}, nil, "alice@contoso.com").
			PEM("User certificate of Alice, for EAP-TLS inside PEAP"),
	}
	dir := repo(t, filepath.Join("testdata", "examples", "certs"))
	for name, want := range files {
		path := filepath.Join(dir, name)
		if *update {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./cmd/aovpnlint -run TestExampleCertificates -update)", err)
		}
		if string(got) != string(want) {
			t.Errorf("%s is not what the generator makes; run go test ./cmd/aovpnlint -run TestExampleCertificates -update", name)
		}
	}
	t.Logf("root thumbprint: %s", root.Thumbprint())
}
