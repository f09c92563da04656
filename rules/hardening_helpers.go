package rules

import (
	"strings"

	"github.com/aovpnlint/aovpnlint/lint/model"
)

// Helpers for the hardening rules (VPN601-VPN611): which tunnel a native
// profile runs, whether a value is known, and how a secret is named without
// showing it.

// knownValue returns the element's trimmed value and true when the element is
// present, holds text and is not a value a script sets at run time.
func knownValue(n *model.Node) (string, bool) {
	if n == nil || n.HoldsUnresolved() {
		return "", false
	}
	v := n.Value()
	return v, v != ""
}

// nativeProtocol returns NativeProtocolType in lower case, "" when it is not
// set or not known (a script value set at run time).
func nativeProtocol(n *model.NativeProfile) string {
	if n == nil {
		return ""
	}
	v, _ := knownValue(n.NativeProtocolType)
	return strings.ToLower(v)
}

// cryptoSuiteApplies reports whether the profile's CryptographySuite can be
// used: the tunnel is or may be IKEv2 (IKEv2, Automatic, ProtocolList, or a
// protocol that is not set or not known). SSTP, PPTP and L2TP do not use it.
func cryptoSuiteApplies(n *model.NativeProfile) bool {
	switch nativeProtocol(n) {
	case "sstp", "pptp", "l2tp":
		return false
	}
	return true
}

// intuneTemplate reports whether the profile was built from the fields of
// Intune's built-in VPN template (no ProfileXML of its own): the loader maps
// only some fields, so a missing element says nothing there.
func intuneTemplate(prof *model.Profile) bool {
	return prof.Origin.Container == model.KindIntuneJSON && prof.Origin.URI == ""
}

// certificateOnly reports whether the profile's user authentication is known
// to use certificates only: a machine certificate without a user method, or
// an EAP configuration whose every level is EAP-TLS or PEAP. Then there is no
// password for Windows to cache.
func certificateOnly(prof *model.Profile) bool {
	n := prof.Native
	if n == nil {
		return false
	}
	if n.UserMethod == nil && n.MachineMethod.Is("Certificate") {
		return true
	}
	cfg := n.EapConfig
	if !n.UserMethod.Is("Eap") || cfg == nil || len(cfg.Methods()) == 0 {
		return false
	}
	methods := cfg.Methods()
	for i, m := range methods {
		switch {
		case m.Type == model.EapTLS:
		case m.Type == model.EapPEAP && i < len(methods)-1:
		default:
			return false
		}
	}
	return true
}

// secretElement reports whether an element holds a secret whose value no
// finding may show: the L2TP pre-shared key, a password.
func secretElement(n *model.Node) bool {
	name := strings.ToLower(n.Name)
	return name == "l2tppsk" || strings.Contains(name, "password") || strings.Contains(name, "presharedkey")
}
