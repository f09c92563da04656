package rules

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "VPN510",
		Name:     "schema-element-order",
		Severity: lint.Warning,
		Summary:  "ProfileXML elements are not in the order Windows writes them back in",
		Fix:      "reorder the elements as listed (the order of Richard Hicks' Windows 11 Intune templates)",
		Tags:     []string{"schema", "intune"},
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			switch {
			case isIntuneTemplate(prof):
				return // synthetic XML: Intune writes its own
			case isWindowsEcho(prof):
				return // Windows' own output, in its own order
			case prof.Origin.Container == model.KindPowerShell:
				return // the WMI bridge takes any order; Intune does not compare it
			}
			issues := orderIssues(p.Deployment, prof.Root)
			if len(issues) == 0 {
				return
			}
			slices.SortStableFunc(issues, func(a, b orderIssue) int {
				la, lb := a.late.Loc(), b.late.Loc()
				return cmp.Or(cmp.Compare(la.StartLine, lb.StartLine), cmp.Compare(la.StartColumn, lb.StartColumn))
			})
			first := issues[0]
			var expected []string
			var related []lint.Related
			for _, is := range issues {
				order, anywhere := expectedOrder(is.parent, is.elem)
				e := fmt.Sprintf("under <%s>: %s", is.parent.Name, strings.Join(order, ", "))
				if len(anywhere) > 0 {
					e += fmt.Sprintf(" (%s: any place)", strings.Join(anywhere, ", "))
				}
				expected = append(expected, e)
				related = append(related, lint.Related{
					Location: is.ahead.Loc(),
					Message:  fmt.Sprintf("<%s> belongs after <%s>", is.ahead.Name, is.late.Name),
				})
			}
			p.Report(lint.Diagnostic{
				At: first.late.Loc(),
				Message: fmt.Sprintf("<%s> should come before <%s>: the elements follow neither the VPNv2 XSD's order nor the order Windows writes ProfileXML back in, and Intune deployments to Windows 11 are sensitive to element order; expected order (Windows') %s",
					first.late.Name, first.ahead.Name, strings.Join(expected, "; ")),
				Related: related,
			})
		},
	})
}

// orderIssue is a container whose children break an order: late is the
// first child that belongs before an earlier sibling, ahead.
type orderIssue struct {
	parent      *model.Node
	elem        *schemaElem
	late, ahead *model.Node
}

// windowsPos and xsdPos are the two orders a container's children may follow.
func windowsPos(e *schemaElem) position { return e.Pos }
func xsdPos(e *schemaElem) position     { return e.xsdPos }

// orderIssues returns the containers of a profile whose children follow
// neither the XSD's sequence nor the order Windows writes back, each with
// where the Windows order breaks. Either order is accepted: Microsoft's
// samples keep the XSD's, Hicks' Windows 11 templates keep Windows'.
func orderIssues(d *model.Deployment, root *model.Node) []orderIssue {
	if root == nil || root.Name != vpnv2Schema.Name {
		return nil
	}
	var out []orderIssue
	check := func(n *model.Node, e *schemaElem) {
		if is, broken := orderBreak(n, e, windowsPos); broken {
			if _, alsoXSD := orderBreak(n, e, xsdPos); alsoXSD {
				out = append(out, is)
			}
		}
	}
	check(root, vpnv2Schema)
	walkSchema(d, root, func(n *model.Node, e *schemaElem) {
		if e.Kind == kindContainer {
			check(n, e)
		}
	}, nil)
	return out
}

// orderBreak finds the first child of n that comes after a sibling it
// belongs before, by the positions pos gives (see position).
func orderBreak(n *model.Node, e *schemaElem, pos func(*schemaElem) position) (orderIssue, bool) {
	maxLo := -1
	var ahead *model.Node
	for _, c := range n.Children {
		ce := e.child(c.Name)
		if ce == nil || c.Space == model.UnresolvedNS {
			continue // unknown elements are VPN501's and VPN502's
		}
		p := pos(ce)
		if ahead != nil && p.Hi < maxLo {
			return orderIssue{parent: n, elem: e, late: c, ahead: ahead}, true
		}
		if p.Lo > maxLo {
			maxLo, ahead = p.Lo, c
		}
	}
	return orderIssue{}, false
}

// expectedOrder lists the names of n's known children in the order Windows
// writes them, each once, and apart the elements whose place no source shows.
func expectedOrder(n *model.Node, e *schemaElem) (order, anywhere []string) {
	type entry struct {
		name  string
		at, i int
	}
	var list []entry
	for i, c := range n.Children {
		ce := e.child(c.Name)
		if ce == nil || c.Space == model.UnresolvedNS || slices.Contains(anywhere, c.Name) ||
			slices.ContainsFunc(list, func(x entry) bool { return x.name == c.Name }) {
			continue
		}
		if ce.Pos.Lo == 0 && ce.Pos.Hi == openEnd {
			anywhere = append(anywhere, c.Name)
			continue
		}
		list = append(list, entry{c.Name, ce.Pos.At, i})
	}
	slices.SortStableFunc(list, func(a, b entry) int { return cmp.Or(cmp.Compare(a.at, b.at), cmp.Compare(a.i, b.i)) })
	for _, x := range list {
		order = append(order, x.name)
	}
	return order, anywhere
}
