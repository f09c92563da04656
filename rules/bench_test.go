package rules

import (
	"fmt"
	"os"
	"strings"
	"testing"

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
