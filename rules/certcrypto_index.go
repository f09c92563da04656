package rules

import "github.com/aovpnlint/aovpnlint/lint/model"

// chainIndex is, for every CA certificate, where it signs another certificate
// in the chains of the scan (issuancesOf); a certificate without any is
// terminal (isTerminal). Built once per scan: asking the chains of every
// certificate for each certificate took time in the square of the scan's
// size.
type chainIndex struct {
	issuances map[*model.Cert][]issuance
}

type chainIndexKey struct{}

func chainIndexOf(d *model.Deployment) *chainIndex {
	return d.Memo(chainIndexKey{}, func() any { return buildChainIndex(d) }).(*chainIndex)
}

// buildChainIndex records each issuance once per (CA, child), in scan order:
// the order in which issuancesOf used to find them.
func buildChainIndex(d *model.Deployment) *chainIndex {
	idx := &chainIndex{issuances: map[*model.Cert][]issuance{}}
	seen := map[[2]*model.Cert]bool{}
	for _, x := range d.Certs {
		for i := 1; i < len(x.Chain); i++ {
			ca, child := x.Chain[i], x.Chain[i-1]
			if !seen[[2]*model.Cert{ca, child}] {
				seen[[2]*model.Cert{ca, child}] = true
				idx.issuances[ca] = append(idx.issuances[ca], issuance{chain: x.Chain, at: i, child: child})
			}
		}
	}
	return idx
}
