package main

import (
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/aovpnlint/aovpnlint/internal/sariftest"
)

// TestCIFormats runs the CI formats over the example deployment through the
// CLI: same exit code as the other formats, output the CI systems can read.
// lint/report's tests hold the golden files and the detailed checks.
func TestCIFormats(t *testing.T) {
	dir := repo(t, "testdata/examples")
	_, jsonOut, _ := runCLI(t, dir, "--format", "json", "--now", fixedNow)
	var rep struct {
		Findings []struct {
			Suppressed bool `json:"suppressed"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(jsonOut), &rep); err != nil {
		t.Fatal(err)
	}
	findings := 0
	for _, f := range rep.Findings {
		if !f.Suppressed {
			findings++
		}
	}
	for _, format := range []string{"github", "junit", "gitlab", "GitHub"} {
		code, out, errOut := runCLI(t, dir, "check", "--format", format, "--now", fixedNow, ".")
		if code != exitFail || errOut != "" || out == "" {
			t.Fatalf("%s: exit %d, stderr %q", format, code, errOut)
		}
		switch strings.ToLower(format) {
		case "github":
			commands := 0
			for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
				switch {
				case strings.HasPrefix(line, "::error file=") || strings.HasPrefix(line, "::warning file=") || strings.HasPrefix(line, "::notice file="):
					commands++
				case strings.HasPrefix(line, "aovpnlint: "):
				default:
					t.Errorf("github: unexpected line %q", line)
				}
			}
			if commands != findings {
				t.Errorf("github: %d commands for %d findings", commands, findings)
			}
		case "junit":
			var d struct {
				Failures int `xml:"failures,attr"`
				Tests    int `xml:"tests,attr"`
			}
			if err := xml.Unmarshal([]byte(out), &d); err != nil || d.Failures == 0 || d.Tests <= d.Failures {
				t.Errorf("junit: %v, %+v", err, d)
			}
		case "gitlab":
			var issues []struct {
				Fingerprint string `json:"fingerprint"`
			}
			if err := json.Unmarshal([]byte(out), &issues); err != nil || len(issues) != findings {
				t.Errorf("gitlab: %v, %d issues for %d findings", err, len(issues), findings)
			}
			seen := map[string]bool{}
			for _, is := range issues {
				if seen[is.Fingerprint] || is.Fingerprint == "" {
					t.Errorf("gitlab: fingerprint %q empty or repeated", is.Fingerprint)
				}
				seen[is.Fingerprint] = true
			}
		}
	}
	code, _, errOut := runCLI(t, dir, "--format", "xml")
	if code != exitUsage || !strings.Contains(errOut, "github, junit or gitlab") {
		t.Errorf("unknown format: exit %d, %q", code, errOut)
	}
}

func TestSARIFCategoryFlag(t *testing.T) {
	dir := repo(t, "testdata/examples")
	code, out, errOut := runCLI(t, dir, "--format", "sarif", "--sarif-category", "aovpnlint/examples", "--now", fixedNow)
	if code != exitFail || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	sariftest.Validate(t, []byte(out))
	if !strings.Contains(out, `"automationDetails": {
        "id": "aovpnlint/examples/"
      }`) {
		t.Errorf("SARIF lacks automationDetails.id aovpnlint/examples/")
	}
	for _, args := range [][]string{
		{"--format", "text", "--sarif-category", "aovpnlint"}, // only with SARIF
		{"--sarif-category", "aovpnlint"},                     // the default format is text
		{"--format", "sarif", "--sarif-category", ""},
		{"--format", "sarif", "--sarif-category", "a\nb"},
	} {
		code, out, errOut := runCLI(t, dir, args...)
		if code != exitUsage || out != "" || !strings.Contains(errOut, "--sarif-category") {
			t.Errorf("%q: exit %d, stdout %d bytes, stderr %q", args, code, len(out), errOut)
		}
	}
}
