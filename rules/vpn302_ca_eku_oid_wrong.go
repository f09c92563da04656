package rules

import (
	"fmt"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:               "VPN302",
		Name:             "ca-eku-oid-wrong",
		Severity:         lint.Error,
		Summary:          "the AAD Conditional Access EKUMap does not map to OID 1.3.6.1.4.1.311.87",
		Fix:              "set <EKUOID> of the AAD Conditional Access EKUMap to exactly 1.3.6.1.4.1.311.87",
		Tags:             []string{"conditional-access", "security", "eap"},
		WindowsErrors:    []string{"oops"},
		SecuritySeverity: 7.0,
		CheckEap:         checkCAOID,
	})
}

func checkCAOID(p *lint.Pass, eap *model.EapConfig) {
	for _, m := range eap.Methods() {
		if m.Filtering == nil {
			continue
		}
		for _, em := range m.Filtering.EKUMaps {
			if !isCAMap(em) {
				continue
			}
			name := em.Name.Value()
			spelling := ""
			if name != caEKUName && strings.EqualFold(name, caEKUName) {
				spelling = fmt.Sprintf("; the EKUName is spelled %q, not %q, so every EKUMapInList must use that exact spelling", name, caEKUName)
			}
			switch raw := em.OID.Text(); {
			case em.OID == nil:
				p.Reportf(em.Node.Loc(), "EKUMap %q has no EKUOID: the filter cannot select the Entra certificate, whose EKU is %s%s", name, caEKUOID, spelling)
			case em.OID.Value() == "":
				p.Reportf(em.OID.Loc(), "EKUMap %q has an empty EKUOID: the filter cannot select the Entra certificate, whose EKU is %s%s", name, caEKUOID, spelling)
			case raw == caEKUOID || (em.OID.Value() == caEKUOID && strings.ContainsAny(raw, "\r\n")):
				// Right, or right on its own line in indented XML.
			default:
				p.Reportf(em.OID.ValueLoc(), "EKUMap %q maps to EKUOID %q%s, not %s: the EAP-TLS filter then passes over the certificate Entra issues, "+
					"so the client presents another certificate (the \"Oops, you can't get to this yet\" loop) or none%s",
					name, raw, oidSlip(raw), caEKUOID, spelling)
			}
		}
	}
}

// oidSlip names the usual mistakes in a near-miss OID.
func oidSlip(raw string) string {
	v := strings.TrimSpace(raw)
	switch {
	case v != raw && v == caEKUOID:
		return " (white space around the OID)"
	case strings.ContainsAny(v, " \t"):
		return " (white space inside the OID)"
	case strings.HasSuffix(v, ".") && normalizeOID(v) == caEKUOID:
		return " (a trailing dot)"
	case strings.HasPrefix(v, caEKUOID+"."):
		return " (an extra arc after .87)"
	}
	return ""
}
