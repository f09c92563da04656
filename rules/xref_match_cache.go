package rules

import "github.com/aovpnlint/aovpnlint/lint/model"

// xrefHostMatcher is xrefMatchVPNHost(cands, host) remembered per host for
// one Check: the profiles of an estate dial a few hosts thousands of times,
// and each comparison with every VPN server certificate is the same. The
// slices of a match are shared between calls: read them only.
func xrefHostMatcher(cands []*model.Cert) func(host string) xrefHostMatch {
	memo := map[string]xrefHostMatch{}
	return func(host string) xrefHostMatch {
		m, ok := memo[host]
		if !ok {
			m = xrefMatchVPNHost(cands, host)
			memo[host] = m
		}
		return m
	}
}
