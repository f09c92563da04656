package sariftest

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// recorder is a testing.TB that records failures instead of failing.
type recorder struct {
	testing.TB
	errs    []string
	skipped bool
}

func (r *recorder) Helper()                   {}
func (r *recorder) Errorf(f string, a ...any) { r.errs = append(r.errs, fmt.Sprintf(f, a...)) }
func (r *recorder) Fatalf(f string, a ...any) { r.Errorf(f, a...); runtime.Goexit() }
func (r *recorder) Skipf(string, ...any)      { r.skipped = true; runtime.Goexit() }
func (r *recorder) Logf(f string, a ...any)   {}
func (r *recorder) Failed() bool              { return len(r.errs) > 0 }

func record(t *testing.T, sarif string) *recorder {
	t.Helper()
	r := &recorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		Validate(r, []byte(sarif))
	}()
	<-done
	return r
}

const good = `{
  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
  "version": "2.1.0",
  "runs": [{
    "tool": {"driver": {"name": "aovpnlint", "semanticVersion": "0.1.0", "rules": [{
      "id": "VPN201", "shortDescription": {"text": "s"}, "fullDescription": {"text": "f"},
      "help": {"text": "h"}, "properties": {"tags": ["security"], "security-severity": "8.0"}}]}},
    "results": [{
      "ruleId": "VPN201", "ruleIndex": 0, "level": "error", "message": {"text": "m"},
      "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a%20b.xml", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 2}}}],
      "partialFingerprints": {"aovpnlint/v1": "00"}}]
  }]
}`

func TestValidate(t *testing.T) {
	if _, ok := SchemaPath(); !ok {
		t.Skip("SARIF schema not found")
	}
	if r := record(t, good); len(r.errs) > 0 || r.skipped {
		t.Fatalf("good SARIF: %v (skipped %v)", r.errs, r.skipped)
	}
	for _, c := range []struct{ old, new, want string }{
		{`"level": "error"`, `"level": "fatal"`, "schema"},
		{`"startLine": 1,`, `"startLine": 0,`, "below 1"},
		{`"a%20b.xml"`, `"dir\\a.xml"`, "not a relative URI"},
		{`"a%20b.xml"`, `"file:///abs/a.xml"`, "not a relative URI"},
		{`"ruleIndex": 0`, `"ruleIndex": 1`, "out of range"},
		{`"8.0"`, `"11"`, "security-severity"},
		{`"aovpnlint/v1"`, `"primaryLocationLineHash"`, "primaryLocationLineHash"},
		{`"fullDescription": {"text": "f"},`, ``, "fullDescription"},
		{`"results": [{`, `"results2": [{`, "results is missing"},
		{`"endLine": 1, "endColumn": 2`, `"endLine": 1, "endColumn": 0`, "schema"},
	} {
		bad := strings.Replace(good, c.old, c.new, 1)
		if bad == good {
			t.Fatalf("replacing %q changed nothing", c.old)
		}
		r := record(t, bad)
		if !strings.Contains(strings.Join(r.errs, "\n"), c.want) {
			t.Errorf("%s -> %s: errors %q, want one with %q", c.old, c.new, r.errs, c.want)
		}
	}
}
