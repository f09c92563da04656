package load

import (
	"bytes"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint/model"
)

// PowerShell deployment scripts (VPN_Profile.ps1, MakeProfile.ps1 output,
// New-AovpnConnection.ps1 and their variants) carry ProfileXML in string
// literals. The loader tokenizes the script (powershell_lex.go), follows the
// assignments that build the value passed as the ProfileXML property of the
// MDM_VPNv2_01 instance (powershell_eval.go), and parses the XML with every
// byte mapped to its place in the script. It never runs the script.
//
// Decisions:
//   - A value interpolated from a variable ("<Servers>$Servers</Servers>" with
//     $Servers = 'vpn.contoso.com') maps to the variable's literal where it is
//     assigned: that is the text to change, so findings on it point there.
//   - A value only known at run time ($EAPSettings from Get-VpnConnection, a
//     parameter without a default) is left out: in element content an empty
//     <unresolved xmlns="urn:aovpnlint:unresolved"/> element stands in for it
//     (so <Configuration> is neither checked nor empty), inside a tag nothing.
//     Each such variable gives one PartlyInspected problem at its reference.
//   - XML the script spells entity-escaped (&lt;VPNProfile&gt;) is unescaped
//     once; raw XML that the script escapes at run time (-replace '<','&lt;',
//     SecurityElement::Escape) is parsed as written, and the escaping is
//     recorded in model.ScriptFacts for the script rules (VPN401).
//   - A script that reads the XML from a file (Get-Content $xmlFilePath) gives
//     a PartlyInspected problem at the read naming the file; the file itself
//     is linted when it is part of the scan, as any other input.

// isPowerShell reports whether text is a PowerShell script that deploys a
// VPNv2 profile: it names the MDM_VPNv2_01 class or its namespace, or
// assigns a ProfileXML variable a <VPNProfile> literal.
func isPowerShell(text []byte) bool {
	if bytes.IndexByte(text, '$') < 0 {
		return false
	}
	if indexFold(text, "mdm_vpnv2_01") >= 0 || indexFold(text, `root\cimv2\mdm\dmmap`) >= 0 || indexFold(text, "root/cimv2/mdm/dmmap") >= 0 {
		return true
	}
	return indexFold(text, "profilexml") >= 0 && (indexFold(text, "<vpnprofile") >= 0 || indexFold(text, "&lt;vpnprofile") >= 0)
}

// maxScript bounds the scripts the loader evaluates.
const maxScript = 4 << 20

// parsePowerShell finds the ProfileXML a deployment script sends, without
// running it.
func parsePowerShell(src *model.Source) (*model.File, []model.Problem, string) {
	text := src.Text
	end := len(text)
	if i := signatureBlock(text); i >= 0 {
		end = i
	}
	if end > maxScript {
		f := &model.File{Src: src, Kind: model.KindPowerShell}
		return f, []model.Problem{limitProblem(src.Span(0, 1),
			fmt.Sprintf("PowerShell script of %s, larger than the %s a script is read to: its profile was not checked", byteSize(int64(end)), byteSize(maxScript)),
			"keep the profile script separate from large embedded data (installers, images, base64 blobs)")}, ""
	}
	budget := evalBudget
	e := newPSEval(text, psLex(text, 0, end, 0), map[string]*psVal{}, &budget, 0)
	e.run()

	targets := e.targets()
	f := &model.File{Src: src, Kind: model.KindPowerShell}
	if len(targets) == 0 {
		for _, s := range e.sites {
			if s.key == "profilexml" {
				return f, []model.Problem{runtimeProfile(src, s)}, ""
			}
		}
		return nil, nil, "PowerShell script that sends no VPNv2 ProfileXML"
	}
	var probs []model.Problem
	for _, t := range targets {
		probs = append(probs, e.profile(f, t)...)
	}
	return f, probs, ""
}

// signatureBlock returns the offset of an Authenticode signature block
// ("# SIG # Begin signature block") at the start of a line, or -1.
func signatureBlock(text []byte) int {
	const marker = "# SIG # Begin signature block"
	for from := 0; ; {
		i := bytes.Index(text[from:], []byte(marker))
		if i < 0 {
			return -1
		}
		i += from
		if i == 0 || text[i-1] == '\n' || text[i-1] == '\r' {
			return i
		}
		from = i + 1
	}
}

// psTarget is one ProfileXML value to extract, with the InstanceID it is
// sent under.
type psTarget struct {
	val  *psVal
	site *psSite // the ProfileXML property; nil when found by its assignment
	id   *psSite
}

// targets returns the ProfileXML values of the script: those passed as the
// ProfileXML property, or else the variables assigned a <VPNProfile> literal.
func (e *psEval) targets() []psTarget {
	var out []psTarget
	seen := map[int]bool{}
	for k := range e.sites {
		s := &e.sites[k]
		if s.key != "profilexml" {
			continue
		}
		v := s.val
		if !hasProfileText(v) {
			// set inside a function defined before the values: try the
			// values the script ends with
			if v2, _ := e.expr(s.tok); hasProfileText(v2) {
				v = v2
			}
		}
		if !hasProfileText(v) {
			continue
		}
		key := firstLiteral(v)
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, psTarget{val: v, site: s, id: e.instanceID(k)})
	}
	if len(out) > 0 || len(e.profileVars) == 0 {
		return out
	}
	a := e.profileVars[0]
	v := a.val
	if final := e.env[a.name]; hasProfileText(final) {
		v = final
	}
	return []psTarget{{val: v, id: e.instanceID(-1)}}
}

func firstLiteral(v *psVal) int {
	for _, r := range v.runs {
		if r.hole == nil && len(r.text) > 0 {
			return r.src
		}
	}
	return -1
}

// instanceID returns the InstanceID site that goes with ProfileXML site k:
// the last one before it, else the first one after it (k < 0: the first).
func (e *psEval) instanceID(k int) *psSite {
	var before, after *psSite
	for i := range e.sites {
		s := &e.sites[i]
		if s.key != "instanceid" {
			continue
		}
		if k >= 0 && s.tok < e.sites[k].tok {
			before = s
		} else if after == nil {
			after = s
		}
	}
	if before != nil {
		return before
	}
	return after
}

// runtimeProfile is the problem of a ProfileXML property whose value the
// script reads from a file or builds at run time.
func runtimeProfile(src *model.Source, s psSite) model.Problem {
	hint := "lint the XML the script sends: add the XML file to the scan, or export the profile of a client " +
		`(Get-CimInstance -Namespace root\cimv2\mdm\dmmap -ClassName MDM_VPNv2_01)`
	if f := s.val.file; f != nil {
		what := "a file"
		switch {
		case f.path != "":
			what = strconv.Quote(f.path)
		case f.expr != "":
			what = "the file named by " + f.expr
		}
		return model.Problem{
			Kind: model.PartlyInspected, Loc: src.Span(f.start, f.end),
			Message: fmt.Sprintf("the script reads the ProfileXML at run time from %s: the profile is not checked here", what),
			Hint:    hint,
		}
	}
	return model.Problem{
		Kind: model.PartlyInspected, Loc: src.Span(s.start, s.end),
		Message: fmt.Sprintf("the ProfileXML the script sends (%s) is built at run time: the profile is not checked", psShown(src.Text, s.start, s.end)),
		Hint:    hint,
	}
}

// psShown is script text fit for a message: psLabel's line, cut before any
// XML (see beforeXML).
func psShown(src []byte, start, end int) string {
	s, whole := beforeXML(psLabel(src, start, end))
	switch {
	case whole:
		return s
	case strings.TrimSpace(s) == "":
		return "XML text"
	}
	return strings.TrimSpace(s) + " ..."
}

// profile extracts, parses and annotates one ProfileXML value.
func (e *psEval) profile(f *model.File, t psTarget) []model.Problem {
	src := f.Src
	text, m, holes, escaped := psAssemble(t.val)
	facts := &model.ScriptFacts{LiteralEscaped: escaped, XML: text, XMLMap: m, EscapeFunc: t.val.escFunc}
	origin := model.Origin{Container: model.KindPowerShell, Script: facts}
	if len(t.val.escapes) > 0 {
		facts.EscapeReplace = true
		start, end := t.val.escapes[0].start, t.val.escapes[0].end
		for _, x := range t.val.escapes {
			if !containsString(facts.EscapedChars, x.char) {
				facts.EscapedChars = append(facts.EscapedChars, x.char)
			}
			start, end = min(start, x.start), max(end, x.end)
		}
		facts.EscapeLoc = src.Span(start, end)
	}
	name := ""
	if id := t.id; id != nil {
		origin.InstanceIDLoc = src.Span(id.start, id.end)
		if s, ok := id.val.known(); ok {
			origin.InstanceID = s
			name = s
			if u, err := url.PathUnescape(s); err == nil {
				name = u
			}
		}
		facts.NameEscaped = id.val.nameEsc != ""
		nv := id.val
		if id.val.preEsc != nil {
			nv = id.val.preEsc
		}
		if s, ok := nv.known(); ok && len(nv.runs) > 0 {
			facts.ProfileName = s
			name = s
			first, last := nv.runs[0], nv.runs[len(nv.runs)-1]
			end := last.src + len(last.text)
			if end <= first.src {
				end = first.src + len(first.text)
			}
			facts.ProfileNameLoc = src.Span(first.src, end)
		}
	}
	labels := make([]string, len(holes))
	for k, h := range holes {
		labels[k] = h.label(src.Text)
		if !containsString(facts.Unresolved, labels[k]) {
			facts.Unresolved = append(facts.Unresolved, labels[k])
		}
	}
	before := len(f.Profiles)
	probs := ParseProfiles(f, text, m, name)
	parents := map[int]string{}
	if len(f.Profiles) > before {
		p := f.Profiles[len(f.Profiles)-1]
		p.Origin = origin
		placeholders(p.Root, parents, 0)
	}
	seen := map[string]bool{}
	for k, h := range holes {
		if seen[labels[k]] {
			continue
		}
		seen[labels[k]] = true
		probs = append(probs, holeProblem(src, h, labels[k], parents[k]))
	}
	return probs
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// placeholders maps each unresolved placeholder's ref to its parent element.
func placeholders(n *model.Node, out map[int]string, depth int) {
	if n == nil || depth > model.MaxDepth {
		return
	}
	for _, c := range n.Children {
		if c.Space == model.UnresolvedNS {
			if a := c.Attr("ref"); a != nil {
				if k, err := strconv.Atoi(a.Value); err == nil {
					out[k] = n.Name
				}
			}
			continue
		}
		placeholders(c, out, depth+1)
	}
}

func holeProblem(src *model.Source, h *psHole, name, parent string) model.Problem {
	what := "the part of the profile it fills is not checked"
	switch parent {
	case "":
	case "Configuration":
		what = "the EAP configuration it puts in <Configuration> is not checked"
	default:
		what = fmt.Sprintf("what it puts in <%s> is not checked", parent)
	}
	var msg string
	switch {
	case h.whyStart >= 0:
		line, _ := lineOf(src, h.whyStart)
		msg = fmt.Sprintf("%s is set at run time by %s (line %d): %s", name, psLabel(src.Text, h.whyStart, h.whyEnd), line, what)
	case strings.HasPrefix(strings.ToLower(name), "$env:"):
		msg = fmt.Sprintf("%s is an environment variable read at run time: %s", name, what)
	case h.name != "":
		msg = fmt.Sprintf("%s has no value in the script (a parameter without a default, or set elsewhere): %s", name, what)
	default:
		msg = fmt.Sprintf("%s is evaluated at run time: %s", name, what)
	}
	return model.Problem{
		Kind: model.PartlyInspected, Loc: src.Span(h.start, h.end), Message: msg,
		Hint: "lint the XML the script sends (the VPN_Profile.xml it writes, or the ProfileXML of the MDM_VPNv2_01 instance on a client), or spell the value out in the script",
	}
}

func lineOf(src *model.Source, off int) (int, int) {
	l := src.Span(off, off+1)
	return l.StartLine, l.StartColumn
}

// psAssemble lays out the text of a ProfileXML value with a map back to the
// script: holes in element content become placeholder elements, holes in a
// tag or outside the root nothing. XML the script spells escaped is
// unescaped once (escaped reports it).
func psAssemble(v *psVal) (text []byte, m model.Mapper, holes []*psHole, escaped bool) {
	lit := v.literal()
	rawAt, escAt := indexFold(lit, "<vpnprofile"), indexFold(lit, "&lt;vpnprofile")
	escaped = rawAt < 0 || escAt >= 0 && escAt < rawAt
	rootAt, lt, gt, endTag := rawAt, "<", ">", "</vpnprofile"
	if escaped {
		rootAt, lt, gt, endTag = escAt, "&lt;", "&gt;", "&lt;/vpnprofile"
	}
	sm := &model.SegmentMap{}
	var out []byte
	litCount := 0
	for _, r := range v.runs {
		if r.hole == nil {
			if len(r.text) > 0 {
				sm.Add(len(out), r.src)
				out = append(out, r.text...)
				litCount += len(r.text)
			}
			continue
		}
		h := r.hole
		holes = append(holes, h)
		if len(holes) > maxHoles || litCount <= rootAt || indexFold(out, endTag) >= 0 ||
			bytes.LastIndex(out, []byte(lt)) > bytes.LastIndex(out, []byte(gt)) {
			continue // outside the root or inside a tag: leave it out
		}
		ph := fmt.Sprintf(`<unresolved xmlns="%s" ref="%d"/>`, model.UnresolvedNS, len(holes)-1)
		for k := range len(ph) {
			sm.Add(len(out)+k, h.start+min(k, max(h.end-h.start-1, 0)))
		}
		out = append(out, ph...)
	}
	// start at the first tag: white space and text before it are not XML
	cut := bytes.Index(out, []byte(lt))
	if cut < 0 {
		cut = 0
	}
	shifted := &model.SegmentMap{}
	shifted.Add(0, sm.Map(cut))
	i := sort.Search(len(sm.Segs), func(i int) bool { return sm.Segs[i].From > cut })
	for _, s := range sm.Segs[i:] {
		shifted.Add(s.From-cut, s.To)
	}
	text, m = out[cut:], shifted
	if escaped {
		var um *model.SegmentMap
		text, um = model.UnescapeXMLText(text, 0, shifted)
		m = um
	}
	return text, m, holes, escaped
}

// indexFold returns the index of the first match of lower (lowercase ASCII)
// in s, ignoring ASCII case, or -1.
func indexFold(s []byte, lower string) int {
	n := len(lower)
	if n == 0 {
		return 0
	}
	c0 := lower[0]
	c1 := c0
	if c0 >= 'a' && c0 <= 'z' {
		c1 = c0 - 'a' + 'A'
	}
	nextA, nextB := -2, -2
	if c1 == c0 {
		nextB = -1
	}
	for pos := 0; pos+n <= len(s); {
		if nextA != -1 && nextA < pos {
			if nextA = bytes.IndexByte(s[pos:], c0); nextA >= 0 {
				nextA += pos
			}
		}
		if nextB != -1 && nextB < pos {
			if nextB = bytes.IndexByte(s[pos:], c1); nextB >= 0 {
				nextB += pos
			}
		}
		j := nextA
		if j < 0 || nextB >= 0 && nextB < j {
			j = nextB
		}
		if j < 0 || j+n > len(s) {
			return -1
		}
		if equalFoldASCII(s[j:j+n], lower) {
			return j
		}
		pos = j + 1
	}
	return -1
}

func equalFoldASCII(b []byte, lower string) bool {
	for i := range len(lower) {
		c := b[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}
