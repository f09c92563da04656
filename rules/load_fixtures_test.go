package rules

import (
	"testing"

	"github.com/aovpnlint/aovpnlint/internal/testpki"
)

func init() {
	certFixture("load004_good", func(t *testing.T) fixtureFiles {
		t.Helper()
		root := testpki.Root(t, "Contoso Root CA")
		return fixtureFiles{"root.pem": "Contoso root, as certutil -encode writes it\n" + string(root.PEM())}
	})
	certFixture("load004_bad", func(t *testing.T) fixtureFiles {
		t.Helper()
		root := testpki.Root(t, "Contoso Root CA")
		good := string(root.PEM())
		// The DER is cut in the middle: valid base64, not a certificate.
		body := good[len("-----BEGIN CERTIFICATE-----\n"):]
		truncated := "-----BEGIN CERTIFICATE-----\n" + body[:64] + "\n-----END CERTIFICATE-----\n"
		return fixtureFiles{
			"bundle.pem": "# want@+1: LOAD004 \"certificate does not parse\"\n" + truncated +
				"# the next block is fine\n" + good +
				"# want@+1: LOAD004 \"not well-formed\"\n-----BEGIN CERTIFICATE-----\nnot base64 at all!\n",
		}
	})
	certFixture("cert001_bad", func(t *testing.T) fixtureFiles {
		t.Helper()
		root := testpki.Root(t, "Contoso Root CA")
		return fixtureFiles{"server.pem": string(root.PEM()) +
			"# want@+1: CERT001 \"a private key is stored\"\n" +
			"-----BEGIN PRIVATE KEY-----\nTk9UIEEgUkVBTCBLRVkgLSBURVNUIEZJWFRVUkUgT05MWQ==\n-----END PRIVATE KEY-----\n" +
			"# want@+1: CERT001 \"an encrypted private key\"\n" +
			"-----BEGIN ENCRYPTED PRIVATE KEY-----\nTk9UIEEgUkVBTCBLRVkgLSBURVNUIEZJWFRVUkUgT05MWQ==\n-----END ENCRYPTED PRIVATE KEY-----\n"}
	})
	certFixture("cert001_good", func(t *testing.T) fixtureFiles {
		t.Helper()
		root := testpki.Root(t, "Contoso Root CA")
		return fixtureFiles{"root.pem": string(root.PEM("-----BEGIN PRIVATE KEY----- in a comment is no key"))}
	})
}
