package load

import (
	"bytes"
	"encoding/base64"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint/model"
)

// The built-in Windows VPN template (#microsoft.graph.windows10VpnConfiguration)
// holds no ProfileXML: Intune builds it on delivery. To run the same rules,
// the fields are mapped onto a synthetic ProfileXML document whose every
// element maps back to the JSON value it came from (findings on
// NativeProtocolType land on "connectionType"'s value, on a server on its
// address, on the EAP configuration on the eapXml value).
//
// Mapping (only fields present and not null become elements; nothing is
// defaulted, so a missing field never trips a rule):
//
//	Graph field                          ProfileXML element                      points at
//	-----------------------------------  --------------------------------------  -------------------------
//	(the object)                         VPNProfile                              "@odata.type" value, else '{'
//	connectionName (else displayName)    the profile's name                      -
//	enableAlwaysOn                       AlwaysOn                                the true/false token
//	enableDeviceTunnel                   DeviceTunnel                            the token
//	rememberUserCredentials              RememberCredentials                     the token
//	enableDnsRegistration                RegisterDNS                             the token
//	dnsSuffixes[]                        DnsSuffix (comma-joined)                each string's characters
//	trustedNetworkDomains[]              TrustedNetworkDetection (comma-joined)  each string's characters
//	connectionType ikEv2|automatic|      NativeProfile/NativeProtocolType        the string's characters
//	  l2tp|pptp|sstp                       IKEv2|Automatic|L2TP|PPTP|SSTP
//	connectionType (any other: plug-in)  PluginProfile                           the connectionType value
//	servers[].address (ipAddressOrFqdn)  NativeProfile/Servers (comma-joined),   each address's characters
//	                                     PluginProfile/ServerUrlList
//	enableSplitTunneling true|false      NativeProfile/RoutingPolicyType         the token
//	                                       SplitTunnel|ForceTunnel
//	authenticationMethod                 NativeProfile/Authentication            the method's value
//	  customEapXml                         UserMethod Eap, Eap/Configuration     the method; eapXml (below)
//	  certificate, device tunnel           MachineMethod Certificate             the method
//	  anything else on a device tunnel     (empty Authentication)                the method
//	  certificate, usernameAndPassword,    nothing: Intune generates the EAP
//	  derivedCredential on a user tunnel     configuration on delivery
//	eapXml (base64 of EapHostConfig, or  Authentication/Eap/Configuration        base64: the value's opening
//	  the XML itself)                      (as escaped text)                       quote; XML: each character
//	enableConditionalAccess true         DeviceCompliance/Enabled                the token
//	enableSingleSignOnWith-              DeviceCompliance/Sso/Enabled            the token
//	  AlternateCertificate (with CA)
//	singleSignOnEku.objectIdentifier     DeviceCompliance/Sso/Eku                the string's characters
//	singleSignOnIssuerHash               DeviceCompliance/Sso/IssuerHash         the string's characters
//	routes[]{destinationPrefix,          Route/{Address,PrefixSize}              each value; Route: the
//	  prefixSize}                                                                  item's '{'
//	dnsRules[]{name,servers[],           DomainNameInformation/{DomainName,      each value; the element:
//	  proxyServerUri,autoTrigger,          DnsServers,WebProxyServers,             the item's '{'
//	  persistent}                          AutoTrigger,Persistent}
//	proxyServer{automatic-               Proxy/AutoConfigUrl, Proxy/Manual/      the strings' characters
//	  ConfigurationScriptUrl,address}      Server
//	profileTarget user|device|           Origin.Scope (device when               -
//	  autoPilotDevice                      enableDeviceTunnel is true: Intune
//	                                       installs device tunnels in the
//	                                       device scope)
//
// Not mapped: cryptographySuite (Graph's enum spellings differ from the
// CSP's and a wrong guess would raise false weak-crypto findings),
// trafficRules, associatedApps, customXml, windowsInformationProtectionDomain,
// the plug-in's package family name (not in the export).

// intuneIsTemplate recognises a windows10VpnConfiguration: by its @odata.type,
// or, without one, by connectionType, servers and authenticationMethod
// together. Another @odata.type (Android, iOS, Windows 8.1 VPN) is not it.
func intuneIsTemplate(v *jsonValue) bool {
	if t := v.get("@odata.type"); t.isStr() {
		return strings.HasSuffix(strings.ToLower(t.str()), "windows10vpnconfiguration")
	}
	return v.get("connectionType") != nil && v.get("servers") != nil && v.get("authenticationMethod") != nil
}

// intuneProtocols maps Graph's connectionType to NativeProtocolType.
var intuneProtocols = map[string]string{
	"ikev2": "IKEv2", "automatic": "Automatic", "l2tp": "L2TP", "pptp": "PPTP", "sstp": "SSTP",
}

func (r *intuneReader) template(v *jsonValue) {
	s := &intuneSynth{}
	root := v.get("@odata.type")
	rootFrom, rootTo := v.start, v.start+1
	if root.isStr() {
		rootFrom, rootTo = root.start, root.end
	}
	s.open("VPNProfile", rootFrom, rootTo)

	dt := v.get("enableDeviceTunnel")
	deviceTunnel, _ := dt.boolValue()
	s.boolLeaf("AlwaysOn", v.get("enableAlwaysOn"), "true", "false")
	s.boolLeaf("DeviceTunnel", dt, "true", "false")
	s.boolLeaf("RememberCredentials", v.get("rememberUserCredentials"), "true", "false")
	s.boolLeaf("RegisterDNS", v.get("enableDnsRegistration"), "true", "false")
	s.listLeaf("DnsSuffix", jsonStrings(v.get("dnsSuffixes")), v.get("dnsSuffixes"))
	s.listLeaf("TrustedNetworkDetection", jsonStrings(v.get("trustedNetworkDomains")), v.get("trustedNetworkDomains"))

	srv := v.get("servers")
	var addrs []*jsonValue
	if srv != nil && srv.kind == jsonArray {
		for _, it := range srv.items {
			a := it.get("address")
			if !a.isStr() {
				a = it.get("ipAddressOrFqdn")
			}
			if a.isStr() {
				addrs = append(addrs, a)
			}
		}
	}
	ct := v.get("connectionType")
	proto, native := intuneProtocols[strings.ToLower(ct.str())]
	if ct.isStr() && !native && ct.str() != "" {
		s.open("PluginProfile", ct.start, ct.end)
		if srv != nil && srv.kind == jsonArray {
			s.listLeaf("ServerUrlList", addrs, srv)
		}
		s.close("PluginProfile", ct.start, ct.end)
	} else {
		s.open("NativeProfile", rootFrom, rootTo)
		if srv != nil && srv.kind == jsonArray {
			s.listLeaf("Servers", addrs, srv)
		}
		if native {
			s.tokenLeaf("NativeProtocolType", proto, ct.start+1, ct.end-1, ct)
		}
		s.boolLeaf("RoutingPolicyType", v.get("enableSplitTunneling"), "SplitTunnel", "ForceTunnel")
		r.templateAuth(s, v, deviceTunnel)
		s.close("NativeProfile", rootFrom, rootTo)
	}

	if rs := v.get("routes"); rs != nil && rs.kind == jsonArray {
		for _, it := range rs.items {
			a, p := it.get("destinationPrefix"), it.get("prefixSize")
			if it.kind != jsonObject || (!a.isStr() && !jsonIsScalar(p)) {
				continue
			}
			s.open("Route", it.start, it.start+1)
			s.stringLeaf("Address", a)
			s.scalarLeaf("PrefixSize", p)
			s.close("Route", it.start, it.start+1)
		}
	}
	if rs := v.get("dnsRules"); rs != nil && rs.kind == jsonArray {
		for _, it := range rs.items {
			if it.kind != jsonObject {
				continue
			}
			s.open("DomainNameInformation", it.start, it.start+1)
			s.stringLeaf("DomainName", it.get("name"))
			if ds := it.get("servers"); ds != nil && ds.kind == jsonArray && len(ds.items) > 0 {
				s.listLeaf("DnsServers", jsonStrings(ds), ds)
			}
			if p := it.get("proxyServerUri"); p.str() != "" {
				s.stringLeaf("WebProxyServers", p)
			}
			s.boolLeaf("AutoTrigger", it.get("autoTrigger"), "true", "false")
			s.boolLeaf("Persistent", it.get("persistent"), "true", "false")
			s.close("DomainNameInformation", it.start, it.start+1)
		}
	}
	if px := v.get("proxyServer"); px != nil && px.kind == jsonObject {
		auto, addr := px.get("automaticConfigurationScriptUrl"), px.get("address")
		if auto.str() != "" || addr.str() != "" {
			s.open("Proxy", px.start, px.start+1)
			if auto.str() != "" {
				s.stringLeaf("AutoConfigUrl", auto)
			}
			if addr.str() != "" {
				s.open("Manual", addr.start, addr.end)
				s.stringLeaf("Server", addr)
				s.close("Manual", addr.start, addr.end)
			}
			s.close("Proxy", px.start, px.start+1)
		}
	}
	if ca := v.get("enableConditionalAccess"); jsonIsTrue(ca) {
		s.open("DeviceCompliance", ca.start, ca.end)
		s.boolLeaf("Enabled", ca, "true", "false")
		alt := v.get("enableSingleSignOnWithAlternateCertificate")
		eku := v.get("singleSignOnEku").get("objectIdentifier")
		hash := v.get("singleSignOnIssuerHash")
		if jsonIsTrue(alt) || eku.str() != "" || hash.str() != "" {
			at := alt
			if !jsonIsTrue(alt) {
				at = eku
				if eku.str() == "" {
					at = hash
				}
			}
			s.open("Sso", at.start, at.end)
			s.boolLeaf("Enabled", alt, "true", "false")
			if eku.str() != "" {
				s.stringLeaf("Eku", eku)
			}
			if hash.str() != "" {
				s.stringLeaf("IssuerHash", hash)
			}
			s.close("Sso", at.start, at.end)
		}
		s.close("DeviceCompliance", ca.start, ca.end)
	}
	s.close("VPNProfile", rootFrom, rootTo)

	name := v.get("connectionName").str()
	if name == "" {
		name = v.get("displayName").str()
	}
	o := model.Origin{Container: model.KindIntuneJSON}
	switch t := strings.ToLower(v.get("profileTarget").str()); {
	case deviceTunnel, t == "device", t == "autopilotdevice":
		o.Scope = "device"
	case t == "user":
		o.Scope = "user"
	}
	n := len(r.probs)
	r.addProfiles(s.buf, s, name, o)
	if s.eapDecoded != nil {
		r.decorateBase64(n, r.f.Src.Span(s.eapAt, s.eapAt+1), s.eapDecoded)
	}
}

// templateAuth writes NativeProfile/Authentication (see the table above).
func (r *intuneReader) templateAuth(s *intuneSynth, v *jsonValue, deviceTunnel bool) {
	am := v.get("authenticationMethod")
	if !am.isStr() {
		return
	}
	method := strings.ToLower(am.str())
	in := am.start + 1
	last := max(am.end-1, in+1)
	switch {
	case method == "customeapxml":
		s.open("Authentication", am.start, am.end)
		s.tokenLeaf("UserMethod", "Eap", in, last, am)
		if eap := v.get("eapXml"); base64.StdEncoding.DecodedLen(len(eap.str())) > MaxDecodedSize {
			r.probs = append(r.probs, base64TooLarge(r.span(eap), "eapXml"))
		} else if eap.str() != "" {
			s.open("Eap", eap.start, eap.end)
			s.eapConfiguration(eap)
			s.close("Eap", eap.start, eap.end)
		}
		s.close("Authentication", am.start, am.end)
	case deviceTunnel && method == "certificate":
		s.open("Authentication", am.start, am.end)
		s.tokenLeaf("MachineMethod", "Certificate", in, last, am)
		s.close("Authentication", am.start, am.end)
	case deviceTunnel:
		s.open("Authentication", am.start, am.end)
		s.close("Authentication", am.start, am.end)
	}
}

// jsonStrings returns the string items of an array.
func jsonStrings(a *jsonValue) []*jsonValue {
	if a == nil || a.kind != jsonArray {
		return nil
	}
	var out []*jsonValue
	for _, it := range a.items {
		if it.isStr() {
			out = append(out, it)
		}
	}
	return out
}

func jsonIsTrue(v *jsonValue) bool { b, ok := v.boolValue(); return ok && b }

func jsonIsScalar(v *jsonValue) bool {
	return v != nil && (v.kind == jsonString || v.kind == jsonNumber || v.kind == jsonBool)
}

// intuneSynth writes a synthetic XML document and the map from its offsets
// back to the JSON text: a SegmentMap, plus ranges that all map to one offset
// (a base64 value).
type intuneSynth struct {
	buf    []byte
	segs   model.SegmentMap
	consts []struct{ from, to, at int } // derived [from, to] -> at

	eapDecoded []byte // the EAP XML decoded from base64, if any
	eapAt      int    // the opening quote of its value
}

// Map implements model.Mapper.
func (s *intuneSynth) Map(off int) int {
	for _, c := range s.consts {
		if off >= c.from && off <= c.to {
			return c.at
		}
	}
	return s.segs.Map(off)
}

func (s *intuneSynth) at(src int) { s.segs.Add(len(s.buf), src) }

// open writes a start tag that, for an element with children, spans the
// source bytes [from, to).
func (s *intuneSynth) open(name string, from, to int) {
	s.at(from)
	s.buf = append(s.buf, '<')
	s.buf = append(s.buf, name...)
	s.buf = append(s.buf, '>')
	s.at(to)
	s.buf = append(s.buf, '\n')
}

// close writes an end tag; the element then ends at source offset to.
func (s *intuneSynth) close(name string, from, to int) {
	s.at(max(from, to-1))
	s.buf = append(s.buf, "</"...)
	s.buf = append(s.buf, name...)
	s.buf = append(s.buf, '>')
	s.at(to)
	s.buf = append(s.buf, '\n')
}

// leaf writes <name>text</name> where the element spans [from, to) and
// text() writes and maps the content.
func (s *intuneSynth) leaf(name string, from, to int, text func()) {
	s.at(from)
	s.buf = append(s.buf, '<')
	s.buf = append(s.buf, name...)
	s.buf = append(s.buf, '>')
	text()
	s.close(name, from, to)
}

// tokenLeaf writes a leaf whose text is made up (a CSP spelling) and maps to
// the source characters [first, last) of token v.
func (s *intuneSynth) tokenLeaf(name, text string, first, last int, v *jsonValue) {
	if last <= first {
		first, last = v.start, v.end
	}
	s.leaf(name, v.start, v.end, func() {
		s.at(first)
		s.buf = append(s.buf, text[:len(text)-1]...)
		s.at(last - 1)
		s.buf = append(s.buf, text[len(text)-1])
	})
}

// boolLeaf writes a leaf for a JSON boolean, with the text for true or false.
func (s *intuneSynth) boolLeaf(name string, v *jsonValue, yes, no string) {
	b, ok := v.boolValue()
	if !ok {
		return
	}
	t := no
	if b {
		t = yes
	}
	s.tokenLeaf(name, t, v.start, v.end, v)
}

// scalarLeaf writes a leaf for a string, number or boolean.
func (s *intuneSynth) scalarLeaf(name string, v *jsonValue) {
	switch {
	case v.isStr():
		s.stringLeaf(name, v)
	case v != nil && (v.kind == jsonNumber || v.kind == jsonBool):
		s.tokenLeaf(name, v.raw(), v.start, v.end, v)
	}
}

// stringLeaf writes a leaf for a JSON string, each character mapped.
func (s *intuneSynth) stringLeaf(name string, v *jsonValue) {
	if !v.isStr() {
		return
	}
	s.leaf(name, v.start, v.end, func() { s.str(v) })
}

// listLeaf writes a leaf of comma-joined strings. An empty list makes no
// element (Graph exports carry [] for every list not set), except for the
// servers, where an empty element spanning [] says that none is set.
func (s *intuneSynth) listLeaf(name string, items []*jsonValue, arr *jsonValue) {
	if arr == nil || arr.kind != jsonArray {
		return
	}
	if len(items) == 0 {
		if len(arr.items) == 0 && (name == "Servers" || name == "ServerUrlList") {
			s.leaf(name, arr.start, arr.end, func() {})
		}
		return
	}
	first, last := items[0], items[len(items)-1]
	s.leaf(name, first.start, last.end, func() {
		for i, it := range items {
			if i > 0 {
				s.at(items[i-1].end - 1)
				s.buf = append(s.buf, ',')
			}
			s.str(it)
		}
	})
}

// str writes a JSON string's decoded value as XML text, each byte mapped to
// the character (or escape) it came from.
func (s *intuneSynth) str(v *jsonValue) {
	text, m := v.decoded()
	for i := 0; i < len(text); i++ {
		s.at(m.Map(i))
		s.buf = intuneAppendEscaped(s.buf, text[i])
	}
}

// eapConfiguration writes <Configuration> with the EAP XML of eapXml as
// escaped text, which NewProfile parses as the EAP configuration: base64 maps
// to the value's opening quote, XML text character by character.
func (s *intuneSynth) eapConfiguration(eap *jsonValue) {
	raw := eap.str()
	var xml []byte
	if t := strings.TrimSpace(raw); !strings.HasPrefix(t, "<") {
		if data, ok := intuneBase64(raw); ok {
			if text, _ := Decode(data); bytes.HasPrefix(bytes.TrimLeft(text, " \t\r\n"), []byte("<")) {
				xml = text
			}
		}
	}
	s.leaf("Configuration", eap.start, eap.end, func() {
		if xml == nil { // XML text, or not readable: parsed (and reported) as written
			s.str(eap)
			return
		}
		from := len(s.buf)
		for _, c := range xml {
			s.buf = intuneAppendEscaped(s.buf, c)
		}
		s.consts = append(s.consts, struct{ from, to, at int }{from, len(s.buf), eap.start})
		s.eapDecoded, s.eapAt = xml, eap.start
	})
}

// intuneAppendEscaped appends one byte of text as XML character data.
func intuneAppendEscaped(b []byte, c byte) []byte {
	switch {
	case c == '<':
		return append(b, "&lt;"...)
	case c == '>':
		return append(b, "&gt;"...)
	case c == '&':
		return append(b, "&amp;"...)
	case c < 0x20 && c != '\t' && c != '\n' && c != '\r':
		return append(b, "\uFFFD"...) // not allowed in XML 1.0
	}
	return append(b, c)
}
