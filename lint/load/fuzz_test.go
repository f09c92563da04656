package load

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/aovpnlint/aovpnlint/lint/model"
)

// FuzzParse: no input makes the loader panic, and every position it reports
// lies inside the input. Seeded with every rule fixture (profiles, PEM, DER,
// PKCS#12) and the examples.
func FuzzParse(f *testing.F) {
	for _, pattern := range []string{"../../testdata/rules/*", "../../testdata/rules/*/*", "../../testdata/examples/*/*"} {
		files, _ := filepath.Glob(pattern)
		for _, name := range files {
			if b, err := os.ReadFile(name); err == nil {
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, probs, _ := Parse("fuzz.xml", data)
		if file == nil {
			return
		}
		inside := func(what string, l model.Location) {
			if l.StartLine < 1 || l.StartColumn < 1 || l.StartLine > file.Src.Lines() ||
				l.EndLine < l.StartLine || (l.EndLine == l.StartLine && l.EndColumn <= l.StartColumn) {
				t.Fatalf("%s: bad location %+v (file has %d lines)", what, l, file.Src.Lines())
			}
		}
		for _, p := range probs {
			inside("problem "+p.Message, p.Loc)
		}
		for _, p := range file.Profiles {
			inside("profile", p.Root.Loc())
			if p.Native != nil {
				for _, s := range p.Native.ServerList {
					inside("server", s.Loc)
				}
			}
			if c := p.Eap(); c != nil {
				for _, m := range c.Methods() {
					inside("eap method", m.Node.Loc())
					if m.TypeNode != nil {
						inside("eap type", m.TypeNode.ValueLoc())
					}
				}
			}
		}
		for _, c := range file.Certs {
			inside("certificate", c.Loc)
		}
	})
}
