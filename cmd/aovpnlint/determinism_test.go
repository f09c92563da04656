package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestDeterminism (issue 7): the CLI writes the same bytes for the same
// input whatever the scheduling: run after run, with GOMAXPROCS 1 (one
// worker) and 8 (more workers than cores, so goroutines interleave
// differently), in every format, over the example deployment and over all
// the rule fixtures as one tree. The outputs hold no absolute path of the
// machine and no time but --now.
func TestDeterminism(t *testing.T) {
	root := repo(t, "testdata")
	t.Chdir(root)
	before := runtime.GOMAXPROCS(0)
	t.Cleanup(func() { runtime.GOMAXPROCS(before) })

	type variant struct {
		name     string
		procs    int  // 0: as the test started
		shuffled bool // the target's entries as arguments, in reverse order
	}
	// Every format over the example deployment: with GOMAXPROCS 8 and 1,
	// and with the folder's entries as arguments, last first (files are
	// loaded in path order, whatever the order of the arguments). JSON and
	// SARIF, the formats that could carry a clock time, also run twice in
	// different seconds. All the rule fixtures as one tree (seconds per run,
	// and their cross-checks relate findings to the first of many profiles)
	// in JSON, the fullest format.
	base := []variant{{"GOMAXPROCS=8", 8, false}, {"GOMAXPROCS=1", 1, false}, {"entries in reverse order, GOMAXPROCS=8", 8, true}}
	clock := []variant{{"default", 0, false}, {"default again", 0, false}}
	cases := []struct {
		target string
		wide   []variant // every format
		json   []variant // json and sarif only, besides
	}{
		{"examples", base, clock},
		{"rules", nil, base},
	}
	if testing.Short() {
		cases = cases[:1] // the race detector's run in .ci/run
	}
	for _, c := range cases {
		t.Run(c.target, func(t *testing.T) {
			if _, err := os.Stat(c.target); err != nil {
				t.Fatal(err)
			}
			for _, format := range allFormats {
				vs := c.wide
				if format == "json" || format == "sarif" && c.wide != nil {
					vs = append(vs[:len(vs):len(vs)], c.json...)
				}
				if len(vs) < 2 {
					continue
				}
				t.Run(format, func(t *testing.T) {
					var first string
					for i, v := range vs {
						if v.procs > 0 {
							runtime.GOMAXPROCS(v.procs)
						} else {
							runtime.GOMAXPROCS(before)
						}
						if v.name == "default again" {
							// in another second than the run before, so
							// that a clock time in the output differs
							waitNextSecond()
						}
						args := []string{"check", "-f", format, "--now", fixedNow, c.target}
						if v.shuffled {
							args = append(args[:len(args)-1], reversedEntries(t, c.target)...)
						}
						code, out, errOut := runCLI(t, "", args...)
						runtime.GOMAXPROCS(before)
						if code != exitFail && code != exitClean {
							t.Fatalf("%s: exit %d: %s", v.name, code, errOut)
						}
						if out == "" {
							t.Fatalf("%s: no output", v.name)
						}
						if i == 0 {
							first = out
							checkMachineFree(t, format, out, root)
							continue
						}
						if out != first {
							t.Errorf("%s %s: the output with %s differs from the one with %s: %s",
								c.target, format, v.name, vs[0].name, firstDiff(first, out))
						}
					}
				})
			}
		})
	}
}

// reversedEntries lists a folder's entries, last first.
func reversedEntries(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) < 2 {
		t.Fatalf("%s: %d entries, %v", dir, len(entries), err)
	}
	var paths []string
	for _, e := range slices.Backward(entries) {
		paths = append(paths, filepath.Join(dir, e.Name()))
	}
	return paths
}

// waitNextSecond sleeps until the wall clock enters the next second.
func waitNextSecond() {
	now := time.Now()
	time.Sleep(now.Truncate(time.Second).Add(time.Second).Sub(now) + time.Millisecond)
}

// checkMachineFree fails when an output holds an absolute path of this
// machine or today's date (the only time allowed is --now, 2026-06-01, and
// the dates of the certificates).
func checkMachineFree(t *testing.T, format, out, root string) {
	t.Helper()
	wd, _ := os.Getwd()
	home, _ := os.UserHomeDir()
	paths := []string{root, filepath.Dir(filepath.Dir(root)), wd, os.TempDir() + string(filepath.Separator)}
	if home != "" && home != "/" {
		paths = append(paths, home+string(filepath.Separator))
	}
	for _, p := range paths {
		for _, form := range []string{p, filepath.ToSlash(p), strings.ReplaceAll(p, `\`, `\\`)} {
			if i := strings.Index(out, form); i >= 0 && len(form) > 1 {
				t.Errorf("the %s output holds the absolute path %q: …%s…", format, form, excerpt(out, i, len(form)))
				break
			}
		}
	}
	if strings.Contains(out, "file:///") || strings.Contains(out, "file://"+filepath.ToSlash(root)) {
		t.Errorf("the %s output holds a file:// URI of the machine", format)
	}
	nowDate := fixedNow[:10]
	for _, ts := range []time.Time{time.Now().UTC(), time.Now()} {
		for _, layout := range []string{"2006-01-02", "2006/01/02", "01/02/2006", "Jan 2, 2006", "2 Jan 2006"} {
			d := ts.Format(layout)
			if ts.Format("2006-01-02") == nowDate {
				continue // today is --now: nothing to tell apart
			}
			if i := strings.Index(out, d); i >= 0 {
				t.Errorf("the %s output holds today's date %q (the clock, not --now): …%s…", format, d, excerpt(out, i, len(d)))
			}
		}
	}
}

func excerpt(s string, i, n int) string {
	return s[max(0, i-80):min(len(s), i+n+40)]
}

// firstDiff shows the first line where two outputs differ.
func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, clip(la[i]), clip(lb[i]))
		}
	}
	return fmt.Sprintf("%d lines against %d (%d against %d bytes)", len(la), len(lb), len(a), len(b))
}

func clip(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}
