package rules

import (
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:            "LOAD002",
		Name:          "profile-root-wrong",
		Severity:      lint.Error,
		Summary:       "ProfileXML root element is not exactly <VPNProfile>",
		Fix:           "make the document element exactly <VPNProfile> (this case, no namespace) and put the settings directly under it",
		Tags:          []string{"reliability", "input"},
		WindowsErrors: []string{"0x80070057"},
		Check:         reportProblems(model.WrongRoot),
	})
}
