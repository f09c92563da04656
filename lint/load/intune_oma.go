package load

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint/model"
)

// Custom OMA-URI settings (#microsoft.graph.windows10CustomConfiguration)
// that write a VPNv2 ProfileXML node. The value comes in three forms:
//
//   - omaSettingString: the XML as a JSON string (ConvertTo-Json writes "<"
//     as \u003c). The decoded text maps character by character back to the
//     JSON string, escapes included, so a finding points inside the string.
//   - omaSettingStringXml: base64 of the uploaded file, which may be UTF-8
//     with or without a BOM or UTF-16 LE with a BOM. Findings inside point at
//     the value's opening quote.
//   - an IntuneCD backup of an encrypted setting: the whole
//     getOmaSettingPlainTextValue response, {"@odata.context": …,
//     "value": "<XML>"}, as the value.
//
// Whatever @odata.type says, a value that starts with "<" is read as XML and
// anything else as base64 (IntuneManagement re-encodes decrypted values).
// An encrypted value ("****") is noted (LOAD006), not parsed.

// intuneProfileURIRe matches the OMA-URI of a VPNv2 ProfileXML node: the scope
// and the (URL-encoded) profile name.
var intuneProfileURIRe = regexp.MustCompile(`(?i)^\./(user/|device/)?vendor/msft/vpnv2/([^/]+)/ProfileXML$`)

// intuneNodeURIRe matches any other node of a VPNv2 profile.
var intuneNodeURIRe = regexp.MustCompile(`(?i)^\./(user/|device/)?vendor/msft/vpnv2/[^/]+/.+`)

// intuneConst maps every derived offset to one offset of the file: the
// opening quote of a base64 value, where nothing finer can be shown.
type intuneConst int

func (c intuneConst) Map(int) int { return int(c) }

// intuneShift maps derived text that dropped its first n bytes.
type intuneShift struct {
	n    int
	next model.Mapper
}

func (s intuneShift) Map(off int) int { return s.next.Map(off + s.n) }

func (r *intuneReader) omaSetting(obj, uri *jsonValue) {
	u := strings.TrimSpace(uri.str())
	m := intuneProfileURIRe.FindStringSubmatch(u)
	if m == nil {
		if intuneNodeURIRe.MatchString(u) && !r.perNoted {
			r.perNoted = true
			r.probs = append(r.probs, model.Problem{
				Kind: model.PartlyInspected, Loc: r.innerSpan(uri),
				Message: fmt.Sprintf("the VPNv2 profile is written node by node (%s): aovpnlint checks only whole ProfileXML settings, so these settings were not checked", uriShown(u)),
				Hint:    "deploy the profile as one ./Vendor/MSFT/VPNv2/<name>/ProfileXML setting, or lint the ProfileXML the nodes add up to",
			})
		}
		return
	}
	o := model.Origin{Container: model.KindIntuneJSON, URI: u, URILoc: r.innerSpan(uri), Scope: "device"}
	if strings.EqualFold(m[1], "user/") {
		o.Scope = "user"
	}
	name := m[2]
	if un, err := url.PathUnescape(name); err == nil {
		name = un
	}

	val := obj.get("value")
	if val != nil && val.kind == jsonObject { // IntuneCD: the plain-text response object
		if inner := val.get("value"); inner != nil {
			val = inner
		}
	}
	encrypted, _ := obj.get("isEncrypted").boolValue()
	if !val.isStr() {
		if encrypted || obj.get("secretReferenceValueId").isStr() {
			r.encrypted(u, r.innerSpan(uri), "")
		}
		return
	}
	s := val.str()
	t := strings.TrimSpace(s)
	switch {
	case t == "":
		r.probs = append(r.probs, model.Problem{
			Kind: model.EmptyProfile, Loc: r.span(val),
			Message: fmt.Sprintf("the value of %s is empty: no profile is deployed", u),
			Hint:    "set the value to the ProfileXML document",
		})
	case strings.Trim(t, "*") == "":
		r.encrypted(u, r.span(val), fmt.Sprintf(" (%q)", t))
	case strings.HasPrefix(strings.TrimPrefix(t, "\ufeff"), "<"):
		text, sm := val.decoded()
		var m model.Mapper = sm
		if i := bytes.Index(text, []byte("\ufeff")); i >= 0 && len(bytes.TrimSpace(text[:i])) == 0 {
			// a byte order mark pasted into the string: not part of the XML
			text, m = text[i+3:], intuneShift{i + 3, sm}
		}
		r.addProfiles(text, m, name, o)
	default:
		if base64.StdEncoding.DecodedLen(len(s)) > MaxDecodedSize {
			r.probs = append(r.probs, base64TooLarge(r.span(val), u))
			return
		}
		data, ok := intuneBase64(s)
		var text []byte
		if ok {
			text, _ = Decode(data)
		}
		if !ok || !bytes.HasPrefix(bytes.TrimLeft(text, " \t\r\n"), []byte("<")) {
			r.probs = append(r.probs, model.Problem{
				Kind: model.NotWellFormed, Loc: r.span(val),
				Message: fmt.Sprintf("the value of %s is not ProfileXML: neither XML text nor base64 of an XML file", u),
				Hint:    "use data type String (XML file) with the ProfileXML file, or String with the XML itself",
			})
			return
		}
		n := len(r.probs)
		r.addProfiles(text, intuneConst(val.start), name, o)
		r.decorateBase64(n, r.f.Src.Span(val.start, val.start+1), text)
	}
}

// encrypted notes a value that Graph returned encrypted; shown is what stands
// in its place, if anything.
func (r *intuneReader) encrypted(uri string, at model.Location, shown string) {
	r.probs = append(r.probs, model.Problem{
		Kind: model.PartlyInspected, Loc: at,
		Message: fmt.Sprintf("the value of %s is encrypted in the export%s: the profile was not checked", uri, shown),
		Hint:    "re-export with the plain-text value (getOmaSettingPlainTextValue; IntuneCD and IntuneManagement do this)",
	})
}

// base64TooLarge is a base64 value that would decode to more than
// MaxDecodedSize; it is not decoded.
func base64TooLarge(at model.Location, what string) model.Problem {
	return limitProblem(at,
		fmt.Sprintf("the base64 value of %s decodes to more than %s: it was not decoded, so the profile was not checked", what, byteSize(MaxDecodedSize)),
		"a ProfileXML file is some tens of kilobytes: check that the value is the right file")
}

// intuneBase64 decodes a base64 value, ignoring white space and missing
// padding.
func intuneBase64(s string) ([]byte, bool) {
	clean := strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\r' || r == '\n' {
			return -1
		}
		return r
	}, s)
	if clean == "" {
		return nil, false
	}
	if b, err := base64.StdEncoding.DecodeString(clean); err == nil {
		return b, true
	}
	b, err := base64.RawStdEncoding.DecodeString(strings.TrimRight(clean, "="))
	return b, err == nil
}

// beforeXML is text fit for a message: cut before any XML, raw or
// entity-escaped, which may hold a profile's secrets (an L2tpPsk with its
// tags pasted into an OMA-URI or a script expression). ok is false when it
// cut.
func beforeXML(s string) (string, bool) {
	cut := strings.IndexAny(s, "<>")
	if i := indexFold([]byte(s), "&lt;"); i >= 0 && (cut < 0 || i < cut) {
		cut = i
	}
	if cut < 0 {
		return s, true
	}
	return s[:cut], false
}

// uriShown is an OMA-URI fit for a message (see beforeXML).
func uriShown(u string) string {
	if s, ok := beforeXML(u); !ok {
		return s + "..."
	}
	return u
}
