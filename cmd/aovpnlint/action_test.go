package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// actionFile is the part of a GitHub Action's metadata (action.yml) the tests
// read.
type actionFile struct {
	Name        string                  `yaml:"name"`
	Description string                  `yaml:"description"`
	Author      string                  `yaml:"author"`
	Branding    map[string]string       `yaml:"branding"`
	Inputs      map[string]actionInput  `yaml:"inputs"`
	Outputs     map[string]actionOutput `yaml:"outputs"`
	Runs        struct {
		Using string       `yaml:"using"`
		Steps []actionStep `yaml:"steps"`
	} `yaml:"runs"`
}

type actionInput struct {
	Description string `yaml:"description"`
	Required    bool   `yaml:"required"`
	Default     string `yaml:"default"`
}

type actionOutput struct {
	Description string `yaml:"description"`
	Value       string `yaml:"value"`
}

type actionStep struct {
	Name             string            `yaml:"name"`
	ID               string            `yaml:"id"`
	If               string            `yaml:"if"`
	Uses             string            `yaml:"uses"`
	With             map[string]string `yaml:"with"`
	Shell            string            `yaml:"shell"`
	WorkingDirectory string            `yaml:"working-directory"`
	Env              map[string]string `yaml:"env"`
	Run              string            `yaml:"run"`
}

func readAction(t *testing.T) actionFile {
	t.Helper()
	b, err := os.ReadFile(repo(t, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var a actionFile
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true) // a misspelt key is an error, as GitHub makes it
	if err := dec.Decode(&a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	return a
}

func (a actionFile) step(t *testing.T, pred func(actionStep) bool, what string) actionStep {
	t.Helper()
	i := slices.IndexFunc(a.Runs.Steps, pred)
	if i < 0 {
		t.Fatalf("action.yml has no %s step", what)
	}
	return a.Runs.Steps[i]
}

// How each input reaches aovpnlint: the flag it becomes, or "" for the
// positional paths and the extra arguments. Inputs the action itself uses
// (upload-sarif) are checked separately. A new input must be added here,
// which makes its author wire it and test it.
var actionInputFlags = map[string]string{
	"paths":          "",
	"fail-on":        "--fail-on",
	"config":         "--config",
	"sarif-category": "--sarif-category",
	"args":           "",
	"sarif-file":     "--output",
}

var actionOnlyInputs = []string{"upload-sarif"}

var inputExpr = regexp.MustCompile(`^\$\{\{\s*inputs\.([a-z-]+)\s*\}\}$`)

// checkFlags returns the long flags `aovpnlint check` accepts, read from its
// --help.
func checkFlagNames(t *testing.T) []string {
	t.Helper()
	code, _, help := runCLI(t, "", "check", "--help")
	if code != exitClean {
		t.Fatalf("check --help exited %d", code)
	}
	var names []string
	for _, m := range regexp.MustCompile(`(?m)^\s+(?:-\w, )?--([a-z][a-z0-9-]*)`).FindAllStringSubmatch(help, -1) {
		names = append(names, "--"+m[1])
	}
	if !slices.Contains(names, "--format") || !slices.Contains(names, "--fail-on") {
		t.Fatalf("could not read the flags from check --help:\n%s", help)
	}
	return names
}

func TestActionMetadata(t *testing.T) {
	a := readAction(t)
	if a.Name == "" || a.Description == "" || a.Runs.Using != "composite" {
		t.Errorf("name %q, description %q, runs.using %q", a.Name, a.Description, a.Runs.Using)
	}
	for name, in := range a.Inputs {
		if in.Description == "" {
			t.Errorf("input %s has no description", name)
		}
		if _, ok := actionInputFlags[name]; !ok && !slices.Contains(actionOnlyInputs, name) {
			t.Errorf("input %s is not wired: add it to actionInputFlags or actionOnlyInputs and test it", name)
		}
	}
	for name := range actionInputFlags {
		if _, ok := a.Inputs[name]; !ok {
			t.Errorf("action.yml lacks the input %s", name)
		}
	}
	for _, s := range a.Runs.Steps {
		if s.Run != "" && s.Shell == "" {
			t.Errorf("step %q runs a script without a shell (composite actions need one)", s.Name)
		}
		// Expressions belong in env:, never in the script, where an input
		// could inject shell code.
		if strings.Contains(s.Run, "${{") {
			t.Errorf("step %q has an expression in its script", s.Name)
		}
	}

	// aovpnlint is built from the action's own source, at its version.
	setup := a.step(t, func(s actionStep) bool { return strings.HasPrefix(s.Uses, "actions/setup-go@") }, "actions/setup-go")
	if setup.With["go-version-file"] != "${{ github.action_path }}/go.mod" {
		t.Errorf("setup-go go-version-file %q", setup.With["go-version-file"])
	}
	build := a.step(t, func(s actionStep) bool { return strings.Contains(s.Run, "go build") }, "build")
	if build.WorkingDirectory != "${{ github.action_path }}" || !strings.Contains(build.Run, "./cmd/aovpnlint") || !strings.Contains(build.Run, "GITHUB_PATH") {
		t.Errorf("build step: working-directory %q, script\n%s", build.WorkingDirectory, build.Run)
	}
	if _, err := os.Stat(repo(t, "cmd/aovpnlint/main.go")); err != nil {
		t.Error(err)
	}

	// The SARIF goes to code scanning even when the lint step reports
	// findings, and only when the input allows it.
	lint := a.step(t, func(s actionStep) bool { return s.ID == "lint" }, "lint")
	upload := a.step(t, func(s actionStep) bool { return strings.HasPrefix(s.Uses, "github/codeql-action/upload-sarif@") }, "upload-sarif")
	if !strings.Contains(upload.If, "always()") || !strings.Contains(upload.If, "inputs.upload-sarif == 'true'") ||
		upload.With["sarif_file"] != "${{ steps.lint.outputs.sarif-file }}" {
		t.Errorf("upload step: if %q, with %v", upload.If, upload.With)
	}
	// The last step fails the job with aovpnlint's exit code.
	last := a.Runs.Steps[len(a.Runs.Steps)-1]
	if last.If != "steps.lint.outputs.exit-code != '0'" || last.Env["AOVPNLINT_EXIT_CODE"] != "${{ steps.lint.outputs.exit-code }}" ||
		!strings.Contains(last.Run, `exit "$AOVPNLINT_EXIT_CODE"`) {
		t.Errorf("last step does not fail the job by the exit code: %+v", last)
	}
	if i, j := slices.IndexFunc(a.Runs.Steps, func(s actionStep) bool { return s.ID == "lint" }), slices.IndexFunc(a.Runs.Steps, func(s actionStep) bool { return s.Uses == upload.Uses }); i > j {
		t.Errorf("upload runs before lint")
	}
	for name, out := range a.Outputs {
		if out.Description == "" || !strings.HasPrefix(out.Value, "${{ steps.lint.outputs.") {
			t.Errorf("output %s: %+v", name, out)
		}
	}

	// Every input the lint step reads comes in through env.
	for env, v := range lint.Env {
		m := inputExpr.FindStringSubmatch(v)
		if m == nil {
			t.Errorf("lint step env %s = %q, want ${{ inputs.NAME }}", env, v)
			continue
		}
		if _, ok := a.Inputs[m[1]]; !ok {
			t.Errorf("lint step env %s reads the unknown input %s", env, m[1])
		}
	}
}

// TestActionPassesInputs runs the action's lint script with bash and an
// aovpnlint stub that records its arguments, and checks that every input
// reaches the command as its flag, that every flag it passes exists in the
// CLI, and what the step writes to $GITHUB_OUTPUT.
func TestActionPassesInputs(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	a := readAction(t)
	lint := a.step(t, func(s actionStep) bool { return s.ID == "lint" }, "lint")
	flags := checkFlagNames(t)

	type invocation []string
	runStep := func(t *testing.T, inputs map[string]string, exitCode string) ([]invocation, map[string]string) {
		t.Helper()
		dir := t.TempDir()
		bin := filepath.Join(dir, "bin")
		if err := os.Mkdir(bin, 0o755); err != nil {
			t.Fatal(err)
		}
		// The stub writes each invocation's arguments, one per line, then a
		// blank line; with --output it writes the file, as aovpnlint does.
		stub := `#!/usr/bin/env bash
for a in "$@"; do printf '%s\n' "$a" >> "$STUB_LOG"; done
printf '\n' >> "$STUB_LOG"
prev=""
for a in "$@"; do
  if [ "$prev" = "--output" ]; then printf '{}' > "$a"; fi
  prev=$a
done
for a in "$@"; do [ "$a" = "sarif" ] && exit "$STUB_EXIT"; done
exit 0
`
		if err := os.WriteFile(filepath.Join(bin, "aovpnlint"), []byte(stub), 0o755); err != nil {
			t.Fatal(err)
		}
		script := filepath.Join(dir, "lint.sh")
		if err := os.WriteFile(script, []byte(lint.Run), 0o644); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dir, "github_output")
		log := filepath.Join(dir, "stub.log")
		env := []string{
			"PATH=" + bin + string(os.PathListSeparator) + os.Getenv("PATH"),
			"GITHUB_OUTPUT=" + out, "STUB_LOG=" + log, "STUB_EXIT=" + exitCode,
		}
		for k, v := range lint.Env {
			name := inputExpr.FindStringSubmatch(v)[1]
			val, ok := inputs[name]
			if !ok {
				val = a.Inputs[name].Default
			}
			env = append(env, k+"="+val)
		}
		// As GitHub runs a composite step's bash script.
		cmd := exec.Command(bash, "--noprofile", "--norc", "-eo", "pipefail", script)
		cmd.Dir = dir
		cmd.Env = env
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("lint step failed: %v\n%s", err, b)
		}
		logText, _ := os.ReadFile(log)
		var calls []invocation
		for _, block := range strings.Split(strings.TrimSuffix(string(logText), "\n\n"), "\n\n") {
			if block != "" {
				calls = append(calls, strings.Split(block, "\n"))
			}
		}
		outputs := map[string]string{}
		outText, _ := os.ReadFile(out)
		for _, line := range strings.Split(strings.TrimSpace(string(outText)), "\n") {
			if k, v, ok := strings.Cut(line, "="); ok {
				outputs[k] = v
			}
		}
		return calls, outputs
	}
	// split returns the flags before "--" as flag → value (flags that take
	// no value map to ""), the arguments after it, and checks every flag
	// against the CLI.
	split := func(t *testing.T, call invocation) (map[string]string, []string) {
		t.Helper()
		if len(call) == 0 || call[0] != "check" {
			t.Fatalf("invocation %q does not start with check", call)
		}
		dash := slices.Index(call, "--")
		if dash < 0 {
			t.Fatalf("invocation %q has no -- before the paths", call)
		}
		got := map[string]string{}
		args := call[1:dash]
		for i := 0; i < len(args); i++ {
			f := args[i]
			if !strings.HasPrefix(f, "--") {
				t.Errorf("invocation %q: %q is not a flag", call, f)
				continue
			}
			if !slices.Contains(flags, f) {
				t.Errorf("the action passes %s, which aovpnlint check does not have", f)
			}
			if i+1 < len(args) && !strings.HasPrefix(args[i+1], "--") {
				got[f] = args[i+1]
				i++
			} else {
				got[f] = ""
			}
		}
		return got, call[dash+1:]
	}

	t.Run("all inputs", func(t *testing.T) {
		inputs := map[string]string{
			"paths":          "profiles certs/vpn.pem\nintune export",
			"fail-on":        "error",
			"config":         "ci/aovpnlint.yaml",
			"sarif-category": "aovpnlint/prod",
			"args":           "--trust certs/root.pem\n--expiry-warning 60d",
			"sarif-file":     "out/results.sarif",
		}
		calls, outputs := runStep(t, inputs, "1")
		if len(calls) != 2 {
			t.Fatalf("%d invocations, want the SARIF run and the text run: %q", len(calls), calls)
		}
		sarif, paths := split(t, calls[0])
		want := map[string]string{
			"--format": "sarif", "--output": "out/results.sarif", "--fail-on": "error",
			"--config": "ci/aovpnlint.yaml", "--sarif-category": "aovpnlint/prod",
			"--trust": "certs/root.pem", "--expiry-warning": "60d",
		}
		for f, v := range want {
			if sarif[f] != v {
				t.Errorf("SARIF run: %s = %q, want %q (%q)", f, sarif[f], v, calls[0])
			}
		}
		if wantPaths := []string{"profiles", "certs/vpn.pem", "intune", "export"}; !slices.Equal(paths, wantPaths) {
			t.Errorf("paths %q, want %q", paths, wantPaths)
		}
		// Every input that is a flag reached the command as that flag.
		for in, f := range actionInputFlags {
			if f != "" && sarif[f] != inputs[in] {
				t.Errorf("input %s = %q did not reach %s (got %q)", in, inputs[in], f, sarif[f])
			}
		}
		// The text run for the log: the same config, extra flags and paths,
		// never failing.
		text, textPaths := split(t, calls[1])
		if text["--format"] != "text" || text["--fail-on"] != "none" || text["--config"] != "ci/aovpnlint.yaml" ||
			text["--trust"] != "certs/root.pem" || !slices.Equal(textPaths, paths) {
			t.Errorf("text run %q", calls[1])
		}
		if _, ok := text["--output"]; ok {
			t.Errorf("text run writes a file: %q", calls[1])
		}
		if outputs["exit-code"] != "1" || outputs["sarif-file"] != "out/results.sarif" || outputs["sarif-written"] != "true" {
			t.Errorf("outputs %v", outputs)
		}
	})

	t.Run("defaults", func(t *testing.T) {
		calls, outputs := runStep(t, nil, "0")
		if len(calls) != 2 {
			t.Fatalf("%d invocations: %q", len(calls), calls)
		}
		sarif, paths := split(t, calls[0])
		for _, f := range []string{"--config", "--sarif-category"} {
			if _, ok := sarif[f]; ok {
				t.Errorf("an empty input still passed %s: %q", f, calls[0])
			}
		}
		if sarif["--fail-on"] != a.Inputs["fail-on"].Default || sarif["--output"] != a.Inputs["sarif-file"].Default || !slices.Equal(paths, []string{"."}) {
			t.Errorf("defaults: %q", calls[0])
		}
		if outputs["exit-code"] != "0" {
			t.Errorf("outputs %v", outputs)
		}
	})

	t.Run("usage error", func(t *testing.T) {
		// Exit 2: recorded, and no second run.
		calls, outputs := runStep(t, nil, "2")
		if len(calls) != 1 || outputs["exit-code"] != "2" {
			t.Errorf("%d invocations, outputs %v", len(calls), outputs)
		}
	})

	t.Run("fail step", func(t *testing.T) {
		last := a.Runs.Steps[len(a.Runs.Steps)-1]
		for _, code := range []string{"1", "2"} {
			cmd := exec.Command(bash, "--noprofile", "--norc", "-eo", "pipefail", "-c", last.Run)
			cmd.Env = []string{"AOVPNLINT_EXIT_CODE=" + code, "AOVPNLINT_FAIL_ON=warning"}
			out, err := cmd.CombinedOutput()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != int(code[0]-'0') || !strings.HasPrefix(string(out), "::error title=aovpnlint::") {
				t.Errorf("exit code %s: %v, output %q", code, err, out)
			}
		}
	})
}

// TestWorkflowExample checks docs/ci/github-workflow.yml: it parses, uses the
// action only with inputs the action has, and grants what upload-sarif needs.
func TestWorkflowExample(t *testing.T) {
	a := readAction(t)
	b, err := os.ReadFile(repo(t, "docs/ci/github-workflow.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var wf struct {
		On   any `yaml:"on"`
		Jobs map[string]struct {
			Permissions map[string]string `yaml:"permissions"`
			Steps       []actionStep      `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(b, &wf); err != nil {
		t.Fatalf("docs/ci/github-workflow.yml: %v", err)
	}
	used := false
	for name, job := range wf.Jobs {
		for _, s := range job.Steps {
			if !strings.HasPrefix(s.Uses, "aovpnlint/aovpnlint@") {
				continue
			}
			used = true
			for k := range s.With {
				if _, ok := a.Inputs[k]; !ok {
					t.Errorf("job %s passes the unknown input %s", name, k)
				}
			}
			if job.Permissions["security-events"] != "write" {
				t.Errorf("job %s uploads SARIF without permissions: security-events: write", name)
			}
		}
	}
	if !used || wf.On == nil {
		t.Errorf("the example does not use aovpnlint/aovpnlint@... in a workflow")
	}
}

// preCommitKeys are the keys pre-commit knows in .pre-commit-hooks.yaml.
var preCommitKeys = []string{
	"id", "name", "entry", "language", "files", "exclude", "types", "types_or", "exclude_types",
	"always_run", "fail_fast", "verbose", "pass_filenames", "require_serial", "description",
	"language_version", "minimum_pre_commit_version", "args", "stages",
}

func TestPreCommitHook(t *testing.T) {
	b, err := os.ReadFile(repo(t, ".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var hooks []map[string]any
	if err := yaml.Unmarshal(b, &hooks); err != nil {
		t.Fatalf(".pre-commit-hooks.yaml: %v", err)
	}
	if len(hooks) != 1 {
		t.Fatalf("%d hooks, want 1", len(hooks))
	}
	h := hooks[0]
	for k := range h {
		if !slices.Contains(preCommitKeys, k) {
			t.Errorf("unknown hook key %q", k)
		}
	}
	if h["id"] != "aovpnlint" || h["name"] == "" || h["language"] != "golang" || h["pass_filenames"] != false {
		t.Errorf("hook %v", h)
	}
	// language: golang runs `go install ./...` in the repository: the entry
	// must be the command that installs, i.e. cmd/aovpnlint's directory name,
	// and what follows it must be arguments aovpnlint accepts.
	entry, _ := h["entry"].(string)
	fields := strings.Fields(entry)
	if len(fields) == 0 || fields[0] != filepath.Base(repo(t, "cmd/aovpnlint")) {
		t.Errorf("entry %q does not run the aovpnlint command", entry)
	}
	if code, _, errOut := runCLI(t, t.TempDir(), append(fields[1:], "--fail-on", "none")...); code != exitClean {
		t.Errorf("entry %q fails on an empty folder: exit %d, %s", entry, code, errOut)
	}
	// files: Python's re and Go's RE2 agree on this subset.
	files, _ := h["files"].(string)
	re, err := regexp.Compile(files)
	if err != nil {
		t.Fatalf("files %q: %v", files, err)
	}
	for _, p := range []string{
		"profiles/user-tunnel.xml", "VPN_Profile.ps1", "scripts/Deploy.PS1", "intune/backup/vpn.json",
		"dumps/wmi.txt", "certs/root.pem", "certs/Root.CER", "certs/vpn.crt", "certs/chain.p7b",
		"certs/client.pfx", ".aovpnlint.yaml", "sub/.aovpnlint.yml",
	} {
		if !re.MatchString(p) {
			t.Errorf("files does not match %s", p)
		}
	}
	for _, p := range []string{"main.go", "README.md", "Makefile", "docs/aovpnlint.yaml.md", "x.xml.bak"} {
		if re.MatchString(p) {
			t.Errorf("files matches %s", p)
		}
	}
}

// checkCommands checks every `aovpnlint check` command in a CI example's
// script: each flag exists in the CLI, and each --format is one it knows. It
// returns the --output file of each format.
func checkCommands(t *testing.T, name, script string) map[string]string {
	t.Helper()
	flags := checkFlagNames(t)
	outputs := map[string]string{}
	script = strings.ReplaceAll(script, "\\\n", " ")
	for _, line := range strings.Split(script, "\n") {
		i := strings.Index(line, "aovpnlint check")
		if i < 0 {
			continue
		}
		fields := strings.Fields(line[i:])
		format := "text"
		for j, f := range fields {
			if !strings.HasPrefix(f, "--") {
				continue
			}
			if !slices.Contains(flags, f) {
				t.Errorf("%s: %s is not an aovpnlint check flag: %s", name, f, line)
			}
			if j+1 < len(fields) {
				switch f {
				case "--format":
					format = fields[j+1]
					if _, err := reporter(format); err != nil {
						t.Errorf("%s: %v", name, err)
					}
				case "--output":
					outputs[format] = strings.Trim(fields[j+1], `"`)
				}
			}
		}
	}
	if len(outputs) == 0 {
		t.Errorf("%s runs no aovpnlint check with --output", name)
	}
	return outputs
}

// TestCIExamples checks docs/ci/azure-pipelines.yml and docs/ci/gitlab-ci.yml:
// they parse, their aovpnlint commands use real flags and formats, and the
// reports they publish are the files those commands write.
func TestCIExamples(t *testing.T) {
	read := func(name string, v any) {
		t.Helper()
		b, err := os.ReadFile(repo(t, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := yaml.Unmarshal(b, v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}

	var azure struct {
		Steps []struct {
			Script    string            `yaml:"script"`
			Task      string            `yaml:"task"`
			Condition string            `yaml:"condition"`
			Inputs    map[string]string `yaml:"inputs"`
		} `yaml:"steps"`
	}
	read("docs/ci/azure-pipelines.yml", &azure)
	var script strings.Builder
	tasks := map[string]map[string]string{}
	for _, s := range azure.Steps {
		script.WriteString(s.Script + "\n")
		if s.Task != "" {
			tasks[s.Task] = s.Inputs
			if s.Task != "GoTool@0" && s.Condition != "succeededOrFailed()" {
				t.Errorf("azure: %s does not run after findings (condition %q)", s.Task, s.Condition)
			}
		}
	}
	vars := strings.NewReplacer("$(Build.ArtifactStagingDirectory)", "STAGING", "$(Common.TestResultsDirectory)", "TESTRESULTS")
	out := checkCommands(t, "azure", vars.Replace(script.String()))
	if art := tasks["PublishBuildArtifacts@1"]; art["ArtifactName"] != "CodeAnalysisLogs" ||
		out["sarif"] != vars.Replace(art["PathtoPublish"])+"/aovpnlint.sarif" {
		t.Errorf("azure: SARIF %q is not at the root of the CodeAnalysisLogs artifact %v", out["sarif"], art)
	}
	if tr := tasks["PublishTestResults@2"]; tr["testResultsFormat"] != "JUnit" ||
		out["junit"] != vars.Replace(tr["searchFolder"])+"/"+tr["testResultsFiles"] {
		t.Errorf("azure: JUnit %q is not what PublishTestResults reads: %v", out["junit"], tr)
	}

	var gitlab map[string]struct {
		Script    []string `yaml:"script"`
		Artifacts struct {
			When    string            `yaml:"when"`
			Reports map[string]string `yaml:"reports"`
		} `yaml:"artifacts"`
	}
	read("docs/ci/gitlab-ci.yml", &gitlab)
	job, ok := gitlab["aovpnlint"]
	if !ok {
		t.Fatalf("gitlab: no aovpnlint job")
	}
	out = checkCommands(t, "gitlab", strings.Join(job.Script, "\n"))
	if job.Artifacts.When != "always" || job.Artifacts.Reports["codequality"] != out["gitlab"] || job.Artifacts.Reports["junit"] != out["junit"] {
		t.Errorf("gitlab: reports %v, written %v, when %q", job.Artifacts.Reports, out, job.Artifacts.When)
	}
}
