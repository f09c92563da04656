package rules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aovpnlint/aovpnlint/internal/fuzzcheck"
	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/linttest"
	"github.com/aovpnlint/aovpnlint/lint/load"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

// FuzzRules: no rule crashes on any input the loader accepts, every finding
// and related location lies inside the file (lines and columns), and no
// message, fix or related message repeats a secret planted in the input
// (see fuzzcheck.Secrets). Seeded with every fixture, in folders too.
func FuzzRules(f *testing.F) {
	for _, pattern := range []string{fixtures + "/*", fixtures + "/*/*", fixtures + "/*/*/*"} {
		files, _ := filepath.Glob(pattern)
		for _, name := range files {
			if info, err := os.Stat(name); err != nil || info.IsDir() || info.Size() > 1<<20 {
				continue
			}
			if b, err := os.ReadFile(name); err == nil {
				f.Add(b)
			}
		}
	}
	f.Add([]byte("<VPNProfile><NativeProfile><Servers>vpn.contoso.com</Servers><NativeProtocolType>L2tp</NativeProtocolType><L2tpPsk>Planted-L2tp-Secret-1</L2tpPsk></NativeProfile></VPNProfile>"))
	f.Add([]byte("<Root><Children><Microsoft_Internet_Authentication_Service><Children><Protocols><Children><Microsoft_Radius_Protocol><Children><Clients><Children><C name=\"VPN1\"><Properties><Shared_Secret>Planted-Radius</Shared_Secret></Properties></C></Children></Clients></Children></Microsoft_Radius_Protocol></Children></Protocols></Children></Microsoft_Internet_Authentication_Service></Children></Root>"))
	f.Add([]byte("-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIPlantedKeyBodyAbCdEfGhIjKlMnOpQrStUvWxYz0123456789\n-----END EC PRIVATE KEY-----\n"))
	all := All()
	f.Fuzz(func(t *testing.T, data []byte) {
		defer fuzzcheck.Watchdog(data)()
		file, probs, _ := load.Parse("fuzz.xml", data)
		if file == nil {
			return
		}
		file.Suppressions = load.Suppressions(file)
		d := &model.Deployment{Now: linttest.Now, ExpiryWarning: lint.DefaultExpiryWarning, Problems: probs}
		d.Add(file)
		d.Link()
		secrets := append(fuzzcheck.Secrets(data), fuzzcheck.Secrets(file.Src.Text)...)
		for _, fd := range lint.Check(d, all).Findings {
			if strings.Contains(fd.Message, "internal error") {
				t.Fatal(fd.Message)
			}
			if why := fuzzcheck.LocError(file.Src, fd.Location); why != "" {
				t.Fatalf("%s %q: location %+v %s", fd.RuleID, fd.Message, fd.Location, why)
			}
			texts := []string{fd.Message, fd.Fix}
			for _, r := range fd.Related {
				if why := fuzzcheck.LocError(file.Src, r.Location); why != "" {
					t.Fatalf("%s %q: related location %+v %s", fd.RuleID, r.Message, r.Location, why)
				}
				texts = append(texts, r.Message)
			}
			if s := fuzzcheck.Leak(secrets, texts...); s != "" {
				t.Fatalf("%s shows the secret %q: %q", fd.RuleID, s, texts)
			}
		}
	})
}
