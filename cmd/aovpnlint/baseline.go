package main

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"github.com/aovpnlint/aovpnlint/lint"
)

// readBaseline reads the --baseline file into opts; "" reads nothing. It
// returns exitUsage when the file cannot be read or is no baseline.
func readBaseline(path string, opts *lint.Options, stderr io.Writer) int {
	if path == "" {
		return exitClean
	}
	f, err := os.Open(path)
	if err != nil {
		return usageError(stderr, fmt.Errorf("--baseline: %w", err))
	}
	defer f.Close()
	if opts.Baseline, err = lint.ReadBaseline(f); err != nil {
		return usageError(stderr, fmt.Errorf("--baseline %s: %w", path, err))
	}
	return exitClean
}

// writeBaseline writes the findings that nothing but a baseline suppressed
// to path (--write-baseline). Writing a baseline accepts the findings, so
// the run exits 0 unless a path could not be read: a baseline of part of
// the scan is not written.
func writeBaseline(path string, res *lint.Result, code int, stderr io.Writer) int {
	if code == exitUsage {
		fmt.Fprintf(stderr, "aovpnlint: --write-baseline: %s not written, as not every path could be read\n", path)
		return exitUsage
	}
	b := lint.NewBaseline(res)
	var buf bytes.Buffer
	if err := b.Write(&buf); err != nil {
		fmt.Fprintf(stderr, "aovpnlint: --write-baseline: %v\n", err)
		return exitUsage
	}
	// Created like the -o report: the baseline is committed and read by all.
	f, err := os.Create(path)
	if err == nil {
		_, err = f.Write(buf.Bytes())
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "aovpnlint: --write-baseline: %v\n", err)
		return exitUsage
	}
	n := "findings"
	if len(b.Entries) == 1 {
		n = "finding"
	}
	fmt.Fprintf(stderr, "aovpnlint: wrote %d %s to the baseline %s\n", len(b.Entries), n, path)
	return exitClean
}
