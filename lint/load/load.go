// Package load finds the inputs of a scan: it walks paths, decodes bytes,
// recognises each file's kind by its content (never by its extension), and
// parses what it recognises into the model, keeping every position in the
// file the user has. It judges nothing; what it cannot read becomes a
// model.Problem for the LOAD rules.
package load

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint/model"
)

// MaxFileSize is the largest file read; larger ones are skipped.
const MaxFileSize = 16 << 20

// Options configure loading.
type Options struct {
	Exclude []string                         // globs matched against the relative path and the base name
	Skip    func(relPath string) bool        // more paths to skip (the config file's excludes); nil skips none
	Log     func(format string, args ...any) // why files were skipped; nil discards
}

// skipDirs are folders that never hold deployment files.
var skipDirs = map[string]bool{".git": true, "node_modules": true, "vendor": true, ".hg": true, ".svn": true}

// Load walks paths and returns the deployment they hold. Paths that cannot be
// read are returned as errors; everything else is still loaded.
func Load(paths []string, opts Options) (*model.Deployment, []error) {
	logf := opts.Log
	if logf == nil {
		logf = func(string, ...any) {}
	}
	cwd, _ := os.Getwd()
	d := &model.Deployment{}
	var errs []error
	seen := map[string]bool{}
	var files []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", p, unwrapPathError(err)))
			continue
		}
		if !info.IsDir() {
			files = append(files, p)
			continue
		}
		root, _ := filepath.Abs(p)
		err = filepath.WalkDir(p, func(fp string, e fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", rel(cwd, fp), unwrapPathError(err)))
				return nil
			}
			if e.IsDir() {
				if fp != p && (skipDirs[e.Name()] || excluded(opts.Exclude, rel(cwd, fp)) || opts.Skip != nil && opts.Skip(rel(cwd, fp))) {
					logf("skip %s/: excluded folder", rel(cwd, fp))
					return filepath.SkipDir
				}
				return nil
			}
			if e.Type()&fs.ModeSymlink != 0 {
				if !symlinkWithin(root, fp) {
					logf("skip %s: symbolic link that leaves the scan root is not followed", rel(cwd, fp))
					return nil
				}
			} else if !e.Type().IsRegular() {
				return nil
			}
			files = append(files, fp)
			return nil
		})
		if err != nil {
			errs = append(errs, err)
		}
	}
	for _, fp := range files {
		r := rel(cwd, fp)
		if seen[r] {
			continue
		}
		seen[r] = true
		if excluded(opts.Exclude, r) || opts.Skip != nil && opts.Skip(r) {
			logf("skip %s: excluded", r)
			continue
		}
		b, err := readFile(fp)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", r, err))
			continue
		}
		f, probs, why := Parse(r, b)
		d.Problems = append(d.Problems, probs...)
		if f == nil {
			logf("skip %s: %s", r, why)
			continue
		}
		f.Suppressions = Suppressions(f)
		d.Add(f)
	}
	slices.SortFunc(d.Files, func(a, b *model.File) int { return strings.Compare(a.Src.Path, b.Src.Path) })
	return d, errs
}

func readFile(fp string) ([]byte, error) {
	info, err := os.Stat(fp)
	if err != nil {
		return nil, unwrapPathError(err)
	}
	if info.Size() > MaxFileSize {
		if head := readHead(fp); IsNPSLog(head) {
			return head, nil // listed as an nps-log input; `aovpnlint nps-log` streams the whole file
		}
		return nil, fmt.Errorf("file is %d bytes, larger than the %d byte limit", info.Size(), MaxFileSize)
	}
	b, err := os.ReadFile(fp)
	return b, unwrapPathError(err)
}

// unwrapPathError drops the path that os errors repeat, since callers prefix it.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// rel returns fp relative to the working directory, with forward slashes.
func rel(cwd, fp string) string {
	if abs, err := filepath.Abs(fp); err == nil && cwd != "" {
		if r, err := filepath.Rel(cwd, abs); err == nil {
			fp = r
		}
	}
	return filepath.ToSlash(fp)
}

// symlinkWithin reports whether the link resolves to a file inside root.
func symlinkWithin(root, link string) bool {
	target, err := filepath.EvalSymlinks(link)
	if err != nil {
		return false
	}
	abs, err := filepath.Abs(target)
	return err == nil && within(root, abs)
}

func within(root, p string) bool {
	r, err := filepath.Rel(root, p)
	return err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator))
}

func excluded(globs []string, r string) bool {
	for _, g := range globs {
		g = filepath.ToSlash(g)
		if ok, _ := path.Match(g, r); ok {
			return true
		}
		if ok, _ := path.Match(g, path.Base(r)); ok {
			return true
		}
		if strings.HasSuffix(g, "/**") && strings.HasPrefix(r, strings.TrimSuffix(g, "**")) {
			return true
		}
	}
	return false
}

// Parse recognises one file's content and parses it. It returns nil and the
// reason when the file is of no kind aovpnlint reads.
func Parse(relPath string, data []byte) (f *model.File, problems []model.Problem, why string) {
	if k := derKind(data); k != "" {
		return parseDERFile(model.NewSource(relPath, data), k)
	}
	text, _ := Decode(data)
	if len(bytes.TrimSpace(text)) == 0 {
		return nil, nil, "empty file"
	}
	src := model.NewSource(relPath, text)
	if IsNPSLog(text) {
		// Listed in inputs[]; `aovpnlint nps-log` streams its records.
		return &model.File{Src: src, Kind: model.KindNPSLog}, nil, ""
	}
	if first := firstByte(text); first == '{' || first == '[' {
		// "[" also starts PowerShell ([CmdletBinding()], [xml]$x = ...):
		// what is no Intune JSON goes on to the other readers.
		if f, probs, why := parseJSON(src); f != nil || len(probs) > 0 || first == '{' {
			return f, probs, why
		}
	}
	root, ok := sniffRoot(text)
	if !ok {
		switch {
		case hasPEM(text):
			return parsePEMFile(src)
		case isCIMDump(text):
			return parseCIMDump(src)
		case isPowerShell(text):
			return parsePowerShell(src)
		}
		return nil, nil, "not XML, JSON, PEM or DER, and no profile in it"
	}
	switch {
	case root == "VPNProfile" || strings.EqualFold(root, "VPNProfile"):
		return parseProfileFile(src)
	case root == "EapHostConfig":
		return parseEapFile(src)
	case root == "SyncML" || root == "Atomic" || root == "Add" || root == "Replace":
		return parseSyncML(src)
	case root == "Root" && bytes.Contains(text, []byte("<Microsoft_Internet_Authentication_Service")):
		return parseNPS(src)
	case looksLikeProfile(text):
		return parseProfileFile(src)
	}
	return nil, nil, fmt.Sprintf("XML with root <%s>, not a VPN profile, EAP configuration or SyncML", root)
}

// isNameStart reports whether b can start an XML name (ASCII letters, "_",
// ":" and any multi-byte character).
func isNameStart(b byte) bool {
	return b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b == '_' || b == ':' || b >= 0x80
}

// firstByte is the first byte that is not white space, or 0.
func firstByte(text []byte) byte {
	for _, b := range text {
		if b != ' ' && b != '\t' && b != '\r' && b != '\n' {
			return b
		}
	}
	return 0
}

// profileChildren are elements found only in ProfileXML: a document with one
// of them directly under its root is a profile with the wrong root.
var profileChildren = []string{"NativeProfile", "PluginProfile", "DeviceTunnel", "DeviceCompliance", "TrafficFilter", "DomainNameInformation"}

func looksLikeProfile(text []byte) bool {
	for _, c := range profileChildren {
		tag := []byte("<" + c)
		for t := text; ; {
			i := bytes.Index(t, tag)
			if i < 0 {
				break
			}
			t = t[i+len(tag):]
			if len(t) > 0 && bytes.IndexByte([]byte(" \t\r\n/>"), t[0]) >= 0 {
				return true // the whole name, not a longer one such as <NativeProfileX>
			}
		}
	}
	return false
}

func parseProfileFile(src *model.Source) (*model.File, []model.Problem, string) {
	f := &model.File{Src: src, Kind: model.KindProfileXML}
	return f, ParseProfiles(f, src.Text, model.Identity, ""), ""
}

// ParseProfiles parses text (derived text of src that m maps back) as a
// ProfileXML document and adds the profile to f. name is the profile name the
// container gives, if any.
func ParseProfiles(f *model.File, text []byte, m model.Mapper, name string) []model.Problem {
	doc, err := model.ParseXML(f.Src, text, m)
	if err != nil {
		return []model.Problem{syntaxProblem("ProfileXML", err)}
	}
	var probs []model.Problem
	root := doc.Root
	if root.Name != "VPNProfile" {
		probs = append(probs, model.Problem{
			Kind: model.WrongRoot, Loc: root.Loc(),
			Message: fmt.Sprintf("root element is <%s>, not <VPNProfile>: Windows rejects the profile", root.Name),
			Hint:    "the document element must be exactly <VPNProfile> (case-sensitive, no namespace)",
		})
		if !strings.EqualFold(root.Name, "VPNProfile") {
			return probs
		}
	}
	if len(root.Children) == 0 {
		return append(probs, model.Problem{
			Kind: model.EmptyProfile, Loc: root.Loc(),
			Message: "the profile is empty: <VPNProfile> has no settings",
			Hint:    "add a NativeProfile (Servers, NativeProtocolType, Authentication) or a PluginProfile",
		})
	}
	p, eerr := model.NewProfile(doc, root)
	p.Name = name
	if eerr != nil {
		probs = append(probs, syntaxProblem("EAP configuration in <Configuration>", eerr))
	}
	f.Profiles = append(f.Profiles, p)
	return probs
}

func parseEapFile(src *model.Source) (*model.File, []model.Problem, string) {
	f := &model.File{Src: src, Kind: model.KindEapXML}
	doc, err := model.ParseXML(src, src.Text, model.Identity)
	if err != nil {
		return f, []model.Problem{syntaxProblem("EAP configuration", err)}, ""
	}
	f.EapConfigs = append(f.EapConfigs, model.NewEapConfig(doc.Root))
	return f, nil, ""
}

func syntaxProblem(what string, err *model.SyntaxError) model.Problem {
	return model.Problem{
		Kind: model.NotWellFormed, Loc: err.Loc,
		Message: fmt.Sprintf("%s is not well-formed XML: %s", what, err.Msg),
		Hint:    err.Hint,
	}
}

// sniffRoot returns the name of the first element, skipping white space, the
// XML declaration, comments, processing instructions and a DOCTYPE. ok is
// false when the text does not start like XML.
func sniffRoot(text []byte) (string, bool) {
	t := text
	for {
		t = bytes.TrimLeft(t, " \t\r\n")
		switch {
		case bytes.HasPrefix(t, []byte("<?")):
			i := bytes.Index(t, []byte("?>"))
			if i < 0 {
				return "", false
			}
			t = t[i+2:]
		case bytes.HasPrefix(t, []byte("<!--")):
			i := bytes.Index(t, []byte("-->"))
			if i < 0 {
				return "", false
			}
			t = t[i+3:]
		case bytes.HasPrefix(t, []byte("<!")):
			i := bytes.IndexByte(t, '>')
			if i < 0 {
				return "", false
			}
			t = t[i+1:]
		case bytes.HasPrefix(t, []byte("<")):
			end := bytes.IndexAny(t[1:], " \t\r\n/>")
			if end < 0 {
				end = len(t) - 1
			}
			name := string(t[1 : 1+end])
			if _, local, ok := strings.Cut(name, ":"); ok {
				name = local
			}
			// "<#" opens PowerShell comment-based help, not an element.
			return name, name != "" && isNameStart(t[1])
		default:
			return "", false
		}
	}
}

// CertFile reads one file given on the command line as certificates
// (--trust, --nps-cert). It fails when the file holds no certificate.
func CertFile(p string) (*model.File, []model.Problem, error) {
	b, err := readFile(p)
	if err != nil {
		return nil, nil, err
	}
	cwd, _ := os.Getwd()
	f, probs, why := Parse(rel(cwd, p), b)
	if f == nil || f.Kind != model.KindCert {
		if why == "" {
			why = "not a certificate file"
		}
		return nil, nil, fmt.Errorf("holds no certificate (read as: %s)", why)
	}
	if len(f.Certs) == 0 {
		return nil, nil, errors.New("no certificate could be read from the file")
	}
	return f, probs, nil
}
