package linttest_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/linttest"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

// recorder collects the harness's complaints instead of failing this test.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

// alwaysOn reports at <AlwaysOn> with its value in the message.
var alwaysOn = &lint.Rule{ID: "VPN999", Name: "always-on", Severity: lint.Note, CheckProfile: func(p *lint.Pass, prof *model.Profile) {
	if prof.AlwaysOn != nil {
		p.Reportf(prof.AlwaysOn.Loc(), "always on is %s", prof.AlwaysOn.Value())
	}
}}

func harness(t *testing.T, fixture string) []string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "f.xml")
	if err := os.WriteFile(path, []byte(fixture), 0o644); err != nil {
		t.Fatal(err)
	}
	r := &recorder{TB: t}
	linttest.Run(r, []*lint.Rule{alwaysOn}, path)
	return r.errs
}

// TestHarness: the harness must fail on unmet wants and unexpected findings,
// or every rule test built on it could pass vacuously.
func TestHarness(t *testing.T) {
	for _, tc := range []struct {
		name, fixture string
		want          []string // substrings of the complaints, in order
	}{
		{"met", "<VPNProfile>\n<AlwaysOn>true</AlwaysOn> <!-- want: VPN999 \"always on is true\" -->\n</VPNProfile>", nil},
		{"met from the line above", "<VPNProfile>\n<!-- want@+1: VPN999 -->\n<AlwaysOn>true</AlwaysOn>\n</VPNProfile>", nil},
		{"unexpected", "<VPNProfile>\n<AlwaysOn>true</AlwaysOn>\n</VPNProfile>", []string{":2:1: unexpected VPN999"}},
		{"unmet and unexpected", "<VPNProfile> <!-- want: VPN999 -->\n<AlwaysOn>true</AlwaysOn>\n</VPNProfile>", []string{":1: want VPN999, got none", ":2:1: unexpected VPN999"}},
		{"message mismatch", "<VPNProfile>\n<AlwaysOn>true</AlwaysOn> <!-- want: VPN999 \"is false\" -->\n</VPNProfile>", []string{"want VPN999 matching", "unexpected VPN999"}},
		{"other rules' wants ignored", "<VPNProfile>\n<DeviceTunnel>x</DeviceTunnel> <!-- want: VPN111 -->\n</VPNProfile>", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := harness(t, tc.fixture)
			if len(got) != len(tc.want) {
				t.Fatalf("complaints %q, want %d", got, len(tc.want))
			}
			for i, w := range tc.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("complaint %q lacks %q", got[i], w)
				}
			}
		})
	}
}

// TestSidecarWants: a binary fixture's wants sit in "<file>.want"; they are
// read, and a malformed line is an error, not a silently ignored want.
func TestSidecarWants(t *testing.T) {
	dir := t.TempDir()
	pfx := filepath.Join(dir, "a.pfx")
	// The outer shape of a PKCS#12 file: SEQUENCE { INTEGER 3, SEQUENCE { OID data } }.
	der := []byte{0x30, 0x11, 0x02, 0x01, 0x03, 0x30, 0x0c, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01, 0xa0, 0x00}
	der[1] = byte(len(der) - 2)
	der[6] = byte(len(der) - 7)
	if err := os.WriteFile(pfx, der, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(pfx+".want", []byte("1: LOAD005 \"not inspected\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	d := linttest.Load(t, pfx)
	wants, err := linttest.Wants(d)
	if err != nil {
		t.Fatal(err)
	}
	if len(wants) != 1 || wants[0].Rule != "LOAD005" || wants[0].Line != 1 || wants[0].Re == nil {
		t.Fatalf("wants %+v, want one LOAD005 at line 1 with a pattern", wants)
	}
	if err := os.WriteFile(pfx+".want", []byte("LOAD005 without a line\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := linttest.Wants(d); err == nil {
		t.Error("a sidecar line without a line number was accepted")
	}
}
