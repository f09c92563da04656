package rules

import (
	"strconv"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:            "VPN210",
		Name:          "eap-method-type-mismatch",
		Severity:      lint.Error,
		Summary:       "EapMethod/Type differs from the Type of the configured method (Config/Eap/Type)",
		Fix:           "make EapHostConfig/EapMethod/Type equal to Config/Eap/Type (25 for PEAP, 13 for EAP-TLS)",
		Tags:          []string{"reliability", "eap"},
		WindowsErrors: []string{"812"},
		CheckEap: func(p *lint.Pass, cfg *model.EapConfig) {
			m := cfg.Method
			if m == nil || m.TypeNode == nil || cfg.MethodType == nil {
				return
			}
			outer, err := strconv.Atoi(cfg.MethodType.Value())
			if err != nil || m.Type == 0 || outer == m.Type {
				return // a missing or non-numeric Type is another rule's finding
			}
			p.Report(lint.Diagnostic{
				At: m.TypeNode.ValueLoc(),
				Message: "Config/Eap/Type is " + model.EapTypeName(m.Type) + " but EapMethod/Type is " + model.EapTypeName(outer) +
					": the configuration contradicts itself about which EAP method to use",
				Related: []lint.Related{{Location: cfg.MethodType.ValueLoc(), Message: "EapMethod/Type: " + model.EapTypeName(outer)}},
			})
		},
	})
}
