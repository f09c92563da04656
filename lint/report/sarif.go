package report

import (
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/aovpnlint/aovpnlint/lint"
)

// SARIF constants. The $schema is the one GitHub's docs use; the Multitool
// accepts it as the final 2.1.0 schema.
const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion = "2.1.0"
	// srcRoot is the uriBaseId of every relative artifact URI: the scan
	// root, which in CI is the repository checkout.
	srcRoot = "%SRCROOT%"
	// fingerprintKey names aovpnlint's own stable finding identity in
	// partialFingerprints. GitHub computes primaryLocationLineHash itself;
	// we never write that key.
	fingerprintKey = "aovpnlint/v1"
	// maxDescription is GitHub's limit on short and full descriptions.
	maxDescription = 1024
	// maxTags is GitHub's hard limit on tags per rule.
	maxTags = 20
	// devVersion stands in for a version that is not semver, e.g. "(devel)".
	devVersion = "0.0.0-devel"
)

// The structs below are the subset of SARIF 2.1.0 aovpnlint writes. Field
// order is output order; omitempty keeps absent what we have no value for.

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool         `json:"tool"`
	OriginalURIBaseIDs sarifBaseIDs      `json:"originalUriBaseIds"`
	Invocations        []sarifInvocation `json:"invocations,omitempty"`
	AutomationDetails  *sarifAutomation  `json:"automationDetails,omitempty"`
	Results            []sarifResult     `json:"results"` // present even when empty: GitHub requires it
	ColumnKind         string            `json:"columnKind"`
}

// sarifInvocation carries what a run must tell its reader once, such as
// where the trust anchors came from.
type sarifInvocation struct {
	ExecutionSuccessful bool                `json:"executionSuccessful"`
	Notifications       []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level   string    `json:"level"`
	Message sarifText `json:"message"`
}

// sarifBaseIDs defines %SRCROOT%, the one uriBaseId we use. It describes it
// and leaves out its uri (SARIF allows that: the consumer supplies the
// root), because the absolute scan root would differ between machines. The
// Multitool with the GitHub policy reports nothing for this form.
type sarifBaseIDs struct {
	SrcRoot sarifBase `json:"%SRCROOT%"`
}

type sarifBase struct {
	Description sarifText `json:"description"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name            string      `json:"name"`
	SemanticVersion string      `json:"semanticVersion"`
	InformationURI  string      `json:"informationUri"`
	Rules           []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string         `json:"id"`
	Name                 string         `json:"name,omitempty"`
	ShortDescription     sarifText      `json:"shortDescription"`
	FullDescription      sarifText      `json:"fullDescription"`
	Help                 sarifHelp      `json:"help"`
	HelpURI              string         `json:"helpUri,omitempty"`
	DefaultConfiguration sarifConfig    `json:"defaultConfiguration"`
	Properties           sarifRuleProps `json:"properties"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifHelp struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifRuleProps struct {
	Tags             []string `json:"tags,omitempty"`
	Precision        string   `json:"precision"`
	SecuritySeverity string   `json:"security-severity,omitempty"`
	ProblemSeverity  string   `json:"problem.severity,omitempty"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           *int               `json:"ruleIndex,omitempty"`
	Level               string             `json:"level"`
	Message             sarifText          `json:"message"`
	Locations           []sarifLocation    `json:"locations"`
	RelatedLocations    []sarifLocation    `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string  `json:"partialFingerprints,omitempty"` // one key: order is fixed
	BaselineState       string             `json:"baselineState,omitempty"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
}

type sarifLocation struct {
	ID               int           `json:"id,omitempty"` // related locations count from 1
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
	Message          *sarifText    `json:"message,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           sarifRegion   `json:"region"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
}

// SARIF writes the result as a SARIF 2.1.0 log with one run, in the shape
// GitHub code scanning ingests: every enabled rule with its descriptions and
// help, and one result per unsuppressed finding with a relative URI under
// %SRCROOT%, a full region in UTF-16 columns and aovpnlint's own fingerprint.
// Suppressed findings are left out, as GitHub would show them as open
// alerts (it ignores suppressions); with Options.IncludeSuppressed they are
// written with their suppressions (kind inSource or external). After
// --baseline every result has a baselineState: "new", or "unchanged" for a
// finding the baseline holds.
func SARIF(w io.Writer, res *lint.Result, o Options) error {
	rules := sortedRules(res.Rules)
	index := make(map[string]int, len(rules))
	driverRules := make([]sarifRule, 0, len(rules))
	for _, r := range rules {
		if _, dup := index[r.ID]; dup {
			continue
		}
		index[r.ID] = len(driverRules)
		driverRules = append(driverRules, sarifRuleOf(r))
	}

	results := []sarifResult{}
	for i := range res.Findings {
		f := &res.Findings[i]
		if f.Suppressed && !o.IncludeSuppressed {
			continue
		}
		sr := sarifResult{
			RuleID:    f.RuleID,
			Level:     f.Level.String(),
			Message:   sarifText{Text: alertText(f)},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalOf(f.Location)}},
		}
		if ix, ok := index[f.RuleID]; ok {
			sr.RuleIndex = &ix
		}
		for j, r := range f.Related {
			loc := sarifLocation{ID: j + 1, PhysicalLocation: sarifPhysicalOf(r.Location)}
			if r.Message != "" {
				loc.Message = &sarifText{Text: r.Message}
			}
			sr.RelatedLocations = append(sr.RelatedLocations, loc)
		}
		if f.Fingerprint != "" {
			sr.PartialFingerprints = map[string]string{fingerprintKey: f.Fingerprint}
		}
		sr.BaselineState, sr.Suppressions = sarifBaselineState(res, f), sarifSuppressionsOf(f)
		results = append(results, sr)
	}

	log := sarifLog{
		Schema:  sarifSchema,
		Version: sarifVersion,
		Runs: []sarifRun{{
			Tool: sarifTool{Driver: sarifDriver{
				Name:            toolName,
				SemanticVersion: semver(o.Version),
				InformationURI:  infoURI,
				Rules:           driverRules,
			}},
			OriginalURIBaseIDs: sarifBaseIDs{SrcRoot: sarifBase{Description: sarifText{
				Text: "The directory aovpnlint ran in: artifact paths are relative to it (in CI, the repository checkout).",
			}}},
			Invocations:       invocations(res),
			AutomationDetails: automationDetails(o.SARIFCategory),
			Results:           results,
			ColumnKind:        "utf16CodeUnits",
		}},
	}
	return writeJSON(w, log)
}

func sarifRuleOf(r *lint.Rule) sarifRule {
	short := truncate(r.Summary)
	if short == "" {
		short = cmpOr(r.Name, r.ID)
	}
	full := truncate(firstParagraph(r.Help))
	if full == "" {
		full = short
	}
	helpText := r.Help
	if helpText == "" {
		helpText = short
	}
	sr := sarifRule{
		ID:                   r.ID,
		Name:                 r.Name,
		ShortDescription:     sarifText{Text: short},
		FullDescription:      sarifText{Text: full},
		Help:                 sarifHelp{Text: helpText, Markdown: r.Help},
		HelpURI:              r.HelpURI(),
		DefaultConfiguration: sarifConfig{Level: r.Severity.String()},
		Properties: sarifRuleProps{
			Tags:      ruleTags(r.Tags),
			Precision: cmpOr(r.Precision, "high"),
		},
	}
	if r.SecuritySeverity > 0 {
		// GitHub wants a string holding a number in (0, 10].
		s := min(max(r.SecuritySeverity, 0.1), 10)
		sr.Properties.SecuritySeverity = strconv.FormatFloat(s, 'f', 1, 64)
	} else {
		sr.Properties.ProblemSeverity = problemSeverity(r.Severity)
	}
	return sr
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// problemSeverity maps a level to GitHub's problem.severity for rules that are
// not security rules.
func problemSeverity(s lint.Severity) string {
	switch s {
	case lint.Error:
		return "error"
	case lint.Warning:
		return "warning"
	}
	return "recommendation"
}

// ruleTags returns the rule's tags without empties or repeats (the schema
// wants unique tags), at most GitHub's 20.
func ruleTags(tags []string) []string {
	var out []string
	for _, t := range tags {
		if t != "" && !slices.Contains(out, t) && len(out) < maxTags {
			out = append(out, t)
		}
	}
	return out
}

func sarifPhysicalOf(l lint.Location) sarifPhysical {
	sc, ec := l.StartColumn16, l.EndColumn16
	if sc == 0 {
		sc = l.StartColumn
	}
	if ec == 0 {
		ec = l.EndColumn
	}
	var r sarifRegion
	r.StartLine, r.StartColumn, r.EndLine, r.EndColumn = clampRegion(l.StartLine, sc, l.EndLine, ec)
	return sarifPhysical{ArtifactLocation: artifactOf(l.Path), Region: r}
}

var driveLetter = regexp.MustCompile(`^[A-Za-z]:/`)

// artifactOf turns a scan path into a SARIF artifact location: a relative URI
// reference under %SRCROOT% with every byte other than unreserved characters
// and '/' percent-encoded. A path that is absolute after all (a scan root on
// another Windows drive) becomes a file: URI with no base.
func artifactOf(path string) sarifArtifact {
	p := strings.ReplaceAll(path, `\`, "/")
	for strings.HasPrefix(p, "./") {
		p = p[2:]
	}
	switch {
	case driveLetter.MatchString(p):
		return sarifArtifact{URI: "file:///" + p[:2] + escapePath(p[2:])}
	case strings.HasPrefix(p, "/"):
		return sarifArtifact{URI: "file://" + escapePath(p)}
	}
	return sarifArtifact{URI: escapePath(p), URIBaseID: srcRoot}
}

// escapePath percent-encodes all but RFC 3986 unreserved characters and '/'.
// That also encodes ':' in a first segment, which would otherwise read as a
// scheme.
func escapePath(p string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '.', c == '_', c == '~', c == '/':
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}

// semverRE is the regular expression from semver.org.
var semverRE = regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$`)

// semver returns v without a leading "v" when that is a semantic version,
// and 0.0.0-devel otherwise ("(devel)", "").
func semver(v string) string {
	v = strings.TrimPrefix(v, "v")
	if semverRE.MatchString(v) {
		return v
	}
	return devVersion
}

// firstParagraph returns the first prose paragraph of Markdown help as plain
// text on one line: headings, code fences and HTML are skipped; code spans,
// links and emphasis lose their markup.
func firstParagraph(md string) string {
	var para []string
	fence := false
	for line := range strings.Lines(md) {
		t := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~"):
			fence = !fence
			if len(para) > 0 {
				return plain(strings.Join(para, " "))
			}
			continue
		case fence:
			continue
		case t == "":
			if len(para) > 0 {
				return plain(strings.Join(para, " "))
			}
			continue
		case len(para) == 0 && (strings.HasPrefix(t, "#") || strings.HasPrefix(t, "<")):
			continue
		}
		para = append(para, strings.TrimSpace(strings.TrimPrefix(t, ">")))
	}
	return plain(strings.Join(para, " "))
}

var (
	mdImage    = regexp.MustCompile(`!\[([^\]]*)\]\([^)]*\)`)
	mdLink     = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	mdStrong   = regexp.MustCompile(`(\*\*|__)(\S(?:.*?\S)?)(\*\*|__)`)
	mdEmphasis = regexp.MustCompile(`(^|[^\w*])[*_](\S(?:[^*_]*?\S)?)[*_]($|[^\w*])`)
	mdCode     = regexp.MustCompile("`+([^`]*)`+")
	mdSpaces   = regexp.MustCompile(`\s+`)
)

// plain strips inline Markdown: links and images keep their text, code spans
// and emphasis their content.
func plain(s string) string {
	s = mdImage.ReplaceAllString(s, "$1")
	s = mdLink.ReplaceAllString(s, "$1")
	s = mdCode.ReplaceAllString(s, "$1")
	s = mdStrong.ReplaceAllString(s, "$2")
	s = mdEmphasis.ReplaceAllString(s, "$1$2$3")
	return strings.TrimSpace(mdSpaces.ReplaceAllString(s, " "))
}

// alertText is the result message: the finding, then what it predicts and
// its fix, so a code-scanning alert stands on its own. The finding stays the
// first sentence, which GitHub uses as the alert title.
func alertText(f *lint.Finding) string {
	s := f.Message
	if s == "" {
		s = f.RuleID
	}
	if p := predicts(f.WindowsErrors, identity); p != "" {
		s += ". Predicts " + p
	}
	if f.Fix != "" {
		s += ". Fix: " + f.Fix
	}
	if s != f.Message {
		s += "."
	}
	return s
}

// truncate cuts s to GitHub's description limit, at a space when it can,
// ending with "…" when it cut.
func truncate(s string) string {
	const n = maxDescription
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n-1]
	cut := string(r)
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:") + "…"
}

// invocations is present only when the run has something to say about itself.
func invocations(res *lint.Result) []sarifInvocation {
	note := res.TrustNote()
	if note == "" {
		return nil
	}
	return []sarifInvocation{{ExecutionSuccessful: true, Notifications: []sarifNotification{{Level: "note", Message: sarifText{Text: note + "."}}}}}
}
