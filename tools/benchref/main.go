// Command benchref is the reference of make bench: the minimal Go program
// that reads an estate and parses what a linter must parse, with the
// standard library only, against which aovpnlint's time is compared.
//
// What it does, for every regular file under the folders given (one
// goroutine per CPU, like a linter that uses the machine):
//   - reads the whole file;
//   - PEM text: decodes every PEM block and parses each CERTIFICATE block
//     with crypto/x509;
//   - a file starting with an ASN.1 SEQUENCE (0x30): parses it as a DER
//     certificate;
//   - XML (first non-blank byte '<'): tokenizes it with encoding/xml
//     (Decoder.Token, strict); when
//     the document is SyncML, the escaped ProfileXML in <Data> is tokenized
//     too (it is XML in a text node);
//   - JSON (first byte '{' or '['): decodes it with encoding/json and
//     tokenizes with encoding/xml every string value that starts with "<"
//     (omaSettingString) and every "value" of an omaSettingStringXml after
//     base64 decoding;
//   - any other text: tokenizes from the first "<VPNProfile>" to the last
//     "</VPNProfile>" when there is one (PowerShell here-strings; a CIM
//     dump's wrapped lines are joined first by deleting each newline and the
//     indentation after it, the least a reader has to do to get the XML back).
//
// What it does not do: decode UTF-16, evaluate PowerShell variables, unescape
// the &lt; of a script's -replace lines, keep positions, check anything, build
// chains or verify signatures. It prints counts, so that the work cannot be
// optimised away and the two programs can be seen to cover the same files.
package main

import (
	"bytes"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
)

type counts struct {
	files, bytes, xmlDocs, tokens, certs, certErrs, xmlErrs int
}

func (c *counts) add(o counts) {
	c.files += o.files
	c.bytes += o.bytes
	c.xmlDocs += o.xmlDocs
	c.tokens += o.tokens
	c.certs += o.certs
	c.certErrs += o.certErrs
	c.xmlErrs += o.xmlErrs
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: benchref DIR...")
		os.Exit(2)
	}
	paths := make(chan string, 256)
	results := make(chan counts)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			var c counts
			for p := range paths {
				data, err := os.ReadFile(p)
				if err != nil {
					continue
				}
				c.files++
				c.bytes += len(data)
				file(data, &c)
			}
			results <- c
		})
	}
	go func() {
		for _, root := range os.Args[1:] {
			_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
				if err == nil && d.Type().IsRegular() {
					paths <- p
				}
				return nil
			})
		}
		close(paths)
		wg.Wait()
		close(results)
	}()
	var total counts
	for c := range results {
		total.add(c)
	}
	fmt.Printf("files %d bytes %d xml-documents %d xml-tokens %d xml-errors %d certificates %d certificate-errors %d\n",
		total.files, total.bytes, total.xmlDocs, total.tokens, total.xmlErrs, total.certs, total.certErrs)
}

func file(data []byte, c *counts) {
	t := bytes.TrimLeft(data, " \t\r\n\ufeff")
	switch {
	case len(t) == 0:
	case bytes.Contains(data, []byte("-----BEGIN ")):
		for rest := data; ; {
			var b *pem.Block
			b, rest = pem.Decode(rest)
			if b == nil {
				break
			}
			if b.Type == "CERTIFICATE" {
				cert(b.Bytes, c)
			}
		}
	case data[0] == 0x30:
		cert(data, c)
	case t[0] == '<':
		tokenize(data, c)
	case t[0] == '{' || t[0] == '[':
		var v any
		if json.Unmarshal(data, &v) == nil {
			walkJSON(v, c)
		}
	default:
		i := bytes.Index(data, []byte("<VPNProfile>"))
		j := bytes.LastIndex(data, []byte("</VPNProfile>"))
		if i < 0 || j < i {
			return
		}
		x := data[i : j+len("</VPNProfile>")]
		if bytes.Contains(x, []byte("\n      ")) && bytes.HasPrefix(bytes.TrimLeft(data, "\r\n"), []byte("__GENUS")) {
			x = joinWrapped(x)
		}
		tokenize(x, c)
	}
}

func cert(der []byte, c *counts) {
	if _, err := x509.ParseCertificate(der); err != nil {
		c.certErrs++
		return
	}
	c.certs++
}

func tokenize(x []byte, c *counts) {
	c.xmlDocs++
	// Token, the documented way to read XML with encoding/xml: it checks
	// that start and end elements match and resolves name spaces, which a
	// linter of EAP configurations needs (RawToken does neither; it saves
	// about a tenth of this program's time on the bench estate).
	d := xml.NewDecoder(bytes.NewReader(x))
	var inData bool
	for {
		tok, err := d.Token()
		if err != nil {
			if !errors.Is(err, io.EOF) {
				c.xmlErrs++
			}
			return
		}
		c.tokens++
		switch tok := tok.(type) {
		case xml.StartElement:
			inData = tok.Name.Local == "Data"
		case xml.EndElement:
			inData = false
		case xml.CharData:
			if inData && bytes.Contains(tok, []byte("<VPNProfile")) {
				tokenize(bytes.Clone(tok), c)
			}
		}
	}
}

func walkJSON(v any, c *counts) {
	switch v := v.(type) {
	case map[string]any:
		if t, _ := v["@odata.type"].(string); strings.HasSuffix(t, "omaSettingStringXml") {
			if s, ok := v["value"].(string); ok {
				if x, err := base64.StdEncoding.DecodeString(s); err == nil {
					tokenize(x, c)
				}
			}
			return
		}
		for _, e := range v {
			walkJSON(e, c)
		}
	case []any:
		for _, e := range v {
			walkJSON(e, c)
		}
	case string:
		if strings.HasPrefix(strings.TrimSpace(v), "<") {
			tokenize([]byte(v), c)
		}
	}
}

// joinWrapped undoes Format-List wrapping: a line as long as the longest was
// split mid-word and joins its successor directly; a shorter one was split at
// a space, which is put back. The indentation of continuation lines goes.
func joinWrapped(x []byte) []byte {
	var lines [][]byte
	width := 0
	for line := range bytes.Lines(x) {
		l := bytes.TrimLeft(bytes.TrimRight(line, "\r\n"), " ")
		lines = append(lines, l)
		width = max(width, len(l))
	}
	var b bytes.Buffer
	for i, l := range lines {
		b.Write(l)
		if i < len(lines)-1 && len(l) < width {
			b.WriteByte(' ')
		}
	}
	return b.Bytes()
}
