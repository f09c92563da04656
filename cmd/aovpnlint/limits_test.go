package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// The malformed-input corpus: every reader limit of issue 7, generated here
// rather than committed (files of 17 MiB, 100,000 files, unreadable folders
// and symbolic links do not belong in a repository). Each case states the
// LOAD finding it must produce and the exit code. Only LOAD rules run, so the
// exit code is theirs.

// cleanProfile is a well-formed device tunnel profile.
const cleanProfile = `<VPNProfile>
  <NativeProfile>
    <Servers>vpn.contoso.com</Servers>
    <NativeProtocolType>IKEv2</NativeProtocolType>
    <Authentication><MachineMethod>Certificate</MachineMethod></Authentication>
  </NativeProfile>
  <DeviceTunnel>true</DeviceTunnel>
  <AlwaysOn>true</AlwaysOn>
</VPNProfile>
`

type limitCase struct {
	name    string
	files   func(t *testing.T, dir string) // writes the scan root's content
	args    []string
	want    string   // LOAD rule that must report, "" for none
	wantMsg string   // in its message
	absent  []string // rules that must not report
	code    int
	inputs  int      // recognised inputs, -1 to skip the check
	paths   []string // what to scan; default "."
}

func TestMalformedInputCorpus(t *testing.T) {
	cert, err := os.ReadFile(repo(t, "testdata/examples/certs/root-ca.pem"))
	if err != nil {
		t.Fatal(err)
	}
	cases := []limitCase{
		{name: "profile over --max-file-size", files: writeFile("big.xml", padded(cleanProfile, 4<<10)),
			args: []string{"--max-file-size", "1KiB"}, want: "LOAD010", wantMsg: "larger than the 1 KiB limit", code: exitFail, inputs: 0},
		{name: "profile over the default 16 MiB", files: writeFile("big.xml", padded(cleanProfile, 17<<20)),
			want: "LOAD010", wantMsg: "17 MiB, larger than the 16 MiB limit", code: exitFail, inputs: 0},
		{name: "large file that is no deployment file", files: writeFile("disk.img", bytes.Repeat([]byte{0, 1, 2, 3}, 5<<20)),
			code: exitClean, inputs: 0},
		{name: "XML nested 10,000 deep", files: writeFile("deep.xml", []byte(strings.Replace(cleanProfile, "<AlwaysOn>",
			strings.Repeat("<a>", 10000)+strings.Repeat("</a>", 10000)+"<AlwaysOn>", 1))),
			want: "LOAD012", wantMsg: "nested deeper than 256", code: exitFail, inputs: 1},
		{name: "JSON nested 100,000 deep", files: writeFile("deep.json", []byte(`{"@odata.type":"#microsoft.graph.windows10VpnConfiguration","x":`+
			strings.Repeat("[", 100000)+strings.Repeat("]", 100000)+"}")),
			want: "LOAD012", wantMsg: "nested deeper than 256", code: exitFail, inputs: 1},
		{name: "billion laughs", files: writeFile("lol.xml", billionLaughs()),
			want: "LOAD011", wantMsg: "never expanded", absent: []string{"LOAD001"}, code: exitFail, inputs: 1},
		{name: "external entity", files: writeFile("xxe.xml", []byte(`<!DOCTYPE VPNProfile [<!ENTITY x SYSTEM "file:///etc/passwd">]>`+"\n"+
			strings.Replace(cleanProfile, "vpn.contoso.com", "&x;", 1))),
			want: "LOAD011", code: exitFail, inputs: 1},
		{name: "billion laughs in Intune base64", files: writeFile("oma.json", omaJSON(base64.StdEncoding.EncodeToString(billionLaughs()))),
			want: "LOAD011", code: exitFail, inputs: 1},
		{name: "base64 decoding to more than 4 MiB", files: writeFile("oma.json", omaJSON(base64.StdEncoding.EncodeToString(padded(cleanProfile, 5<<20)))),
			want: "LOAD012", wantMsg: "decodes to more than 4 MiB", code: exitFail, inputs: 1},
		{name: "NUL bytes", files: writeFile("nul.xml", []byte(strings.Replace(cleanProfile, "IKEv2", "IK\x00Ev2", 1))),
			want: "LOAD013", wantMsg: "NUL character", code: exitFail, inputs: 1},
		{name: "XML that is not UTF-8", files: writeFile("ansi.xml", []byte(strings.Replace(cleanProfile, "<VPNProfile>", "<VPNProfile><!-- B\xfcro -->", 1))),
			want: "LOAD013", wantMsg: "byte 0xFC is not UTF-8", code: exitFail, inputs: 1},
		{name: "script in Windows-1252 is fine", files: writeFile("VPN_Profile.ps1", []byte("# B\xfcro\n$ProfileXML = '"+cleanProfile+"'\n$x = [CimProperty]::Create('ProfileXML', $ProfileXML, 'String', 'Property')\n")),
			absent: []string{"LOAD013"}, code: exitClean, inputs: 1},
		{name: "unpaired UTF-16 surrogate", files: writeFile("u16.xml", utf16WithSurrogate(cleanProfile)),
			want: "LOAD013", wantMsg: "unpaired UTF-16 surrogate", code: exitFail, inputs: 1},
		{name: "line of 2 MiB in a script", files: writeFile("long.ps1", []byte("$ProfileXML = '"+cleanProfile+"'\n# "+strings.Repeat("x", 2<<20)+"\n")),
			want: "LOAD012", wantMsg: "2.0 MiB long", code: exitFail, inputs: 1},
		{name: "line of 2 MiB in Graph JSON is fine", files: writeFile("graph.json", omaJSON(jsonString(cleanProfile)+`,"description":"`+strings.Repeat("x", 2<<20)+`"`)),
			absent: []string{"LOAD012"}, code: exitClean, inputs: 1},
		{name: "script over 4 MiB", files: writeFile("huge.ps1", []byte("$ProfileXML = '"+cleanProfile+"'\n"+strings.Repeat("# padding line\n", 300000))),
			want: "LOAD012", wantMsg: "larger than the 4 MiB a script is read to", code: exitFail, inputs: 1},
		{name: "PEM with 3,000 blocks", files: writeFile("roots.pem", bytes.Repeat(cert, 3000)),
			want: "LOAD012", wantMsg: "more than 2048 PEM blocks", code: exitFail, inputs: 1},
		{name: "symbolic link loop", files: func(t *testing.T, dir string) {
			t.Helper()
			writeFile("ok.xml", []byte(cleanProfile))(t, dir)
			symlink(t, "b", filepath.Join(dir, "a"))
			symlink(t, "a", filepath.Join(dir, "b"))
		}, want: "LOAD015", wantMsg: "loop", code: exitClean, inputs: 1},
		{name: "symbolic link out of the scan root", files: func(t *testing.T, dir string) {
			t.Helper()
			outside := t.TempDir()
			writeFile("secret.xml", []byte(cleanProfile))(t, outside)
			symlink(t, filepath.Join(outside, "secret.xml"), filepath.Join(dir, "linked.xml"))
			symlink(t, outside, filepath.Join(dir, "linked-dir"))
		}, want: "LOAD015", wantMsg: "outside the scan root", code: exitClean, inputs: 0},
		{name: "symbolic link inside the scan root", files: func(t *testing.T, dir string) {
			t.Helper()
			writeFile("profiles/ok.xml", []byte(cleanProfile))(t, dir)
			symlink(t, "profiles/ok.xml", filepath.Join(dir, "alias.xml"))
			symlink(t, "profiles", filepath.Join(dir, "alias-dir"))
		}, absent: []string{"LOAD015"}, code: exitClean, inputs: 1},
		{name: "scan root given as a symbolic link", files: func(t *testing.T, dir string) {
			t.Helper()
			real := t.TempDir()
			writeFile("profiles/ok.xml", []byte(cleanProfile))(t, real)
			symlink(t, "profiles/ok.xml", filepath.Join(real, "alias.xml"))
			symlink(t, real, filepath.Join(dir, "deployment"))
		}, paths: []string{"deployment"}, absent: []string{"LOAD015"}, code: exitClean, inputs: 1},
		{name: "100,000 files", files: manyFiles(100000), code: exitClean, inputs: 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			tc.files(t, dir)
			args := append([]string{"check", "-f", "json", "--now", fixedNow, "--disable", "VPN,CERT,XREF,NPS"}, tc.args...)
			paths := tc.paths
			if paths == nil {
				paths = []string{"."}
			}
			code, stdout, stderr := runCLI(t, dir, append(args, paths...)...)
			checkLimitRun(t, tc, code, stdout, stderr)
		})
	}
}

// TestUnreadableInputs: a file or folder that cannot be read is a LOAD014
// finding and exits 2, and the readable files are still linted. Permission
// bits do not stop root, so as root the binary runs as nobody.
func TestUnreadableInputs(t *testing.T) {
	run := unprivileged(t)
	for _, tc := range []limitCase{
		{name: "file without read permission", files: func(t *testing.T, dir string) {
			t.Helper()
			writeFile("ok.xml", []byte(cleanProfile))(t, dir)
			writeFile("locked.xml", []byte(cleanProfile))(t, dir)
			chmod(t, filepath.Join(dir, "locked.xml"), 0)
		}, want: "LOAD014", wantMsg: "permission denied", code: exitUsage, inputs: 1},
		{name: "folder without read permission", files: func(t *testing.T, dir string) {
			t.Helper()
			writeFile("ok.xml", []byte(cleanProfile))(t, dir)
			writeFile("locked/inner.xml", []byte(cleanProfile))(t, dir)
			chmod(t, filepath.Join(dir, "locked"), 0)
		}, want: "LOAD014", wantMsg: "permission denied", code: exitUsage, inputs: 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			tc.files(t, dir)
			code, stdout, stderr := run(t, dir, "check", "-f", "json", "--now", fixedNow, "--disable", "VPN,CERT,XREF,NPS", ".")
			checkLimitRun(t, tc, code, stdout, stderr)
			if !strings.Contains(stderr, "permission denied") {
				t.Errorf("stderr does not say why the run exits 2: %q", stderr)
			}
		})
	}
}

func checkLimitRun(t *testing.T, tc limitCase, code int, stdout, stderr string) {
	t.Helper()
	if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine ") {
		t.Fatalf("crash: %s", stderr)
	}
	var out struct {
		Inputs   []struct{ Path string }
		Findings []struct {
			RuleID   string
			Message  string
			Location struct{ Path, StartLine, StartColumn any }
		}
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, stdout)
	}
	found := tc.want == ""
	for _, f := range out.Findings {
		if strings.Contains(f.Message, "internal error") {
			t.Errorf("rule crashed: %s", f.Message)
		}
		if f.RuleID == tc.want && strings.Contains(f.Message, tc.wantMsg) {
			found = true
		}
		for _, id := range tc.absent {
			if f.RuleID == id {
				t.Errorf("unexpected %s: %s", id, f.Message)
			}
		}
	}
	if !found {
		t.Errorf("no %s finding with %q; findings: %+v", tc.want, tc.wantMsg, out.Findings)
	}
	if code != tc.code {
		t.Errorf("exit %d, want %d (stderr %q)", code, tc.code, stderr)
	}
	if tc.inputs >= 0 && len(out.Inputs) != tc.inputs {
		t.Errorf("%d inputs, want %d: %+v", len(out.Inputs), tc.inputs, out.Inputs)
	}
}

func writeFile(name string, content []byte) func(*testing.T, string) {
	return func(t *testing.T, dir string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, content, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// padded is the profile followed by a comment that makes it size bytes long.
func padded(profile string, size int) []byte {
	var b bytes.Buffer
	b.WriteString(profile + "<!--\n")
	for i := 0; b.Len() < size-4; i++ {
		line := fmt.Sprintf("padding line %d\n", i)
		b.WriteString(line[:min(len(line), size-4-b.Len())])
	}
	b.WriteString("-->\n")
	return b.Bytes()
}

// billionLaughs is the classic entity bomb around a profile: a gigabyte
// and more if a reader expanded &lol9;.
func billionLaughs() []byte {
	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\"?>\n<!DOCTYPE VPNProfile [\n<!ENTITY lol0 \"lol\">\n")
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&b, "<!ENTITY lol%d \"%s\">\n", i, strings.Repeat(fmt.Sprintf("&lol%d;", i-1), 10))
	}
	b.WriteString("]>\n")
	b.WriteString(strings.Replace(cleanProfile, "vpn.contoso.com", "&lol9;", 1))
	return []byte(b.String())
}

// omaJSON is a Graph export of a custom profile whose ProfileXML setting has
// value, already JSON (a quoted string, possibly followed by more members).
func omaJSON(value string) []byte {
	if !strings.HasPrefix(value, `"`) {
		value = `"` + value + `"`
		return []byte(`{"@odata.type":"#microsoft.graph.windows10CustomConfiguration","displayName":"VPN","omaSettings":[{"@odata.type":"#microsoft.graph.omaSettingStringXml","omaUri":"./Device/Vendor/MSFT/VPNv2/AOVPN/ProfileXML","fileName":"p.xml","value":` + value + `}]}`)
	}
	return []byte(`{"@odata.type":"#microsoft.graph.windows10CustomConfiguration","displayName":"VPN","omaSettings":[{"@odata.type":"#microsoft.graph.omaSettingString","omaUri":"./Device/Vendor/MSFT/VPNv2/AOVPN/ProfileXML","value":` + value + `}]}`)
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// utf16WithSurrogate is text as UTF-16LE with a byte order mark and one
// high surrogate without its low half in a comment.
func utf16WithSurrogate(text string) []byte {
	text = strings.Replace(text, "<VPNProfile>", "<VPNProfile><!-- X -->", 1)
	out := []byte{0xFF, 0xFE}
	for _, r := range text {
		if r == 'X' {
			out = append(out, 0x00, 0xD8)
			continue
		}
		out = append(out, byte(r), byte(r>>8))
	}
	return out
}

// manyFiles writes n small files in folders of 1,000, one of them a profile.
func manyFiles(n int) func(*testing.T, string) {
	return func(t *testing.T, dir string) {
		t.Helper()
		writeFile("profiles/ok.xml", []byte(cleanProfile))(t, dir)
		for d := 0; d*1000 < n-1; d++ {
			sub := filepath.Join(dir, fmt.Sprintf("d%03d", d))
			if err := os.Mkdir(sub, 0o755); err != nil {
				t.Fatal(err)
			}
			for i := d * 1000; i < min((d+1)*1000, n-1); i++ {
				if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("f%06d.txt", i)), []byte("note\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
}

func chmod(t *testing.T, p string, mode os.FileMode) {
	t.Helper()
	if err := os.Chmod(p, mode); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod(p, 0o755) })
}

// unprivileged returns how to run aovpnlint where permission bits apply: in
// process for an ordinary user; as root, a binary built for the test, run as
// nobody.
func unprivileged(t *testing.T) func(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	if os.Geteuid() != 0 {
		return runCLI
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "aovpnlint")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return func(t *testing.T, dir string, args ...string) (int, string, string) {
		t.Helper()
		// nobody must reach the binary and the scan root through their parents
		for _, p := range []string{tmp, dir} {
			for ; p != filepath.Dir(p) && p != os.TempDir(); p = filepath.Dir(p) {
				_ = os.Chmod(p, 0o755)
			}
		}
		var stdout, stderr bytes.Buffer
		cmd := exec.Command(bin, args...)
		cmd.Dir, cmd.Stdout, cmd.Stderr = dir, &stdout, &stderr
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		err := cmd.Run()
		code := 0
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return code, stdout.String(), stderr.String()
	}
}
