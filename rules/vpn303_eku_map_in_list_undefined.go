package rules

import (
	"strings"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:               "VPN303",
		Name:             "eku-map-in-list-undefined",
		Severity:         lint.Error,
		Summary:          "an EKUMapInList names an EKU that no EKUMapping/EKUMap defines",
		Fix:              "spell the EKUName in EKUMapInList exactly as in an EKUMapping/EKUMap, or add that EKUMap",
		Tags:             []string{"conditional-access", "security", "eap"},
		SecuritySeverity: 6.0,
		CheckEap:         checkEKUListNames,
	})
}

func checkEKUListNames(p *lint.Pass, eap *model.EapConfig) {
	for _, m := range eap.Methods() {
		f := m.Filtering
		if f == nil {
			continue
		}
		defined := map[string]bool{}
		var names []string
		for _, em := range f.EKUMaps {
			if v := em.Name.Value(); v != "" && !defined[v] {
				defined[v] = true
				names = append(names, v)
			}
		}
		// model.FilteringInfo lists only ClientAuthEKUList's entries; read both lists here.
		for _, list := range []*model.Node{f.ClientAuthEKUList, f.AnyPurposeEKUList} {
			for _, in := range list.All("EKUMapInList") {
				checkEKUListName(p, list.Name, in, defined, names)
			}
		}
	}
}

func checkEKUListName(p *lint.Pass, list string, in *model.Node, defined map[string]bool, names []string) {
	n := in.Child("EKUName")
	v := n.Value()
	switch {
	case n == nil:
		p.Reportf(in.Loc(), "%s has an EKUMapInList without an EKUName, so it refers to no EKUMap", list)
		return
	case v == "":
		p.Reportf(n.Loc(), "%s has an EKUMapInList with an empty EKUName, so it refers to no EKUMap", list)
		return
	case defined[v]:
		return
	}
	for _, d := range names {
		if strings.EqualFold(d, v) {
			p.Reportf(n.ValueLoc(), "%s names %q but the EKUMap defines %q: the names must match exactly, including case, or the filter does not find the EKU", list, v, d)
			return
		}
	}
	if len(names) == 0 {
		p.Reportf(n.ValueLoc(), "%s names %q but FilteringInfo has no EKUMapping/EKUMap that defines it, so the filter has no OID for it", list, v)
		return
	}
	p.Reportf(n.ValueLoc(), "%s names %q, which no EKUMapping/EKUMap defines (defined: %q), so the filter has no OID for it", list, v, names)
}
