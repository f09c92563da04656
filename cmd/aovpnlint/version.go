package main

import (
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/spf13/pflag"

	"github.com/aovpnlint/aovpnlint/lint/report"
)

// buildVersion is the main module's version from the build info: "v1.2.3"
// after `go install github.com/aovpnlint/aovpnlint/cmd/aovpnlint@v1.2.3`, a
// pseudo-version for a commit, or what `go build` stamps from version control
// in a clone. It is "(devel)" when there is none.
func buildVersion(bi *debug.BuildInfo) string {
	if bi != nil && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}

// sarifCategoryFlag checks --sarif-category: it needs --format sarif, and
// its value becomes automationDetails.id (see report.SARIFCategory). It
// returns "" when the flag was not given.
func sarifCategoryFlag(fs *pflag.FlagSet, format, value string) (string, error) {
	if !fs.Changed("sarif-category") {
		return "", nil
	}
	if !strings.EqualFold(format, "sarif") {
		return "", fmt.Errorf("--sarif-category applies to --format sarif only, not %q", format)
	}
	id, err := report.SARIFCategory(value)
	if err != nil {
		return "", fmt.Errorf("--sarif-category: %w", err)
	}
	return id, nil
}
