package rules

import (
	"strings"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:               "VPN608",
		Name:             "data-encryption-weak",
		Severity:         lint.Warning,
		Summary:          "DataEncryption None or Optional: the connection does not require encryption",
		Fix:              "set <DataEncryption> to Require (the default) or Max, or remove the element",
		Tags:             []string{"security"},
		SecuritySeverity: 6.0,
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			n := prof.Root.Child("DataEncryption")
			v, ok := knownValue(n)
			if !ok {
				return
			}
			switch strings.ToLower(v) {
			case "none":
				p.Reportf(n.ValueLoc(), "DataEncryption is %q: the client asks for no data encryption, so the connection may carry traffic unencrypted", v)
			case "optional":
				p.Reportf(n.ValueLoc(), "DataEncryption is %q: the client connects even when no data encryption is negotiated, so the connection may carry traffic unencrypted", v)
			}
		},
	})
}
