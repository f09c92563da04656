package rules

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:       "VPN211",
		Name:     "eap-configuration-empty",
		Severity: lint.Error,
		Summary:  "the authentication method is EAP but the profile carries no EAP configuration",
		Fix:      "paste the <EapHostConfig> of a working connection (EapConfigXmlStream) into Authentication/Eap/Configuration",
		Tags:     []string{"reliability", "eap"},
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			n := prof.Native
			if n == nil {
				return
			}
			method := n.UserMethod
			if !method.Is("EAP") {
				method = n.MachineMethod
			}
			if !method.Is("EAP") {
				return
			}
			which := fmt.Sprintf("%s is %q", method.Name, method.Value())
			switch cfg := n.EapConfiguration; {
			case n.Eap == nil:
				p.Reportf(method.ValueLoc(), "%s but Authentication has no <Eap><Configuration>: Windows has no EAP method settings to connect with", which)
			case cfg == nil:
				p.Reportf(n.Eap.Loc(), "%s but <Eap> has no <Configuration>: Windows has no EAP method settings to connect with", which)
			case len(cfg.Children) == 0 && eapConfigurationBlank(cfg.Value()):
				what := "is empty"
				if eapHasComment(prof.Doc, cfg) || strings.Contains(cfg.Value(), "<!--") {
					what = "holds only a comment (a template placeholder)"
				}
				p.Reportf(cfg.Loc(), "%s but <Configuration> %s: Windows has no EAP method settings to connect with", which, what)
			}
		},
	})
}

var eapXMLCommentRe = regexp.MustCompile(`(?s)<!--.*?-->`)

// eapConfigurationBlank reports whether the text of <Configuration> is empty
// once white space and comments (also entity-escaped ones) are removed.
func eapConfigurationBlank(v string) bool {
	return strings.TrimSpace(eapXMLCommentRe.ReplaceAllString(v, "")) == ""
}

// eapHasComment reports whether a comment of doc lies inside element n.
func eapHasComment(doc *model.Document, n *model.Node) bool {
	l := n.Loc()
	for _, c := range doc.Comments {
		cl := c.Loc()
		if cl.Path == l.Path && eapLocAtOrAfter(cl, l.StartLine, l.StartColumn) && !eapLocAtOrAfter(cl, l.EndLine, l.EndColumn) {
			return true
		}
	}
	return false
}

func eapLocAtOrAfter(l model.Location, line, col int) bool {
	return l.StartLine > line || l.StartLine == line && l.StartColumn >= col
}
