package load

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/aovpnlint/aovpnlint/lint/model"
)

const profile = "<VPNProfile>\n  <NativeProfile>\n    <Servers>vpn.contoso.com</Servers>\n  </NativeProfile>\n</VPNProfile>\n"

func utf16le(s string, bom bool) []byte {
	var b []byte
	if bom {
		b = append(b, 0xFF, 0xFE)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

func utf16be(s string) []byte {
	b := []byte{0xFE, 0xFF}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return b
}

func TestDecode(t *testing.T) {
	for _, tc := range []struct {
		name, enc string
		in        []byte
		want      string
	}{
		{"utf-8", "utf-8", []byte(profile), profile},
		{"utf-8 bom", "utf-8-bom", append([]byte{0xEF, 0xBB, 0xBF}, profile...), profile},
		{"utf-16le bom", "utf-16le", utf16le(profile, true), profile},
		{"utf-16le no bom", "utf-16le", utf16le(profile, false), profile},
		{"utf-16be bom", "utf-16be", utf16be(profile), profile},
		{"windows-1252", "windows-1252", []byte("<VPNProfile><!-- caf\xe9 \x93q\x94 --></VPNProfile>"), "<VPNProfile><!-- café “q” --></VPNProfile>"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, enc := Decode(tc.in)
			if string(got) != tc.want || enc != tc.enc {
				t.Errorf("Decode = %q (%s), want %q (%s)", got, enc, tc.want, tc.enc)
			}
		})
	}
}

// TestParseRecognises checks recognition by content, whatever the encoding,
// line endings or preamble.
func TestParseRecognises(t *testing.T) {
	crlf := strings.ReplaceAll(profile, "\n", "\r\n")
	for _, tc := range []struct {
		name string
		in   []byte
		kind model.Kind
	}{
		{"plain", []byte(profile), model.KindProfileXML},
		{"crlf utf-16le", utf16le(crlf, true), model.KindProfileXML},
		{"leading blank lines and declaration", []byte("\n\n  <?xml version=\"1.0\" encoding=\"utf-16\"?>\n" + profile), model.KindProfileXML},
		{"comment and doctype first", []byte("<!-- c -->\n<!DOCTYPE VPNProfile>\n" + profile), model.KindProfileXML},
		{"eap snippet", []byte(`<EapHostConfig xmlns="http://www.microsoft.com/provisioning/EapHostConfig"><EapMethod/></EapHostConfig>`), model.KindEapXML},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, probs, why := Parse("x.xml", tc.in)
			if f == nil {
				t.Fatalf("not recognised: %s", why)
			}
			if f.Kind != tc.kind || len(probs) != 0 {
				t.Errorf("kind %s, problems %v; want %s and none", f.Kind, probs, tc.kind)
			}
		})
	}
}

func TestParseSkips(t *testing.T) {
	for name, in := range map[string]string{
		"empty":         "",
		"blank":         " \r\n\t",
		"json":          `{"omaSettings": []}`,
		"other xml":     `<configuration><appSettings/></configuration>`,
		"text":          "hello",
		"markdown":      "# <VPNProfile> notes",
		"unclosed decl": "<?xml version",
	} {
		if f, _, why := Parse("x", []byte(in)); f != nil || why == "" {
			t.Errorf("%s: recognised as %v (why %q), want skipped with a reason", name, f, why)
		}
	}
}

func TestParseProblems(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   string
		kind model.ProblemKind
		line int
		col  int
	}{
		{"wrong case root", "<vpnprofile><NativeProfile/></vpnprofile>", model.WrongRoot, 1, 1},
		{"other root with profile children", "<Profile>\n  <NativeProfile><Servers>a</Servers></NativeProfile>\n</Profile>", model.WrongRoot, 1, 1},
		{"other root, child with attributes", "<Profile>\n  <DeviceTunnel xml:space=\"default\">true</DeviceTunnel>\n</Profile>", model.WrongRoot, 1, 1},
		{"empty profile", "<!-- placeholder -->\n<VPNProfile>\n  <!-- nothing yet -->\n</VPNProfile>", model.EmptyProfile, 2, 1},
		{"self-closed", "<VPNProfile/>", model.EmptyProfile, 1, 1},
		{"not well-formed", "<VPNProfile>\n  <AlwaysOn>true</AlwaysOn\n</VPNProfile>", model.NotWellFormed, 2, 27},
		{"escaped eap not well-formed", "<VPNProfile><NativeProfile><Authentication><Eap><Configuration>\n&lt;EapHostConfig&gt;&lt;EapMethod&gt;\n&lt;/EapHostConfig&gt;</Configuration></Eap></Authentication></NativeProfile></VPNProfile>", model.NotWellFormed, 3, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, probs, _ := Parse("x.xml", []byte(tc.in))
			if len(probs) != 1 {
				t.Fatalf("problems %+v, want one", probs)
			}
			p := probs[0]
			if p.Kind != tc.kind || p.Loc.StartLine != tc.line || p.Loc.StartColumn != tc.col {
				t.Errorf("got kind %d at %d:%d (%s), want kind %d at %d:%d", p.Kind, p.Loc.StartLine, p.Loc.StartColumn, p.Message, tc.kind, tc.line, tc.col)
			}
		})
	}
}

// TestRunTogetherHint is the seed's dump: a console wrap ate the space after
// the tag name.
func TestRunTogetherHint(t *testing.T) {
	in := `<VPNProfile><NativeProfile><Authentication><Eap><Configuration><EapHostConfigxmlns="http://www.microsoft.com/provisioning/EapHostConfig"></EapHostConfig></Configuration></Eap></Authentication></NativeProfile></VPNProfile>`
	_, probs, _ := Parse("dump.xml", []byte(in))
	if len(probs) != 1 {
		t.Fatalf("problems %+v", probs)
	}
	p := probs[0]
	if !strings.Contains(p.Hint, "<EapHostConfig xmlns=") || p.Loc.StartColumn != strings.Index(in, "=")+1 {
		t.Errorf("got %q hint %q at column %d", p.Message, p.Hint, p.Loc.StartColumn)
	}
}

func TestLoadWalks(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		t.Helper()
		if err := writeFile(dir+"/"+name, content); err != nil {
			t.Fatal(err)
		}
	}
	write("a/user.xml", profile)
	write("a/notes.txt", "not a profile")
	write(".git/profile.xml", profile)
	write("node_modules/x/profile.xml", profile)
	write("vendor/profile.xml", profile)
	write("b/skip.xml", profile)
	var logged bytes.Buffer
	d, errs := Load([]string{dir, dir + "/missing"}, Options{Exclude: []string{"skip.xml"}, Log: func(f string, a ...any) {
		logged.WriteString(f + "\n")
	}})
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "missing") {
		t.Errorf("errors %v, want one for the missing path", errs)
	}
	if len(d.Files) != 1 || !strings.HasSuffix(d.Files[0].Src.Path, "a/user.xml") {
		for _, f := range d.Files {
			t.Log(f.Src.Path)
		}
		t.Errorf("loaded %d files, want only a/user.xml", len(d.Files))
	}
	if !strings.Contains(logged.String(), "skip %s: %s") {
		t.Errorf("-v log does not say why notes.txt was skipped:\n%s", logged.String())
	}
}
