package rules

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/linttest"
)

// TestCertValiditySecondGranularity: certificates state whole seconds, so an
// evaluation time a fraction of a second past NotAfter (or before NotBefore
// by less than the second it falls in) is still inside the validity period;
// a whole second past is not. Fixtures always run at linttest.Now, a whole
// second, so this needs its own test.
func TestCertValiditySecondGranularity(t *testing.T) {
	cases := []struct {
		rule, folder, cn string
		now              time.Time
		want             bool
	}{
		// bob's certificate in cert110_good ends at 2026-06-01 00:00:00.
		{"CERT110", "cert110_good", "bob", linttest.Now.Add(5 * time.Millisecond), false},
		{"CERT110", "cert110_good", "bob", linttest.Now.Add(999 * time.Millisecond), false},
		{"CERT110", "cert110_good", "bob", linttest.Now.Add(time.Second), true},
		// vpn2.contoso.com in cert111_good starts at 2026-06-01 00:00:00.
		{"CERT111", "cert111_good", "vpn2.contoso.com", linttest.Now.Add(500 * time.Millisecond), false},
		{"CERT111", "cert111_good", "vpn2.contoso.com", linttest.Now.Add(-500 * time.Millisecond), true},
	}
	for _, tc := range cases {
		d := linttest.Load(t, filepath.Join(fixtures, tc.folder))
		d.Now = tc.now
		d.Link()
		got := false
		for _, f := range lint.Check(d, []*lint.Rule{ByID(tc.rule)}).Findings {
			if strings.Contains(f.Message, `"CN=`+tc.cn+`"`) {
				got = true
			}
		}
		if got != tc.want {
			t.Errorf("%s on CN=%s at %s: reported %v, want %v", tc.rule, tc.cn, tc.now.Format(time.RFC3339Nano), got, tc.want)
		}
	}
}
