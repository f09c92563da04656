package load

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// The NPS log formats (inputs.md §5b).
const (
	NPSLogODBC = "odbc" // database-compatible: headerless CSV, 66 fields
	NPSLogIAS  = "ias"  // legacy IAS: six fixed fields, then attribute-ID,value pairs
	NPSLogDTS  = "dts"  // DTS-compliant XML: a stream of <Event> elements
)

// NPSLogColumns are the columns of the database-compatible format, the header
// row the log itself lacks.
var NPSLogColumns = strings.Split("ComputerName,ServiceName,Record-Date,Record-Time,Packet-Type,User-Name,"+
	"Fully-Qualified-Distinguished-Name,Called-Station-ID,Calling-Station-ID,Callback-Number,Framed-IP-Address,"+
	"NAS-Identifier,NAS-IP-Address,NAS-Port,Client-Vendor,Client-IP-Address,Client-Friendly-Name,Event-Timestamp,"+
	"Port-Limit,NAS-Port-Type,Connect-Info,Framed-Protocol,Service-Type,Authentication-Type,Policy-Name,Reason-Code,"+
	"Class,Session-Timeout,Idle-Timeout,Termination-Action,EAP-Friendly-Name,Acct-Status-Type,Acct-Delay-Time,"+
	"Acct-Input-Octets,Acct-Output-Octets,Acct-Session-Id,Acct-Authentic,Acct-Session-Time,Acct-Input-Packets,"+
	"Acct-Output-Packets,Acct-Terminate-Cause,Acct-Multi-Ssn-ID,Acct-Link-Count,Acct-Interim-Interval,Tunnel-Type,"+
	"Tunnel-Medium-Type,Tunnel-Client-Endpt,Tunnel-Server-Endpt,Acct-Tunnel-Conn,Tunnel-Pvt-Group-ID,"+
	"Tunnel-Assignment-ID,Tunnel-Preference,MS-Acct-Auth-Type,MS-Acct-EAP-Type,MS-RAS-Version,MS-RAS-Vendor,"+
	"MS-CHAP-Error,MS-CHAP-Domain,MS-MPPE-Encryption-Types,MS-MPPE-Encryption-Policy,Proxy-Policy-Name,"+
	"Provider-Type,Provider-Name,Remote-Server-Address,MS-RAS-Client-Name,MS-RAS-Client-Version", ",")

// 0-based indexes of the database-compatible columns aovpnlint reads.
const (
	odbcDate, odbcTime, odbcPacketType, odbcUser, odbcFQDN = 2, 3, 4, 5, 6
	odbcNASIP, odbcClientIP, odbcClientName                = 12, 15, 16
	odbcPolicy, odbcReason, odbcProxyPolicy                = 24, 25, 60
)

// IAS-format attribute IDs.
const (
	iasClientIP, iasAuthType, iasClientName = "4108", "4127", "4128"
	iasPacketType, iasReason, iasPolicy     = "4136", "4142", "4149"
	iasProxyPolicy                          = "4154"
	odbcFieldCount                          = 66
	npsLogMaxLine                           = 1 << 20
)

// NPSRecord is one packet of an NPS log.
type NPSRecord struct {
	Line        int // the record's line; 0 in the DTS format
	PacketType  int // 1 Access-Request, 2 Access-Accept, 3 Access-Reject, 4 Accounting-Request, 0 unknown
	Reason      int // Reason-Code; -1 when absent
	Date, Time  string
	User        string // Fully-Qualified-Distinguished-Name when present, else User-Name
	ClientIP    string // the RADIUS client (the VPN server)
	ClientName  string // its friendly name
	NASIP       string
	Policy      string // network policy
	ProxyPolicy string // connection request policy
	// Raw is the record's line in the database-compatible format; nil for
	// the other formats. Valid only during the callback.
	Raw []byte
	// Fields are the record in the database-compatible columns (66 fields).
	// Valid only during the callback.
	Fields []string
}

// NAS names the RADIUS client that sent the request.
func (r *NPSRecord) NAS() string {
	switch {
	case r.ClientName != "":
		return r.ClientName
	case r.ClientIP != "":
		return r.ClientIP
	}
	return r.NASIP
}

// SniffNPSLog recognises an NPS log from its first bytes and returns its
// format, or "". It looks at the first line only.
func SniffNPSLog(head []byte) string {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	head = bytes.TrimLeft(head, " \t\r\n")
	if bytes.HasPrefix(head, []byte("<Event>")) {
		if bytes.Contains(head[:min(len(head), 200)], []byte("<Timestamp data_type=")) {
			return NPSLogDTS
		}
		return ""
	}
	line := head
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	line = bytes.TrimRight(line, "\r")
	if bytes.Count(line, []byte(",")) < 5 || bytes.IndexByte(line, '<') >= 0 {
		return ""
	}
	f := splitCSV(string(line), nil)
	if len(f) >= odbcFieldCount && isPacketType(f[odbcPacketType]) && isDate(f[odbcDate]) && isTime(f[odbcTime]) {
		return NPSLogODBC
	}
	if len(f) >= 6 && f[4] == "IAS" && (len(f)-6)%2 == 0 && isDate(f[2]) && isTime(f[3]) {
		return NPSLogIAS
	}
	return ""
}

func isPacketType(s string) bool {
	switch s {
	case "1", "2", "3", "4", "11":
		return true
	}
	return false
}

// isDate: MM/DD/YYYY.
func isDate(s string) bool {
	return len(s) == 10 && s[2] == '/' && s[5] == '/' && digits(s[:2]) && digits(s[3:5]) && digits(s[6:])
}

// isTime: HH:MM:SS.
func isTime(s string) bool {
	return len(s) == 8 && s[2] == ':' && s[5] == ':' && digits(s[:2]) && digits(s[3:5]) && digits(s[6:])
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// splitCSV splits one CSV line whose text fields may be double-quoted
// (with "" for a quote), reusing dst.
func splitCSV(line string, dst []string) []string {
	dst = dst[:0]
	for {
		if strings.HasPrefix(line, `"`) {
			if end := strings.IndexByte(line[1:], '"') + 1; end > 0 && (end+1 == len(line) || line[end+1] == ',') {
				dst = append(dst, line[1:end]) // no doubled quote inside: a plain substring
				if end+1 == len(line) {
					return dst
				}
				line = line[end+2:]
				continue
			}
			var b strings.Builder
			i := 1
			for i < len(line) {
				if line[i] == '"' {
					if i+1 < len(line) && line[i+1] == '"' {
						b.WriteByte('"')
						i += 2
						continue
					}
					i++
					break
				}
				b.WriteByte(line[i])
				i++
			}
			dst = append(dst, b.String())
			line = line[i:]
			j := strings.IndexByte(line, ',')
			if j < 0 {
				return dst
			}
			line = line[j+1:]
			continue
		}
		j := strings.IndexByte(line, ',')
		if j < 0 {
			return append(dst, line)
		}
		dst = append(dst, line[:j])
		line = line[j+1:]
	}
}

func atoiOr(s string, def int) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return def
	}
	return n
}

// ScanNPSLog reads an NPS log of the given format record by record and
// calls fn for each; it never holds more than one record. It returns the
// number of lines it could not read as a record.
func ScanNPSLog(r io.Reader, format string, fn func(*NPSRecord) error) (skipped int, err error) {
	if format == NPSLogDTS {
		return scanDTS(r, fn)
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), npsLogMaxLine)
	var rec NPSRecord
	var fields []string
	mapped := make([]string, odbcFieldCount)
	n := 0
	for sc.Scan() {
		n++
		line := bytes.TrimRight(sc.Bytes(), "\r")
		if n == 1 {
			line = bytes.TrimPrefix(line, []byte("\xef\xbb\xbf"))
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		fields = splitCSV(string(line), fields)
		rec = NPSRecord{Line: n, Reason: -1}
		switch format {
		case NPSLogODBC:
			if len(fields) < odbcFieldCount {
				skipped++
				continue
			}
			rec.Date, rec.Time = fields[odbcDate], fields[odbcTime]
			rec.PacketType = atoiOr(fields[odbcPacketType], 0)
			rec.User = fields[odbcFQDN]
			if rec.User == "" {
				rec.User = fields[odbcUser]
			}
			rec.NASIP, rec.ClientIP, rec.ClientName = fields[odbcNASIP], fields[odbcClientIP], fields[odbcClientName]
			rec.Policy, rec.ProxyPolicy = fields[odbcPolicy], fields[odbcProxyPolicy]
			if fields[odbcReason] != "" {
				rec.Reason = atoiOr(fields[odbcReason], -1)
			}
			rec.Raw, rec.Fields = line, fields
		case NPSLogIAS:
			if len(fields) < 6 || (len(fields)-6)%2 != 0 {
				skipped++
				continue
			}
			clear(mapped)
			rec.NASIP, rec.User, rec.Date, rec.Time = fields[0], fields[1], fields[2], fields[3]
			mapped[0], mapped[1] = fields[5], fields[4]
			for i := 6; i+1 < len(fields); i += 2 {
				v := fields[i+1]
				switch fields[i] {
				case iasPacketType:
					rec.PacketType = atoiOr(v, 0)
				case iasReason:
					rec.Reason = atoiOr(v, -1)
				case iasPolicy:
					rec.Policy = v
				case iasProxyPolicy:
					rec.ProxyPolicy = v
				case iasClientIP:
					rec.ClientIP = v
				case iasClientName:
					rec.ClientName = v
				case iasAuthType:
					mapped[23] = v
				}
			}
			rec.fill(mapped)
			rec.Fields = mapped
		default:
			return skipped, fmt.Errorf("unknown NPS log format %q", format)
		}
		if err := fn(&rec); err != nil {
			return skipped, err
		}
	}
	if err := sc.Err(); err != nil {
		return skipped, fmt.Errorf("line %d: %w", n+1, err)
	}
	return skipped, nil
}

// fill writes the record's known values into database-compatible columns.
func (r *NPSRecord) fill(m []string) {
	m[odbcDate], m[odbcTime] = r.Date, r.Time
	if r.PacketType != 0 {
		m[odbcPacketType] = strconv.Itoa(r.PacketType)
	}
	m[odbcUser], m[odbcNASIP], m[odbcClientIP], m[odbcClientName] = r.User, r.NASIP, r.ClientIP, r.ClientName
	m[odbcPolicy], m[odbcProxyPolicy] = r.Policy, r.ProxyPolicy
	if r.Reason >= 0 {
		m[odbcReason] = strconv.Itoa(r.Reason)
	}
}

// scanDTS streams the <Event> elements of a DTS-compliant log; the file has
// no single root, so it is read inside a synthetic <Events> element.
func scanDTS(r io.Reader, fn func(*NPSRecord) error) (int, error) {
	lr := &lineCounter{r: r}
	d := xml.NewDecoder(io.MultiReader(strings.NewReader("<Events>"), lr, strings.NewReader("</Events>")))
	mapped := make([]string, odbcFieldCount)
	var rec NPSRecord
	var in string
	var text strings.Builder
	depth := 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return 0, nil
		}
		if err != nil {
			return 0, fmt.Errorf("line %d: %w", lr.line, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch {
			case depth == 2 && t.Name.Local == "Event":
				rec = NPSRecord{Reason: -1}
			case depth == 3:
				in = t.Name.Local
				text.Reset()
			}
		case xml.CharData:
			if depth == 3 {
				text.Write(t)
			}
		case xml.EndElement:
			if depth == 3 {
				v := strings.TrimSpace(text.String())
				switch in {
				case "Timestamp":
					rec.Date, rec.Time, _ = strings.Cut(v, " ")
					if i := strings.IndexByte(rec.Time, '.'); i >= 0 {
						rec.Time = rec.Time[:i]
					}
				case "Packet-Type":
					rec.PacketType = atoiOr(v, 0)
				case "Reason-Code":
					rec.Reason = atoiOr(v, -1)
				case "User-Name":
					if rec.User == "" {
						rec.User = v
					}
				case "Fully-Qualifed-User-Name", "Fully-Qualified-User-Name", "Fully-Qualified-Distinguished-Name":
					if v != "" {
						rec.User = v
					}
				case "Client-IP-Address":
					rec.ClientIP = v
				case "Client-Friendly-Name":
					rec.ClientName = v
				case "NAS-IP-Address":
					rec.NASIP = v
				case "NP-Policy-Name":
					rec.Policy = v
				case "Proxy-Policy-Name":
					rec.ProxyPolicy = v
				}
			}
			if depth == 2 {
				clear(mapped)
				rec.fill(mapped)
				rec.Fields = mapped
				if err := fn(&rec); err != nil {
					return 0, err
				}
			}
			depth--
		}
	}
}

// lineCounter counts the newlines read so far.
type lineCounter struct {
	r    io.Reader
	line int
}

func (l *lineCounter) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	l.line += bytes.Count(p[:n], []byte("\n"))
	return n, err
}

// IsNPSLog reports whether text is an NPS log (for the loader, which lists
// the file and leaves its records to `aovpnlint nps-log`).
func IsNPSLog(text []byte) bool {
	return SniffNPSLog(text[:min(len(text), 64*1024)]) != ""
}
