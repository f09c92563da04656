package rules

import (
	"strconv"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:               "VPN304",
		Name:             "ca-non-certificate-method",
		Severity:         lint.Error,
		Summary:          "conditional access is on but authentication is not EAP-TLS or PEAP-EAP-TLS",
		Fix:              "authenticate with EAP-TLS or PEAP with inner EAP-TLS so the Entra-issued certificate is used",
		Tags:             []string{"conditional-access", "security", "eap"},
		SecuritySeverity: 6.5,
		CheckProfile:     checkCAMethod,
	})
}

const caCertOnly = "Entra proves compliance with a short-lived certificate, which only EAP-TLS or PEAP-EAP-TLS can present, " +
	"so the VPN server never sees the conditional access result"

func checkCAMethod(p *lint.Pass, prof *model.Profile) {
	if !prof.ComplianceEnabled() || prof.Native == nil || prof.IsDeviceTunnel() {
		return
	}
	n := prof.Native
	if n.UserMethod != nil && n.UserMethod.Is("MSChapv2") {
		p.Reportf(n.UserMethod.ValueLoc(), "conditional access is enabled but UserMethod is %q (password authentication): %s", n.UserMethod.Value(), caCertOnly)
		return
	}
	eap := prof.Eap()
	if eap == nil {
		return
	}
	ms := eap.Methods()
	if len(ms) == 0 || eap.Uses(model.EapTLS) {
		return
	}
	// Judge only chains made of methods we know: PEAP and EAP-MSCHAPv2. An
	// unknown or third-party method may carry a certificate in ways this
	// model does not read.
	var chain []string
	for _, m := range ms {
		if m.Type != model.EapPEAP && m.Type != model.EapMSCHAPv2 {
			return
		}
		chain = append(chain, strconv.Itoa(m.Type))
	}
	last := ms[len(ms)-1]
	what := "the EAP method is " + model.EapTypeName(last.Type)
	switch {
	case len(ms) > 1:
		what = "the inner EAP method is " + model.EapTypeName(last.Type)
	case last.Type == model.EapPEAP:
		what = "PEAP has no inner EAP-TLS method"
	}
	p.Reportf(last.TypeNode.ValueLoc(), "conditional access is enabled but %s (EAP chain %s, no EAP-TLS): %s", what, strings.Join(chain, " > "), caCertOnly)
}
