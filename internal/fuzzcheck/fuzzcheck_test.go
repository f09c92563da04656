package fuzzcheck

import (
	"slices"
	"testing"

	"github.com/aovpnlint/aovpnlint/lint/model"
)

func TestSecrets(t *testing.T) {
	in := "<VPNProfile><L2tpPsk>Planted-Psk-1</L2tpPsk><Password>short</Password>\n" +
		"&lt;Password&gt;Escaped-Password&lt;/Password&gt;\n" +
		`\u003cShared_Secret\u003eJson-Radius-Secret\u003c/Shared_Secret\u003e` + "\n" +
		`<Shared_Secret dt:dt="string">Twice-Here-1</Shared_Secret> Twice-Here-1` + "\n" +
		"<L2tpPsk>$($cfg.Psk)</L2tpPsk>\n" +
		"-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nMHcCAQEEIKeyBodyLine1\nAbc\n-----END EC PRIVATE KEY-----\n"
	got := Secrets([]byte(in))
	want := []string{"Planted-Psk-1", "Escaped-Password", "Json-Radius-Secret", "MHcCAQEEIKeyBodyLine1"}
	if !slices.Equal(got, want) {
		t.Errorf("Secrets = %q, want %q", got, want)
	}
	if s := Leak(got, "fine", "the key Planted-Psk-1 is weak"); s != "Planted-Psk-1" {
		t.Errorf("Leak = %q", s)
	}
}

func TestLocError(t *testing.T) {
	src := model.NewSource("f", []byte("ab\r\ncd\n"))
	for _, tc := range []struct {
		loc model.Location
		ok  bool
	}{
		{src.Span(0, 2), true},
		{src.Span(0, 3), true},  // through the "\r"
		{src.Span(5, 99), true}, // clamped
		{model.Location{Path: "f", StartLine: 1, StartColumn: 1, EndLine: 1, EndColumn: 5}, false},
		{model.Location{Path: "f", StartLine: 4, StartColumn: 1, EndLine: 4, EndColumn: 1}, false},
		{model.Location{Path: "f", StartLine: 2, StartColumn: 2, EndLine: 2, EndColumn: 1}, false},
		{model.Location{Path: "g", StartLine: 1, StartColumn: 1, EndLine: 1, EndColumn: 2}, false},
		{model.Location{Path: "f", StartLine: 0, StartColumn: 1, EndLine: 1, EndColumn: 2}, false},
	} {
		if why := LocError(src, tc.loc); (why == "") != tc.ok {
			t.Errorf("LocError(%+v) = %q, want ok=%v", tc.loc, why, tc.ok)
		}
	}
}
