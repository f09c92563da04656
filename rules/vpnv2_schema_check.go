package rules

import (
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint/model"
)

// Helpers of the schema rules (VPN501-VPN512) over the table in
// vpnv2_schema.go.

// walkSchema visits the elements of a profile against the vocabulary: known
// for each element the table knows at its place, unknown for each element it
// does not (with the schema element and the node of its parent). It does not
// descend into unknown elements nor into opaque ones (the EAP configuration,
// a plug-in's custom configuration), and skips the placeholders a PowerShell
// loader puts where a run-time value stood.
func walkSchema(d *model.Deployment, root *model.Node, known func(n *model.Node, e *schemaElem), unknown func(n *model.Node, parent *schemaElem, parentNode *model.Node)) {
	for _, v := range schemaVisits(d, root) {
		switch {
		case v.elem == nil && unknown != nil:
			unknown(v.node, v.parent, v.parentNode)
		case v.elem != nil && known != nil:
			known(v.node, v.elem)
		}
	}
}

// schemaVisit is one element a schema walk meets: known (elem set) or not.
type schemaVisit struct {
	node, parentNode *model.Node
	elem, parent     *schemaElem
}

type schemaVisitsKey struct{ root *model.Node }

// schemaVisits lists the elements of a profile in document order with their
// schema entries, once per run: a dozen schema rules walk every profile.
func schemaVisits(d *model.Deployment, root *model.Node) []schemaVisit {
	if root == nil || root.Name != vpnv2Schema.Name {
		return nil
	}
	walk := func() any {
		var out []schemaVisit
		var walk func(n *model.Node, e *schemaElem)
		walk = func(n *model.Node, e *schemaElem) {
			if e.Kind == kindOpaque {
				return
			}
			for _, c := range n.Children {
				if c.Space == model.UnresolvedNS {
					continue
				}
				ce := e.child(c.Name)
				if ce == nil || e.Kind != kindContainer {
					out = append(out, schemaVisit{node: c, parentNode: n, parent: e})
					continue
				}
				out = append(out, schemaVisit{node: c, parentNode: n, elem: ce, parent: e})
				walk(c, ce)
			}
		}
		walk(root, vpnv2Schema)
		return out
	}
	if d == nil {
		return walk().([]schemaVisit)
	}
	return d.Memo(schemaVisitsKey{root}, walk).([]schemaVisit)
}

// schemaValue returns the value of a leaf element and whether it is there to
// judge: not when a script sets it at run time, when it is a template
// placeholder (VPN403), when another rule judges the element's value, nor
// when the element holds child elements instead of text (VPN501 reports
// those).
func schemaValue(n *model.Node, e *schemaElem) (string, bool) {
	if n.HoldsUnresolved() || e.ValueCoveredBy != "" {
		return "", false
	}
	if _, _, what := templatePlaceholder(n.Value()); what != "" {
		return "", false
	}
	for _, c := range n.Children {
		if c.Space != model.UnresolvedNS {
			return "", false
		}
	}
	return n.Value(), true
}

// isIntuneTemplate reports whether the profile was made up from an Intune
// built-in VPN template (a windows10VpnConfiguration): its XML is synthetic,
// with no order and only the fields the export has.
func isIntuneTemplate(prof *model.Profile) bool {
	return prof.Origin.Container == model.KindIntuneJSON && prof.Origin.URI == ""
}

// isWindowsEcho reports whether the profile is ProfileXML as Windows wrote it
// back (a Get-CimInstance / Get-WmiObject dump): order and spelling are
// Windows' own, not the author's.
func isWindowsEcho(prof *model.Profile) bool {
	return prof.Origin.Container == model.KindCIMDump
}

// valueClass is what a value of an enum or boolean element is.
type valueClass int

const (
	valueOK        valueClass = iota
	valueCase                 // an allowed value in another letter case
	valueBoolDigit            // 1 or 0 for a boolean: xs:boolean, but not the documented spelling
	valueInvalid
)

// classifyValue judges v against an enum or boolean element; canonical is the
// documented spelling of the value v stands for.
func classifyValue(e *schemaElem, v string) (valueClass, string) {
	if slices.Contains(e.Values, v) || slices.Contains(e.AltSpellings, v) {
		return valueOK, v
	}
	for _, c := range e.Values {
		if strings.EqualFold(c, v) {
			return valueCase, c
		}
	}
	if e.Kind == kindBool {
		switch v {
		case "1":
			return valueBoolDigit, "true"
		case "0":
			return valueBoolDigit, "false"
		}
	}
	return valueInvalid, ""
}

// cryptoSuitePath is where the transforms live.
const cryptoSuitePath = "VPNProfile/NativeProfile/CryptographySuite"

var (
	gcmRe      = regexp.MustCompile(`^(?:aesgcm|gcmaes)(128|192|256)$`)
	gcmAfterRe = regexp.MustCompile(`^aes(128|192|256)gcm$`)
)

// gcmConfusion reports a GCM cipher written in the spelling of the other
// phase: AES_GCM_128 (IKE, EncryptionMethod) in an ESP element
// (CipherTransformConstants, AuthenticationTransformConstants), or
// GCMAES128 (ESP) in EncryptionMethod. fix is the value to write.
func gcmConfusion(e *schemaElem, v string) (fix string, ok bool) {
	if e.ParentPath() != cryptoSuitePath {
		return "", false
	}
	for _, c := range e.Values {
		if strings.EqualFold(c, v) {
			return "", false
		}
	}
	norm := normValue(v)
	m := gcmRe.FindStringSubmatch(norm)
	if m == nil {
		m = gcmAfterRe.FindStringSubmatch(norm)
	}
	if m == nil {
		return "", false
	}
	bits := m[1]
	switch e.Name {
	case "AuthenticationTransformConstants", "CipherTransformConstants":
		return "GCMAES" + bits, true
	case "EncryptionMethod":
		if bits == "192" {
			return "AES_GCM_128 or AES_GCM_256 (IKE has no 192-bit GCM)", true
		}
		return "AES_GCM_" + bits, true
	}
	return "", false
}

// parseSchemaInt reads an integer value: decimal digits, as xs:unsignedInt
// and the DDF ranges have them.
func parseSchemaInt(v string) (uint64, bool, bool) {
	if v == "" || strings.TrimLeft(v, "0123456789") != "" {
		return 0, false, false
	}
	n, err := strconv.ParseUint(v, 10, 64)
	if err != nil {
		return 0, true, true // digits, but beyond any range
	}
	return n, true, false
}

// nameConfusions are element names people write for another one: the CSP
// node names of the lists (RouteList holds Route entries in the CSP tree, but
// ProfileXML has no list element), and misremembered names too far from the
// right one for edit distance.
var nameConfusions = map[string]string{
	"RouteList":                 "Route",
	"Routes":                    "Route",
	"TrafficFilterList":         "TrafficFilter",
	"DomainNameInformationList": "DomainNameInformation",
	"AppTriggerList":            "AppTrigger",
	"NativeProtocol":            "NativeProtocolType",
	"Protocol":                  "NativeProtocolType",
	"RoutingPolicy":             "RoutingPolicyType",
	"Server":                    "Servers",
	"ServerList":                "Servers",
	"DNSServers":                "DnsServers",
	"BypassForLocal":            "ByPassForLocal",
	"Bypass":                    "ByPassForLocal",
	"CryptoSuite":               "CryptographySuite",
	"Cryptography":              "CryptographySuite",
	"AuthenticationMethod":      "UserMethod",
	"EapConfiguration":          "Eap",
	"Prefix":                    "PrefixSize",
	"PrefixLength":              "PrefixSize",
	"Exclusion":                 "ExclusionRoute",
	"ExcludeRoute":              "ExclusionRoute",
	"InterfaceMetric":           "IPv4InterfaceMetric",
	"DisableClassBasedRoute":    "DisableClassBasedDefaultRoute",
	"TrustedNetwork":            "TrustedNetworkDetection",
	"TrustedNetworks":           "TrustedNetworkDetection",
	"DNSSuffixes":               "DnsSuffix",
	"DnsSuffixes":               "DnsSuffix",
	"PluginPackageName":         "PluginPackageFamilyName",
	"PackageFamilyName":         "PluginPackageFamilyName",
	"ServerURLList":             "ServerUrlList",
	"Compliance":                "DeviceCompliance",
	"SSO":                       "Sso",
}

// unknownKind is what an element the table does not know at its place is.
type unknownKind int

const (
	unknownMisspelt  unknownKind = iota // a name close to one under the same parent (VPN501)
	unknownMisplaced                    // a known element under the wrong parent (VPN502)
	unknownElsewhere                    // close to a name known under another parent (VPN501)
	unknownNothing                      // nothing close (VPN501)
)

// classifyUnknown decides how to report an element n that parent does not
// know, and the element it likely means: first a known confusion, the same
// name in other letter case or a name within a small edit distance among the
// parent's children; else the name itself known elsewhere; else a confusion
// or other-case name known elsewhere.
func classifyUnknown(name string, parent *schemaElem) (unknownKind, *schemaElem) {
	if parent.Kind == kindContainer {
		if want, ok := nameConfusions[name]; ok {
			if c := parent.child(want); c != nil {
				return unknownMisspelt, c
			}
		}
		lower := strings.ToLower(name)
		for _, c := range parent.Children {
			if strings.ToLower(c.Name) == lower {
				return unknownMisspelt, c
			}
		}
		var best *schemaElem
		bestD := 0
		for _, c := range parent.Children {
			d := editDistance(lower, strings.ToLower(c.Name))
			if d <= max(2, len(c.Name)/5) && (best == nil || d < bestD) {
				best, bestD = c, d
			}
		}
		if best != nil {
			return unknownMisspelt, best
		}
	}
	if places := schemaByName[name]; len(places) > 0 {
		return unknownMisplaced, places[0]
	}
	if want, ok := nameConfusions[name]; ok {
		if places := schemaByName[want]; len(places) > 0 {
			return unknownElsewhere, places[0]
		}
	}
	lower := strings.ToLower(name)
	for _, n := range slices.Sorted(maps.Keys(schemaByName)) {
		if strings.ToLower(n) == lower {
			return unknownElsewhere, schemaByName[n][0]
		}
	}
	return unknownNothing, nil
}

// editDistance is the Levenshtein distance between a and b (bytes; element
// names are ASCII).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// parentPaths names the parents of schema elements for a message:
// "VPNProfile/DeviceCompliance or VPNProfile/DeviceCompliance/Sso".
func parentPaths(places []*schemaElem) string {
	var out []string
	for _, p := range places {
		out = append(out, p.ParentPath())
	}
	return strings.Join(out, " or ")
}

// quoteList joins values for a message: "SplitTunnel, ForceTunnel".
func quoteList(vs []string) string { return strings.Join(vs, ", ") }

// normValue folds a value for a loose comparison: lowercase letters and
// digits only ("AES-GCM-128" and "aes_gcm_128" are both "aesgcm128").
func normValue(v string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			return r
		case r >= 'A' && r <= 'Z':
			return r + 'a' - 'A'
		}
		return -1
	}, v)
}

// suggestValue finds the allowed value an invalid one likely means: the same
// letters and digits, a small edit distance, or one a prefix of the other.
func suggestValue(e *schemaElem, v string) (string, bool) {
	nv := normValue(v)
	if nv == "" {
		return "", false
	}
	for _, c := range e.Values {
		if normValue(c) == nv {
			return c, true
		}
	}
	for _, c := range e.Values {
		if editDistance(nv, normValue(c)) <= 2 {
			return c, true
		}
	}
	for _, c := range e.Values {
		nc := normValue(c)
		if len(nv) >= 4 && len(nc) >= 4 && (strings.HasPrefix(nv, nc) || strings.HasPrefix(nc, nv)) {
			return c, true
		}
	}
	return "", false
}
