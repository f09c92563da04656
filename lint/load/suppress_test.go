package load_test

import (
	"strings"
	"testing"

	"github.com/aovpnlint/aovpnlint/lint/load"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

// sup is what a test expects of one suppression.
type sup struct {
	names       string // comma-joined
	reason      string
	first, last int
	file        bool
}

func suppressionsOf(t *testing.T, name, text string) []sup {
	t.Helper()
	f, _, why := load.Parse(name, []byte(text))
	if f == nil {
		t.Fatalf("%s does not load: %s", name, why)
	}
	var out []sup
	for _, s := range load.Suppressions(f) {
		if s.Kind != model.InSource || s.Path != name || s.Loc.Path != name || s.Loc.StartLine < 1 {
			t.Errorf("%s: suppression %+v lacks kind, path or place", name, s)
		}
		out = append(out, sup{strings.Join(s.Names, ","), s.Reason, s.First, s.Last, s.File})
	}
	return out
}

const profileBody = `  <NativeProfile>
    <Servers>vpn.contoso.com</Servers>
    <NativeProtocolType>IKEv2</NativeProtocolType>
  </NativeProfile>
`

func TestSuppressionsXML(t *testing.T) {
	text := `<?xml version="1.0"?>
<!-- aovpnlint:ignore VPN105 covers the file -->
<VPNProfile>
  <!-- aovpnlint:ignore VPN201,VPN202 , eap-server-names-empty: lab NPS, TICKET-1 -->
  <Servers>x</Servers> <!-- aovpnlint:ignore VPN103 trailing: this line only -->
  <!-- aovpnlint:ignore VPN104
       a reason on the next line -->
  <!-- aovpnlint:ignore VPN101 -->
  <!-- aovpnlint:ignored VPN101 not a marker -->
  <!-- note: aovpnlint:ignore VPN101 not at the start -->
  <!--aovpnlint:ignore-->
` + profileBody + `</VPNProfile>
`
	got := suppressionsOf(t, "p.xml", text)
	want := []sup{
		{"VPN105", "covers the file", 2, 3, true},
		{"VPN201,VPN202,eap-server-names-empty", "lab NPS, TICKET-1", 4, 5, false},
		{"VPN103", "trailing: this line only", 5, 5, false},
		{"VPN104", "a reason on the next line", 6, 8, false},
		{"VPN101", "", 8, 9, false},
		{"", "", 11, 12, false},
	}
	if !equalSups(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestSuppressionsPowerShell(t *testing.T) {
	text := `# Deployment script
$ProfileName = 'Contoso VPN' # aovpnlint:ignore VPN402 the name is escaped by the caller
# aovpnlint:ignore VPN105 pilot
$ProfileXML = @'
<!-- aovpnlint:ignore VPN701 routes are pushed by the server -->
<VPNProfile>
  <!-- aovpnlint:ignore VPN103 inside the string -->
` + profileBody + `</VPNProfile>
'@
<# aovpnlint:ignore VPN401 block comment #>
$x = 1
`
	got := suppressionsOf(t, "s.ps1", text)
	want := []sup{
		{"VPN402", "the name is escaped by the caller", 2, 2, false},
		{"VPN105", "pilot", 3, 4, false},
		{"VPN701", "routes are pushed by the server", 5, 6, true},
		{"VPN103", "inside the string", 7, 8, false},
		{"VPN401", "block comment", 14, 15, false},
	}
	if !equalSups(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestSuppressionsEscaped(t *testing.T) {
	// SyncML with the profile entity-escaped in <Data>: the comment is
	// escaped too, and sits in the container's lines.
	text := `<SyncML xmlns="SYNCML:SYNCML1.2"><SyncBody><Atomic><CmdID>1</CmdID>
<Replace><CmdID>2</CmdID><Item><Target><LocURI>./User/Vendor/MSFT/VPNv2/Contoso/ProfileXML</LocURI></Target>
<Data>&lt;!-- aovpnlint:ignore VPN105 escaped --&gt;&lt;VPNProfile&gt;
&lt;!-- aovpnlint:ignore VPN103 escaped, own line --&gt;
&lt;NativeProfile&gt;&lt;Servers&gt;vpn.contoso.com&lt;/Servers&gt;&lt;/NativeProfile&gt;&lt;/VPNProfile&gt;</Data>
</Item></Replace></Atomic><Final/></SyncBody></SyncML>
`
	got := suppressionsOf(t, "m.xml", text)
	want := []sup{
		{"VPN105", "escaped", 3, 3, true},
		{"VPN103", "escaped, own line", 4, 5, false},
	}
	if !equalSups(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestSuppressionsNone(t *testing.T) {
	f, _, _ := load.Parse("p.xml", []byte("<VPNProfile>\n"+profileBody+"</VPNProfile>\n"))
	if s := load.Suppressions(f); s != nil {
		t.Errorf("suppressions in a file without marker: %+v", s)
	}
}

func equalSups(a, b []sup) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// FuzzSuppressions: any text gives suppressions with a place in the file
// and lines in order, without panicking.
func FuzzSuppressions(f *testing.F) {
	for _, s := range []string{
		"<VPNProfile><!-- aovpnlint:ignore VPN101 r --></VPNProfile>",
		"# aovpnlint:ignore VPN101,VPN2 r\n$x = 1",
		"&lt;!-- aovpnlint:ignore X --&gt;&lt;VPNProfile",
		"<# aovpnlint:ignore\n",
		"<!--aovpnlint:ignore",
		`\u003c!-- aovpnlint:ignore A \u003cVPNProfile`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, kind := range []model.Kind{model.KindProfileXML, model.KindPowerShell, model.KindCert} {
			file := &model.File{Src: model.NewSource("f", []byte(text)), Kind: kind}
			for _, s := range load.Suppressions(file) {
				if s.Loc.StartLine < 1 || s.First < 1 || s.Last < s.First || s.Last > file.Src.Lines()+1 {
					t.Fatalf("%q: suppression %+v", text, s)
				}
			}
		}
	})
}
