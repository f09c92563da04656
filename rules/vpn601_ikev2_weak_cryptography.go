package rules

import (
	"fmt"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

func init() {
	register(&lint.Rule{
		ID:               "VPN601",
		Name:             "ikev2-weak-cryptography",
		Severity:         lint.Warning,
		Summary:          "CryptographySuite uses a weak algorithm (DES, 3DES, MD5, SHA-1, DH group 1/2)",
		Fix:              "choose AES, SHA-256 and DH group 14 or ECP256 or stronger, and set the VPN server's IPsec policy to the same values",
		Tags:             []string{"security", "ikev2"},
		SecuritySeverity: 6.0,
		CheckProfile: func(p *lint.Pass, prof *model.Profile) {
			n := prof.Native
			if n == nil || n.CryptographySuite == nil || !cryptoSuiteApplies(n) {
				return
			}
			cs := n.CryptographySuite
			for _, e := range []struct {
				node *model.Node
				name string
			}{
				{cs.AuthenticationTransformConstants, "AuthenticationTransformConstants"},
				{cs.CipherTransformConstants, "CipherTransformConstants"},
				{cs.PfsGroup, "PfsGroup"},
				{cs.DHGroup, "DHGroup"},
				{cs.IntegrityCheckMethod, "IntegrityCheckMethod"},
				{cs.EncryptionMethod, "EncryptionMethod"},
			} {
				v, ok := knownValue(e.node)
				if !ok {
					continue
				}
				w, weak := weakTransforms[e.name][strings.ToLower(v)]
				if !weak {
					continue
				}
				p.Report(lint.Diagnostic{
					At:      e.node.ValueLoc(),
					Message: fmt.Sprintf("<%s> (%s) is %q: %s", e.name, cryptoRoles[e.name], v, w),
					Fix:     fmt.Sprintf("set <%s> to %s, and give the VPN server's IPsec policy the same value (on RRAS: Set-VpnServerConfiguration -CustomPolicy), or IKE fails with 13868", e.name, strongTransforms[e.name]),
				})
			}
		},
	})
}

// cryptoRoles says what each CryptographySuite element protects.
var cryptoRoles = map[string]string{
	"AuthenticationTransformConstants": "the integrity check of the tunnel's ESP traffic",
	"CipherTransformConstants":         "the cipher of the tunnel's ESP traffic",
	"PfsGroup":                         "the Diffie-Hellman group for perfect forward secrecy of the ESP keys",
	"DHGroup":                          "the Diffie-Hellman group of the IKE key exchange",
	"IntegrityCheckMethod":             "the integrity check of the IKE negotiation",
	"EncryptionMethod":                 "the cipher of the IKE negotiation",
}

// weakTransforms are the values of each element that are below current
// baselines, keyed by the lower-case value, with why.
var weakTransforms = map[string]map[string]string{
	"AuthenticationTransformConstants": {
		"md596":  "HMAC-MD5-96 rests on MD5, which is broken",
		"sha196": "HMAC-SHA1-96 rests on SHA-1, which is deprecated",
	},
	"CipherTransformConstants": {
		"des":  "DES has a 56-bit key that can be searched exhaustively",
		"des3": "3DES has 64-bit blocks (Sweet32) and is deprecated",
	},
	"EncryptionMethod": {
		"des":  "DES has a 56-bit key that can be searched exhaustively",
		"des3": "3DES has 64-bit blocks (Sweet32) and is deprecated",
	},
	"IntegrityCheckMethod": {
		"md5":    "MD5 is broken",
		"sha196": "SHA-1 is deprecated",
	},
	"DHGroup": {
		"none":   "no Diffie-Hellman group is set for the IKE key exchange",
		"group1": "DH group 1 is a 768-bit prime, far too small",
		"group2": "DH group 2 is a 1024-bit prime, too small for current guidance",
	},
	"PfsGroup": {
		"none": "the ESP keys get no perfect forward secrecy: one broken IKE key exposes every child SA",
		"pfs1": "PFS group 1 is a 768-bit prime, far too small",
		"pfs2": "PFS group 2 is a 1024-bit prime, too small for current guidance",
	},
}

// strongTransforms are the values to suggest for each element.
var strongTransforms = map[string]string{
	"AuthenticationTransformConstants": "SHA256128, or the GCM transform that CipherTransformConstants uses (GCMAES128, GCMAES256)",
	"CipherTransformConstants":         "AES128, AES256, GCMAES128 or GCMAES256",
	"EncryptionMethod":                 "AES128, AES256, AES_GCM_128 or AES_GCM_256",
	"IntegrityCheckMethod":             "SHA256 or SHA384",
	"DHGroup":                          "Group14, ECP256 or ECP384",
	"PfsGroup":                         "PFS2048, ECP256 or ECP384",
}
