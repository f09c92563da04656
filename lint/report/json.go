package report

import (
	"bytes"
	"encoding/json"
	"io"
	"slices"

	"github.com/aovpnlint/aovpnlint/lint"
)

// jsonReport is DESIGN.md's "JSON output" object, in its field order.
type jsonReport struct {
	Tool     jsonTool       `json:"tool"`
	Inputs   []lint.Input   `json:"inputs"`
	Trust    *lint.Trust    `json:"trust,omitempty"`
	Findings []lint.Finding `json:"findings"`
	Summary  lint.Summary   `json:"summary"`
}

type jsonTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// JSON writes the result as one JSON object (DESIGN.md "JSON output"), with
// two-space indent and a final newline. Suppressed findings are included with
// "suppressed": true and a "suppression" object (kind, justification, and
// "baseline": true for findings of the --baseline file); empty lists are []
// rather than null.
func JSON(w io.Writer, res *lint.Result, o Options) error {
	out := jsonReport{
		Tool:     jsonTool{Name: toolName, Version: o.Version},
		Inputs:   res.Inputs,
		Findings: make([]lint.Finding, len(res.Findings)),
		Summary:  res.Summary,
	}
	if len(res.Trust.Anchors) > 0 {
		out.Trust = &res.Trust
	}
	if out.Inputs == nil {
		out.Inputs = []lint.Input{}
	}
	for i, f := range res.Findings {
		f.Related = slices.Clone(f.Related)
		if f.Related == nil {
			f.Related = []lint.Related{}
		}
		if f.WindowsErrors == nil {
			f.WindowsErrors = []string{}
		}
		if f.Tags == nil {
			f.Tags = []string{}
		}
		f.Location = clampLoc(f.Location)
		for j := range f.Related {
			f.Related[j].Location = clampLoc(f.Related[j].Location)
		}
		out.Findings[i] = f
	}
	return writeJSON(w, out)
}

// writeJSON writes v indented by two spaces with a final newline, leaving
// <, > and & as they are: messages quote XML.
func writeJSON(w io.Writer, v any) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}
