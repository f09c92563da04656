// Package sariftest checks SARIF that aovpnlint writes, for tests: against
// the OASIS SARIF 2.1.0 JSON schema (shared/schemas/sarif-2.1.0.json beside
// the repository) and against what GitHub code scanning needs beyond the
// schema. It is test-only: nothing outside _test.go files imports it.
package sariftest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// SchemaID is the id the SARIF 2.1.0 schema declares.
const SchemaID = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

// SchemaPath returns <repo>/../shared/schemas/sarif-2.1.0.json, where <repo>
// is the nearest directory at or above the working directory that holds
// go.mod, and whether that file exists.
func SchemaPath() (string, bool) {
	dir, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			p := filepath.Join(dir, "..", "shared", "schemas", "sarif-2.1.0.json")
			_, err := os.Stat(p)
			return p, err == nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

var compiled = struct {
	sync.Mutex
	schema map[string]*jsonschema.Schema
}{schema: map[string]*jsonschema.Schema{}}

func compile(path string) (*jsonschema.Schema, error) {
	compiled.Lock()
	defer compiled.Unlock()
	if s := compiled.schema[path]; s != nil {
		return s, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat() // uri, uri-reference, date-time: GitHub's upload checks them
	if err := c.AddResource(SchemaID, doc); err != nil {
		return nil, err
	}
	s, err := c.Compile(SchemaID)
	if err != nil {
		return nil, err
	}
	compiled.schema[path] = s
	return s, nil
}

// Validate checks sarif with CheckGitHub, then against the SARIF 2.1.0 JSON
// schema. When the schema file is absent (the repository without its shared
// folder) it skips the test after the GitHub checks, so call it last or in a
// subtest of its own.
func Validate(t testing.TB, sarif []byte) {
	t.Helper()
	CheckGitHub(t, sarif)
	path, ok := SchemaPath()
	if !ok {
		t.Skipf("SARIF schema not found (want <repo>/../shared/schemas/sarif-2.1.0.json): schema check skipped")
	}
	sch, err := compile(path)
	if err != nil {
		t.Fatalf("compiling the SARIF schema: %v", err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(sarif))
	if err != nil {
		t.Fatalf("SARIF is not JSON: %v", err)
	}
	if err := sch.Validate(inst); err != nil {
		var ve *jsonschema.ValidationError
		if errors.As(err, &ve) {
			t.Errorf("SARIF does not match the 2.1.0 schema:\n%#v", ve)
		} else {
			t.Errorf("SARIF does not match the 2.1.0 schema: %v", err)
		}
	}
}

// Log is the part of a SARIF log CheckGitHub reads.
type Log struct {
	Schema  *string `json:"$schema"`
	Version string  `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name  string `json:"name"`
				Rules []struct {
					ID               string `json:"id"`
					ShortDescription *text  `json:"shortDescription"`
					FullDescription  *text  `json:"fullDescription"`
					Help             *text  `json:"help"`
					Properties       struct {
						Tags             []string `json:"tags"`
						SecuritySeverity *string  `json:"security-severity"`
					} `json:"properties"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results *[]struct {
			RuleID              string            `json:"ruleId"`
			RuleIndex           *int              `json:"ruleIndex"`
			Message             *text             `json:"message"`
			Locations           []location        `json:"locations"`
			RelatedLocations    []location        `json:"relatedLocations"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
		} `json:"results"`
	} `json:"runs"`
}

type text struct {
	Text string `json:"text"`
}

type location struct {
	PhysicalLocation *struct {
		ArtifactLocation *struct {
			URI string `json:"uri"`
		} `json:"artifactLocation"`
		Region *struct {
			StartLine   int `json:"startLine"`
			StartColumn int `json:"startColumn"`
			EndLine     int `json:"endLine"`
			EndColumn   int `json:"endColumn"`
		} `json:"region"`
	} `json:"physicalLocation"`
}

// CheckGitHub checks what GitHub code scanning needs and the schema does not
// say: $schema and version, one run, results present, every rule with short
// and full description (at most 1024 characters) and help text, at most 20
// tags, security-severity a number in (0,10], every result with a rule
// index that matches its ruleId, a message and a location whose URI is
// relative with forward slashes and whose region starts at line and column
// 1 or later and does not end before it starts, and no
// primaryLocationLineHash (upload-sarif computes that one).
func CheckGitHub(t testing.TB, sarif []byte) {
	t.Helper()
	var log Log
	if err := json.Unmarshal(sarif, &log); err != nil {
		t.Fatalf("SARIF is not JSON: %v", err)
	}
	if log.Schema == nil || *log.Schema == "" {
		t.Errorf("no $schema")
	}
	if log.Version != "2.1.0" {
		t.Errorf("version %q, want 2.1.0", log.Version)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(log.Runs))
	}
	run := log.Runs[0]
	if run.Tool.Driver.Name == "" {
		t.Errorf("tool.driver.name is empty")
	}
	rules := run.Tool.Driver.Rules
	for i, r := range rules {
		where := fmt.Sprintf("rules[%d] %s", i, r.ID)
		if r.ID == "" {
			t.Errorf("%s: no id", where)
		}
		for _, nd := range []struct {
			name string
			d    *text
		}{{"shortDescription", r.ShortDescription}, {"fullDescription", r.FullDescription}} {
			name, d := nd.name, nd.d
			switch {
			case d == nil || strings.TrimSpace(d.Text) == "":
				t.Errorf("%s: no %s.text", where, name)
			case len([]rune(d.Text)) > 1024:
				t.Errorf("%s: %s.text has %d characters, GitHub allows 1024", where, name, len([]rune(d.Text)))
			}
		}
		if r.Help == nil || strings.TrimSpace(r.Help.Text) == "" {
			t.Errorf("%s: no help.text", where)
		}
		if n := len(r.Properties.Tags); n > 20 {
			t.Errorf("%s: %d tags, GitHub allows 20", where, n)
		}
		if s := r.Properties.SecuritySeverity; s != nil {
			v, err := strconv.ParseFloat(*s, 64)
			if err != nil || v <= 0 || v > 10 {
				t.Errorf("%s: security-severity %q is not a number in (0,10]", where, *s)
			}
		}
	}
	if run.Results == nil {
		t.Fatalf("runs[0].results is missing (GitHub requires it, even empty)")
	}
	for i, res := range *run.Results {
		where := fmt.Sprintf("results[%d] %s", i, res.RuleID)
		if res.RuleIndex != nil {
			if ix := *res.RuleIndex; ix < 0 || ix >= len(rules) {
				t.Errorf("%s: ruleIndex %d out of range (%d rules)", where, ix, len(rules))
			} else if rules[ix].ID != res.RuleID {
				t.Errorf("%s: ruleIndex %d is rule %s", where, ix, rules[ix].ID)
			}
		}
		if res.Message == nil || strings.TrimSpace(res.Message.Text) == "" {
			t.Errorf("%s: no message.text", where)
		}
		if len(res.Locations) == 0 {
			t.Errorf("%s: no locations", where)
		}
		for j, l := range res.Locations {
			checkLocation(t, fmt.Sprintf("%s locations[%d]", where, j), l)
		}
		for j, l := range res.RelatedLocations {
			checkLocation(t, fmt.Sprintf("%s relatedLocations[%d]", where, j), l)
		}
		if _, ok := res.PartialFingerprints["primaryLocationLineHash"]; ok {
			t.Errorf("%s: partialFingerprints has primaryLocationLineHash; leave it to upload-sarif", where)
		}
	}
}

func checkLocation(t testing.TB, where string, l location) {
	t.Helper()
	pl := l.PhysicalLocation
	if pl == nil || pl.ArtifactLocation == nil || pl.ArtifactLocation.URI == "" {
		t.Errorf("%s: no physicalLocation.artifactLocation.uri", where)
		return
	}
	uri := pl.ArtifactLocation.URI
	if strings.Contains(uri, `\`) || strings.HasPrefix(uri, "/") || strings.Contains(uri, "://") || strings.Contains(strings.SplitN(uri, "/", 2)[0], ":") {
		t.Errorf("%s: uri %q is not a relative URI reference with forward slashes", where, uri)
	}
	r := pl.Region
	if r == nil {
		t.Errorf("%s: no region", where)
		return
	}
	if r.StartLine < 1 || r.StartColumn < 1 || r.EndLine < 1 || r.EndColumn < 1 {
		t.Errorf("%s: region %+v has a line or column below 1", where, *r)
	}
	if r.EndLine < r.StartLine || (r.EndLine == r.StartLine && r.EndColumn < r.StartColumn) {
		t.Errorf("%s: region %+v ends before it starts", where, *r)
	}
}
