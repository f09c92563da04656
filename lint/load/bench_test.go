package load

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// mixedRepo writes a folder shaped like an Intune backup repository: 10,000
// files, nearly all of them irrelevant (other policy types as Graph JSON,
// notes, scripts that deploy nothing), with a few VPN profiles among them.
func mixedRepo(tb testing.TB) string {
	tb.Helper()
	dir := tb.TempDir()
	other := `{"@odata.type":"#microsoft.graph.windows10GeneralConfiguration","displayName":"Baseline %d","passwordRequired":true,"defenderScanType":"full","omaSettings":[{"omaUri":"./Device/Vendor/MSFT/Policy/Config/Browser/AllowCookies","value":1}],"description":"%s"}`
	notes := strings.Repeat("Rollout notes for the VPN pilot: servers, groups and owners.\n", 20)
	script := "# Sets the wallpaper\n$path = 'C:\\Windows\\Web\\Wallpaper\\corp.jpg'\nSet-ItemProperty -Path 'HKCU:\\Control Panel\\Desktop' -Name Wallpaper -Value $path\n"
	for i := range 10000 {
		var name, content string
		switch {
		case i%1000 == 0:
			name, content = fmt.Sprintf("vpn/profile%d.xml", i), profile
		case i%10 == 0:
			name, content = fmt.Sprintf("notes/n%d.txt", i), notes
		case i%10 == 1:
			name, content = fmt.Sprintf("scripts/s%d.ps1", i), script
		default:
			name, content = fmt.Sprintf("Device Configurations/p%d.json", i), fmt.Sprintf(other, i, strings.Repeat("x", i%512))
		}
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}

// BenchmarkScanMixedFolder measures walking and recognising a folder of
// 10,000 mixed files, of which 10 hold profiles.
func BenchmarkScanMixedFolder(b *testing.B) {
	dir := mixedRepo(b)
	b.ReportAllocs()
	for b.Loop() {
		d, errs := Load([]string{dir}, Options{})
		if len(errs) > 0 || len(d.Profiles) != 10 {
			b.Fatalf("%d profiles, errors %v", len(d.Profiles), errs)
		}
	}
	b.ReportMetric(float64(b.N)*10000/b.Elapsed().Seconds(), "files/s")
}
