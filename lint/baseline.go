package lint

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"

	"github.com/aovpnlint/aovpnlint/lint/model"
)

// BaselineVersion is the version of the baseline file format.
const BaselineVersion = 1

// Baseline is the file --write-baseline writes and --baseline reads: the
// findings a deployment had when the baseline was taken, so that only new
// ones fail later runs. Entries match findings by fingerprint (rule, file,
// logical place, message), not by line, so edits that move lines keep them.
type Baseline struct {
	Version int             `json:"version"`
	Tool    string          `json:"tool"`
	Entries []BaselineEntry `json:"entries"`
}

// BaselineEntry is one accepted finding. Only Fingerprint matters for
// matching; the rest tells a reviewer what was accepted.
type BaselineEntry struct {
	Fingerprint string `json:"fingerprint"`
	RuleID      string `json:"ruleId"`
	Path        string `json:"path"`
	Message     string `json:"message"`
}

// NewBaseline returns the baseline of a result: its findings that nothing
// but a baseline suppressed (comments and config file entries already
// accept the others), sorted by path, rule, message and fingerprint. A
// finding that occurs twice is listed twice.
func NewBaseline(res *Result) *Baseline {
	b := &Baseline{Version: BaselineVersion, Tool: "aovpnlint", Entries: []BaselineEntry{}}
	for _, f := range res.Findings {
		if f.Suppressed && (f.Suppression == nil || !f.Suppression.Baseline) {
			continue
		}
		b.Entries = append(b.Entries, BaselineEntry{Fingerprint: f.Fingerprint, RuleID: f.RuleID, Path: f.Location.Path, Message: f.Message})
	}
	slices.SortFunc(b.Entries, func(x, y BaselineEntry) int {
		return cmp.Or(cmp.Compare(x.Path, y.Path), cmp.Compare(x.RuleID, y.RuleID), cmp.Compare(x.Message, y.Message), cmp.Compare(x.Fingerprint, y.Fingerprint))
	})
	return b
}

// Write writes the baseline as indented JSON with a final newline; the same
// findings give the same bytes.
func (b *Baseline) Write(w io.Writer) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(b); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// ReadBaseline reads a baseline file written by NewBaseline.Write.
func ReadBaseline(r io.Reader) (*Baseline, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var b Baseline
	if err := dec.Decode(&b); err != nil {
		return nil, fmt.Errorf("not an aovpnlint baseline: %w", err)
	}
	if b.Tool != "aovpnlint" {
		return nil, fmt.Errorf("not an aovpnlint baseline (tool %q)", b.Tool)
	}
	if b.Version != BaselineVersion {
		return nil, fmt.Errorf("baseline version %d, this aovpnlint reads version %d", b.Version, BaselineVersion)
	}
	for i, e := range b.Entries {
		if e.Fingerprint == "" {
			return nil, fmt.Errorf("baseline entry %d has no fingerprint", i+1)
		}
	}
	return &b, nil
}

// ApplyBaseline suppresses, as external and baselined, the findings whose
// fingerprint is in b, as many times as b lists it; the others are new.
// Findings already suppressed stay as they are. It recounts the summary. A
// nil baseline does nothing.
func (r *Result) ApplyBaseline(b *Baseline) {
	if b == nil {
		return
	}
	r.BaselineApplied = true
	left := map[string]int{}
	for _, e := range b.Entries {
		left[e.Fingerprint]++
	}
	for i := range r.Findings {
		f := &r.Findings[i]
		if f.Suppressed || left[f.Fingerprint] == 0 {
			continue
		}
		left[f.Fingerprint]--
		f.Suppressed = true
		f.Suppression = &SuppressionInfo{Kind: model.External, Justification: "in the baseline", Baseline: true}
	}
	r.recount()
}
