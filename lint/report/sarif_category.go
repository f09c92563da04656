package report

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
)

// sarifAutomation is a run's automationDetails: GitHub code scanning reads
// its id as "category/run-id", everything before the last "/" being the
// category that keeps this upload apart from other analyses of the same
// commit.
type sarifAutomation struct {
	ID string `json:"id"`
}

// SARIFCategory checks a --sarif-category value and returns the
// automationDetails.id to write: the category with a "/" appended when it
// lacks one, as github/codeql-action/upload-sarif does with its category
// input, so "aovpnlint/prod" is the category "aovpnlint/prod" and not the
// category "aovpnlint" with the run id "prod". GitHub puts no other limit on a
// category (CodeQL's own start with "/", e.g. "/language:go"); a value must
// only not be empty, start or end with whitespace, or contain control
// characters such as a line break.
func SARIFCategory(s string) (string, error) {
	switch {
	case strings.TrimSpace(s) == "":
		return "", errors.New("empty category (want e.g. aovpnlint/profiles)")
	case strings.TrimSpace(s) != s:
		return "", fmt.Errorf("category %q starts or ends with whitespace", s)
	case strings.ContainsFunc(s, unicode.IsControl):
		return "", fmt.Errorf("category %q contains a control character", s)
	}
	if !strings.HasSuffix(s, "/") {
		s += "/"
	}
	return s, nil
}

// automationDetails is the run's automationDetails for a checked category,
// nil for none.
func automationDetails(id string) *sarifAutomation {
	if id == "" {
		return nil
	}
	return &sarifAutomation{ID: id}
}
