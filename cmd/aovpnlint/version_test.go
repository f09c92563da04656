package main

import (
	"bufio"
	"os"
	"runtime/debug"
	"strings"
	"testing"
)

func TestBuildVersion(t *testing.T) {
	for _, c := range []struct {
		bi   *debug.BuildInfo
		want string
	}{
		// go install github.com/aovpnlint/aovpnlint/cmd/aovpnlint@v1.2.3
		{&debug.BuildInfo{Main: debug.Module{Path: "github.com/aovpnlint/aovpnlint", Version: "v1.2.3"}}, "v1.2.3"},
		// @main or @<commit>: a pseudo-version.
		{&debug.BuildInfo{Main: debug.Module{Path: "github.com/aovpnlint/aovpnlint", Version: "v0.0.0-20260601120000-abcdef123456"}}, "v0.0.0-20260601120000-abcdef123456"},
		{&debug.BuildInfo{Main: debug.Module{Path: "github.com/aovpnlint/aovpnlint", Version: "(devel)"}}, "(devel)"},
		{&debug.BuildInfo{}, "(devel)"},
		{nil, "(devel)"},
	} {
		if got := buildVersion(c.bi); got != c.want {
			t.Errorf("buildVersion(%+v) = %q, want %q", c.bi, got, c.want)
		}
	}
}

func TestVersionCommand(t *testing.T) {
	code, out, errOut := runCLI(t, "", "version")
	if code != exitClean || out != "aovpnlint "+toolVersion()+"\n" || errOut != "" {
		t.Errorf("version: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	// A release build's -ldflags "-X main.version=…" wins over the build info.
	old := version
	t.Cleanup(func() { version = old })
	version = "v9.8.7"
	if _, out, _ := runCLI(t, "", "version"); out != "aovpnlint v9.8.7\n" {
		t.Errorf("with main.version set: %q", out)
	}
}

// TestGoInstallable checks what `go install
// github.com/aovpnlint/aovpnlint/cmd/aovpnlint@latest` needs: go.mod declares
// that module path, has no replace or exclude directive (go install with a
// version refuses a main module that has one), and cmd/aovpnlint is a main
// package, so the installed command is named aovpnlint.
func TestGoInstallable(t *testing.T) {
	f, err := os.Open(repo(t, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var module string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 {
			continue
		}
		switch fields[0] {
		case "module":
			module = strings.Trim(fields[1], `"`)
		case "replace", "exclude":
			t.Errorf("go.mod has a %s directive: `go install …@version` would refuse it", fields[0])
		}
	}
	if module != "github.com/aovpnlint/aovpnlint" {
		t.Errorf("module %q", module)
	}
	main, err := os.ReadFile(repo(t, "cmd/aovpnlint/main.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(main), "\npackage main\n") || !strings.Contains(string(main), "func main()") {
		t.Errorf("cmd/aovpnlint/main.go is not a main package")
	}
	readme, err := os.ReadFile(repo(t, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), "go install "+module+"/cmd/aovpnlint@latest") {
		t.Errorf("README does not show go install %s/cmd/aovpnlint@latest", module)
	}
}
