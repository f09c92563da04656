package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestNPSSecretsNeverEchoed: every RADIUS shared secret of the rule fixtures'
// NPS exports is reported (NPS001, NPS002) but appears in no output format.
func TestNPSSecretsNeverEchoed(t *testing.T) {
	const fixtures = "../../testdata/rules"
	secretRE := regexp.MustCompile(`<Shared_Secret[^>]*>([^<]+)</Shared_Secret>`)
	dir := t.TempDir()
	var secrets []string
	entries, err := os.ReadDir(fixtures)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		src := filepath.Join(fixtures, e.Name())
		found := false
		err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			for _, m := range secretRE.FindAllSubmatch(b, -1) {
				secrets = append(secrets, strings.TrimSpace(string(m[1])))
				found = true
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if !found {
			continue
		}
		if e.IsDir() {
			err = os.CopyFS(filepath.Join(dir, e.Name()), os.DirFS(src))
		} else {
			var b []byte
			if b, err = os.ReadFile(src); err == nil {
				err = os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644)
			}
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(secrets) < 3 {
		t.Fatalf("found %d shared secrets in the fixtures, want at least 3: %q", len(secrets), secrets)
	}
	for _, format := range []string{"text", "json", "sarif"} {
		t.Run(format, func(t *testing.T) {
			_, out, errOut := runCLI(t, dir, "check", "--format", format, "--now", fixedNow, "--no-config", ".")
			for _, id := range []string{"NPS001", "NPS002"} {
				if !strings.Contains(out, id) {
					t.Errorf("%s not reported:\n%s", id, out)
				}
			}
			for _, s := range secrets {
				if strings.Contains(out, s) || strings.Contains(errOut, s) {
					t.Errorf("the %s output shows the secret %q", format, s)
				}
			}
		})
	}
}
