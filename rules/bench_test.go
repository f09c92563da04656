package rules

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/aovpnlint/aovpnlint/internal/testpki"
	"github.com/aovpnlint/aovpnlint/lint/linttest"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/load"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

// profile8K returns the example user-tunnel profile grown with routes to the
// size of a typical production profile (about 8 KB).
func profile8K(tb testing.TB) []byte {
	tb.Helper()
	b, err := os.ReadFile("../testdata/examples/profiles/user-tunnel.xml")
	if err != nil {
		tb.Fatal(err)
	}
	s := string(b)
	var routes strings.Builder
	for i := 0; len(s)+routes.Len() < 8192; i++ {
		fmt.Fprintf(&routes, "  <Route>\n    <Address>10.%d.0.0</Address>\n    <PrefixSize>16</PrefixSize>\n  </Route>\n", 20+i)
	}
	return []byte(strings.Replace(s, "</VPNProfile>", routes.String()+"</VPNProfile>", 1))
}

// BenchmarkLintProfile measures the whole per-file path: decode, recognise,
// parse with positions, build the model and run every rule.
func BenchmarkLintProfile(b *testing.B) {
	data := profile8K(b)
	all := All()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		f, _, _ := load.Parse("profile.xml", data)
		d := &model.Deployment{}
		d.Add(f)
		if res := lint.Check(d, all); len(res.Findings) == 0 {
			b.Fatal("no findings")
		}
	}
}

// certScan1000 builds a scan of 1,000 certificates with chains: 10 roots,
// each with 3 issuing CAs, each issuing 32 or 33 leaves (VPN servers, NPS
// servers and clients), as PEM files of 10 certificates each, plus a profile
// that names some of the servers.
func certScan1000(b *testing.B) map[string][]byte {
	b.Helper()
	files := map[string][]byte{}
	var all [][]byte
	n := 0
	for r := 0; r < 10 && n < 1000; r++ {
		root := testpki.Root(b, fmt.Sprintf("Root CA %d", r))
		all = append(all, root.PEM())
		n++
		for i := 0; i < 3; i++ {
			ca := root.Intermediate(b, fmt.Sprintf("Issuing CA %d-%d", r, i))
			all = append(all, ca.PEM())
			n++
			for l := 0; l < 33 && n < 1000; l++ {
				spec := testpki.Spec{CN: fmt.Sprintf("host%d-%d-%d.contoso.com", r, i, l)}
				spec.DNS = []string{spec.CN}
				switch l % 3 {
				case 0:
					spec.EKU, spec.UnknownEKU = serverEKU, ikeEKU
				case 1:
					spec.EKU = serverEKU
				default:
					spec.EKU = clientEKU
				}
				all = append(all, ca.Issue(b, spec).PEM())
				n++
			}
		}
	}
	for i := 0; i < len(all); i += 10 {
		files[fmt.Sprintf("certs%03d.pem", i/10)] = bytes.Join(all[i:min(i+10, len(all))], nil)
	}
	files["profile.xml"] = []byte(profileXML("host0-0-0.contoso.com,host1-0-3.contoso.com", "host0-0-1\\.contoso\\.com", "00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff 00 11 22 33 "))
	return files
}

// BenchmarkLintCertificates measures a scan of 1,000 certificates: parse
// every PEM block, build the chains and roles, and run every rule.
func BenchmarkLintCertificates(b *testing.B) {
	files := certScan1000(b)
	names := slices.Sorted(maps.Keys(files))
	all := All()
	b.ReportAllocs()
	for b.Loop() {
		d := &model.Deployment{Now: linttest.Now, ExpiryWarning: lint.DefaultExpiryWarning}
		for _, name := range names {
			f, _, _ := load.Parse(name, files[name])
			d.Add(f)
		}
		d.Link()
		if len(d.Certs) != 1000 {
			b.Fatalf("%d certificates, want 1000", len(d.Certs))
		}
		lint.Check(d, all)
	}
	b.ReportMetric(float64(b.N)*1000/b.Elapsed().Seconds(), "certs/s")
}
