package lint

import (
	"cmp"
	"slices"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint/model"
)

// CertSuppression accepts the findings about one certificate, named by its
// SHA-256 fingerprint; the config file lists them (a certificate has no room
// for a comment, and the same certificate sits in several files).
type CertSuppression struct {
	// SHA256 is the certificate's SHA-256 fingerprint in hex, in any case,
	// with or without ":" or " " between the bytes.
	SHA256 string
	// Rule is a rule ID, name or prefix; "" accepts every rule.
	Rule   string
	Reason string
	// Loc is the entry in the config file; findings about the suppression
	// itself (no reason, suppresses nothing) point at it.
	Loc Location
}

// SuppressionInfo says why a finding is suppressed: JSON output's
// "suppression" and SARIF's suppressions[0].
type SuppressionInfo struct {
	// Kind is "inSource" (an aovpnlint:ignore comment) or "external" (the
	// config file, the baseline).
	Kind          model.SuppressionKind `json:"kind"`
	Justification string                `json:"justification"`
	// Baseline is set when the finding is in the --baseline file: known
	// before, not new.
	Baseline bool `json:"baseline,omitempty"`
}

// Suppression is a suppression after the other rules ran, as the rules that
// judge suppressions see it (Rule.CheckSuppression).
type Suppression struct {
	*model.Suppression
	// Ran lists, for each of Names, the IDs of the rules of this run it
	// names; a name whose rules did not all run cannot be judged unused.
	Ran [][]string
	// Used counts, for each of Names, the findings it suppressed.
	Used []int
	// Matched counts the findings it suppressed in all.
	Matched int
}

// NameMatches reports whether a name from a suppression names rule r: its
// ID, its name, or a prefix ("CERT", "VPN2") as --disable takes them. "all"
// names no rule here: a whole file is left out with --exclude.
func NameMatches(r *Rule, name string) bool {
	switch strings.TrimSpace(name) {
	case "", "*":
		return false
	}
	if strings.EqualFold(strings.TrimSpace(name), "all") {
		return false
	}
	return matchLen(r, name) >= 0
}

// normHex returns a fingerprint as Cert.SHA256 spells it: lowercase hex
// without separators.
func normHex(s string) string {
	s = strings.NewReplacer(":", "", " ", "", "-", "").Replace(strings.TrimSpace(s))
	return strings.ToLower(s)
}

// addCertSuppressions turns the config file's certificate entries into
// external suppressions of the deployment.
func addCertSuppressions(d *model.Deployment, cs []CertSuppression) {
	for _, c := range cs {
		s := &model.Suppression{Kind: model.External, Loc: c.Loc, Reason: strings.TrimSpace(c.Reason), SHA256: normHex(c.SHA256)}
		if r := strings.TrimSpace(c.Rule); r != "" {
			s.Names = []string{r}
		}
		d.Suppressions = append(d.Suppressions, s)
	}
}

// suppress marks the findings the deployment's suppressions cover, then runs
// the rules that judge suppressions (missing reason, nothing suppressed) and
// returns the findings with theirs added. Those findings cannot be
// suppressed themselves.
func suppress(d *model.Deployment, rules []*Rule, fs []Finding) []Finding {
	if len(d.Suppressions) == 0 {
		return fs
	}
	byID := make(map[string]*Rule, len(rules))
	for _, r := range rules {
		byID[r.ID] = r
	}
	sups := make([]*Suppression, 0, len(d.Suppressions))
	for _, ms := range d.Suppressions {
		s := &Suppression{Suppression: ms, Ran: make([][]string, len(ms.Names)), Used: make([]int, len(ms.Names))}
		for i, n := range ms.Names {
			for _, r := range rules {
				if r.CheckSuppression == nil && NameMatches(r, n) {
					s.Ran[i] = append(s.Ran[i], r.ID)
				}
			}
		}
		sups = append(sups, s)
	}
	// The most specific suppression gives a finding its justification: a
	// comment at its line, then one for its file, then the config file.
	order := slices.Clone(sups)
	slices.SortStableFunc(order, func(a, b *Suppression) int { return cmp.Compare(a.rank(), b.rank()) })
	certs := map[string][]Location{}
	for _, c := range d.Certs {
		certs[c.SHA256] = append(certs[c.SHA256], c.Loc)
	}
	for i := range fs {
		f := &fs[i]
		r := byID[f.RuleID]
		if r == nil {
			continue
		}
		for _, s := range order {
			if !s.covers(f, certs) || !s.names(r) {
				continue
			}
			s.Matched++
			if !f.Suppressed {
				f.Suppressed = true
				f.Suppression = &SuppressionInfo{Kind: s.Kind, Justification: s.Reason}
			}
		}
	}
	for _, r := range rules {
		if r.CheckSuppression != nil {
			fs = append(fs, runRule(r, d, sups...)...)
		}
	}
	return fs
}

func (s *Suppression) rank() int {
	switch {
	case s.Kind == model.External:
		return 2
	case s.File:
		return 1
	}
	return 0
}

// covers reports whether f is at the place s is about: its lines or its file,
// or the certificate (the finding or one of its related places within the
// certificate's PEM block).
func (s *Suppression) covers(f *Finding, certs map[string][]Location) bool {
	if s.Kind == model.External {
		for _, c := range certs[s.SHA256] {
			if within(f.Location, c) {
				return true
			}
			for _, r := range f.Related {
				if within(r.Location, c) {
					return true
				}
			}
		}
		return false
	}
	if f.Location.Path != s.Path {
		return false
	}
	return s.File || (s.First <= f.Location.StartLine && f.Location.StartLine <= s.Last)
}

// within reports whether l starts inside span.
func within(l, span Location) bool {
	return l.Path == span.Path && span.StartLine <= l.StartLine && l.StartLine <= max(span.EndLine, span.StartLine)
}

// names reports whether s names rule r, counting the use of each name that
// does. An external suppression without names names every rule.
func (s *Suppression) names(r *Rule) bool {
	if s.Kind == model.External && len(s.Names) == 0 {
		return true
	}
	hit := false
	for i := range s.Names {
		if slices.Contains(s.Ran[i], r.ID) {
			s.Used[i]++
			hit = true
		}
	}
	return hit
}
