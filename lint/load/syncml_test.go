package load

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aovpnlint/aovpnlint/lint/model"
)

// syncMLAt finds the n-th (1-based) occurrence of s in the file and returns
// its line and column: the oracle the mapped positions are checked against.
func syncMLAt(t *testing.T, src *model.Source, s string, n int) (int, int) {
	t.Helper()
	for line := 1; line <= src.Lines(); line++ {
		l := src.Line(line)
		for from := 0; ; {
			i := strings.Index(l[from:], s)
			if i < 0 {
				break
			}
			if n--; n == 0 {
				return line, from + i + 1
			}
			from += i + 1
		}
	}
	t.Fatalf("%q not in %s", s, src.Path)
	return 0, 0
}

// TestSyncMLPositions: a finding on a known element of the profile in
// <Data> lands on that element's line and column in the SyncML file, for
// each way <Data> carries it.
func TestSyncMLPositions(t *testing.T) {
	for _, tc := range []struct {
		name, file string
		loc        func(*model.Profile) model.Location
		text       string // what the location must point at
		nth        int
	}{
		{"escaped", "vpn104_bad_syncml_escaped.xml", func(p *model.Profile) model.Location { return p.Native.ServerList[1].Loc }, "192.168.10.5;Lab", 1},
		{"escaped element", "vpn104_bad_syncml_escaped.xml", func(p *model.Profile) model.Location { return p.Native.NativeProtocolType.Loc() }, "&lt;NativeProtocolType&gt;", 1},
		{"cdata", "vpn201_bad_syncml_cdata.xml", func(p *model.Profile) model.Location {
			return p.Eap().Method.PerformServerValidation.ValueLoc()
		}, "false</PerformServerValidation>", 2},
		{"cdata root", "vpn201_bad_syncml_cdata.xml", func(p *model.Profile) model.Location { return p.Root.Loc() }, "<VPNProfile>", 1},
		{"nested", "vpn105_bad_syncml_nested.xml", func(p *model.Profile) model.Location { return p.Native.NativeProtocolType.ValueLoc() }, "Automatic<", 1},
		{"nested root", "vpn105_bad_syncml_nested.xml", func(p *model.Profile) model.Location { return p.Root.Loc() }, "<VPNProfile>", 1},
		{"escaped twice", "vpn422_bad.xml", func(p *model.Profile) model.Location { return p.Native.Servers.ValueLoc() }, "vpn.contoso.com", 1},
		{"escaped twice element", "vpn422_bad.xml", func(p *model.Profile) model.Location { return p.Native.Servers.Loc() }, "&amp;lt;Servers&amp;gt;", 1},
		{"fragment", "vpn420_bad_fragment.xml", func(p *model.Profile) model.Location { return p.Native.Servers.ValueLoc() }, "vpn.contoso.com", 1},
		{"uri", "vpn420_bad_fragment.xml", func(p *model.Profile) model.Location { return p.Origin.URILoc }, "./Device/Vendor", 2},
		{"verb", "vpn420_bad_fragment.xml", func(p *model.Profile) model.Location { return p.Origin.SyncML.VerbLoc }, "<Replace>", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("../../testdata/rules", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			f, probs, why := Parse(tc.file, b)
			if f == nil || f.Kind != model.KindSyncML || len(f.Profiles) != 1 {
				t.Fatalf("not read as one SyncML profile: %s %v", why, probs)
			}
			l := tc.loc(f.Profiles[0])
			line, col := syncMLAt(t, f.Src, tc.text, tc.nth)
			if l.StartLine != line || l.StartColumn != col {
				t.Errorf("at %d:%d, want %d:%d (%q)", l.StartLine, l.StartColumn, line, col, tc.text)
			}
		})
	}
}

func TestSyncMLOrigin(t *testing.T) {
	for _, tc := range []struct {
		file, uri, scope, name, verb, data string
		atomic                             bool
		escapes                            int
	}{
		{"vpn104_bad_syncml_escaped.xml", "./Device/Vendor/MSFT/VPNv2/Contoso%20Device%20Tunnel/ProfileXML", "device", "Contoso Device Tunnel", "Replace", model.DataEscaped, true, 1},
		{"vpn201_bad_syncml_cdata.xml", "./User/Vendor/MSFT/VPNv2/Contoso%20VPN/ProfileXML", "user", "Contoso VPN", "Add", model.DataCDATA, true, 0},
		{"vpn105_bad_syncml_nested.xml", "./user/vendor/msft/vpnv2/VPN_Demo/ProfileXML", "user", "VPN_Demo", "Add", model.DataNested, false, 0},
		{"vpn421_bad.xml", "./Vendor/MSFT/VPNv2/VPN_Demo/ProfileXML", "device", "VPN_Demo", "Add", model.DataNested, true, 0},
		{"vpn422_bad.xml", "./User/Vendor/MSFT/VPNv2/Contoso%20VPN/ProfileXML", "user", "Contoso VPN", "Replace", model.DataEscaped, true, 2},
		{"vpn420_good_atomic_fragment.xml", "./Vendor/MSFT/VPNv2/ContosoDevice/ProfileXML", "device", "ContosoDevice", "Replace", model.DataCDATA, true, 0},
	} {
		t.Run(tc.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("../../testdata/rules", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			f, _, why := Parse(tc.file, b)
			if f == nil || len(f.Profiles) != 1 {
				t.Fatalf("not read: %s", why)
			}
			p := f.Profiles[0]
			o := p.Origin
			if o.Container != model.KindSyncML || o.URI != tc.uri || o.Scope != tc.scope || p.Name != tc.name {
				t.Errorf("origin %s %q %s, name %q", o.Container, o.URI, o.Scope, p.Name)
			}
			s := o.SyncML
			if s == nil || s.Verb != tc.verb || s.Data != tc.data || s.Atomic != tc.atomic || s.Escapes != tc.escapes {
				t.Errorf("facts %+v", s)
			}
			if got := f.Src.Line(o.URILoc.StartLine)[o.URILoc.StartColumn-1:]; !strings.HasPrefix(got, tc.uri+"<") {
				t.Errorf("URILoc points at %q", got)
			}
		})
	}
}

func TestSyncMLRecognition(t *testing.T) {
	const profileItem = `<Item><Target><LocURI>./Vendor/MSFT/VPNv2/A/ProfileXML</LocURI></Target><Data>&lt;VPNProfile&gt;&lt;AlwaysOn&gt;true&lt;/AlwaysOn&gt;&lt;/VPNProfile&gt;</Data></Item>`
	for _, tc := range []struct {
		name, text string
		read       bool
		profiles   int
		problems   []model.ProblemKind
	}{
		{"other CSP", `<SyncML><SyncBody><Replace><Item><Target><LocURI>./Device/Vendor/MSFT/Policy/Config/A/B</LocURI></Target><Data>1</Data></Item></Replace></SyncBody></SyncML>`, false, 0, nil},
		{"VPNv2 mentioned, no item", `<SyncML><SyncBody><Get><Item><Target><LocURI>./Vendor/MSFT/VPNv2/A/ProfileXML</LocURI></Target></Item></Get></SyncBody></SyncML>`, false, 0, nil},
		{"several fragments", "<?xml version=\"1.0\"?>\n<Replace>" + profileItem + "</Replace>\n<Add>" + strings.ReplaceAll(profileItem, "/A/", "/B/") + "</Add>\n", true, 2, nil},
		{"not well-formed", `<SyncML><SyncBody><Add>` + profileItem + `</SyncBody></SyncML>`, true, 0, []model.ProblemKind{model.NotWellFormed}},
		{"empty data", `<Add><Item><Target><LocURI>./Vendor/MSFT/VPNv2/A/ProfileXML</LocURI></Target><Data>  </Data></Item></Add>`, true, 0, []model.ProblemKind{model.EmptyProfile}},
		{"no data", `<Add><Item><Target><LocURI>./Vendor/MSFT/VPNv2/A/ProfileXML</LocURI></Target></Item></Add>`, true, 0, []model.ProblemKind{model.EmptyProfile}},
		{"sequence, not atomic", `<SyncML><SyncBody><Sequence><Add>` + profileItem + `</Add></Sequence></SyncBody></SyncML>`, true, 1, nil},
		{"escaped three times", `<Add><Item><Target><LocURI>./Vendor/MSFT/VPNv2/A/ProfileXML</LocURI></Target><Data>&amp;amp;lt;VPNProfile&amp;amp;gt;&amp;amp;lt;AlwaysOn&amp;amp;gt;true&amp;amp;lt;/AlwaysOn&amp;amp;gt;&amp;amp;lt;/VPNProfile&amp;amp;gt;</Data></Item></Add>`, true, 1, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, probs, why := Parse("s.xml", []byte(tc.text))
			if (f != nil) != tc.read {
				t.Fatalf("read = %v (%s), want %v", f != nil, why, tc.read)
			}
			if f == nil {
				return
			}
			if f.Kind != model.KindSyncML || len(f.Profiles) != tc.profiles {
				t.Errorf("kind %s, %d profiles, want %d", f.Kind, len(f.Profiles), tc.profiles)
			}
			var kinds []model.ProblemKind
			for _, p := range probs {
				kinds = append(kinds, p.Kind)
			}
			if len(kinds) != len(tc.problems) || (len(kinds) > 0 && kinds[0] != tc.problems[0]) {
				t.Errorf("problems %v, want %v (%v)", kinds, tc.problems, probs)
			}
			for _, p := range f.Profiles {
				if p.Origin.SyncML.Atomic {
					t.Errorf("%s: atomic", tc.name)
				}
			}
		})
	}
	f, _, _ := Parse("s.xml", []byte(`<Add><Item><Target><LocURI>./Vendor/MSFT/VPNv2/A/ProfileXML</LocURI></Target><Data>&amp;amp;lt;VPNProfile&amp;amp;gt;&amp;amp;lt;AlwaysOn&amp;amp;gt;true&amp;amp;lt;/AlwaysOn&amp;amp;gt;&amp;amp;lt;/VPNProfile&amp;amp;gt;</Data></Item></Add>`))
	if f == nil || len(f.Profiles) != 1 || f.Profiles[0].Origin.SyncML.Escapes != 3 || !f.Profiles[0].AlwaysOn.IsTrue() {
		t.Error("text escaped three times not read")
	}
}
