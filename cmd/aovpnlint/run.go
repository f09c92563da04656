package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/report"
	"github.com/aovpnlint/aovpnlint/rules"
)

// Exit codes (DESIGN.md).
const (
	exitClean = 0 // no finding at or above the fail level
	exitFail  = 1 // findings at or above the fail level
	exitUsage = 2 // usage or I/O error
)

// version is set by the release build (-ldflags "-X main.version=v1.2.3");
// otherwise it comes from the module's build info.
var version = ""

func toolVersion() string {
	if version != "" {
		return version
	}
	bi, _ := debug.ReadBuildInfo()
	return buildVersion(bi)
}

const usage = `aovpnlint lints Windows Always On VPN deployments before they ship.

Usage:
  aovpnlint [check] [flags] [PATH...]      lint files and folders (default: .)
  aovpnlint rules [--format text|json|markdown]
  aovpnlint explain RULE-ID|WINDOWS-ERROR  (e.g. VPN201, 13801, 0x800B0109, 812)
  aovpnlint explain nps:REASON-CODE        NPS log Reason-Code (e.g. nps:66, NPS-66)
  aovpnlint explain --all [--format text|markdown]
  aovpnlint nps-log [--format text|json|csv] FILE...
  aovpnlint version

Run 'aovpnlint check --help' for the check flags.
`

// run is the whole program; main only exits with its result.
func run(args []string, stdout, stderr io.Writer) int {
	cmd := "check"
	if len(args) > 0 {
		switch args[0] {
		case "check", "rules", "explain", "nps-log", "version":
			cmd, args = args[0], args[1:]
		case "help", "-h", "--help":
			fmt.Fprint(stdout, usage)
			return exitClean
		}
	}
	switch cmd {
	case "rules":
		return runRules(args, stdout, stderr)
	case "explain":
		return runExplain(args, stdout, stderr)
	case "nps-log":
		return runNPSLog(args, stdout, stderr)
	case "version":
		fmt.Fprintf(stdout, "aovpnlint %s\n", toolVersion())
		return exitClean
	}
	return runCheck(args, stdout, stderr)
}

type checkFlags struct {
	format, output, failOn, now string
	trust, serverNames          []string
	npsCerts, vpnCerts          []string
	expiryWarning               string
	enable, disable, exclude    []string
	quiet, verbose              bool
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	var c checkFlags
	fs := pflag.NewFlagSet("check", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVarP(&c.format, "format", "f", "text", "output format: text, json, sarif, github, junit or gitlab")
	sarifCategory := fs.String("sarif-category", "", "with --format sarif: code-scanning `CATEGORY` written as automationDetails.id (\"/\" appended)")
	fs.StringVarP(&c.output, "output", "o", "", "write the report to `FILE` instead of standard output")
	fs.StringVar(&c.failOn, "fail-on", "warning", "exit 1 when a finding is at or above this `level`: error, warning, note or none")
	fs.StringVar(&c.now, "now", "", "evaluate at this `RFC3339` time instead of the clock (reproducible runs)")
	fs.StringArrayVar(&c.trust, "trust", nil, "root certificate `FILE` the clients trust (repeatable)")
	fs.StringArrayVar(&c.npsCerts, "nps-cert", nil, "NPS server certificate `FILE`, when no EAP ServerNames entry names it (repeatable)")
	fs.StringArrayVar(&c.vpnCerts, "vpn-cert", nil, "IKEv2 VPN server certificate `FILE`, when neither Servers nor its EKUs identify it (repeatable)")
	fs.StringVar(&c.expiryWarning, "expiry-warning", "30d", "warn about certificates that expire within this `PERIOD` (30d, 72h)")
	fs.StringArrayVar(&c.serverNames, "server-name", nil, "extra expected VPN server `FQDN` (repeatable)")
	fs.StringSliceVar(&c.enable, "enable", nil, "turn on rules by `ID` or prefix (comma-separated, repeatable)")
	fs.StringSliceVar(&c.disable, "disable", nil, "turn off rules by `ID` or prefix, e.g. VPN105,CERT (repeatable)")
	fs.StringArrayVar(&c.exclude, "exclude", nil, "skip paths matching `GLOB` (repeatable)")
	maxFileSize := fs.String("max-file-size", fmt.Sprintf("%dMiB", lint.DefaultMaxFileSize>>20), "do not read files larger than `SIZE` (bytes, or with KiB, MiB, GiB); deployment files over it are reported (LOAD010)")
	fs.BoolVarP(&c.quiet, "quiet", "q", false, "print findings only: no summary, no fix lines")
	fs.BoolVarP(&c.verbose, "verbose", "v", false, "say which files were skipped and why, and which config file was used")
	configFile := fs.String("config", "", "read settings from this config `FILE` instead of the .aovpnlint.yaml found from the scan root up")
	noConfig := fs.Bool("no-config", false, "ignore any config file")
	baselineFile := fs.String("baseline", "", "findings listed in this baseline `FILE` do not fail the run, only new ones do")
	newBaseline := fs.String("write-baseline", "", "write the unsuppressed findings to this baseline `FILE` and exit 0")
	sarifSuppressed := fs.Bool("sarif-include-suppressed", false, "write suppressed findings to SARIF too, with their suppressions (GitHub shows them as open alerts)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: aovpnlint [check] [flags] [PATH...]\n\nFlags:\n%s", fs.FlagUsages())
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return exitClean
		}
		return usageError(stderr, err)
	}
	write, err := reporter(c.format)
	if err != nil {
		return usageError(stderr, err)
	}
	category, err := sarifCategoryFlag(fs, c.format, *sarifCategory)
	if err != nil {
		return usageError(stderr, err)
	}
	failOn, err := lint.ParseSeverity(c.failOn)
	if err != nil {
		return usageError(stderr, fmt.Errorf("--fail-on: %w", err))
	}
	opts := lint.Options{
		Paths: fs.Args(), Enable: c.enable, Disable: c.disable,
		ServerNames: c.serverNames, Exclude: c.exclude, Trust: c.trust, NPSCerts: c.npsCerts, VPNCerts: c.vpnCerts,
	}
	if c.now != "" {
		if opts.Now, err = time.Parse(time.RFC3339, c.now); err != nil {
			return usageError(stderr, fmt.Errorf("--now: want an RFC3339 time such as 2026-01-31T12:00:00Z, got %q", c.now))
		}
	}
	if opts.MaxFileSize, err = parseSize(*maxFileSize); err != nil {
		return usageError(stderr, fmt.Errorf("--max-file-size: %w", err))
	}
	if opts.ExpiryWarning, err = parseDays(c.expiryWarning); err != nil {
		return usageError(stderr, fmt.Errorf("--expiry-warning: %w", err))
	}
	if c.verbose {
		opts.Log = func(format string, args ...any) { fmt.Fprintf(stderr, format+"\n", args...) }
	}
	if code := applyConfig(fs, *configFile, *noConfig, &opts, &failOn, stderr); code != exitClean {
		return code
	}
	if code := readBaseline(*baselineFile, &opts, stderr); code != exitClean {
		return code
	}
	res, err := lint.Run(rules.All(), opts)
	if err != nil {
		return usageError(stderr, err)
	}
	code := exitClean
	for _, e := range res.IOErrors {
		fmt.Fprintf(stderr, "aovpnlint: %v\n", e)
		code = exitUsage
	}
	out := stdout
	ro := report.Options{Version: toolVersion(), Color: c.output == "" && isTerminal(stdout), Quiet: c.quiet}
	ro.SARIFCategory = category
	ro.IncludeSuppressed = *sarifSuppressed
	if c.output != "" {
		f, err := os.Create(c.output)
		if err != nil {
			fmt.Fprintf(stderr, "aovpnlint: %v\n", err)
			return exitUsage
		}
		defer f.Close()
		out = f
	}
	if err := write(out, res, ro); err != nil {
		fmt.Fprintf(stderr, "aovpnlint: writing the report: %v\n", err)
		return exitUsage
	}
	if *newBaseline != "" {
		return writeBaseline(*newBaseline, res, code, stderr)
	}
	if code == exitClean && res.Fails(failOn) {
		code = exitFail
	}
	return code
}

func reporter(format string) (func(io.Writer, *lint.Result, report.Options) error, error) {
	switch strings.ToLower(format) {
	case "text":
		return report.Text, nil
	case "json":
		return report.JSON, nil
	case "sarif":
		return report.SARIF, nil
	case "github":
		return report.GitHub, nil
	case "junit":
		return report.JUnit, nil
	case "gitlab":
		return report.GitLab, nil
	}
	return nil, fmt.Errorf("--format: unknown format %q (want text, json, sarif, github, junit or gitlab)", format)
}

func runRules(args []string, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("rules", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.StringP("format", "f", "text", "output format: text, json or markdown")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return exitClean
		}
		return usageError(stderr, err)
	}
	var err error
	switch strings.ToLower(*format) {
	case "text":
		err = report.RulesText(stdout, rules.All())
	case "json":
		err = report.RulesJSON(stdout, rules.All())
	case "markdown", "md":
		err = report.RulesMarkdown(stdout, rules.All())
	default:
		return usageError(stderr, fmt.Errorf("--format: unknown format %q (want text, json or markdown)", *format))
	}
	if err != nil {
		fmt.Fprintf(stderr, "aovpnlint: %v\n", err)
		return exitUsage
	}
	return exitClean
}

func runExplain(args []string, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("explain", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	all := fs.Bool("all", false, "list every Windows error aovpnlint knows")
	format := fs.String("format", "text", "with --all: text or markdown (docs/windows-errors.md)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return exitClean
		}
		return usageError(stderr, err)
	}
	args = fs.Args()
	if *all {
		return explainAll(*format, stdout, stderr)
	}
	if len(args) != 1 {
		return usageError(stderr, errors.New("explain takes one rule ID or Windows error code, e.g. VPN201 or 13801, or --all"))
	}
	if r := rules.ByID(args[0]); r != nil {
		fmt.Fprintf(stdout, "%s %s (%s)\n%s\n\n", r.ID, r.Name, r.Severity, r.Summary)
		if len(r.WindowsErrors) > 0 {
			fmt.Fprintf(stdout, "Predicts: %s\n\n", strings.Join(r.WindowsErrors, ", "))
		}
		fmt.Fprintf(stdout, "%s\n\nFix: %s\nMore: %s\n", r.Help, r.Fix, r.HelpURI())
		return exitClean
	}
	if n, ok := rules.ParseNPSReasonArg(args[0]); ok {
		return explainNPSReason(n, stdout, stderr)
	}
	e := rules.LookupWindowsError(args[0])
	if e == nil {
		if n, err := strconv.Atoi(args[0]); err == nil && rules.NPSReason(n) != nil {
			return usageError(stderr, fmt.Errorf("%q is no Windows error aovpnlint knows; for the NPS Reason-Code write nps:%d", args[0], n))
		}
		return usageError(stderr, fmt.Errorf("%q is neither a rule ID nor a Windows error aovpnlint knows (see `aovpnlint rules`)", args[0]))
	}
	title := e.Code
	if e.Symbol != "" {
		title += " " + e.Symbol
	}
	fmt.Fprintf(stdout, "%s\n%q\n\n%s.\n\nCauses:\n", title, e.Title, e.Meaning)
	for _, c := range e.Causes {
		fmt.Fprintf(stdout, "  - %s\n", c)
	}
	if rs := rules.Predicting(e.Code); len(rs) > 0 {
		fmt.Fprintf(stdout, "\nRules that detect a cause before deployment:\n")
		for _, r := range rs {
			fmt.Fprintf(stdout, "  %-8s %s\n", r.ID, r.Summary)
		}
	}
	return exitClean
}

// explainAll lists the Windows error index: one line per error in text, or
// docs/windows-errors.md in Markdown.
func explainAll(format string, stdout, stderr io.Writer) int {
	switch format {
	case "markdown":
		if err := report.WindowsErrorsMarkdown(stdout, rules.WindowsErrors, rules.Predicting); err != nil {
			fmt.Fprintf(stderr, "aovpnlint: %v\n", err)
			return exitUsage
		}
		if err := report.NPSReasonsMarkdown(stdout, rules.NPSReasons); err != nil {
			fmt.Fprintf(stderr, "aovpnlint: %v\n", err)
			return exitUsage
		}
	case "text":
		for _, e := range rules.WindowsErrors {
			fmt.Fprintf(stdout, "%-11s %-36s %2d rules  %s\n", e.Code, e.Symbol, len(rules.Predicting(e.Code)), e.Title)
		}
	default:
		return usageError(stderr, fmt.Errorf("--format: unknown format %q (want text or markdown)", format))
	}
	return exitClean
}

func usageError(stderr io.Writer, err error) int {
	fmt.Fprintf(stderr, "aovpnlint: %v\n", err)
	return exitUsage
}

// isTerminal reports whether w is a character device and NO_COLOR is unset.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || os.Getenv("NO_COLOR") != "" {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// parseDays reads a period as days ("30d") or a Go duration ("72h").
func parseDays(s string) (time.Duration, error) {
	if d, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(d)
		if err == nil && n >= 0 {
			return time.Duration(n) * 24 * time.Hour, nil
		}
	} else if d, err := time.ParseDuration(s); err == nil && d >= 0 {
		return d, nil
	}
	return 0, fmt.Errorf("want a period such as 30d or 72h, got %q", s)
}

// parseSize reads a size in bytes, KiB, MiB or GiB ("16MiB", "512KiB", "1048576").
func parseSize(s string) (int64, error) {
	num, unit := s, int64(1)
	for _, u := range []struct {
		suffix string
		n      int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"KB", 1 << 10}, {"MB", 1 << 20}, {"GB", 1 << 30}, {"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}} {
		if n, ok := strings.CutSuffix(s, u.suffix); ok {
			num, unit = n, u.n
			break
		}
	}
	n, err := strconv.ParseInt(strings.TrimSpace(num), 10, 64)
	if err != nil || n <= 0 || n > (1<<62)/unit {
		return 0, fmt.Errorf("want a positive size such as 16MiB, 512KiB or 1048576, got %q", s)
	}
	return n * unit, nil
}
