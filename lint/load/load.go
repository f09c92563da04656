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
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"

	"github.com/aovpnlint/aovpnlint/lint/model"
)

// Options configure loading.
type Options struct {
	Exclude     []string                         // globs matched against the relative path and the base name
	Skip        func(relPath string) bool        // more paths to skip (the config file's excludes); nil skips none
	Log         func(format string, args ...any) // why files were skipped; nil discards
	MaxFileSize int64                            // files larger are not read; 0 means DefaultMaxFileSize
}

// skipDirs are folders that never hold deployment files.
var skipDirs = map[string]bool{".git": true, "node_modules": true, "vendor": true, ".hg": true, ".svn": true}

// loaded is what reading one file gave.
type loaded struct {
	file  *model.File
	probs []model.Problem
	skip  string // why the file is no input, for -v
	err   error
}

// Load walks paths and returns the deployment they hold. Files are read and
// parsed by GOMAXPROCS workers, so memory holds that many files in flight
// besides the inputs kept; the result does not depend on the order they
// finish in. Paths that cannot be read are returned as errors and reported
// as problems; everything else is still loaded.
func Load(paths []string, opts Options) (*model.Deployment, []error) {
	logf := opts.Log
	if logf == nil {
		logf = func(string, ...any) {}
	}
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = DefaultMaxFileSize
	}
	cwd, _ := os.Getwd()
	d := &model.Deployment{}
	var errs []error
	unreadable := func(r string, err error) {
		err = unwrapPathError(err)
		errs = append(errs, fmt.Errorf("%s: %w", r, err))
		d.Problems = append(d.Problems, model.Problem{
			Kind: model.Unreadable, Loc: fileLoc(r),
			Message: fmt.Sprintf("cannot be read: %v; nothing in it was checked", err),
			Hint:    "give the account that runs aovpnlint read access, or exclude the path (--exclude)",
		})
	}
	var files []input
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", p, unwrapPathError(err)))
			continue
		}
		if !info.IsDir() {
			files = append(files, input{p, rel(cwd, p)})
			continue
		}
		// A root given as a symbolic link is walked through it (the
		// trailing separator), and links are judged against where it leads.
		root, _ := filepath.Abs(p)
		if real, err := filepath.EvalSymlinks(root); err == nil {
			root = real
		}
		if li, err := os.Lstat(p); err == nil && li.Mode()&fs.ModeSymlink != 0 {
			p += string(filepath.Separator)
		}
		_ = filepath.WalkDir(p, func(fp string, e fs.DirEntry, err error) error {
			r := rel(cwd, fp)
			if err != nil {
				unreadable(r, err)
				return nil
			}
			switch {
			case e.IsDir():
				if fp != p && (skipDirs[e.Name()] || excluded(opts.Exclude, r) || opts.Skip != nil && opts.Skip(r)) {
					logf("skip %s/: excluded folder", r)
					return filepath.SkipDir
				}
			case e.Type()&fs.ModeSymlink != 0:
				if prob, ok := link(root, fp, r); ok {
					d.Problems = append(d.Problems, prob)
				} else {
					logf("skip %s: symbolic link into the scan root, whose target is scanned where it is", r)
				}
			case e.Type().IsRegular():
				files = append(files, input{fp, r})
			}
			return nil
		})
	}
	files = dedupe(files, opts, logf)
	results := make([]loaded, len(files))
	Parallel(len(files), func(i int) { results[i] = loadFile(files[i].path, files[i].rel, opts.MaxFileSize) })
	for i, res := range results {
		r := files[i].rel
		d.Problems = append(d.Problems, res.probs...)
		switch {
		case res.err != nil:
			unreadable(r, res.err)
		case res.file == nil:
			logf("skip %s: %s", r, res.skip)
		default:
			d.Add(res.file)
		}
	}
	return d, errs
}

// input is a file to load: its path as given or walked, and as reported.
type input struct{ path, rel string }

// dedupe sorts the files by their reported path, whatever the order of the
// arguments (rules that pick the first of several profiles or certificates
// then pick the same one), and drops files listed twice and excluded files.
func dedupe(files []input, opts Options, logf func(string, ...any)) []input {
	slices.SortStableFunc(files, func(a, b input) int { return strings.Compare(a.rel, b.rel) })
	files = slices.CompactFunc(files, func(a, b input) bool { return a.rel == b.rel })
	return slices.DeleteFunc(files, func(f input) bool {
		if excluded(opts.Exclude, f.rel) || opts.Skip != nil && opts.Skip(f.rel) {
			logf("skip %s: excluded", f.rel)
			return true
		}
		return false
	})
}

// Parallel calls work(0..n-1) on GOMAXPROCS goroutines.
func Parallel(n int, work func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				work(i)
			}
		})
	}
	wg.Wait()
}

// loadFile reads and parses one file.
func loadFile(fp, r string, maxSize int64) loaded {
	b, size, err := readLimited(fp, maxSize)
	if err != nil {
		return loaded{err: err}
	}
	if size > maxSize {
		if IsNPSLog(b) {
			// listed as an nps-log input; `aovpnlint nps-log` streams the whole file
			f, _, _ := Parse(r, b)
			return loaded{file: f}
		}
		if p, ok := tooLarge(r, size, maxSize, b); ok {
			return loaded{probs: []model.Problem{p}}
		}
		return loaded{skip: fmt.Sprintf("%s, over the %s limit, and no deployment file", byteSize(size), byteSize(maxSize))}
	}
	f, probs, why := Parse(r, b)
	if f != nil {
		f.Suppressions = Suppressions(f)
	}
	return loaded{file: f, probs: probs, skip: why}
}

// readLimited reads a file of at most maxSize bytes, or the first sniffSize
// bytes of a larger one, and returns its size. One open and one fstat: on a
// tree of 100,000 files the system calls are most of the time.
func readLimited(fp string, maxSize int64) ([]byte, int64, error) {
	f, err := os.Open(fp)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, 0, err
	}
	size := info.Size()
	n := size
	if size > maxSize {
		n = min(size, sniffSize)
	}
	b := make([]byte, n)
	m, err := io.ReadFull(f, b)
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		err = nil // the file shrank while we read it
	}
	return b[:m], size, err
}

// link reports a symbolic link met in a walk that is not followed for a
// reason worth a note: it leaves the scan root, loops, or points nowhere.
// Links into the root are skipped quietly: their targets are scanned anyway.
func link(root, fp, r string) (model.Problem, bool) {
	p := model.Problem{Kind: model.LinkNotFollowed, Loc: fileLoc(r)}
	target, err := filepath.EvalSymlinks(fp)
	switch {
	case err != nil && isLoop(err):
		p.Message = "symbolic link loop: not followed"
		p.Hint = "remove the link or point it at a file"
	case err != nil:
		p.Message = "symbolic link to a target that does not exist: not followed"
		p.Hint = "remove the dangling link, or restore its target"
	default:
		if abs, err := filepath.Abs(target); err == nil && within(root, abs) {
			return p, false
		}
		p.Message = "symbolic link to a target outside the scan root: not followed, so its target was not checked"
		p.Hint = "scan the target's folder as well (another PATH argument), or copy the file into the repository"
	}
	return p, true
}

// isLoop reports whether resolving a link failed because links loop.
func isLoop(err error) bool {
	return errors.Is(err, syscall.ELOOP) || strings.Contains(err.Error(), "too many links")
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
// A relative fp is relative to it already (filepath.Abs would ask the system
// for the working directory on every call).
func rel(cwd, fp string) string {
	if filepath.IsAbs(fp) && cwd != "" {
		if r, err := filepath.Rel(cwd, fp); err == nil {
			fp = r
		}
	}
	return filepath.ToSlash(filepath.Clean(fp))
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
	text, enc := Decode(data)
	if len(bytes.TrimSpace(text)) == 0 {
		return nil, nil, "empty file"
	}
	src := model.NewSource(relPath, text)
	if IsNPSLog(text) {
		// Listed in inputs[]; `aovpnlint nps-log` streams its records.
		return &model.File{Src: src, Kind: model.KindNPSLog}, nil, ""
	}
	kind, read, why := reader(text)
	if read == nil {
		return nil, nil, why
	}
	if p, ok := refusal(src, kind == model.KindIntuneJSON); ok {
		return &model.File{Src: src, Kind: kind}, []model.Problem{p}, ""
	}
	f, problems, why = read(src)
	if f != nil {
		xml := f.Kind == model.KindProfileXML || f.Kind == model.KindEapXML || f.Kind == model.KindSyncML || f.Kind == model.KindNPSConfig
		if p, ok := encodingProblem(src, data, enc, xml); ok {
			problems = append([]model.Problem{p}, problems...)
		}
	}
	return f, problems, why
}

// readFunc parses a recognised file.
type readFunc func(*model.Source) (*model.File, []model.Problem, string)

// reader recognises text by its content, cheaply, and returns the kind it
// looks like and the reader for it; nil and the reason when it is no input.
func reader(text []byte) (model.Kind, readFunc, string) {
	switch firstByte(text) {
	case '{':
		return model.KindIntuneJSON, parseJSON, ""
	case '[':
		// "[" also starts PowerShell ([CmdletBinding()], [xml]$x = ...):
		// what is no Intune JSON goes on to the other readers.
		kind, other, _ := textReader(text)
		if other == nil {
			kind = model.KindIntuneJSON
		}
		return kind, func(src *model.Source) (*model.File, []model.Problem, string) {
			if f, probs, why := parseJSON(src); f != nil || len(probs) > 0 || other == nil {
				return f, probs, why
			}
			return other(src)
		}, ""
	}
	return textReader(text)
}

// textReader recognises XML, PEM, console dumps and PowerShell.
func textReader(text []byte) (model.Kind, readFunc, string) {
	root, ok := sniffRoot(text)
	if !ok {
		switch {
		case hasPEM(text):
			return model.KindCert, parsePEMFile, ""
		case isCIMDump(text):
			return model.KindCIMDump, parseCIMDump, ""
		case isPowerShell(text):
			return model.KindPowerShell, parsePowerShell, ""
		}
		return "", nil, "not XML, JSON, PEM or DER, and no profile in it"
	}
	switch {
	case root == "VPNProfile" || strings.EqualFold(root, "VPNProfile"):
		return model.KindProfileXML, parseProfileFile, ""
	case root == "EapHostConfig":
		return model.KindEapXML, parseEapFile, ""
	case root == "SyncML" || root == "Atomic" || root == "Add" || root == "Replace":
		return model.KindSyncML, parseSyncML, ""
	case root == "Root" && bytes.Contains(text, []byte("<Microsoft_Internet_Authentication_Service")):
		return model.KindNPSConfig, parseNPS, ""
	case looksLikeProfile(text):
		return model.KindProfileXML, parseProfileFile, ""
	}
	return "", nil, fmt.Sprintf("XML with root <%s>, not a VPN profile, EAP configuration or SyncML", root)
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
	if err.Kind != model.NotWellFormed && err.Kind != 0 {
		return model.Problem{Kind: err.Kind, Loc: err.Loc, Message: what + " " + err.Msg, Hint: err.Hint}
	}
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
			if j := bytes.IndexByte(t, '['); j >= 0 && j < i {
				// a DOCTYPE's internal subset holds declarations ending in '>'
				if k := bytes.Index(t[j:], []byte("]>")); k >= 0 {
					i = j + k + 1
				}
			}
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
	info, err := os.Stat(p)
	if err != nil {
		return nil, nil, unwrapPathError(err)
	}
	if info.Size() > DefaultMaxFileSize {
		return nil, nil, fmt.Errorf("file is %s, larger than the %s limit", byteSize(info.Size()), byteSize(DefaultMaxFileSize))
	}
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, nil, unwrapPathError(err)
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
