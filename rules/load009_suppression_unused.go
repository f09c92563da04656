package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:               "LOAD009",
		Name:             "suppression-unused",
		Severity:         lint.Warning,
		Summary:          "A suppression suppresses nothing, or names no rule",
		Fix:              "remove the suppression, or correct the rule ID or its place (the line of the finding or the line above)",
		Tags:             []string{"suppression"},
		CheckSuppression: checkSuppressionUsed,
	})
}

func checkSuppressionUsed(p *lint.Pass, s *lint.Suppression) {
	if len(s.Names) == 0 {
		// A certificate entry without a rule stands for every rule; which
		// ran is not known here, so it is never judged unused.
		if s.Kind == model.InSource {
			p.Report(lint.Diagnostic{
				At:      s.Loc,
				Message: "aovpnlint:ignore names no rule, so it suppresses nothing",
				Fix:     "write the rule IDs after the marker: <!-- aovpnlint:ignore VPN202 reason -->",
			})
		}
		return
	}
	var unknown, meta, unused []string
	for i, n := range s.Names {
		named, suppressible := suppressibleRules(n)
		switch {
		case len(named) == 0:
			unknown = append(unknown, n)
		case s.Used[i] > 0:
		case len(suppressible) == 0:
			meta = append(meta, n)
		case slices.ContainsFunc(suppressible, func(r *lint.Rule) bool { return !slices.Contains(s.Ran[i], r.ID) }):
			// A rule it names did not run (--enable, --disable): no telling.
		default:
			unused = append(unused, n)
		}
	}
	subject := suppressionSubject(p.Deployment, s, s.Names)
	if len(unknown) > 0 {
		quoted := make([]string, len(unknown))
		for i, n := range unknown {
			quoted[i] = fmt.Sprintf("%q", n)
		}
		msg := fmt.Sprintf("%s names %s, which is no rule ID, rule name or prefix of aovpnlint: it suppresses nothing", subject, strings.Join(quoted, ", "))
		fix := "correct the name (see `aovpnlint rules`)"
		if slices.ContainsFunc(unknown, func(n string) bool { return strings.EqualFold(n, "all") || n == "*" }) {
			fix = "name the rules; to leave a whole file out, use --exclude or the config file's exclude"
		}
		p.Report(lint.Diagnostic{At: s.Loc, Message: msg, Fix: fix})
	}
	if len(meta) > 0 {
		p.Report(lint.Diagnostic{
			At:      s.Loc,
			Message: fmt.Sprintf("%s names %s, whose findings cannot be suppressed: they are about suppressions themselves", subject, strings.Join(meta, ", ")),
			Fix:     "fix or remove the suppression that finding is about, and drop the name here",
		})
	}
	if len(unused) == 0 || inconclusive(p.Deployment, s) {
		return
	}
	var where string
	switch {
	case s.Kind == model.External:
		where = "on this certificate"
	case s.File:
		where = "in this file"
	case s.Last > s.Loc.EndLine:
		where = "on this line or the next"
	default:
		where = "on this line"
	}
	what := subject + " suppresses nothing"
	if len(unused) < len(s.Names) {
		what = subject + ": " + strings.Join(unused, ", ") + " suppresses nothing"
	}
	p.Report(lint.Diagnostic{
		At:      s.Loc,
		Message: fmt.Sprintf("%s: no %s finding %s; a stale suppression would hide the next such finding there unseen", what, strings.Join(unused, " or "), where),
	})
}

// inconclusive reports whether the rules may have missed findings that the
// suppression is for: its file, or part of it, could not be read, or its
// certificate is not in this scan (a scan of part of the repository with the
// repository's config file).
func inconclusive(d *model.Deployment, s *lint.Suppression) bool {
	if s.Kind == model.External {
		return certBySHA256(d, s.SHA256) == nil
	}
	for _, pr := range d.Problems {
		if pr.Loc.Path == s.Path && pr.Kind != model.Reconstructed && pr.Kind != model.PrivateKey {
			return true
		}
	}
	return false
}
