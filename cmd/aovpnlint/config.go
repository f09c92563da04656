package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/rules"
)

// applyConfig reads the config file (--config, or the .aovpnlint.yaml found
// from the scan root up; none with --no-config) and puts its settings under
// the command line's (docs/config.md):
//
//   - fail-on and expiry-warning: the flag, when given, wins; a given
//     --fail-on also replaces every override's fail-on;
//   - trust, vpn-certs, nps-certs, server-names, exclude: the file's and the
//     flags' together;
//   - enable and disable: weighed with the flags' patterns by specificity,
//     the flag winning a tie (lint.Options.Overrides);
//   - severity, overrides and suppress exist only in the file.
//
// It returns exitClean, or exitUsage after printing what is wrong.
func applyConfig(fs *pflag.FlagSet, file string, noConfig bool, opts *lint.Options, failOn *lint.Severity, stderr io.Writer) int {
	logf := opts.Log
	if logf == nil {
		logf = func(string, ...any) {}
	}
	if noConfig {
		if file != "" {
			return usageError(stderr, errors.New("--config and --no-config exclude each other"))
		}
		logf("config: none (--no-config)")
		return exitClean
	}
	if file == "" {
		start := "."
		if len(opts.Paths) > 0 {
			start = opts.Paths[0]
		}
		found, err := lint.FindConfig(start)
		if err != nil {
			return usageError(stderr, fmt.Errorf("config: %w", err))
		}
		if found == "" {
			logf("config: none found (looked for %s from %s up to the repository root)", lint.ConfigNames[0], start)
			return exitClean
		}
		file = found
	}
	cfg, err := lint.LoadConfig(file, rules.All())
	if err != nil {
		for line := range strings.SplitSeq(err.Error(), "\n") {
			fmt.Fprintf(stderr, "aovpnlint: %s\n", line)
		}
		return exitUsage
	}
	logf("config: %s", cfg.Path)

	if cfg.FailOn != nil && !fs.Changed("fail-on") {
		*failOn = *cfg.FailOn
	}
	if cfg.ExpiryWarning != nil && !fs.Changed("expiry-warning") {
		opts.ExpiryWarning = *cfg.ExpiryWarning
	}
	opts.Trust = append(cfg.Trust, opts.Trust...)
	opts.VPNCerts = append(cfg.VPNCerts, opts.VPNCerts...)
	opts.NPSCerts = append(cfg.NPSCerts, opts.NPSCerts...)
	opts.ServerNames = append(cfg.ServerNames, opts.ServerNames...)
	opts.ConfigDir = cfg.Dir
	opts.ConfigExclude = cfg.Exclude
	opts.Suppress = cfg.Suppress
	opts.Overrides = cfg.RuleSettings()
	if fs.Changed("fail-on") {
		for i := range opts.Overrides {
			opts.Overrides[i].FailOn = nil
		}
	}
	return exitClean
}
