package benchgen

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/aovpnlint/aovpnlint/lint/load"
)

func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		r, _ := filepath.Rel(dir, p)
		out[r] = b
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestGenerate: the same seed writes the same bytes, and aovpnlint's loader
// reads every profile and certificate of the estate without a problem, in
// every container.
func TestGenerate(t *testing.T) {
	o := Options{Profiles: 24, Certs: 60, Irrelevant: 12, Seed: 7}
	a, b := t.TempDir(), t.TempDir()
	st, err := Generate(a, o)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(b, o); err != nil {
		t.Fatal(err)
	}
	ta, tb := readTree(t, a), readTree(t, b)
	if len(ta) != st.Files || len(ta) != len(tb) {
		t.Fatalf("%d and %d files, stats say %d", len(ta), len(tb), st.Files)
	}
	for name, data := range ta {
		if !bytes.Equal(data, tb[name]) {
			t.Errorf("%s differs between two runs with the same seed", name)
		}
	}
	d, errs := load.Load([]string{a}, load.Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if len(d.Profiles) != o.Profiles || len(d.Certs) != o.Certs {
		t.Errorf("loaded %d profiles and %d certificates, want %d and %d", len(d.Profiles), len(d.Certs), o.Profiles, o.Certs)
	}
	for _, p := range d.Problems {
		t.Errorf("load problem: %+v", p)
	}
	kinds := map[string]int{}
	for _, f := range d.Files {
		kinds[string(f.Kind)]++
	}
	if len(kinds) < 6 {
		t.Errorf("file kinds %v: want profiles in every container plus certificates", kinds)
	}
}

// TestGenerateTree: the many-files tree has the requested number of files.
func TestGenerateTree(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 2,500 files")
	}
	dir := t.TempDir()
	st, err := GenerateTree(dir, 2500, 1)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(readTree(t, dir)); n != 2500 || st.Files != 2500 || st.Profiles != 3 || st.Certs != 2 {
		t.Errorf("%d files on disk, stats %+v", n, st)
	}
}
