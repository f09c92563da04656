package rules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/load"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

// FuzzRules: no rule crashes on any input the loader accepts, and every
// finding has a place inside the file. Seeded with every fixture.
func FuzzRules(f *testing.F) {
	files, _ := filepath.Glob(fixtures + "/*")
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	all := All()
	f.Fuzz(func(t *testing.T, data []byte) {
		file, _, _ := load.Parse("fuzz.xml", data)
		if file == nil {
			return
		}
		d := &model.Deployment{}
		d.Add(file)
		for _, fd := range lint.Check(d, all).Findings {
			if strings.Contains(fd.Message, "internal error") {
				t.Fatal(fd.Message)
			}
			if l := fd.Location; l.StartLine < 1 || l.StartColumn < 1 || l.StartLine > file.Src.Lines() || l.EndLine < l.StartLine {
				t.Fatalf("%s: bad location %+v", fd.RuleID, l)
			}
		}
	})
}
