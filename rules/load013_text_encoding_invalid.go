package rules

import (
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:            "LOAD013",
		Name:          "text-encoding-invalid",
		Severity:      lint.Error,
		Summary:       "A text input holds NUL characters, damaged UTF-16, or XML that is not UTF-8",
		Fix:           "save the file as UTF-8 (or UTF-16 with a byte order mark) and remove binary data",
		Tags:          []string{"reliability", "input"},
		WindowsErrors: []string{"0x80070057"},
		Check:         reportProblems(model.BadEncoding),
	})
}
