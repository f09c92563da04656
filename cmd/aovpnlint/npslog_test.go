package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

var npsLogFixtures = []string{"testdata/nps-logs/IN2606.log", "testdata/nps-logs/IN2606-ias.log", "testdata/nps-logs/iaslog1.log"}

// TestNPSLogGolden summarises the three fixture logs (one per format) in
// every output format.
func TestNPSLogGolden(t *testing.T) {
	for _, format := range []string{"text", "json", "csv"} {
		t.Run(format, func(t *testing.T) {
			args := append([]string{"nps-log", "--format", format}, npsLogFixtures...)
			root := repo(t, ".")
			code, out, errOut := runCLI(t, root, args...)
			if code != exitClean || errOut != "" {
				t.Fatalf("exit %d, stderr %q", code, errOut)
			}
			t.Chdir(filepath.Join(root, "cmd", "aovpnlint")) // where golden looks from
			golden(t, "nps-log."+map[string]string{"text": "txt", "json": "json", "csv": "csv"}[format], out)
		})
	}
}

func TestNPSLogSummary(t *testing.T) {
	code, out, errOut := runCLI(t, repo(t, "."), append([]string{"nps-log", "--format", "json"}, npsLogFixtures...)...)
	if code != exitClean {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var s npsSummary
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatal(err)
	}
	formats := map[string]int{}
	for _, f := range s.Files {
		formats[f.Format] = f.Records
		if f.Skipped != 0 {
			t.Errorf("%s: %d lines skipped", f.Path, f.Skipped)
		}
	}
	if formats["odbc"] != 8 || formats["ias"] != 5 || formats["dts"] != 5 {
		t.Errorf("records per format = %v, want odbc 8, ias 5, dts 5", formats)
	}
	if s.Accepts != 3 || s.Rejects != 7 {
		t.Errorf("accepts %d rejects %d, want 3 and 7", s.Accepts, s.Rejects)
	}
	if len(s.ByReason) == 0 || s.ByReason[0].Code != 66 || s.ByReason[0].Count != 3 ||
		s.ByReason[0].Policies["Always On VPN - Users"] != 3 || s.ByReason[0].Users[`CONTOSO\bob`] != 3 ||
		!strings.Contains(s.ByReason[0].Cause, "812") {
		t.Errorf("first reject group = %+v, want Reason-Code 66 three times for CONTOSO\\bob under \"Always On VPN - Users\"", s.ByReason[0])
	}
	for _, g := range s.ByReason {
		if g.Code == 48 && g.Policies[""] != 1 {
			t.Errorf("Reason-Code 48: policies %v, want one reject with no network policy", g.Policies)
		}
	}
}

func TestNPSLogCSVHasHeader(t *testing.T) {
	code, out, _ := runCLI(t, repo(t, "."), "nps-log", "--format", "csv", npsLogFixtures[0])
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != exitClean || len(lines) != 9 || !strings.HasPrefix(lines[0], "ComputerName,ServiceName,Record-Date,Record-Time,Packet-Type,") ||
		strings.Count(lines[0], ",") != 65 {
		t.Fatalf("exit %d, %d lines, header %q", code, len(lines), lines[0])
	}
}

func TestNPSLogErrors(t *testing.T) {
	dir := t.TempDir()
	notLog := filepath.Join(dir, "x.txt")
	if err := os.WriteFile(notLog, []byte("hello, world\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"nps-log"}, {"nps-log", "--format", "xml", notLog}, {"nps-log", notLog}, {"nps-log", filepath.Join(dir, "missing.log")}} {
		if code, _, errOut := runCLI(t, "", args...); code != exitUsage || errOut == "" {
			t.Errorf("%v: exit %d, stderr %q; want %d and a message", args, code, errOut, exitUsage)
		}
	}
}

func TestExplainNPSReason(t *testing.T) {
	for _, arg := range []string{"nps:66", "NPS-66", "Nps:66"} {
		code, out, _ := runCLI(t, "", "explain", arg)
		if code != exitClean || !strings.Contains(out, "IAS_INVALID_AUTH_TYPE") || !strings.Contains(out, "812") {
			t.Errorf("explain %s: exit %d:\n%s", arg, code, out)
		}
	}
	if code, out, _ := runCLI(t, "", "explain", "nps:22"); code != exitClean || !strings.Contains(out, "(unverified)") {
		t.Errorf("explain nps:22 does not say unverified: exit %d:\n%s", code, out)
	}
	// A bare number stays a Windows error code; the message points to nps:.
	if code, _, errOut := runCLI(t, "", "explain", "66"); code != exitUsage || !strings.Contains(errOut, "nps:66") {
		t.Errorf("explain 66: exit %d, stderr %q", code, errOut)
	}
	for _, arg := range []string{"nps:9999", "nps:x"} {
		if code, _, _ := runCLI(t, "", "explain", arg); code != exitUsage {
			t.Errorf("explain %s: exit %d, want %d", arg, code, exitUsage)
		}
	}
	code, out, _ := runCLI(t, "", "explain", "--all", "--format", "markdown")
	if code != exitClean || !strings.Contains(out, "## NPS Reason-Codes") || !strings.Contains(out, "`IAS_INVALID_AUTH_TYPE`") {
		t.Errorf("explain --all lacks the NPS Reason-Codes")
	}
}

// BenchmarkNPSLog summarises a generated 1,000,000-line database-compatible
// log and reports lines per second.
func BenchmarkNPSLog(b *testing.B) {
	const lines = 1_000_000
	path := filepath.Join(b.TempDir(), "IN2606.log")
	writeBenchLog(b, path, lines)
	b.ResetTimer()
	for b.Loop() {
		var out, errOut strings.Builder
		if code := run([]string{"nps-log", path}, &out, &errOut); code != exitClean {
			b.Fatalf("exit %d: %s", code, errOut.String())
		}
	}
	b.ReportMetric(float64(lines)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heap-MiB")
}

func writeBenchLog(b *testing.B, path string, n int) {
	b.Helper()
	src, err := os.ReadFile(filepath.Join("..", "..", npsLogFixtures[0]))
	if err != nil {
		b.Fatal(err)
	}
	sample := strings.Split(strings.TrimSpace(string(src)), "\r\n")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	for i := range n {
		line := sample[i%len(sample)]
		// Vary the user so the per-user table grows as in a real log.
		line = strings.Replace(line, "alice@", fmt.Sprintf("user%d@", i%5000), 1)
		w.WriteString(line)
		w.WriteString("\r\n")
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
}
