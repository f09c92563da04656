package rules

import (
	"bytes"
	"crypto/x509"
	"encoding/asn1"
	"flag"
	"hash/fnv"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aovpnlint/aovpnlint/internal/testpki"
)

var update = flag.Bool("update", false, "rewrite the generated certificate fixtures in testdata/rules")

// fixtureFiles are the files of one generated fixture folder: path inside
// the folder → content.
type fixtureFiles map[string]string

// certFixtures build fixture folders from a deterministic test PKI, since
// certificates cannot be written by hand. Each *_fixtures_test.go file adds
// the folders of its rules in init.
var certFixtures = map[string]func(t *testing.T) fixtureFiles{}

func certFixture(folder string, build func(t *testing.T) fixtureFiles) {
	if _, dup := certFixtures[folder]; dup {
		panic("duplicate certificate fixture " + folder)
	}
	certFixtures[folder] = build
}

// TestCertFixturesUpToDate regenerates every certificate fixture and compares
// it with testdata/rules; -update writes them. The randomness is seeded from
// the folder name, so the bytes are the same on every run.
func TestCertFixturesUpToDate(t *testing.T) {
	names := make([]string, 0, len(certFixtures))
	for n := range certFixtures {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			h := fnv.New64a()
			h.Write([]byte(name))
			testpki.Seed(t, h.Sum64())
			want := certFixtures[name](t)
			dir := filepath.Join(fixtures, name)
			if *update {
				if err := os.RemoveAll(dir); err != nil {
					t.Fatal(err)
				}
				for p, content := range want {
					fp := filepath.Join(dir, filepath.FromSlash(p))
					if err := os.MkdirAll(filepath.Dir(fp), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(fp, []byte(content), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				return
			}
			have := map[string]bool{}
			err := filepath.WalkDir(dir, func(fp string, e fs.DirEntry, err error) error {
				if err != nil || e.IsDir() {
					return err
				}
				r, _ := filepath.Rel(dir, fp)
				r = filepath.ToSlash(r)
				have[r] = true
				got, err := os.ReadFile(fp)
				if err != nil {
					return err
				}
				if w, ok := want[r]; !ok {
					t.Errorf("%s/%s is not generated any more; run go test ./rules -run TestCertFixturesUpToDate -update", name, r)
				} else if !bytes.Equal(got, []byte(w)) {
					t.Errorf("%s/%s differs from what the generator makes; run go test ./rules -run TestCertFixturesUpToDate -update", name, r)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			for p := range want {
				if !have[p] {
					t.Errorf("%s/%s is missing; run go test ./rules -run TestCertFixturesUpToDate -update", name, p)
				}
			}
		})
	}
}

// contoso is the test deployment most certificate fixtures start from: a
// root, an issuing CA, the VPN server, the NPS server and a user
// certificate, all valid at linttest.Now.
type contoso struct {
	Root, Issuing, VPN, NPS, User *testpki.Cert
}

func newContoso(t *testing.T) *contoso {
	t.Helper()
	c := &contoso{Root: testpki.Root(t, "Contoso Root CA")}
	c.Issuing = c.Root.Intermediate(t, "Contoso Issuing CA")
	c.VPN = c.Issuing.Issue(t, testpki.Spec{CN: "vpn.contoso.com", DNS: []string{"vpn.contoso.com"},
		EKU: serverEKU, UnknownEKU: ikeEKU})
	c.NPS = c.Issuing.Issue(t, testpki.Spec{CN: "nps.corp.contoso.com", DNS: []string{"nps.corp.contoso.com"}, EKU: serverEKU})
	c.User = c.Issuing.Issue(t, testpki.Spec{CN: "alice", Emails: []string{"alice@contoso.com"}, EKU: clientEKU})
	return c
}

// certs joins PEM blocks into one file.
func certs(blocks ...[]byte) string { return string(bytes.Join(blocks, nil)) }

// profileXML is a user-tunnel profile with PEAP and inner EAP-TLS that dials
// servers and validates the NPS server against serverNames and trustedRoot
// (a spaced SHA-1 thumbprint). extra goes inside <VPNProfile>.
func profileXML(servers, serverNames, trustedRoot string) string {
	r := strings.NewReplacer("{servers}", servers, "{names}", serverNames, "{root}", trustedRoot)
	return r.Replace(profileTemplate)
}

const profileTemplate = `<VPNProfile>
  <NativeProfile>
    <Servers>{servers}</Servers>
    <RoutingPolicyType>SplitTunnel</RoutingPolicyType>
    <NativeProtocolType>IKEv2</NativeProtocolType>
    <Authentication>
      <UserMethod>Eap</UserMethod>
      <Eap>
        <Configuration>
          <EapHostConfig xmlns="http://www.microsoft.com/provisioning/EapHostConfig">
            <EapMethod>
              <Type xmlns="http://www.microsoft.com/provisioning/EapCommon">25</Type>
              <VendorId xmlns="http://www.microsoft.com/provisioning/EapCommon">0</VendorId>
              <VendorType xmlns="http://www.microsoft.com/provisioning/EapCommon">0</VendorType>
              <AuthorId xmlns="http://www.microsoft.com/provisioning/EapCommon">0</AuthorId>
            </EapMethod>
            <Config xmlns="http://www.microsoft.com/provisioning/EapHostConfig">
              <Eap xmlns="http://www.microsoft.com/provisioning/BaseEapConnectionPropertiesV1">
                <Type>25</Type>
                <EapType xmlns="http://www.microsoft.com/provisioning/MsPeapConnectionPropertiesV1">
                  <ServerValidation>
                    <DisableUserPromptForServerValidation>true</DisableUserPromptForServerValidation>
                    <ServerNames>{names}</ServerNames>
                    <TrustedRootCA>{root}</TrustedRootCA>
                  </ServerValidation>
                  <FastReconnect>true</FastReconnect>
                  <InnerEapOptional>false</InnerEapOptional>
                  <Eap xmlns="http://www.microsoft.com/provisioning/BaseEapConnectionPropertiesV1">
                    <Type>13</Type>
                    <EapType xmlns="http://www.microsoft.com/provisioning/EapTlsConnectionPropertiesV1">
                      <CredentialsSource>
                        <CertificateStore>
                          <SimpleCertSelection>true</SimpleCertSelection>
                        </CertificateStore>
                      </CredentialsSource>
                      <ServerValidation>
                        <DisableUserPromptForServerValidation>true</DisableUserPromptForServerValidation>
                        <ServerNames>{names}</ServerNames>
                        <TrustedRootCA>{root}</TrustedRootCA>
                      </ServerValidation>
                      <DifferentUsername>false</DifferentUsername>
                      <PerformServerValidation xmlns="http://www.microsoft.com/provisioning/EapTlsConnectionPropertiesV2">true</PerformServerValidation>
                      <AcceptServerName xmlns="http://www.microsoft.com/provisioning/EapTlsConnectionPropertiesV2">true</AcceptServerName>
                    </EapType>
                  </Eap>
                  <EnableQuarantineChecks>false</EnableQuarantineChecks>
                  <RequireCryptoBinding>true</RequireCryptoBinding>
                  <PeapExtensions>
                    <PerformServerValidation xmlns="http://www.microsoft.com/provisioning/MsPeapConnectionPropertiesV2">true</PerformServerValidation>
                    <AcceptServerName xmlns="http://www.microsoft.com/provisioning/MsPeapConnectionPropertiesV2">true</AcceptServerName>
                  </PeapExtensions>
                </EapType>
              </Eap>
            </Config>
          </EapHostConfig>
        </Configuration>
      </Eap>
    </Authentication>
  </NativeProfile>
</VPNProfile>
`

var (
	serverEKU = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}
	clientEKU = []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}
	ikeEKU    = []asn1.ObjectIdentifier{testpki.OIDIKEIntermediate}
)
