package report

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strconv"

	"github.com/aovpnlint/aovpnlint/lint"
)

// gitlabIssue is one entry of a GitLab Code Quality report
// (artifacts:reports:codequality): the fields GitLab documents, plus
// Code Climate's "type" and "categories", which GitLab ignores and other
// Code Climate readers want.
type gitlabIssue struct {
	Type        string         `json:"type"`
	CheckName   string         `json:"check_name"`
	Description string         `json:"description"`
	Categories  []string       `json:"categories"`
	Severity    string         `json:"severity"`
	Fingerprint string         `json:"fingerprint"`
	Location    gitlabLocation `json:"location"`
}

type gitlabLocation struct {
	Path  string      `json:"path"`
	Lines gitlabLines `json:"lines"`
}

type gitlabLines struct {
	Begin int `json:"begin"`
	End   int `json:"end"`
}

// GitLab writes the result as a GitLab Code Quality report: a JSON array with
// one issue per unsuppressed finding. check_name is the rule ID; description
// is "RULEID rule-name: " and the SARIF alert text (finding, predicted
// Windows error, fix); severity maps error to critical, warning to major and
// note to minor (info and blocker are not used); location is the relative
// path and the begin and end lines.
//
// fingerprint is the finding's stable fingerprint (rule, file, logical place,
// message: it survives lines moving), so GitLab tracks a finding across
// commits. GitLab shows only the first issue of a fingerprint, so a repeat
// within one report (the same message for the same place at another line) is
// replaced by a hash of the fingerprint and its occurrence number, which keeps
// the report's fingerprints unique and still stable.
//
// Suppressed findings are left out: GitLab has no notion of them. An empty
// result is "[]".
func GitLab(w io.Writer, res *lint.Result, o Options) error {
	issues := []gitlabIssue{}
	seen := map[string]int{}
	for i := range res.Findings {
		f := &res.Findings[i]
		if f.Suppressed {
			continue
		}
		sl, _, el, _ := clampRegion(f.Location.StartLine, f.Location.StartColumn, f.Location.EndLine, f.Location.EndColumn)
		fp := f.Fingerprint
		if fp == "" {
			fp = gitlabHash(f.RuleID, f.Location.Path, strconv.Itoa(sl), f.Message)
		}
		seen[fp]++
		if n := seen[fp]; n > 1 {
			fp = gitlabHash(fp, strconv.Itoa(n))
			seen[fp]++
		}
		title := f.RuleID
		if f.RuleName != "" {
			title += " " + f.RuleName
		}
		issues = append(issues, gitlabIssue{
			Type:        "issue",
			CheckName:   f.RuleID,
			Description: title + ": " + alertText(f),
			Categories:  gitlabCategories(f.Tags),
			Severity:    gitlabSeverity(f.Level),
			Fingerprint: fp,
			Location:    gitlabLocation{Path: f.Location.Path, Lines: gitlabLines{Begin: sl, End: el}},
		})
	}
	return writeJSON(w, issues)
}

// gitlabSeverity maps a level to GitLab's info, minor, major, critical,
// blocker scale.
func gitlabSeverity(s lint.Severity) string {
	switch s {
	case lint.Error:
		return "critical"
	case lint.Warning:
		return "major"
	}
	return "minor"
}

// gitlabCategories are Code Climate categories: Security for security rules,
// Bug Risk for the rest (a mistake that breaks connections).
func gitlabCategories(tags []string) []string {
	for _, t := range tags {
		if t == "security" {
			return []string{"Security"}
		}
	}
	return []string{"Bug Risk"}
}

// gitlabHash is a 32-hex-digit SHA-256 prefix of its parts.
func gitlabHash(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		fmt.Fprintf(h, "%s\x00", p)
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}
