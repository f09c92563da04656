package lint_test

import (
	"os"
	"testing"
	"time"

	"github.com/aovpnlint/aovpnlint/internal/benchgen"
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/rules"
)

// BenchmarkEstate lints a synthetic estate written by internal/benchgen (the
// one of make bench, smaller): profiles in every container, certificates with
// chains and irrelevant files, through lint.Run as the CLI calls it. Run it
// with -cpuprofile and -memprofile to find the hot spots.
func BenchmarkEstate(b *testing.B) {
	// AOVPNLINT_BENCH_DIR points at an estate benchgen wrote already (the
	// full-size one of make bench), so that the profile shows no generation.
	dir := os.Getenv("AOVPNLINT_BENCH_DIR")
	var size int64
	if dir == "" {
		dir = b.TempDir()
		st, err := benchgen.Generate(dir, benchgen.Options{Profiles: 400, Certs: 400, Irrelevant: 400, Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		size = st.Bytes
	}
	opts := lint.Options{Paths: []string{dir}, Now: time.Date(2026, time.June, 1, 0, 0, 0, 0, time.UTC)}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		res, err := lint.Run(rules.All(), opts)
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Findings) == 0 {
			b.Fatal("no findings")
		}
	}
}
