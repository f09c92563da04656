package rules

import (
	"strings"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

// suppressionSubject names what a suppression is written as, for messages:
// "aovpnlint:ignore VPN201" for a comment, "the config file's suppression
// of CERT120 for \"CN=root\" (SHA-1 …)" for a certificate entry.
func suppressionSubject(d *model.Deployment, s *lint.Suppression, names []string) string {
	if s.Kind == model.InSource {
		return "aovpnlint:ignore " + strings.Join(names, ", ")
	}
	what := "every rule"
	if len(names) > 0 {
		what = strings.Join(names, ", ")
	}
	return "the config file's suppression of " + what + " for " + suppressedCert(d, s.SHA256)
}

// suppressedCert names the certificate of an external suppression: as the
// scan knows it, or by the fingerprint the config file gives.
func suppressedCert(d *model.Deployment, sha256 string) string {
	if c := certBySHA256(d, sha256); c != nil {
		return c.String()
	}
	short := sha256
	if len(short) > 16 {
		short = short[:16] + "…"
	}
	return "the certificate with SHA-256 " + short
}

func certBySHA256(d *model.Deployment, sha256 string) *model.Cert {
	for _, c := range d.Certs {
		if c.SHA256 == sha256 {
			return c
		}
	}
	return nil
}

// suppressibleRules are the rules a suppression name stands for: all of
// aovpnlint's that it names, less those that judge suppressions (their
// findings cannot be suppressed).
func suppressibleRules(name string) (named, suppressible []*lint.Rule) {
	for _, r := range All() {
		if lint.NameMatches(r, name) {
			named = append(named, r)
			if r.CheckSuppression == nil {
				suppressible = append(suppressible, r)
			}
		}
	}
	return named, suppressible
}
