package rules

import (
	"fmt"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

// npsVPNPolicies returns the policies that decide a VPN request's
// authentication methods in the scan's NPS exports: the enabled network
// policies whose conditions could match a VPN request or, when the first
// enabled connection request policy that could match overrides the
// authentication methods, that policy alone.
func npsVPNPolicies(d *model.Deployment) []*model.NPSPolicy {
	var out []*model.NPSPolicy
	for _, cfg := range d.NPS {
		if crp := npsFirstCRP(cfg); crp != nil && crp.Settings != nil && crp.Settings.Override {
			out = append(out, crp)
			continue
		}
		for _, pol := range cfg.Policies {
			if pol.Enabled && pol.MatchesVPN() {
				out = append(out, pol)
			}
		}
	}
	return out
}

func npsFirstCRP(cfg *model.NPSConfig) *model.NPSPolicy {
	for _, crp := range cfg.RequestPolicies {
		if crp.Enabled && crp.MatchesVPN() {
			return crp
		}
	}
	return nil
}

// npsSettingsLoc is where a policy's EAP settings are: the PEAP
// configuration, the first allowed EAP type, or the settings object.
func npsSettingsLoc(pol *model.NPSPolicy) model.Location {
	s := pol.Settings
	switch {
	case s == nil:
		return pol.Node.Loc()
	case s.EapConfigNode != nil:
		return s.EapConfigNode.Loc()
	case len(s.EapNodes) > 0:
		return s.EapNodes[0].Loc()
	}
	return s.Node.Loc()
}

// npsRelated names each policy and what it allows.
func npsRelated(pols []*model.NPSPolicy) []lint.Related {
	var rel []lint.Related
	for _, pol := range pols {
		rel = append(rel, lint.Related{Location: npsSettingsLoc(pol), Message: fmt.Sprintf("NPS policy %q allows %s", pol.Name, pol.Settings.Describe())})
	}
	return rel
}

// npsChainName names an EAP chain: "PEAP (25) with inner EAP-TLS (13)".
func npsChainName(chain []int) string {
	var parts []string
	for _, t := range chain {
		parts = append(parts, model.EapTypeName(t))
	}
	return strings.Join(parts, " with inner ")
}

// npsNames lists policy names for messages.
func npsNames(pols []*model.NPSPolicy) string {
	var q []string
	for _, pol := range pols {
		q = append(q, fmt.Sprintf("%q", pol.Name))
	}
	return strings.Join(q, ", ")
}

func npsPlural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
