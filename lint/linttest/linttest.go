// Package linttest runs rules over fixture files that carry their own
// expectations, in the manner of x/tools' analysistest.
//
// A fixture says where findings must appear with a comment at the end of the
// line the finding points to:
//
//	<Servers>10.0.0.1</Servers> <!-- want: VPN104 -->
//	$x = 1 # want: VPN401 "regexp the message must match"
//
// want@+1: and want@-2: point at a line below or above the comment, for lines
// where no comment fits (inside a start tag, before the XML declaration).
// Several IDs may follow one want. Both a finding that no want expects and a
// want that no finding meets fail the test.
package linttest

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/load"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

// Now is the evaluation time of every fixture run, so that nothing expires
// with the calendar.
var Now = time.Date(2026, time.June, 1, 0, 0, 0, 0, time.UTC)

// Want is one expectation read from a fixture.
type Want struct {
	Path string
	Line int
	Rule string
	Re   *regexp.Regexp // nil: any message
}

var (
	wantRe  = regexp.MustCompile(`(?:<!--|&lt;!--|#|//)\s*want(@[+-]\d+)?:\s*(.*?)\s*(?:-->|--&gt;|$)`)
	tokenRe = regexp.MustCompile(`[A-Z]+\d{3}|"(?:[^"\\]|\\.)*"`)
)

// sidecarRe is a line of a binary fixture's "<file>.want" sidecar:
// "LINE: IDs and patterns".
var sidecarRe = regexp.MustCompile(`^(\d+):\s*(.*)$`)

// Wants reads the want annotations of every loaded file. A binary file (DER,
// PKCS#12) cannot hold comments: its wants sit in a sidecar "<file>.want",
// one "LINE: ID \"regexp\"" per line.
func Wants(d *model.Deployment) ([]Want, error) {
	var out []Want
	for _, f := range d.Files {
		if b, err := os.ReadFile(f.Src.Path + ".want"); err == nil {
			for i, l := range strings.Split(string(b), "\n") {
				if strings.TrimSpace(l) == "" {
					continue
				}
				m := sidecarRe.FindStringSubmatch(strings.TrimSpace(l))
				if m == nil {
					return nil, fmt.Errorf("%s.want:%d: want \"LINE: ID\"", f.Src.Path, i+1)
				}
				line, _ := strconv.Atoi(m[1])
				var err error
				if out, err = addWants(out, f.Src.Path, line, m[2]); err != nil {
					return nil, fmt.Errorf("%s.want:%d: %w", f.Src.Path, i+1, err)
				}
			}
		}
		for n := 1; n <= f.Src.Lines(); n++ {
			for _, m := range wantRe.FindAllStringSubmatch(f.Src.Line(n), -1) {
				line := n
				if m[1] != "" {
					off, _ := strconv.Atoi(m[1][1:])
					line += off
				}
				var err error
				if out, err = addWants(out, f.Src.Path, line, m[2]); err != nil {
					return nil, fmt.Errorf("%s:%d: %w", f.Src.Path, n, err)
				}
			}
		}
	}
	return out, nil
}

// addWants appends the wants of one annotation: rule IDs, each optionally
// followed by a quoted message pattern.
func addWants(out []Want, path string, line int, spec string) ([]Want, error) {
	first := len(out)
	for _, tok := range tokenRe.FindAllString(spec, -1) {
		if strings.HasPrefix(tok, `"`) {
			if len(out) == first {
				return nil, fmt.Errorf("message pattern %s without a rule ID before it", tok)
			}
			s, err := strconv.Unquote(tok)
			if err != nil {
				return nil, err
			}
			re, err := regexp.Compile(s)
			if err != nil {
				return nil, err
			}
			out[len(out)-1].Re = re
			continue
		}
		out = append(out, Want{Path: path, Line: line, Rule: tok})
	}
	return out, nil
}

// Load loads fixture files through the production loader. Certificates in a
// folder named "trust" are the run's trust anchors (as with --trust), and
// those in folders named "nps" and "vpn" are NPS and VPN server certificates
// (--nps-cert, --vpn-cert).
func Load(t testing.TB, paths ...string) *model.Deployment {
	t.Helper()
	d, errs := load.Load(paths, load.Options{})
	for _, err := range errs {
		t.Fatalf("load: %v", err)
	}
	d.Now = Now
	d.ExpiryWarning = lint.DefaultExpiryWarning
	for _, c := range d.Certs {
		dirs := strings.Split(path.Dir(c.Src.Path), "/")
		c.Trusted = slices.Contains(dirs, "trust")
		c.NPS = slices.Contains(dirs, "nps")
		c.VPN = slices.Contains(dirs, "vpn")
	}
	d.Link()
	return d
}

// Run loads the fixture files, runs only the given rules, and checks the
// findings against the files' want annotations (only wants for these rules).
func Run(t testing.TB, rules []*lint.Rule, paths ...string) []lint.Finding {
	t.Helper()
	d := Load(t, paths...)
	res := lint.Check(d, rules)
	wants, err := Wants(d)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, r := range rules {
		ids[r.ID] = true
	}
	wants = slices.DeleteFunc(wants, func(w Want) bool { return !ids[w.Rule] })
	used := make([]bool, len(res.Findings))
	for _, w := range wants {
		found := false
		for i, f := range res.Findings {
			if used[i] || f.RuleID != w.Rule || f.Location.Path != w.Path || f.Location.StartLine != w.Line {
				continue
			}
			if w.Re != nil && !w.Re.MatchString(f.Message) {
				continue
			}
			used[i], found = true, true
			break
		}
		if !found {
			msg := ""
			if w.Re != nil {
				msg = fmt.Sprintf(" matching %q", w.Re)
			}
			t.Errorf("%s:%d: want %s%s, got none", w.Path, w.Line, w.Rule, msg)
		}
	}
	for i, f := range res.Findings {
		if !used[i] {
			t.Errorf("%s:%d:%d: unexpected %s: %s", f.Location.Path, f.Location.StartLine, f.Location.StartColumn, f.RuleID, f.Message)
		}
	}
	return res.Findings
}

// Fixtures returns the fixture files of a rule: dir/<lowercase id>_*.
func Fixtures(dir, id string) []string {
	m, _ := filepath.Glob(filepath.Join(dir, strings.ToLower(id)+"_*"))
	return m
}
