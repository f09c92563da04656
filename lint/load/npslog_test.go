package load

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aovpnlint/aovpnlint/lint/model"
)

func TestSniffNPSLog(t *testing.T) {
	for name, want := range map[string]string{"IN2606.log": NPSLogODBC, "IN2606-ias.log": NPSLogIAS, "iaslog1.log": NPSLogDTS} {
		b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "nps-logs", name))
		if err != nil {
			t.Fatal(err)
		}
		if got := SniffNPSLog(b); got != want {
			t.Errorf("%s: format %q, want %q", name, got, want)
		}
		f, _, why := Parse(name, b)
		if f == nil || f.Kind != model.KindNPSLog || len(f.Profiles) != 0 {
			t.Errorf("%s: Parse = %v (%s), want an nps-log file without profiles", name, f, why)
		}
	}
	for _, s := range []string{
		"a,b,c,d,e,f\n",
		"10.0.0.1,user,2026-06-01,09:00:00,IAS,NPS01\n",                            // date not MM/DD/YYYY
		"10.0.0.1,user,06/01/2026,09:00:00,IAS,NPS01,4136\n",                       // odd pairs
		`"NPS01","IAS","06/01/2026","08:00:00",9` + strings.Repeat(",", 61) + "\n", // packet type 9
		"<Event><Other/></Event>",
		"<VPNProfile/>",
	} {
		if got := SniffNPSLog([]byte(s)); got != "" {
			t.Errorf("SniffNPSLog(%q) = %q, want none", s, got)
		}
	}
}

func TestScanNPSLog(t *testing.T) {
	f := make([]string, 66)
	for i, v := range map[int]string{0: `"NPS01"`, 1: `"IAS"`, 2: `"06/01/2026"`, 3: `"08:05:12"`, 4: "3", 5: `"bob@contoso.com"`,
		6: `"CONTOSO\bob"`, 12: `"10.0.1.10"`, 15: `"10.0.1.10"`, 16: `"VPN ""01"""`, 24: `"AOVPN, Users"`, 25: "66", 60: `"CRP"`} {
		f[i] = v
	}
	line := strings.Join(f, ",")
	var got []NPSRecord
	skipped, err := ScanNPSLog(strings.NewReader(line+"\r\n\r\nshort,line\r\n"), NPSLogODBC, func(r *NPSRecord) error {
		if len(r.Fields) != 66 {
			t.Errorf("%d fields, want 66", len(r.Fields))
		}
		got = append(got, *r)
		return nil
	})
	if err != nil || skipped != 1 || len(got) != 1 {
		t.Fatalf("err %v, skipped %d, records %d; want 1 record and 1 skipped line", err, skipped, len(got))
	}
	r := got[0]
	if r.PacketType != 3 || r.Reason != 66 || r.User != `CONTOSO\bob` || r.NAS() != `VPN "01"` || r.Policy != "AOVPN, Users" || r.ProxyPolicy != "CRP" || r.Line != 1 {
		t.Errorf("record = %+v", r)
	}
}

// TestLoadLargeNPSLog: a log larger than the size limit is still listed as
// an nps-log input, from its first bytes; another large file that is no
// deployment file is skipped quietly.
func TestLoadLargeNPSLog(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "nps-logs", "IN2606.log"))
	if err != nil {
		t.Fatal(err)
	}
	big := bytes.Repeat(src, DefaultMaxFileSize/len(src)+1)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "IN2606.log"), big, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "other.txt"), bytes.Repeat([]byte("x"), DefaultMaxFileSize+1), 0o644); err != nil {
		t.Fatal(err)
	}
	d, errs := Load([]string{dir}, Options{})
	if len(d.Files) != 1 || d.Files[0].Kind != model.KindNPSLog || len(errs) != 0 || len(d.Problems) != 0 {
		t.Fatalf("files %v, errors %v, problems %v; want the log listed, nothing else", d.Files, errs, d.Problems)
	}
}
