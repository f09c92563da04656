package report

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

// The JUnit XML subset aovpnlint writes, in the shape Azure Pipelines'
// PublishTestResults@2 (testResultsFormat: JUnit) and GitLab's
// artifacts:reports:junit read: <testsuites> with <testsuite> children holding
// <testcase classname name time> with at most one <failure message type>.

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Time     string      `xml:"time,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	ClassName string        `xml:"classname,attr"`
	Name      string        `xml:"name,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Time      string        `xml:"time,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	SystemOut *junitText    `xml:"system-out,omitempty"`
}

type junitText struct {
	Text string `xml:",cdata"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",cdata"` // CDATA keeps the line breaks readable
}

// junitNoPath names the test suite of findings that have no file (a rule
// that crashed on an empty scan).
const junitNoPath = "(deployment)"

// JUnit writes the result as JUnit XML: one <testsuite> per file (named by its
// path) and in it one <testcase> per rule that applies to the file
// (classname = the file's path, name = "RULEID rule-name"), so a CI test view
// lists what was checked and the pass rate means something.
//
// A rule applies to a file when it checks what the file holds: rules that
// check profiles apply to files with a profile, EAP rules to files with a
// profile or a standalone EAP configuration, certificate rules to files with
// certificates, and whole-deployment rules (cross-checks, LOAD rules) to every
// file. A rule with a finding in a file always has a test case there, which
// is how rules that judge suppressions (LOAD008, LOAD009) appear.
//
// A test case fails when the rule has unsuppressed findings in the file:
// one <failure> whose type is the highest level among them, whose message is
// the first finding's message (with "(and N more)" when there are more), and
// whose text lists every finding with its position, the Windows error it
// predicts, its fix and its related locations. One <failure> per test case,
// not one per finding, because Azure Pipelines reads only the first and
// GitLab would show several as a list. Findings of every level fail their
// test case; gate the build on aovpnlint's exit code (--fail-on), not on the
// test results. Suppressed findings do not fail a test case; they are listed
// in its <system-out>.
//
// Times are 0 and there is no timestamp, so the output stays deterministic.
func JUnit(w io.Writer, res *lint.Result, o Options) error {
	byFile := map[string][]*lint.Finding{}
	for i := range res.Findings {
		f := &res.Findings[i]
		p := cmp.Or(f.Location.Path, junitNoPath)
		byFile[p] = append(byFile[p], f)
	}
	type fileInfo struct {
		profiles, eap, certs bool
	}
	files := map[string]fileInfo{}
	for _, in := range res.Inputs {
		files[in.Path] = fileInfo{
			profiles: in.Profiles > 0,
			eap:      in.Profiles > 0 || in.Kind == model.KindEapXML,
			certs:    in.Certificates > 0,
		}
	}
	for p := range byFile {
		if _, ok := files[p]; !ok {
			files[p] = fileInfo{}
		}
	}
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	slices.Sort(paths)

	rules := sortedRules(res.Rules)
	out := junitSuites{Name: toolName, Time: "0"}
	for _, path := range paths {
		info := files[path]
		findings := byFile[path]
		suite := junitSuite{Name: path, Time: "0"}
		seen := map[string]bool{}
		var cases []junitCase
		for _, r := range rules {
			if seen[r.ID] {
				continue
			}
			applies := r.Check != nil ||
				(r.CheckProfile != nil && info.profiles) ||
				(r.CheckEap != nil && info.eap) ||
				(r.CheckCert != nil && info.certs)
			if !applies && !slices.ContainsFunc(findings, func(f *lint.Finding) bool { return f.RuleID == r.ID }) {
				continue
			}
			seen[r.ID] = true
			cases = append(cases, junitCaseOf(path, r.ID, r.Name, findings))
		}
		// Findings of rules the result does not list (a hand-built result).
		for _, f := range findings {
			if !seen[f.RuleID] {
				seen[f.RuleID] = true
				cases = append(cases, junitCaseOf(path, f.RuleID, f.RuleName, findings))
			}
		}
		slices.SortStableFunc(cases, func(a, b junitCase) int { return cmp.Compare(a.Name, b.Name) })
		suite.Cases = cases
		suite.Tests = len(cases)
		for _, c := range cases {
			if c.Failure != nil {
				suite.Failures++
			}
		}
		out.Tests += suite.Tests
		out.Failures += suite.Failures
		out.Suites = append(out.Suites, suite)
	}

	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	b.WriteString("\n")
	_, err := w.Write(b.Bytes())
	return err
}

// junitCaseOf is the test case of one rule in one file.
func junitCaseOf(path, id, name string, findings []*lint.Finding) junitCase {
	c := junitCase{ClassName: path, Name: strings.TrimSpace(id + " " + name), Time: "0"}
	if path != junitNoPath {
		c.File = path
	}
	var failing, suppressed []*lint.Finding
	for _, f := range findings {
		switch {
		case f.RuleID != id:
		case f.Suppressed:
			suppressed = append(suppressed, f)
		default:
			failing = append(failing, f)
		}
	}
	if len(failing) > 0 {
		level := failing[0].Level
		var text strings.Builder
		for _, f := range failing {
			level = max(level, f.Level)
			text.WriteString(junitBlock(f))
		}
		msg := oneLine(failing[0].Message)
		if n := len(failing) - 1; n > 0 {
			msg += fmt.Sprintf(" (and %d more)", n)
		}
		c.Failure = &junitFailure{Message: msg, Type: level.String(), Text: xmlChars(text.String())}
	}
	if len(suppressed) > 0 {
		var text strings.Builder
		for _, f := range suppressed {
			text.WriteString("suppressed: " + junitBlock(f))
		}
		c.SystemOut = &junitText{Text: xmlChars(text.String())}
	}
	return c
}

// junitBlock is one finding as the text output writes it: position, level,
// rule and message, then what it predicts, the fix and related locations.
func junitBlock(f *lint.Finding) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s %s %s\n", textPos(f.Location), f.Level, f.RuleID, oneLine(f.Message))
	if p := predicts(f.WindowsErrors, identity); p != "" {
		fmt.Fprintf(&b, "    predicts %s\n", p)
	}
	if f.Fix != "" {
		fmt.Fprintf(&b, "    fix: %s\n", oneLine(f.Fix))
	}
	for _, r := range f.Related {
		if r.Message == "" {
			fmt.Fprintf(&b, "    %s\n", textPos(r.Location))
		} else {
			fmt.Fprintf(&b, "    %s: %s\n", textPos(r.Location), oneLine(r.Message))
		}
	}
	return b.String()
}

// xmlChars replaces what XML 1.0 cannot hold (control characters other than
// tab, line feed and carriage return, invalid UTF-8, U+FFFE and U+FFFF) with
// U+FFFD. encoding/xml does so for attributes and character data but not for
// CDATA sections.
func xmlChars(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t', r == '\n', r == '\r':
			return r
		case r < 0x20, r == utf8.RuneError, r == 0xFFFE, r == 0xFFFF, 0xD800 <= r && r <= 0xDFFF:
			return '\uFFFD'
		}
		return r
	}, s)
}
