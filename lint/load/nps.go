package load

import "github.com/aovpnlint/aovpnlint/lint/model"

// parseNPS reads an NPS configuration export (netsh nps export,
// Export-NpsConfiguration): a <Root> holding
// Children/Microsoft_Internet_Authentication_Service. The extension is
// unreliable (.xml, _npsconfig.txt), so only the content decides.
func parseNPS(src *model.Source) (*model.File, []model.Problem, string) {
	f := &model.File{Src: src, Kind: model.KindNPSConfig}
	doc, err := model.ParseXML(src, src.Text, model.Identity)
	if err != nil {
		return f, []model.Problem{syntaxProblem("NPS configuration export", err)}, ""
	}
	if !model.IsNPSExport(doc.Root) {
		return nil, nil, "XML with root <Root> that is no NPS configuration export"
	}
	f.NPS = append(f.NPS, model.NewNPSConfig(doc.Root))
	return f, nil, ""
}
