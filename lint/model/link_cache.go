package model

import (
	"regexp"
	"sync"
)

// linkCache holds what rules ask the deployment for once per certificate or
// per EAP method, computed once by Link: the VPN server hosts, the NPS
// ServerNames patterns and each ServerNames value compiled. Without it a scan
// of thousands of profiles and certificates spent most of its time
// recomputing them (profiles x certificates). The deployment is read-only
// after Link (rules may run in parallel); should it grow after Link anyway,
// the counts no longer match and the values are computed afresh.
type linkCache struct {
	hosts    []string
	patterns []*regexp.Regexp
	byValue  map[string][]*regexp.Regexp
	memo     sync.Map // Memo's values

	profiles, names, eaps int
}

func (d *Deployment) fillLinkCache() {
	d.link = nil
	lc := &linkCache{hosts: d.vpnServerHosts(), profiles: len(d.Profiles), names: len(d.ServerNames), eaps: len(d.EapConfigs)}
	lc.patterns, lc.byValue = d.npsServerPatterns()
	d.link = lc
}

// linked returns the cache when it still describes the deployment.
func (d *Deployment) linked() *linkCache {
	lc := d.link
	if lc == nil || lc.profiles != len(d.Profiles) || lc.names != len(d.ServerNames) || lc.eaps != len(d.EapConfigs) {
		return nil
	}
	return lc
}

// npsServerPatterns compiles every EAP method's ServerNames value once and
// returns the distinct patterns, in order of first appearance, and the
// patterns of each value.
func (d *Deployment) npsServerPatterns() ([]*regexp.Regexp, map[string][]*regexp.Regexp) {
	var out []*regexp.Regexp
	byValue := map[string][]*regexp.Regexp{}
	seen := map[string]bool{}
	for _, cfg := range d.EapConfigs {
		for _, m := range cfg.Methods() {
			if m.ServerValidation == nil {
				continue
			}
			v := m.ServerValidation.ServerNames.Value()
			pats, ok := byValue[v]
			if !ok {
				pats = ServerNamePatterns(v)
				byValue[v] = pats
			}
			for _, re := range pats {
				if !seen[re.String()] {
					seen[re.String()] = true
					out = append(out, re)
				}
			}
		}
	}
	return out, byValue
}

// ServerNamePatternsOf is ServerNamePatterns(v), compiled once by Link for
// the ServerNames values of the deployment: callers must not modify it.
func (d *Deployment) ServerNamePatternsOf(v string) []*regexp.Regexp {
	if lc := d.linked(); lc != nil {
		if pats, ok := lc.byValue[v]; ok {
			return pats
		}
	}
	return ServerNamePatterns(v)
}

// Memo returns f's result for key, computed once per linked deployment (f may
// run more than once when rules ask concurrently; it must be a pure function
// of the deployment and key). Before Link, or once the deployment has grown
// since, it calls f every time. Rules use it for what they would otherwise
// recompute per EAP method or per certificate; the result is shared: read it
// only. Keys should be of a type private to the caller.
func (d *Deployment) Memo(key any, f func() any) any {
	lc := d.linked()
	if lc == nil {
		return f()
	}
	if v, ok := lc.memo.Load(key); ok {
		return v
	}
	v, _ := lc.memo.LoadOrStore(key, f())
	return v
}
