package model_test

import (
	"strings"
	"testing"

	"github.com/aovpnlint/aovpnlint/lint/model"
)

func parseProfile(t *testing.T, text string) *model.Profile {
	t.Helper()
	src := model.NewSource("p.xml", []byte(text))
	doc, err := model.ParseXML(src, src.Text, nil)
	if err != nil {
		t.Fatal(err)
	}
	p, perr := model.NewProfile(doc, doc.Root)
	if perr != nil {
		t.Fatal(perr)
	}
	return p
}

// at returns the 1-based line and column of the first occurrence of sub.
func at(text, sub string) (int, int) {
	i := strings.Index(text, sub)
	line := strings.Count(text[:i], "\n") + 1
	return line, i - strings.LastIndex(text[:i], "\n")
}

const escaped = "<VPNProfile>\r\n" +
	"  <NativeProfile>\r\n" +
	"    <Servers>vpn1.contoso.com;VPN 1, vpn2.contoso.com</Servers>\r\n" +
	"    <Authentication><UserMethod>Eap</UserMethod><Eap><Configuration>&lt;EapHostConfig xmlns=&quot;http://www.microsoft.com/provisioning/EapHostConfig&quot;&gt;\r\n" +
	"&lt;EapMethod&gt;&lt;Type xmlns=\"http://www.microsoft.com/provisioning/EapCommon\"&gt;25&lt;/Type&gt;&lt;/EapMethod&gt;\r\n" +
	"&lt;Config&gt;&lt;Eap&gt;&lt;Type&gt;25&lt;/Type&gt;&lt;EapType&gt;&lt;ServerValidation&gt;&lt;TrustedRootCA&gt;3f 07&lt;/TrustedRootCA&gt;&lt;/ServerValidation&gt;\r\n" +
	"  &lt;Eap&gt;&lt;Type&gt;13&lt;/Type&gt;&lt;EapType&gt;&lt;PerformServerValidation&gt;false&lt;/PerformServerValidation&gt;&lt;/EapType&gt;&lt;/Eap&gt;\r\n" +
	"&lt;/EapType&gt;&lt;/Eap&gt;&lt;/Config&gt;&lt;/EapHostConfig&gt;</Configuration></Eap></Authentication>\r\n" +
	"  </NativeProfile>\r\n" +
	"</VPNProfile>\r\n"

// TestEscapedEapPositions: EAP XML kept as escaped text inside <Configuration>
// is parsed, and its elements point into the file, not into the unescaped text.
func TestEscapedEapPositions(t *testing.T) {
	p := parseProfile(t, escaped)
	c := p.Eap()
	if c == nil || c.Embedded == nil {
		t.Fatal("escaped EAP configuration not parsed")
	}
	if got := c.Chain(); len(got) != 2 || got[0] != model.EapPEAP || got[1] != model.EapTLS {
		t.Fatalf("chain %v, want [25 13]", got)
	}
	psv := c.Method.Inner.PerformServerValidation
	loc := psv.ValueLoc()
	wl, wc := at(escaped, "false&lt;")
	if loc.StartLine != wl || loc.StartColumn != wc || loc.EndColumn != wc+5 {
		t.Errorf("PerformServerValidation value at %d:%d-%d, want %d:%d-%d", loc.StartLine, loc.StartColumn, loc.EndColumn, wl, wc, wc+5)
	}
	el := psv.Loc()
	wl, wc = at(escaped, "&lt;PerformServerValidation&gt;")
	if el.StartLine != wl || el.StartColumn != wc {
		t.Errorf("PerformServerValidation element at %d:%d, want %d:%d", el.StartLine, el.StartColumn, wl, wc)
	}
	root := c.Root.Loc()
	wl, wc = at(escaped, "&lt;EapHostConfig")
	if root.StartLine != wl || root.StartColumn != wc {
		t.Errorf("EapHostConfig at %d:%d, want %d:%d", root.StartLine, root.StartColumn, wl, wc)
	}
	if want := "VPNProfile/NativeProfile/Authentication/Eap/Configuration/EapHostConfig/Config/Eap/EapType/Eap/EapType/PerformServerValidation"; el.Key != want {
		t.Errorf("key %q", el.Key)
	}
}

func TestServers(t *testing.T) {
	p := parseProfile(t, escaped)
	s := p.Native.ServerList
	if len(s) != 2 || s[0].Host != "vpn1.contoso.com" || s[0].Friendly != "VPN 1" || s[1].Host != "vpn2.contoso.com" {
		t.Fatalf("servers %+v", s)
	}
	wl, wc := at(escaped, "vpn2.contoso.com")
	if s[1].Loc.StartLine != wl || s[1].Loc.StartColumn != wc || s[1].Loc.EndColumn != wc+len("vpn2.contoso.com") {
		t.Errorf("second server at %+v, want %d:%d", s[1].Loc, wl, wc)
	}
}

// TestUTF16Columns: byte columns and UTF-16 columns differ after non-ASCII text.
func TestUTF16Columns(t *testing.T) {
	text := "<VPNProfile><!-- Zürich 𝄞 --><AlwaysOn>true</AlwaysOn></VPNProfile>"
	p := parseProfile(t, text)
	loc := p.AlwaysOn.Loc()
	bytesCol := strings.Index(text, "<AlwaysOn>") + 1
	runes := []rune(text[:bytesCol-1])
	utf16Col := len(runes) + 1 + 1 // 𝄞 is two UTF-16 code units
	if loc.StartColumn != bytesCol || loc.StartColumn16 != utf16Col {
		t.Errorf("column %d (utf-16 %d), want %d (%d)", loc.StartColumn, loc.StartColumn16, bytesCol, utf16Col)
	}
}

func TestNodeAccessors(t *testing.T) {
	p := parseProfile(t, `<VPNProfile><AlwaysOn> TRUE </AlwaysOn><DeviceTunnel>0</DeviceTunnel><Route><Address>10.0.0.0</Address></Route><Route><Address>10.1.0.0</Address></Route></VPNProfile>`)
	if !p.AlwaysOn.IsTrue() || !p.DeviceTunnel.IsFalse() || p.IsDeviceTunnel() {
		t.Error("boolean parsing")
	}
	var missing *model.Node
	if missing.Value() != "" || missing.IsTrue() || missing.Child("x") != nil || missing.Find("a", "b") != nil {
		t.Error("nil node accessors")
	}
	if k := p.Routes[1].Address.Loc().Key; k != "VPNProfile/Route[2]/Address" {
		t.Errorf("key %q", k)
	}
}

// TestAttributePositions: attributes know their place too, also when the
// start tag spans lines.
func TestAttributePositions(t *testing.T) {
	text := "<VPNProfile>\n<NativeProfile><Authentication><Eap><Configuration>" +
		"<EapHostConfig xmlns=\"http://www.microsoft.com/provisioning/EapHostConfig\"><Config><Eap><Type>13</Type><EapType><TLSExtensions><FilteringInfo>\n" +
		"  <ClientAuthEKUList\n     Enabled=\"true\"><EKUMapInList><EKUName>AAD Conditional Access</EKUName></EKUMapInList></ClientAuthEKUList>\n" +
		"</FilteringInfo></TLSExtensions></EapType></Eap></Config></EapHostConfig></Configuration></Eap></Authentication></NativeProfile></VPNProfile>"
	p := parseProfile(t, text)
	list := p.Eap().Method.Filtering.ClientAuthEKUList
	a := list.Attr("Enabled")
	if a == nil || a.Value != "true" || !model.Enabled(list) {
		t.Fatal("Enabled attribute not read")
	}
	loc := a.Loc()
	wl, wc := at(text, `Enabled="true"`)
	if loc.StartLine != wl || loc.StartColumn != wc || loc.EndColumn != wc+len(`Enabled="true"`) {
		t.Errorf("attribute at %d:%d-%d, want %d:%d", loc.StartLine, loc.StartColumn, loc.EndColumn, wl, wc)
	}
}

func TestCryptographySuite(t *testing.T) {
	p := parseProfile(t, `<VPNProfile><NativeProfile><CryptographySuite><DHGroup>Group14</DHGroup><EncryptionMethod>AES_GCM_128</EncryptionMethod></CryptographySuite></NativeProfile></VPNProfile>`)
	cs := p.Native.CryptographySuite
	if cs == nil || cs.DHGroup.Value() != "Group14" || cs.EncryptionMethod.Value() != "AES_GCM_128" || cs.PfsGroup != nil {
		t.Errorf("suite %+v", cs)
	}
}

func TestDepthLimit(t *testing.T) {
	text := strings.Repeat("<a>", model.MaxDepth+1) + strings.Repeat("</a>", model.MaxDepth+1)
	src := model.NewSource("deep.xml", []byte(text))
	if _, err := model.ParseXML(src, src.Text, nil); err == nil || !strings.Contains(err.Msg, "nested deeper") {
		t.Errorf("err = %v, want a depth error", err)
	}
}
