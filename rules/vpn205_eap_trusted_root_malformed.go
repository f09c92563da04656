package rules

import (
	"fmt"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:            "VPN205",
		Name:          "eap-trusted-root-malformed",
		Severity:      lint.Error,
		Summary:       "TrustedRootCA is not a SHA-1 thumbprint (40 hex digits) or is a placeholder",
		Fix:           "paste the root CA's SHA-1 thumbprint: 40 hex digits, as Windows exports it (\"5a 89 fe ... 4b \")",
		Tags:          []string{"reliability", "eap"},
		WindowsErrors: []string{"0x800B0109"},
		CheckEap: func(p *lint.Pass, cfg *model.EapConfig) {
			for _, m := range cfg.Methods() {
				if m.ServerValidation == nil {
					continue
				}
				for _, n := range m.ServerValidation.TrustedRootCAs {
					// An empty TrustedRootCA is no pin at all (VPN204), not a bad one.
					if v := n.Value(); v != "" {
						if why := eapThumbprintProblem(v); why != "" {
							p.Reportf(n.ValueLoc(), "%s TrustedRootCA %q %s", m.Name(), v, why)
						}
					}
				}
			}
		},
	})
}

// eapThumbprintProblem says what is wrong with a SHA-1 thumbprint written as hex
// with optional white space between the digits, or returns "" when it is fine.
func eapThumbprintProblem(v string) string {
	digits, zeros, bad := 0, 0, 0
	first := ' '
	for _, r := range v {
		switch {
		case r == ' ' || r == '\t' || r == '\r' || r == '\n':
		case r >= '0' && r <= '9' || r >= 'a' && r <= 'f' || r >= 'A' && r <= 'F':
			digits++
			if r == '0' {
				zeros++
			}
		default:
			if bad == 0 {
				first = r
			}
			bad++
		}
	}
	switch {
	case bad == 1:
		return fmt.Sprintf("contains %q, which is not a hex digit: a SHA-1 thumbprint is 40 hex digits, optionally separated by spaces", first)
	case bad > 1:
		return fmt.Sprintf("contains %d characters that are not hex digits, the first %q: a SHA-1 thumbprint is 40 hex digits, optionally separated by spaces", bad, first)
	case digits == zeros && zeros == 40:
		return "is an all-zero placeholder, not the thumbprint of a real root CA"
	case digits == zeros:
		return fmt.Sprintf("is an all-zero placeholder of %d hex digits, not the 40-digit SHA-1 thumbprint of a real root CA", digits)
	case digits == 64:
		return "has 64 hex digits: that is a SHA-256 thumbprint, but Windows matches the SHA-1 thumbprint (40 hex digits)"
	case digits != 40:
		return fmt.Sprintf("has %d hex digits, not the 40 of a SHA-1 thumbprint", digits)
	}
	return ""
}
