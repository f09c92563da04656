package rules

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/linttest"
)

const fixtures = "../testdata/rules"

// TestRules runs every rule over its own fixtures (testdata/rules/<id>_*):
// each finding must be wanted and each want met.
func TestRules(t *testing.T) {
	for _, r := range All() {
		t.Run(r.ID, func(t *testing.T) {
			files := linttest.Fixtures(fixtures, r.ID)
			if len(files) == 0 {
				t.Skip("no fixtures")
			}
			for _, f := range files {
				t.Run(f[len(fixtures)+1:], func(t *testing.T) {
					linttest.Run(t, []*lint.Rule{r}, f)
				})
			}
		})
	}
}

// TestEveryRuleHasFixtures requires a bad fixture (with at least one want for
// the rule) and a good one (without) for every rule.
// generatedFixtures are rules whose inputs cannot be committed (a file over
// 16 MiB, a file without read permission, symbolic links out of the
// repository): the malformed-input corpus that cmd/aovpnlint/limits_test.go
// generates covers their bad and good cases.
var generatedFixtures = map[string]bool{"LOAD010": true, "LOAD014": true, "LOAD015": true}

func TestEveryRuleHasFixtures(t *testing.T) {
	for _, r := range All() {
		if generatedFixtures[r.ID] {
			continue
		}
		var bad, good int
		for _, f := range linttest.Fixtures(fixtures, r.ID) {
			wants, err := linttest.Wants(linttest.Load(t, f))
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, w := range wants {
				if w.Rule == r.ID {
					n++
				}
			}
			if n > 0 {
				bad++
			} else {
				good++
			}
		}
		if bad == 0 || good == 0 {
			t.Errorf("%s: want a bad and a good fixture in testdata/rules/%s_*, have %d bad, %d good", r.ID, strings.ToLower(r.ID), bad, good)
		}
	}
}

var (
	idRe   = regexp.MustCompile(`^(LOAD|VPN|CERT|XREF|NPS)\d{3}$`)
	nameRe = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	codeRe = regexp.MustCompile(`^(\d+|0x[0-9A-F]{8}|oops)$`)
	tagRe  = regexp.MustCompile(`^[a-z0-9-]+$`)
)

// TestMetadata checks what every output relies on (x/tools' Validate, zlint's
// TestAllLintsHaveValidMeta).
func TestMetadata(t *testing.T) {
	ids, names := map[string]bool{}, map[string]bool{}
	for _, r := range All() {
		switch {
		case !idRe.MatchString(r.ID):
			t.Errorf("%s: ID is not PREFIX+3 digits", r.ID)
		case ids[r.ID]:
			t.Errorf("%s: duplicate ID", r.ID)
		case !nameRe.MatchString(r.Name) || names[r.Name]:
			t.Errorf("%s: name %q is not unique kebab-case", r.ID, r.Name)
		case r.Severity < lint.Note || r.Severity > lint.Error:
			t.Errorf("%s: no default severity", r.ID)
		case r.Summary == "" || len(r.Summary) > 80 || strings.HasSuffix(r.Summary, "."):
			t.Errorf("%s: summary must be 1-80 characters without a final period: %q", r.ID, r.Summary)
		case r.Fix == "" || strings.HasSuffix(r.Fix, "."):
			t.Errorf("%s: fix must be one line without a final period", r.ID)
		case len(r.Help) < 200 || !strings.Contains(r.Help, "http"):
			t.Errorf("%s: help (rules/help/%s.md) must explain the problem and link a source", r.ID, strings.ToLower(r.ID))
		case r.CheckProfile == nil && r.CheckEap == nil && r.CheckCert == nil && r.Check == nil && r.CheckSuppression == nil:
			t.Errorf("%s: no check function", r.ID)
		case len(r.Tags) == 0:
			t.Errorf("%s: no tags", r.ID)
		}
		ids[r.ID], names[r.Name] = true, true
		for _, c := range r.WindowsErrors {
			if !codeRe.MatchString(c) {
				t.Errorf("%s: Windows error %q is not decimal, 0x%%08X or oops", r.ID, c)
			}
		}
		security := false
		for _, tag := range r.Tags {
			if !tagRe.MatchString(tag) {
				t.Errorf("%s: tag %q is not lowercase kebab-case", r.ID, tag)
			}
			security = security || tag == "security"
		}
		if security != (r.SecuritySeverity > 0) || r.SecuritySeverity > 10 {
			t.Errorf("%s: security rules, and only they, need a security-severity in (0, 10]", r.ID)
		}
		if !strings.Contains(r.Help, "Bad") || !strings.Contains(r.Help, "Good") {
			t.Errorf("%s: help needs a Bad and a Good example", r.ID)
		}
	}
}

// TestHelpFilesBelongToRules catches a help file left behind by a renamed rule.
func TestHelpFilesBelongToRules(t *testing.T) {
	entries, _ := fs.ReadDir(help, "help")
	for _, e := range entries {
		id := strings.ToUpper(strings.TrimSuffix(e.Name(), ".md"))
		if ByID(id) == nil {
			t.Errorf("help/%s has no rule %s", e.Name(), id)
		}
	}
}
