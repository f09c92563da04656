package load

import (
	"bytes"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint/model"
)

// SyncML (OMA-DM) writes ProfileXML with an <Add> or <Replace> item whose
// LocURI is ./{User|Device}/Vendor/MSFT/VPNv2/<name>/ProfileXML; the VPNv2
// CSP wants the commands inside <Atomic>. <Data> carries the XML escaped
// (&lt;VPNProfile&gt;…, the real form), in a CDATA section, or, copied from a
// documentation page that rendered it so, as nested elements. MDM tools such
// as Fleet keep bare <Add>/<Replace> (or <Atomic>) fragments, sometimes
// several top-level elements in one file.

// syncMLProfileURI is a LocURI that writes a whole VPNv2 profile.
var syncMLProfileURI = regexp.MustCompile(`(?i)^\./(user/|device/)?vendor/msft/vpnv2/([^/]+)/ProfileXML$`)

// syncMLVPNv2URI is any LocURI under a VPNv2 profile.
var syncMLVPNv2URI = regexp.MustCompile(`(?i)^\./(user/|device/)?vendor/msft/vpnv2/[^/]+/`)

// syncMLFragmentRoot is the synthetic root put around a fragment, so that a
// file of several top-level commands parses as one document.
const syncMLFragmentRoot = "aovpnlint-syncml-fragment"

// maxSyncMLItems bounds the ProfileXML items read from one file.
const maxSyncMLItems = 64

// maxSyncMLUnescape bounds the unescaping of text escaped more than once.
const maxSyncMLUnescape = 4

// parseSyncML reads SyncML Add/Replace items that write VPNv2 ProfileXML.
func parseSyncML(src *model.Source) (*model.File, []model.Problem, string) {
	const none = "SyncML without a VPNv2 ProfileXML item"
	if !syncMLContainsFold(src.Text, "vpnv2") {
		return nil, nil, none
	}
	text, m := syncMLDocument(src.Text)
	doc, err := model.ParseXML(src, text, m)
	if err != nil {
		f := &model.File{Src: src, Kind: model.KindSyncML}
		return f, []model.Problem{syntaxProblem("SyncML", err)}, ""
	}
	f := &model.File{Src: src, Kind: model.KindSyncML}
	var probs []model.Problem
	var other *model.Node // a VPNv2 LocURI that is not ProfileXML
	items := 0
	syncMLCommands(doc.Root, 0, func(verb *model.Node) {
		for _, item := range verb.All("Item") {
			uri := item.Find("Target", "LocURI")
			mm := syncMLProfileURI.FindStringSubmatch(uri.Value())
			if mm == nil {
				if other == nil && syncMLVPNv2URI.MatchString(uri.Value()) {
					other = uri
				}
				continue
			}
			if items++; items > maxSyncMLItems {
				return
			}
			probs = append(probs, readSyncMLItem(f, verb, item, uri, mm)...)
		}
	})
	if items == 0 {
		if other == nil {
			return nil, nil, none
		}
		return f, []model.Problem{{
			Kind: model.PartlyInspected, Loc: other.ValueLoc(),
			Message: fmt.Sprintf("SyncML writes the VPNv2 profile node by node (%s), not as ProfileXML: aovpnlint checks only ProfileXML, so these settings were not checked", uriShown(other.Value())),
			Hint:    "send the whole profile as ./Vendor/MSFT/VPNv2/<name>/ProfileXML, or lint the ProfileXML it is built from",
		}}, ""
	}
	return f, probs, ""
}

// syncMLDocument returns the text to parse: the file itself, or for a bare
// fragment (root Add, Replace or Atomic) the fragment inside a synthetic
// root, with the map back to the file.
func syncMLDocument(text []byte) ([]byte, model.Mapper) {
	root, _ := sniffRoot(text)
	if root == "SyncML" {
		return text, model.Identity
	}
	// The fragment starts at its first element: skip the XML declaration,
	// processing instructions and a DOCTYPE, which may not sit inside an
	// element. Comments may, and stay.
	from := 0
	for {
		t := text[from:]
		lead := len(t) - len(bytes.TrimLeft(t, " \t\r\n"))
		t = t[lead:]
		if !bytes.HasPrefix(t, []byte("<?")) && (!bytes.HasPrefix(t, []byte("<!")) || bytes.HasPrefix(t, []byte("<!--"))) {
			break
		}
		end := bytes.IndexByte(t, '>')
		if end < 0 {
			break
		}
		from += lead + end + 1
	}
	open, closing := "<"+syncMLFragmentRoot+">", "</"+syncMLFragmentRoot+">"
	out := make([]byte, 0, len(open)+len(text)-from+len(closing))
	out = append(out, open...)
	out = append(out, text[from:]...)
	out = append(out, closing...)
	m := &model.SegmentMap{}
	m.Add(0, from)
	m.Add(len(open), from)
	m.Add(len(open)+len(text)-from, len(text))
	return out, m
}

// syncMLCommands calls fn for every Add and Replace element under n.
func syncMLCommands(n *model.Node, depth int, fn func(*model.Node)) {
	if n == nil || depth > model.MaxDepth {
		return
	}
	if n.Name == "Add" || n.Name == "Replace" {
		fn(n)
		return
	}
	for _, c := range n.Children {
		syncMLCommands(c, depth+1, fn)
	}
}

// readSyncMLItem parses the Data of one ProfileXML item.
func readSyncMLItem(f *model.File, verb, item, uri *model.Node, mm []string) []model.Problem {
	src := f.Src
	data := item.Child("Data")
	facts := &model.SyncMLFacts{Verb: verb.Name, VerbLoc: verb.Loc(), DataLoc: data.Loc()}
	for a := verb.Parent; a != nil; a = a.Parent {
		if a.Name == "Atomic" {
			facts.Atomic = true
			break
		}
	}
	name := mm[2]
	if u, err := url.PathUnescape(name); err == nil {
		name = u
	}
	if data == nil || (len(data.Children) == 0 && data.Value() == "") {
		at := item.Loc()
		if data != nil {
			at = data.Loc()
		}
		return []model.Problem{{
			Kind: model.EmptyProfile, Loc: at,
			Message: fmt.Sprintf("the SyncML item for %s has no ProfileXML in <Data>: the CSP gets an empty profile", uri.Value()),
			Hint:    "put the entity-escaped <VPNProfile> document in <Data>",
		}}
	}
	var (
		text []byte
		m    model.Mapper
	)
	if len(data.Children) > 0 {
		// The profile as nested elements: parse that subtree on its own
		// (outside the SyncML namespace), at its place in the file.
		facts.Data = model.DataNested
		s, _, e := data.Children[0].Offsets()
		text = src.Text[s:e]
		m = &model.SegmentMap{Segs: []model.Segment{{From: 0, To: s}}}
	} else {
		_, tagEnd, end := data.Offsets()
		endTag := tagEnd
		if end > tagEnd {
			endTag = tagEnd + bytes.LastIndex(src.Text[tagEnd:end], []byte("</"))
		}
		raw := src.Text[tagEnd:endTag]
		facts.Data = model.DataEscaped
		if bytes.Contains(raw, []byte("<![CDATA[")) {
			facts.Data = model.DataCDATA
		}
		var sm *model.SegmentMap
		text, sm = model.UnescapeXMLText(raw, tagEnd, nil)
		m = sm
		if facts.Data == model.DataEscaped {
			facts.Escapes = 1
		}
		// Escaped twice (&amp;lt;VPNProfile&amp;gt;): unescape again to read
		// it; the rules judge what the CSP would get.
		for facts.Escapes > 0 && facts.Escapes < maxSyncMLUnescape && syncMLEscapedAgain(text) {
			text, sm = model.UnescapeXMLText(text, 0, m)
			m = sm
			facts.Escapes++
		}
	}
	n := len(f.Profiles)
	probs := ParseProfiles(f, text, m, name)
	if len(f.Profiles) == n {
		return probs
	}
	p := f.Profiles[n]
	p.Origin.Container = model.KindSyncML
	p.Origin.URI = uri.Value()
	p.Origin.URILoc = uri.ValueLoc()
	p.Origin.Scope = "device"
	if strings.EqualFold(mm[1], "user/") {
		p.Origin.Scope = "user"
	}
	p.Origin.SyncML = facts
	return probs
}

// syncMLEscapedAgain reports whether unescaped <Data> text is still escaped: it
// starts with &lt; (or &amp;, escaped once more) instead of a tag.
func syncMLEscapedAgain(text []byte) bool {
	t := bytes.TrimSpace(text)
	return bytes.HasPrefix(t, []byte("&lt;")) || bytes.HasPrefix(t, []byte("&amp;"))
}

// syncMLContainsFold reports whether text contains the lowercase ASCII word,
// in any case, without copying the text.
func syncMLContainsFold(text []byte, word string) bool {
	for i := 0; i+len(word) <= len(text); i++ {
		j := 0
		for j < len(word) && text[i+j]|0x20 == word[j] {
			j++
		}
		if j == len(word) {
			return true
		}
	}
	return false
}
