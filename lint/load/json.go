package load

import (
	"fmt"

	"github.com/aovpnlint/aovpnlint/lint/model"
)

// parseJSON reads Intune Graph exports (custom OMA-URI and the built-in
// Windows VPN template) and backup-tool variants; other JSON is skipped.
//
// Shapes read: one Graph object, a Graph list ({"@odata.context": …,
// "value": [ … ]}), a JSON array of objects, and any nesting of these (backup
// tools wrap objects in their own envelopes). Every object is looked at:
//   - an OMA setting ({"omaUri": …, "value": …}) whose URI is
//     ./[User|Device/]Vendor/MSFT/VPNv2/<name>/ProfileXML (intune_oma.go);
//   - a windows10VpnConfiguration, the built-in VPN template, mapped onto a
//     synthetic ProfileXML document (intune_template.go).
//
// Most JSON in an Intune backup folder is about other policies: the file is
// rejected from byte searches for its markers before any decoding.
func parseJSON(src *model.Source) (*model.File, []model.Problem, string) {
	const skip = "JSON that is not an Intune VPN configuration"
	text := src.Text
	oma := intuneContainsFold(text, "vpnv2")
	tmpl := intuneContainsFold(text, "windows10vpnconfiguration") ||
		(intuneContainsFold(text, "connectiontype") && intuneContainsFold(text, "authenticationmethod"))
	if !oma && !tmpl {
		return nil, nil, skip
	}
	root, err := parseJSONText(text)
	if err != nil {
		if intuneContainsFold(text, "/profilexml") || intuneContainsFold(text, "windows10vpnconfiguration") {
			// An Intune VPN export that was edited by hand and broken: say so
			// rather than pass it over in silence.
			f := &model.File{Src: src, Kind: model.KindIntuneJSON}
			if err.limit {
				return f, []model.Problem{limitProblem(src.Span(err.off, err.off+1),
					fmt.Sprintf("the Intune export has %s: the VPN profile in it was not checked", err.msg),
					"export the configuration again: Graph exports nest a handful of levels")}, ""
			}
			return f, []model.Problem{{
				Kind: model.PartlyInspected, Loc: src.Span(err.off, err.off+1),
				Message: fmt.Sprintf("the Intune export is not valid JSON (%s): the VPN profile in it was not checked", err.msg),
				Hint:    "repair the JSON (or export the configuration again) and lint it again",
			}}, ""
		}
		return nil, nil, "JSON that does not parse: " + err.msg
	}
	r := &intuneReader{f: &model.File{Src: src, Kind: model.KindIntuneJSON}}
	r.walk(root)
	if len(r.f.Profiles) == 0 && len(r.probs) == 0 {
		return nil, nil, "JSON without a VPNv2 ProfileXML OMA setting or a Windows 10 VPN template"
	}
	return r.f, r.probs, ""
}

// intuneReader collects the profiles of one Intune export.
type intuneReader struct {
	f        *model.File
	probs    []model.Problem
	perNoted bool // a per-node VPNv2 setting was noted already
}

// walk visits every object of the document.
func (r *intuneReader) walk(v *jsonValue) {
	switch v.kind {
	case jsonArray:
		for _, it := range v.items {
			r.walk(it)
		}
	case jsonObject:
		if u := v.get("omaUri"); u.isStr() {
			r.omaSetting(v, u)
			return
		}
		if intuneIsTemplate(v) {
			r.template(v)
			return
		}
		for _, m := range v.members {
			if m.val.kind == jsonObject || m.val.kind == jsonArray {
				r.walk(m.val)
			}
		}
	}
}

// span returns the location of a JSON token.
func (r *intuneReader) span(v *jsonValue) model.Location { return r.f.Src.Span(v.start, v.end) }

// innerSpan returns the location of a string's characters (its quotes when
// it is empty).
func (r *intuneReader) innerSpan(v *jsonValue) model.Location {
	if v.kind == jsonString && v.end-v.start > 2 {
		return r.f.Src.Span(v.start+1, v.end-1)
	}
	return r.span(v)
}

// addProfiles parses text as ProfileXML and stamps the origin on the profile
// it adds.
func (r *intuneReader) addProfiles(text []byte, m model.Mapper, name string, o model.Origin) {
	n := len(r.f.Profiles)
	r.probs = append(r.probs, ParseProfiles(r.f, text, m, name)...)
	for _, p := range r.f.Profiles[n:] {
		p.Origin = o
	}
}

// decorateBase64 adds to the not-well-formed problems from probs[from:] that
// sit at loc (base64 content, all of whose findings point at the value's
// opening quote) where in the decoded text the XML breaks.
func (r *intuneReader) decorateBase64(from int, loc model.Location, decoded []byte) {
	for i := from; i < len(r.probs); i++ {
		p := &r.probs[i]
		if p.Kind != model.NotWellFormed || p.Loc.StartLine != loc.StartLine || p.Loc.StartColumn != loc.StartColumn {
			continue
		}
		if _, err := model.ParseXML(model.NewSource("", decoded), decoded, model.Identity); err != nil {
			p.Message += fmt.Sprintf(" (line %d, column %d of the base64-decoded file)", err.Loc.StartLine, err.Loc.StartColumn)
		}
	}
}

// intuneContainsFold reports whether b contains lower (ASCII lowercase),
// ignoring ASCII case, without allocating.
func intuneContainsFold(b []byte, lower string) bool {
	n := len(lower)
	if n == 0 {
		return true
	}
	first := lower[0]
	for i := 0; i+n <= len(b); i++ {
		if b[i]|0x20 != first {
			continue
		}
		j := 1
		for j < n && b[i+j]|0x20 == lower[j] {
			j++
		}
		if j == n {
			return true
		}
	}
	return false
}
