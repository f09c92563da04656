package rules

import (
	"fmt"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:               "VPN603",
		Name:             "ipsec-gcm-transform-mismatch",
		Severity:         lint.Warning,
		Summary:          "ESP cipher and integrity transform disagree on AES-GCM",
		Fix:              "give CipherTransformConstants and AuthenticationTransformConstants the same GCM value (e.g. both GCMAES128), or use neither",
		Tags:             []string{"security", "reliability", "ikev2"},
		SecuritySeverity: 3.0,
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			n := prof.Native
			if n == nil || n.CryptographySuite == nil || !cryptoSuiteApplies(n) {
				return
			}
			cs := n.CryptographySuite
			cipher, ok1 := knownValue(cs.CipherTransformConstants)
			auth, ok2 := knownValue(cs.AuthenticationTransformConstants)
			// A value outside the allowed set (AES_GCM_256 where GCMAES256
			// belongs) is the schema rules' finding.
			if !ok1 || !ok2 || !espCiphers[strings.ToLower(cipher)] || !espIntegrity[strings.ToLower(auth)] {
				return
			}
			cGCM, aGCM := espGCM(cipher), espGCM(auth)
			if !cGCM && !aGCM || strings.EqualFold(cipher, auth) {
				return
			}
			at, other := cs.CipherTransformConstants, cs.AuthenticationTransformConstants
			var why, fix string
			switch {
			case cGCM && aGCM:
				why = "both are AES-GCM but with different key sizes, and Windows IPsec requires one GCM transform for both"
				fix = fmt.Sprintf("set both to the same GCM value, e.g. %s", strings.ToUpper(cipher))
			case cGCM:
				why = "AES-GCM encrypts and authenticates in one transform, and Windows IPsec accepts a GCM cipher only with the same GCM value for integrity"
				fix = fmt.Sprintf("set <AuthenticationTransformConstants> to %s", strings.ToUpper(cipher))
			default:
				at, other = other, at
				why = "Windows IPsec accepts a GCM integrity transform only with the same GCM value as cipher"
				fix = fmt.Sprintf("set <CipherTransformConstants> to %s, or <AuthenticationTransformConstants> to SHA256128", strings.ToUpper(auth))
			}
			p.Report(lint.Diagnostic{
				At: at.ValueLoc(),
				Message: fmt.Sprintf("<CipherTransformConstants> is %q but <AuthenticationTransformConstants> is %q: %s",
					cipher, auth, why),
				Fix:     fix,
				Related: []lint.Related{{Location: other.ValueLoc(), Message: "<" + other.Name + "> " + other.Value()}},
			})
		},
	})
}

// espCiphers and espIntegrity are the allowed values of
// CipherTransformConstants and AuthenticationTransformConstants, lower case.
var (
	espCiphers   = map[string]bool{"des": true, "des3": true, "aes128": true, "aes192": true, "aes256": true, "gcmaes128": true, "gcmaes192": true, "gcmaes256": true}
	espIntegrity = map[string]bool{"md596": true, "sha196": true, "sha256128": true, "gcmaes128": true, "gcmaes192": true, "gcmaes256": true}
)

// espGCM reports whether an ESP transform value is one of the GCMAES values.
func espGCM(v string) bool {
	return strings.HasPrefix(strings.ToLower(v), "gcmaes")
}
