package rules

import (
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "LOAD003",
		Name:     "profile-empty",
		Severity: lint.Error,
		Summary:  "ProfileXML <VPNProfile> holds no settings",
		Fix:      "fill in the profile: a NativeProfile with Servers, NativeProtocolType and Authentication, or a PluginProfile",
		Tags:     []string{"reliability", "input"},
		Check:    reportProblems(model.EmptyProfile),
	})
}
