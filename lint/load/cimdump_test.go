package load

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aovpnlint/aovpnlint/lint/model"
)

// cimTestProfile is ProfileXML as the CSP returns it: one line, no white
// space between elements, RememberCredentials and AlwaysOn first, the server
// repeated as its friendly name.
const cimTestProfile = `<VPNProfile><RememberCredentials>true</RememberCredentials><AlwaysOn>true</AlwaysOn>` +
	`<DnsSuffix>corp.contoso.com</DnsSuffix><TrustedNetworkDetection>corp.contoso.com</TrustedNetworkDetection>` +
	`<NativeProfile><Servers>vpn.contoso.com;vpn.contoso.com</Servers><RoutingPolicyType>SplitTunnel</RoutingPolicyType>` +
	`<NativeProtocolType>Ikev2</NativeProtocolType><Authentication><UserMethod>Eap</UserMethod><Eap><Configuration>` +
	`<EapHostConfig xmlns="http://www.microsoft.com/provisioning/EapHostConfig"><EapMethod>` +
	`<Type xmlns="http://www.microsoft.com/provisioning/EapCommon">25</Type>` +
	`<VendorId xmlns="http://www.microsoft.com/provisioning/EapCommon">0</VendorId>` +
	`<VendorType xmlns="http://www.microsoft.com/provisioning/EapCommon">0</VendorType>` +
	`<AuthorId xmlns="http://www.microsoft.com/provisioning/EapCommon">0</AuthorId></EapMethod>` +
	`<Config xmlns="http://www.microsoft.com/provisioning/EapHostConfig">` +
	`<Eap xmlns="http://www.microsoft.com/provisioning/BaseEapConnectionPropertiesV1"><Type>25</Type>` +
	`<EapType xmlns="http://www.microsoft.com/provisioning/MsPeapConnectionPropertiesV1"><ServerValidation>` +
	`<DisableUserPromptForServerValidation>true</DisableUserPromptForServerValidation>` +
	`<ServerNames>nps.corp.contoso.com</ServerNames>` +
	`<TrustedRootCA>5a 89 fe cb 5b 49 a7 0b 1a 52 63 b7 35 ee d7 1c c2 68 be 4b </TrustedRootCA></ServerValidation>` +
	`<FastReconnect>true</FastReconnect><InnerEapOptional>false</InnerEapOptional>` +
	`<Eap xmlns="http://www.microsoft.com/provisioning/BaseEapConnectionPropertiesV1"><Type>13</Type>` +
	`<EapType xmlns="http://www.microsoft.com/provisioning/EapTlsConnectionPropertiesV1"><CredentialsSource>` +
	`<CertificateStore><SimpleCertSelection>true</SimpleCertSelection></CertificateStore></CredentialsSource>` +
	`<ServerValidation><DisableUserPromptForServerValidation>true</DisableUserPromptForServerValidation>` +
	`<ServerNames>nps.corp.contoso.com</ServerNames>` +
	`<TrustedRootCA>5a 89 fe cb 5b 49 a7 0b 1a 52 63 b7 35 ee d7 1c c2 68 be 4b </TrustedRootCA></ServerValidation>` +
	`<DifferentUsername>false</DifferentUsername>` +
	`<PerformServerValidation xmlns="http://www.microsoft.com/provisioning/EapTlsConnectionPropertiesV2">true</PerformServerValidation>` +
	`<AcceptServerName xmlns="http://www.microsoft.com/provisioning/EapTlsConnectionPropertiesV2">true</AcceptServerName>` +
	`<TLSExtensions xmlns="http://www.microsoft.com/provisioning/EapTlsConnectionPropertiesV2">` +
	`<FilteringInfo xmlns="http://www.microsoft.com/provisioning/EapTlsConnectionPropertiesV3">` +
	`<ClientAuthEKUList Enabled="true"><EKUMapInList><EKUName>AAD Conditional Access</EKUName></EKUMapInList></ClientAuthEKUList>` +
	`<EKUMapping><EKUMap><EKUName>AAD Conditional Access</EKUName><EKUOID>1.3.6.1.4.1.311.87</EKUOID></EKUMap></EKUMapping>` +
	`</FilteringInfo></TLSExtensions></EapType></Eap><EnableQuarantineChecks>false</EnableQuarantineChecks>` +
	`<RequireCryptoBinding>true</RequireCryptoBinding><PeapExtensions>` +
	`<PerformServerValidation xmlns="http://www.microsoft.com/provisioning/MsPeapConnectionPropertiesV2">true</PerformServerValidation>` +
	`<AcceptServerName xmlns="http://www.microsoft.com/provisioning/MsPeapConnectionPropertiesV2">true</AcceptServerName>` +
	`</PeapExtensions></EapType></Eap></Config></EapHostConfig></Configuration></Eap></Authentication></NativeProfile></VPNProfile>`

// psWrap splits a value the way PowerShell's Format-List does at width w:
// on words (each keeping its trailing space; a word longer than a line fills
// the current line exactly) or, in cultures without word wrap, hard splits.
// It returns the lines and, for every byte of val, its line and offset in it.
func psWrap(val string, w int, words bool) (lines []string, at [][2]int) {
	var cur strings.Builder
	left := w
	put := func(s string) {
		for i := 0; i < len(s); i++ {
			at = append(at, [2]int{len(lines), cur.Len()})
			cur.WriteByte(s[i])
		}
	}
	newline := func() {
		lines = append(lines, cur.String())
		cur.Reset()
		left = w
	}
	var list []string
	if words {
		for rest := val; rest != ""; {
			i := strings.IndexByte(rest, ' ')
			if i < 0 {
				list = append(list, rest)
				break
			}
			list = append(list, rest[:i+1])
			rest = rest[i+1:]
		}
	} else {
		list = []string{val}
	}
	for _, word := range list {
		switch {
		case len(word) <= left:
			put(word)
			left -= len(word)
		case len(word) <= w && words:
			newline()
			put(word)
			left -= len(word)
		default:
			for word != "" {
				if left == 0 {
					newline()
				}
				k := min(left, len(word))
				put(word[:k])
				word = word[k:]
				left -= k
			}
		}
	}
	if cur.Len() > 0 {
		newline()
	}
	return lines, at
}

// cimDump is a Format-List record of MDM_VPNv2_01 with ProfileXML wrapped at
// console width width; copy strips trailing spaces as console copy does. It
// returns the dump and, for every byte of xmlText, its offset in the dump.
func cimDump(xmlText string, width int, words, wmi, strip bool, nl string) (string, []int) {
	const pad = 23 // TrustedNetworkDetection
	label := func(name string) string { return name + strings.Repeat(" ", pad-len(name)) + " : " }
	var b strings.Builder
	b.WriteString(nl)
	if wmi {
		for _, p := range [][2]string{{"__GENUS", "2"}, {"__CLASS", "MDM_VPNv2_01"}, {"__SUPERCLASS", ""},
			{"__DYNASTY", "MDM_VPNv2_01"}, {"__RELPATH", `MDM_VPNv2_01.InstanceID="Contoso%20VPN",ParentID="./Vendor/MSFT/VPNv2"`},
			{"__PROPERTY_COUNT", "10"}, {"__DERIVATION", "{}"}, {"__SERVER", "CLIENT01"}, {"__NAMESPACE", `root\cimv2\mdm\dmmap`}} {
			b.WriteString(strings.TrimRight(label(p[0])+p[1], " ") + nl)
		}
	}
	for _, p := range [][2]string{{"AlwaysOn", "True"}, {"ByPassForLocal", ""}, {"DnsSuffix", "corp.contoso.com"},
		{"EdpModeId", ""}, {"InstanceID", "Contoso%20VPN"}, {"LockDown", ""}, {"ParentID", "./Vendor/MSFT/VPNv2"}} {
		b.WriteString(strings.TrimRight(label(p[0])+p[1], " ") + nl)
	}
	col := len(label("ProfileXML"))
	lines, at := psWrap(xmlText, width-col, words)
	lineStart := make([]int, len(lines))
	for i, l := range lines {
		if i == 0 {
			b.WriteString(label("ProfileXML"))
		} else {
			b.WriteString(strings.Repeat(" ", col))
		}
		lineStart[i] = b.Len()
		if strip {
			l = strings.TrimRight(l, " ")
		}
		b.WriteString(l + nl)
	}
	for _, p := range [][2]string{{"RememberCredentials", "True"}, {"TrustedNetworkDetection", "corp.contoso.com"}, {"PSComputerName", ""}} {
		b.WriteString(strings.TrimRight(label(p[0])+p[1], " ") + nl)
	}
	b.WriteString(nl + nl)
	offs := make([]int, len(at))
	for i, a := range at {
		offs[i] = lineStart[a[0]] + a[1]
	}
	return b.String(), offs
}

// xmlStarts returns the offset of every start tag in text, in document order.
func xmlStarts(t *testing.T, text string) []int {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(text))
	var out []int
	for {
		before := int(d.InputOffset())
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := tok.(xml.StartElement); ok {
			out = append(out, before)
		}
	}
}

func cimWalk(n *model.Node, fn func(*model.Node)) {
	fn(n)
	for _, c := range n.Children {
		cimWalk(c, fn)
	}
}

// TestCIMDumpRejoin wraps a profile at every console width from 60 to 200,
// on words and hard, with and without the trailing spaces console copy
// strips: the reader must give back the profile byte for byte, map every
// element to where its start tag is in the dump, and guess no more spaces
// than the wrap swallowed.
func TestCIMDumpRejoin(t *testing.T) {
	starts := xmlStarts(t, cimTestProfile)
	for width := 60; width <= 200; width++ {
		for _, words := range []bool{true, false} {
			for _, strip := range []bool{true, false} {
				name := fmt.Sprintf("width %d words %v strip %v", width, words, strip)
				dump, offs := cimDump(cimTestProfile, width, words, width%2 == 0, strip, "\r\n")
				f, probs, why := Parse("dump.txt", []byte(dump))
				if f == nil || f.Kind != model.KindCIMDump {
					t.Fatalf("%s: not a CIM dump: %s", name, why)
				}
				if len(f.Profiles) != 1 {
					t.Fatalf("%s: %d profiles, problems %v", name, len(f.Profiles), probs)
				}
				p := f.Profiles[0]
				if p.Origin.Container != model.KindCIMDump || p.Origin.InstanceID != "Contoso%20VPN" || p.Name != "Contoso VPN" {
					t.Errorf("%s: origin %+v name %q", name, p.Origin, p.Name)
				}
				if l := p.Origin.InstanceIDLoc; l.StartLine != strings.Count(strings.SplitN(dump, "Contoso%20VPN\r", 2)[0], "\n")+1 || l.StartColumn != 27 {
					t.Errorf("%s: InstanceID at %d:%d", name, l.StartLine, l.StartColumn)
				}
				i := 0
				cimWalk(p.Root, func(n *model.Node) {
					want := f.Src.Span(offs[starts[i]], offs[starts[i]]+1)
					if got := n.Loc(); got.StartLine != want.StartLine || got.StartColumn != want.StartColumn {
						t.Errorf("%s: <%s> at %d:%d, want %d:%d", name, n.Name, got.StartLine, got.StartColumn, want.StartLine, want.StartColumn)
					}
					i++
				})
				if i != len(starts) {
					t.Errorf("%s: %d elements, want %d", name, i, len(starts))
				}
				// The re-joined text is the profile itself: check it
				// through the reader's own value.
				lb := cimLabels(f.Src.Text, 1)[0]
				v := cimValue(f.Src.Text, lb, len(f.Src.Text))
				if string(v.text.b) != cimTestProfile {
					t.Errorf("%s: re-joined text differs:\n got %s\nwant %s", name, v.text.b, cimTestProfile)
				}
				for _, pr := range probs {
					if pr.Kind != model.Reconstructed {
						t.Errorf("%s: problem %v", name, pr.Message)
					}
				}
			}
		}
	}
}

// TestCIMDumpSplitElement: in a 120-column Get-WmiObject dump, an element
// whose value the console split over two lines starts on the first of them,
// at its start tag, and its value runs from there onto the next line.
func TestCIMDumpSplitElement(t *testing.T) {
	dump, offs := cimDump(cimTestProfile, 120, true, true, true, "\r\n")
	f, _, _ := Parse("dump.txt", []byte(dump))
	if f == nil || len(f.Profiles) != 1 {
		t.Fatal("no profile")
	}
	starts := xmlStarts(t, cimTestProfile)
	split, i := 0, 0
	cimWalk(f.Profiles[0].Root, func(n *model.Node) {
		start := starts[i]
		i++
		if len(n.Children) > 0 || n.Value() == "" {
			return
		}
		vs := strings.IndexByte(cimTestProfile[start:], '>') + start + 1
		ve := vs + len(n.Value())
		want := f.Src.Span(offs[vs], offs[ve-1]+1)
		got := n.ValueLoc()
		if got.StartLine != want.StartLine || got.StartColumn != want.StartColumn || got.EndLine != want.EndLine || got.EndColumn != want.EndColumn {
			t.Errorf("<%s> value at %d:%d-%d:%d, want %d:%d-%d:%d", n.Name, got.StartLine, got.StartColumn, got.EndLine, got.EndColumn,
				want.StartLine, want.StartColumn, want.EndLine, want.EndColumn)
		}
		if got.StartLine == got.EndLine {
			return
		}
		split++
		tag := n.Loc()
		if l := f.Src.Line(tag.StartLine); !strings.HasPrefix(l[tag.StartColumn-1:], "<"+n.Name+">") {
			t.Errorf("<%s> at %d:%d points at %q", n.Name, tag.StartLine, tag.StartColumn, l[tag.StartColumn-1:])
		}
	})
	if split == 0 {
		t.Fatal("no element value is split across lines at width 120: the test checks nothing")
	}
}

// TestCIMDumpFixturePositions pins places in the fixtures to exact lines and
// columns, the way a finding shows them.
func TestCIMDumpFixturePositions(t *testing.T) {
	for _, tc := range []struct {
		file string
		loc  func(*model.Profile) model.Location
		// want start and end line:column
		line, col, endLine, endCol int
	}{
		// PEAP PerformServerValidation "false", whole on one wrapped line.
		{"vpn201_bad_cimdump_wmi.txt", func(p *model.Profile) model.Location {
			return p.Eap().Methods()[0].PerformServerValidation.ValueLoc()
		}, 52, 97, 52, 102},
		// RoutingPolicyType: its value "SplitTunnel" is split over lines 21
		// ("SplitTun", the last columns, 113-120) and 22 ("nel", 27-29).
		{"vpn201_bad_cimdump_wmi.txt", func(p *model.Profile) model.Location { return p.Native.RoutingPolicyType.Loc() }, 21, 94, 22, 50},
		{"vpn201_bad_cimdump_wmi.txt", func(p *model.Profile) model.Location { return p.Native.RoutingPolicyType.ValueLoc() }, 21, 113, 22, 30},
		// InstanceID value.
		{"vpn201_bad_cimdump_wmi.txt", func(p *model.Profile) model.Location { return p.Origin.InstanceIDLoc }, 16, 27, 16, 40},
		// UTF-16 LE Out-File dump: the Servers entry (host;friendly name), in
		// decoded columns.
		{"vpn104_bad_cimdump_utf16.txt", func(p *model.Profile) model.Location { return p.Native.ServerList[0].Loc }, 20, 53, 20, 70},
		// Flattened paste: <Servers> had a space inside its name ("<Ser
		// vers>"); the element still starts at its '<' on line 5.
		{"load007_bad_cimdump_flattened.txt", func(p *model.Profile) model.Location { return p.Native.Servers.Loc() }, 5, 654, 5, 705},
	} {
		t.Run(tc.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("../../testdata/rules", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			f, _, why := Parse(tc.file, b)
			if f == nil || f.Kind != model.KindCIMDump || len(f.Profiles) != 1 {
				t.Fatalf("not read as one profile: %s", why)
			}
			l := tc.loc(f.Profiles[0])
			if l.StartLine != tc.line || l.StartColumn != tc.col || l.EndLine != tc.endLine || l.EndColumn != tc.endCol {
				t.Errorf("at %d:%d-%d:%d, want %d:%d-%d:%d", l.StartLine, l.StartColumn, l.EndLine, l.EndColumn, tc.line, tc.col, tc.endLine, tc.endCol)
			}
		})
	}
}

// TestCIMDumpRepairs: the flattened fixture reads back as the profile it was
// made from, each repair at the damaged spot.
func TestCIMDumpRepairs(t *testing.T) {
	b, err := os.ReadFile("../../testdata/rules/load007_bad_cimdump_flattened.txt")
	if err != nil {
		t.Fatal(err)
	}
	src := model.NewSource("flat.txt", b)
	lb := cimLabels(src.Text, 1)[0]
	if lb.atStart {
		t.Fatal("the label of a flattened paste is mid-line")
	}
	v := cimValue(src.Text, lb, len(src.Text))
	repairs := append(cimRepairNamespaces(&v.text), cimRepairErrors(&v.text, maxCIMRepairs)...)
	if string(v.text.b) != cimTestProfile {
		t.Errorf("repaired text differs:\n got %s\nwant %s", v.text.b, cimTestProfile)
	}
	want := map[string]string{ // what → the damaged text at the repaired spot
		`space removed in "<Servers>"`:                                                     " vers>",
		`space removed in "</NativeProtocolType>"`:                                         " NativeProtocolType>",
		`space inserted in "<EapHostConfig xmlns="`:                                        `xmlns="`,
		`space inserted in "<Type xmlns="`:                                                 `xmlns="`,
		`space inserted in "<ClientAuthEKUList Enabled="`:                                  `Enabled="`,
		`space removed in "xmlns="`:                                                        ` ns="`,
		`space removed in "</PeapExtensions>"`:                                             ` sions>`,
		`space removed in the namespace "http://www.microsoft.com/provisioning/EapCommon"`: ` mon"`,
	}
	for _, r := range repairs {
		at, ok := want[r.what]
		if !ok {
			t.Errorf("unexpected repair %s", r.what)
			continue
		}
		delete(want, r.what)
		if !bytes.HasPrefix(src.Text[r.at:], []byte(at)) {
			t.Errorf("%s at %q, want at %q", r.what, src.Text[r.at:min(r.at+20, len(src.Text))], at)
		}
	}
	for w := range want {
		t.Errorf("repair %s not made", w)
	}
}

func TestIsCIMDump(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       bool
	}{
		{"format-list", "InstanceID : A\nProfileXML : <VPNProfile></VPNProfile>\n", true},
		{"padded", "ParentID                : ./Vendor/MSFT/VPNv2\nProfileXML              :  <VPNProfile>\n", true},
		{"flattened", "x __CLASS : MDM_VPNv2_01 ProfileXML : <VPNProfile><AlwaysOn>", true},
		{"no marker", "ProfileXML : <VPNProfile></VPNProfile>\n", false},
		{"script variable", "$ProfileXML : <VPNProfile>\n# MDM_VPNv2_01\n", false},
		{"assignment", "$x = @{ProfileXML = '<VPNProfile>'}; InstanceID = 'a'\n", false},
		{"longer name", "MyProfileXML : <VPNProfile>\nInstanceID : a\n", false},
		{"no profile", "InstanceID : a\nProfileXML : <EapHostConfig>\n", false},
	} {
		if got := isCIMDump([]byte(tc.text)); got != tc.want {
			t.Errorf("%s: isCIMDump = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestCIMCells(t *testing.T) {
	for s, want := range map[string]int{"abc": 3, "本社": 4, "é": 1, "ＶＰＮ": 6, "": 0} {
		if got := cimCells([]byte(s)); got != want {
			t.Errorf("cimCells(%q) = %d, want %d", s, got, want)
		}
	}
}

// TestCIMDumpEdges: what a damaged or partial dump gives.
func TestCIMDumpEdges(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		profiles   int
		problems   []model.ProblemKind
	}{
		{"unclosed", "InstanceID : a\nProfileXML : <VPNProfile><AlwaysOn>true</AlwaysOn>\n\nAlwaysOn : True\n", 0, []model.ProblemKind{model.NotWellFormed}},
		{"run-together unknown attribute", "InstanceID : a\nProfileXML : <VPNProfile><Fooid=\"1\"/></VPNProfile>\n", 0, []model.ProblemKind{model.NotWellFormed}},
		{"empty instance id", "InstanceID : LockDown :  ProfileXML : <VPNProfile><AlwaysOn>true</AlwaysOn></VPNProfile> X : 1", 1, nil},
		{"no end, next property", "__CLASS : MDM_VPNv2_01 ProfileXML : <VPNProfile><AlwaysOn>true</AlwaysOn> RememberCredentials : True", 0, []model.ProblemKind{model.NotWellFormed}},
		{"two records", "InstanceID : a\nProfileXML : <VPNProfile><AlwaysOn>true</AlwaysOn></VPNProfile>\n\nInstanceID : b\nProfileXML : <VPNProfile><AlwaysOn>false</AlwaysOn></VPNProfile>\n", 2, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, probs, why := Parse("d.txt", []byte(tc.text))
			if f == nil {
				t.Fatalf("not read: %s", why)
			}
			if len(f.Profiles) != tc.profiles {
				t.Errorf("%d profiles, want %d", len(f.Profiles), tc.profiles)
			}
			var kinds []model.ProblemKind
			for _, p := range probs {
				kinds = append(kinds, p.Kind)
			}
			if fmt.Sprint(kinds) != fmt.Sprint(tc.problems) {
				t.Errorf("problems %v, want %v (%v)", kinds, tc.problems, probs)
			}
		})
	}
	f, _, _ := Parse("d.txt", []byte("InstanceID : a\nProfileXML : <VPNProfile><AlwaysOn>true</AlwaysOn></VPNProfile>\n\nInstanceID : b\nProfileXML : <VPNProfile><AlwaysOn>false</AlwaysOn></VPNProfile>\n"))
	if f.Profiles[0].Origin.InstanceID != "a" || f.Profiles[1].Origin.InstanceID != "b" {
		t.Errorf("instance IDs %q, %q", f.Profiles[0].Origin.InstanceID, f.Profiles[1].Origin.InstanceID)
	}
}
