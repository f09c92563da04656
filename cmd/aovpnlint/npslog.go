package main

import (
	"bufio"
	"cmp"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"github.com/aovpnlint/aovpnlint/lint/load"
	"github.com/aovpnlint/aovpnlint/rules"
)

// npsCount is one row of the per-user and per-NAS tables.
type npsCount struct {
	Name    string `json:"name"`
	Accepts int    `json:"accepts"`
	Rejects int    `json:"rejects"`
}

// npsReasonGroup is the rejects that share a Reason-Code.
type npsReasonGroup struct {
	Code       int            `json:"code"`
	Name       string         `json:"name,omitempty"`
	Meaning    string         `json:"meaning,omitempty"`
	Cause      string         `json:"cause,omitempty"`
	Unverified bool           `json:"unverified,omitempty"`
	Count      int            `json:"count"`
	Policies   map[string]int `json:"policies"` // network policy ("" none matched)
	CRPs       map[string]int `json:"connectionRequestPolicies"`
	Users      map[string]int `json:"users"`
	NAS        map[string]int `json:"nas"`
}

type npsLogFile struct {
	Path    string `json:"path"`
	Format  string `json:"format"`
	Records int    `json:"records"`
	Skipped int    `json:"skippedLines"`
}

// npsSummary holds counts only, so memory does not grow with the log.
type npsSummary struct {
	Files    []npsLogFile      `json:"files"`
	Records  int               `json:"records"`
	Packets  map[string]int    `json:"packetTypes"`
	Accepts  int               `json:"accepts"`
	Rejects  int               `json:"rejects"`
	ByReason []*npsReasonGroup `json:"rejectsByReason"`
	Users    []*npsCount       `json:"users"`
	NAS      []*npsCount       `json:"nas"`

	reasons map[int]*npsReasonGroup
	users   map[string]*npsCount
	nas     map[string]*npsCount
}

var packetTypeNames = map[int]string{1: "Access-Request", 2: "Access-Accept", 3: "Access-Reject", 4: "Accounting-Request", 11: "Access-Challenge"}

func packetTypeName(t int) string {
	if n, ok := packetTypeNames[t]; ok {
		return n
	}
	return fmt.Sprintf("type %d", t)
}

func (s *npsSummary) add(r *load.NPSRecord) {
	s.Records++
	s.Packets[packetTypeName(r.PacketType)]++
	if r.PacketType != 2 && r.PacketType != 3 {
		return
	}
	user, nas := cmp.Or(r.User, "(no user name)"), cmp.Or(r.NAS(), "(unknown)")
	u, n := s.users[user], s.nas[nas]
	if u == nil {
		u = &npsCount{Name: user}
		s.users[user] = u
	}
	if n == nil {
		n = &npsCount{Name: nas}
		s.nas[nas] = n
	}
	if r.PacketType == 2 {
		s.Accepts++
		u.Accepts++
		n.Accepts++
		return
	}
	s.Rejects++
	u.Rejects++
	n.Rejects++
	g := s.reasons[r.Reason]
	if g == nil {
		g = &npsReasonGroup{Code: r.Reason, Policies: map[string]int{}, CRPs: map[string]int{}, Users: map[string]int{}, NAS: map[string]int{}}
		if e := rules.NPSReason(r.Reason); e != nil {
			g.Name, g.Meaning, g.Cause, g.Unverified = e.Name, e.Meaning, e.Cause, e.Unverified
		}
		s.reasons[r.Reason] = g
	}
	g.Count++
	g.Policies[r.Policy]++
	g.CRPs[r.ProxyPolicy]++
	g.Users[user]++
	g.NAS[nas]++
}

func (s *npsSummary) finish() {
	for _, g := range s.reasons {
		s.ByReason = append(s.ByReason, g)
	}
	slices.SortFunc(s.ByReason, func(a, b *npsReasonGroup) int { return cmp.Or(b.Count-a.Count, a.Code-b.Code) })
	sortCounts := func(m map[string]*npsCount) []*npsCount {
		out := make([]*npsCount, 0, len(m))
		for _, c := range m {
			out = append(out, c)
		}
		slices.SortFunc(out, func(a, b *npsCount) int { return cmp.Or(b.Rejects-a.Rejects, strings.Compare(a.Name, b.Name)) })
		return out
	}
	s.Users, s.NAS = sortCounts(s.users), sortCounts(s.nas)
}

func runNPSLog(args []string, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("nps-log", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "text, json, or csv (the records with the database-compatible header row)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return exitClean
		}
		return usageError(stderr, err)
	}
	if fs.NArg() == 0 {
		return usageError(stderr, errors.New("nps-log takes one or more NPS log files"))
	}
	switch *format {
	case "text", "json", "csv":
	default:
		return usageError(stderr, fmt.Errorf("--format: unknown format %q (want text, json or csv)", *format))
	}
	bw := bufio.NewWriterSize(stdout, 64*1024)
	defer bw.Flush()
	var cw *csv.Writer
	if *format == "csv" {
		cw = csv.NewWriter(bw)
		if err := cw.Write(load.NPSLogColumns); err != nil {
			return npsLogError(stderr, err)
		}
	}
	s := &npsSummary{Packets: map[string]int{}, reasons: map[int]*npsReasonGroup{}, users: map[string]*npsCount{}, nas: map[string]*npsCount{}, Files: []npsLogFile{}}
	for _, path := range fs.Args() {
		lf, err := scanNPSLogFile(path, func(r *load.NPSRecord) error {
			if cw == nil {
				s.add(r)
				return nil
			}
			if r.Raw != nil { // database-compatible: the line as logged
				cw.Flush()
				if _, err := bw.Write(r.Raw); err != nil {
					return err
				}
				return bw.WriteByte('\n')
			}
			return cw.Write(r.Fields)
		})
		if err != nil {
			return npsLogError(stderr, fmt.Errorf("%s: %w", path, err))
		}
		s.Files = append(s.Files, lf)
	}
	if cw != nil {
		cw.Flush()
		if err := cw.Error(); err != nil {
			return npsLogError(stderr, err)
		}
		return exitClean
	}
	s.finish()
	if *format == "json" {
		enc := json.NewEncoder(bw)
		enc.SetIndent("", "  ")
		if err := enc.Encode(s); err != nil {
			return npsLogError(stderr, err)
		}
		return exitClean
	}
	writeNPSText(bw, s)
	return exitClean
}

func npsLogError(stderr io.Writer, err error) int {
	fmt.Fprintf(stderr, "aovpnlint: %v\n", err)
	return exitUsage
}

// scanNPSLogFile recognises a log's format from its first bytes and streams it.
func scanNPSLogFile(path string, fn func(*load.NPSRecord) error) (npsLogFile, error) {
	lf := npsLogFile{Path: path}
	f, err := os.Open(path)
	if err != nil {
		return lf, err
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 64*1024)
	head, _ := br.Peek(64 * 1024)
	lf.Format = load.SniffNPSLog(head)
	if lf.Format == "" {
		return lf, errors.New("not an NPS log (database-compatible, IAS or DTS XML format)")
	}
	lf.Skipped, err = load.ScanNPSLog(br, lf.Format, func(r *load.NPSRecord) error {
		lf.Records++
		return fn(r)
	})
	return lf, err
}

func writeNPSText(w io.Writer, s *npsSummary) {
	for _, f := range s.Files {
		fmt.Fprintf(w, "%s: %s format, %d records", f.Path, f.Format, f.Records)
		if f.Skipped > 0 {
			fmt.Fprintf(w, ", %d unreadable lines skipped", f.Skipped)
		}
		fmt.Fprintln(w)
	}
	var pk []string
	for _, t := range []int{1, 2, 3, 4, 11} {
		if n := s.Packets[packetTypeName(t)]; n > 0 {
			pk = append(pk, fmt.Sprintf("%d %s", n, packetTypeName(t)))
		}
	}
	fmt.Fprintf(w, "\n%d records (%s): %d accepted, %d rejected\n", s.Records, strings.Join(pk, ", "), s.Accepts, s.Rejects)
	if len(s.ByReason) > 0 {
		fmt.Fprintf(w, "\nRejects by Reason-Code:\n")
	}
	for _, g := range s.ByReason {
		title := fmt.Sprintf("%d", g.Code)
		if g.Code < 0 {
			title = "no Reason-Code"
		}
		if g.Name != "" {
			title += " " + g.Name
		}
		if g.Unverified {
			title += " (unverified)"
		}
		fmt.Fprintf(w, "\n  %s: %s\n", title, plural(g.Count, "reject"))
		if g.Meaning != "" {
			fmt.Fprintf(w, "    meaning: %s\n", g.Meaning)
		} else {
			fmt.Fprintf(w, "    meaning: unknown Reason-Code\n")
		}
		if g.Cause != "" {
			fmt.Fprintf(w, "    Always On VPN: %s\n", g.Cause)
		}
		fmt.Fprintf(w, "    network policy: %s\n", countList(g.Policies, "(none matched)"))
		fmt.Fprintf(w, "    connection request policy: %s\n", countList(g.CRPs, "(none)"))
		fmt.Fprintf(w, "    users: %s\n", countList(g.Users, ""))
		fmt.Fprintf(w, "    NAS: %s\n", countList(g.NAS, ""))
	}
	table := func(title string, rows []*npsCount) {
		if len(rows) == 0 {
			return
		}
		fmt.Fprintf(w, "\n%s:\n", title)
		width := 0
		for _, r := range rows {
			width = max(width, len(r.Name))
		}
		for _, r := range rows {
			fmt.Fprintf(w, "  %-*s  %d accepted, %d rejected\n", width, r.Name, r.Accepts, r.Rejects)
		}
	}
	table("By user", s.Users)
	table("By NAS (RADIUS client)", s.NAS)
}

// countList prints a count map, most frequent first.
func countList(m map[string]int, empty string) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int { return cmp.Or(m[b]-m[a], strings.Compare(a, b)) })
	out := make([]string, len(keys))
	for i, k := range keys {
		name := k
		if name == "" {
			name = empty
		} else {
			name = `"` + k + `"`
		}
		out[i] = fmt.Sprintf("%s (%d)", name, m[k])
	}
	return strings.Join(out, ", ")
}

// explainNPSReason prints one NPS Reason-Code.
func explainNPSReason(code int, stdout, stderr io.Writer) int {
	e := rules.NPSReason(code)
	if e == nil {
		return usageError(stderr, fmt.Errorf("NPS Reason-Code %d is not one aovpnlint knows (see docs/windows-errors.md#nps-reason-codes)", code))
	}
	title := fmt.Sprintf("NPS Reason-Code %d", e.Code)
	if e.Name != "" {
		title += " " + e.Name
	}
	if e.Unverified {
		title += " (unverified)"
	}
	fmt.Fprintf(stdout, "%s\n\n%s.\n", title, capitalizeFirst(e.Meaning))
	if e.Cause != "" {
		fmt.Fprintf(stdout, "\nAlways On VPN: %s.\n", e.Cause)
	}
	return exitClean
}

func capitalizeFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
