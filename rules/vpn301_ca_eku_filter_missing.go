package rules

import (
	"fmt"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

// The EKU that Microsoft Entra puts on the short-lived VPN certificate, and
// the name Microsoft's documentation gives it in the EKUMapping.
const (
	caEKUOID  = "1.3.6.1.4.1.311.87"
	caEKUName = "AAD Conditional Access"
)

// caOops is the tail shared by the VPN301 messages: what goes wrong.
const caOops = "the client may present any valid Client Authentication certificate instead of the one Entra issues " +
	"(issuer Microsoft VPN root CA gen 1), so the conditional access check is bypassed: " +
	"users see \"Oops, you can't get to this yet\" and still connect when they close it"

func init() {
	register(&lint.Rule{
		ID:               "VPN301",
		Name:             "ca-eku-filter-missing",
		Severity:         lint.Error,
		Summary:          "conditional access is on but EAP-TLS lacks the AAD Conditional Access EKU filter",
		Fix:              "add TLSExtensions/FilteringInfo mapping AAD Conditional Access to 1.3.6.1.4.1.311.87 and list it in ClientAuthEKUList Enabled=\"true\"",
		Tags:             []string{"conditional-access", "security", "eap"},
		WindowsErrors:    []string{"oops"},
		SecuritySeverity: 7.0,
		CheckProfile:     checkCAFilter,
	})
}

func checkCAFilter(p *lint.Pass, prof *model.Profile) {
	if !prof.ComplianceEnabled() || prof.Native == nil || prof.IsDeviceTunnel() {
		return // plug-in profile or device tunnel: the filter does not apply
	}
	n := prof.Native
	if n.UserMethod != nil && !n.UserMethod.Is("Eap") {
		return // not EAP at all (MSChapv2): VPN304
	}
	eap := prof.Eap()
	if eap == nil {
		cfg := n.EapConfiguration
		if cfg != nil && (cfg.Value() != "" || len(cfg.Children) > 0) {
			return // there but unreadable: the LOAD rules report it
		}
		if n.UserMethod == nil && n.Eap == nil {
			return // no user authentication at all (machine certificate only)
		}
		p.Reportf(prof.DeviceCompliance.Enabled.Loc(),
			"conditional access is enabled but the profile has no EAP configuration, so nothing restricts the client certificate to the AAD Conditional Access EKU (%s): %s",
			caEKUOID, caOops)
		return
	}
	var tls []*model.EapMethod
	for _, m := range eap.Methods() {
		if m.Type == model.EapTLS {
			tls = append(tls, m)
		}
	}
	if len(tls) == 0 {
		return // not certificate-based: VPN304
	}
	var first *caGap
	for _, m := range tls {
		g := caFilterGap(m)
		if g == nil {
			return
		}
		if first == nil {
			first = g
		}
	}
	p.Reportf(first.at, "%s: %s", first.what, caOops)
}

// caGap is what is missing from one EAP-TLS level's certificate filter.
type caGap struct {
	at   lint.Location
	what string
}

// caFilterGap returns nil when the EAP-TLS level m filters for the AAD
// Conditional Access EKU, else the most specific place where the filter is
// incomplete.
func caFilterGap(m *model.EapMethod) *caGap {
	if m.EapType == nil {
		return &caGap{at: m.Node.Loc(), what: "the EAP-TLS method has no EapType, so it has no certificate filter"}
	}
	if m.TLSExtensions == nil {
		what := "the EAP-TLS EapType has no TLSExtensions/FilteringInfo certificate filter for the AAD Conditional Access EKU (" + caEKUOID + ")"
		// A filter pasted one level too high, into PEAP's EapType, is not read.
		if outer := m.Node.Parent; outer.Child("TLSExtensions") != nil {
			what += fmt.Sprintf(" (the TLSExtensions in the enclosing EapType of outer type %q is not where EAP-TLS reads it)", outer.Parent.Child("Type").Value())
		}
		return &caGap{at: m.EapType.Loc(), what: what}
	}
	f := m.Filtering
	if f == nil {
		return &caGap{at: m.TLSExtensions.Loc(), what: "TLSExtensions has no FilteringInfo, so the EAP-TLS certificate is not filtered for the AAD Conditional Access EKU (" + caEKUOID + ")"}
	}
	var maps []model.EKUMap
	for _, em := range f.EKUMaps {
		if isCAMap(em) {
			maps = append(maps, em)
		}
	}
	if len(maps) == 0 {
		at := f.Node.Loc()
		if mp := f.Node.Child("EKUMapping"); mp != nil {
			at = mp.Loc()
		}
		return &caGap{at: at, what: fmt.Sprintf("the certificate filter defines no EKUMap for the AAD Conditional Access EKU (EKUName %q, EKUOID %s)", caEKUName, caEKUOID)}
	}
	list := f.ClientAuthEKUList
	if list == nil {
		return &caGap{at: f.Node.Loc(), what: fmt.Sprintf("FilteringInfo maps %q but has no ClientAuthEKUList Enabled=\"true\" that lists it, so the filter is not applied", maps[0].Name.Value())}
	}
	if !model.Enabled(list) {
		if a := list.Attr("Enabled"); a != nil {
			return &caGap{at: a.Loc(), what: fmt.Sprintf("the AAD Conditional Access certificate filter is disabled (ClientAuthEKUList Enabled is %q)", a.Value)}
		}
		return &caGap{at: list.Loc(), what: "the AAD Conditional Access certificate filter is disabled (ClientAuthEKUList has no Enabled=\"true\")"}
	}
	if caListed(f, maps) {
		return nil
	}
	return &caGap{at: list.Loc(), what: fmt.Sprintf("ClientAuthEKUList does not list %q in an EKUMapInList, so the AAD Conditional Access EKU is defined but not required", maps[0].Name.Value())}
}

// isCAMap reports whether an EKUMap is meant to be the AAD Conditional Access
// one: it has that name (any case) or that OID, possibly mistyped. VPN302
// reports a wrong OID; VPN301 counts the map as present.
func isCAMap(em model.EKUMap) bool {
	return strings.EqualFold(em.Name.Value(), caEKUName) || normalizeOID(em.OID.Text()) == caEKUOID
}

// normalizeOID removes white space and trailing dots, the usual typing slips.
func normalizeOID(s string) string {
	s = strings.Join(strings.Fields(s), "")
	return strings.TrimRight(s, ".")
}

// caListed reports whether the ClientAuthEKUList names one of the maps. An
// entry that no map defines exactly counts too: VPN303 reports it at the
// entry, and it is most likely the AAD Conditional Access name mistyped.
func caListed(f *model.FilteringInfo, maps []model.EKUMap) bool {
	defined := map[string]bool{}
	for _, em := range f.EKUMaps {
		defined[em.Name.Value()] = true
	}
	for _, in := range f.EKUMapInList {
		v := in.Value()
		if v != "" && !defined[v] {
			return true
		}
		for _, em := range maps {
			if name := em.Name.Value(); name != "" && v == name {
				return true
			}
		}
	}
	return false
}
