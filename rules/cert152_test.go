package rules

import (
	"slices"
	"testing"
)

// TestCERT152WindowsErrors: a root without basicConstraints predicts no
// Windows error (Windows accepts it as a CA), while cA FALSE and an
// intermediate without the extension predict TRUST_E_BASIC_CONSTRAINTS.
func TestCERT152WindowsErrors(t *testing.T) {
	for folder, want := range map[string]map[string][]string{
		"cert152_bad":      {"Contoso Issuing CA": {"0x80096019", "13801"}, "Contoso User CA": {"0x80096019", "13801"}, "Lab Root": {"0x80096019", "13801"}},
		"cert152_bad_root": {"Old Root CA": {}, "Fabrikam Root CA": {}},
	} {
		got := certFindings(t, "CERT152", folder)
		if len(got) != len(want) {
			t.Errorf("%s: %d findings, want %d", folder, len(got), len(want))
		}
		for cn, w := range want {
			if f, ok := got[cn]; !ok {
				t.Errorf("%s: no finding for CN=%s", folder, cn)
			} else if !slices.Equal(f.WindowsErrors, w) {
				t.Errorf("%s: CN=%s: WindowsErrors %q, want %q", folder, cn, f.WindowsErrors, w)
			}
		}
	}
}
