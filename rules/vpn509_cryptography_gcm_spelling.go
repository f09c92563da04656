package rules

import (
	"fmt"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "VPN509",
		Name:     "cryptography-gcm-spelling",
		Severity: lint.Error,
		Summary:  "a GCM cipher is written in the spelling of the other IPsec phase",
		Fix:      "write GCMAES128/192/256 in the ESP transforms and AES_GCM_128/256 in EncryptionMethod",
		Tags:     []string{"schema", "reliability", "cryptography"},
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			walkSchema(p.Deployment, prof.Root, func(n *model.Node, e *schemaElem) {
				if e.Kind != kindEnum {
					return
				}
				v, ok := schemaValue(n, e)
				if !ok {
					return
				}
				fix, bad := gcmConfusion(e, v)
				if !bad {
					return
				}
				var msg string
				if e.Name == "EncryptionMethod" {
					msg = fmt.Sprintf("<EncryptionMethod> is %q, the ESP spelling of a GCM cipher: the IKE cipher (EncryptionMethod) is spelt AES_GCM_128 or AES_GCM_256, so write %s", v, fix)
				} else {
					msg = fmt.Sprintf("<%s> is %q, the IKE spelling of a GCM cipher (EncryptionMethod's): the ESP transforms are spelt GCMAES128, GCMAES192, GCMAES256, so write %s", e.Name, v, fix)
				}
				f := fmt.Sprintf("write <%s>%s</%s>", e.Name, fix, e.Name)
				if strings.Contains(fix, " ") {
					f = fmt.Sprintf("set <%s> to %s", e.Name, fix)
				}
				p.Report(lint.Diagnostic{
					At:      n.ValueLoc(),
					Message: msg + "; Windows does not accept the value, and the IPsec policy the server expects is not applied",
					Fix:     f,
				})
			}, nil)
		},
	})
}
