package rules

import (
	"slices"
	"strconv"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint"
)

// WindowsError is a client-side error that rules predict (see lint.WindowsError).
type WindowsError = lint.WindowsError

// WindowsErrors lists the errors of Microsoft's Always On VPN troubleshooting
// guide and the ones its causes lead to.
var WindowsErrors = []WindowsError{
	{
		Code: "798", Symbol: "ERROR_NO_EAPTLS_CERTIFICATE",
		Title:   "A certificate could not be found that can be used with this Extensible Authentication Protocol",
		Meaning: "the EAP-TLS certificate filter (issuer hashes, EKU list) leaves no usable client certificate in the user's or machine's store",
		Causes: []string{
			"the conditional-access filter is in place but Microsoft Entra issued no certificate (the policy was not satisfied)",
			"the client certificate lacks Client Authentication or the EKU the filter asks for",
		},
	},
	{
		InSeed: true, Code: "800", Symbol: "ERROR_AUTOMATIC_VPN_FAILED",
		Title:   "The remote connection was not made because the attempted VPN tunnels failed",
		Meaning: "every tunnel type the client tried failed; the VPN server was not reached or refused all of them",
		Causes: []string{
			"NativeProtocolType is Automatic and every tunnel type fails",
			"IKE ports UDP 500 and 4500 are blocked on the way",
			"the client or the server lacks the right certificate for IKE",
		},
	},
	{
		InSeed: true, Code: "809", Symbol: "ERROR_VPN_TIMEOUT",
		Title:   "The network connection between your computer and the VPN server could not be established because the remote server is not responding",
		Meaning: "IKE packets get no answer: a firewall, NAT device or router between client and server drops them",
		Causes: []string{
			"UDP 500 or 4500 blocked on the VPN server or a device in between",
			"the server address is not reachable from the internet (a private or link-local address)",
		},
	},
	{
		InSeed: true, Code: "812", Symbol: "ERROR_AUTH_PROTOCOL_RESTRICTION",
		Title:   "The connection was prevented because of a policy configured on your RAS/VPN server",
		Meaning: "the authentication method the profile uses is not one the server's (NPS) network policy accepts; RRAS logs event 20276",
		Causes: []string{
			"NPS requires certificate authentication in PEAP but the client uses EAP-MSCHAPv2",
			"the EAP method type in the profile differs from the NPS network policy's",
		},
	},
	{
		InSeed: true, Code: "13801", Symbol: "ERROR_IPSEC_IKE_AUTH_FAIL",
		Title:   "IKE authentication credentials are unacceptable",
		Meaning: "the client rejected the VPN server's IKEv2 certificate (or the server the client's)",
		Causes: []string{
			"the RAS server's machine certificate lacks the Server Authentication EKU",
			"the RAS server's machine certificate has expired",
			"the client lacks the root certificate that validates the RAS server certificate",
			"the VPN server name the client dials does not match the server certificate's subject name",
		},
	},
	{
		InSeed: true, Code: "13806", Symbol: "ERROR_IPSEC_IKE_NO_CERT",
		Title:   "IKE failed to find a valid machine certificate",
		Meaning: "no valid machine certificate for IKE on the client (device tunnel) or the VPN server",
		Causes: []string{
			"the machine certificate or its root is missing from the client or the VPN server",
			"the machine certificate lacks Client Authentication",
		},
	},
	{
		InSeed: true, Code: "0x80070040", Symbol: "HRESULT_FROM_WIN32(ERROR_NETNAME_DELETED)",
		Title:   "The server certificate does not have Server Authentication in its certificate usage entries",
		Meaning: "the RAS server has no certificate with the Server Authentication EKU for IKEv2",
		Causes:  []string{"the machine certificate the RAS server uses for IKEv2 lacks Server Authentication (1.3.6.1.5.5.7.3.1)"},
	},
	{
		InSeed: true, Code: "0x800B0109", Symbol: "CERT_E_UNTRUSTEDROOT",
		Title:   "A certificate chain processed, but terminated in a root certificate which is not trusted by the trust provider",
		Meaning: "the server certificate chains to a root that is not in the client's Trusted Root Certification Authorities store",
		Causes:  []string{"the client (often not domain-joined) lacks the root CA certificate in its Trusted Root store"},
	},
	{
		Code: "oops", InSeed: true,
		Title:   "Oops, you can't get to this yet",
		Meaning: "the Microsoft Entra conditional-access policy is not met, yet closing the dialog still connects: the client used another Client Authentication certificate instead of the one issued by Microsoft VPN root CA gen 1",
		Causes: []string{
			"the EAP-TLS TLSExtensions filter mapping EKU name \"AAD Conditional Access\" to 1.3.6.1.4.1.311.87 is missing or wrong",
			"NPS accepts client certificates without the AAD Conditional Access OID",
		},
	},
}

// LookupWindowsError finds an error by code: decimal (13801), hex (0x35E9,
// 0x80070040), an HRESULT wrapping a Win32 code (0x80070320 for 800), or a word
// of the conditional-access message ("oops").
func LookupWindowsError(s string) *WindowsError {
	s = strings.TrimSpace(strings.ToLower(s))
	if strings.Contains(s, "oops") || strings.Contains(s, "can't get to this") {
		s = "oops"
	}
	n, numeric := parseCode(s)
	for i := range WindowsErrors {
		e := &WindowsErrors[i]
		if strings.EqualFold(e.Code, s) {
			return e
		}
		if c, ok := parseCode(strings.ToLower(e.Code)); ok && numeric && (c == n || (n>>16 == 0x8007 && n&0xFFFF == c)) {
			return e
		}
	}
	return nil
}

func parseCode(s string) (uint64, bool) {
	if h, ok := strings.CutPrefix(s, "0x"); ok {
		n, err := strconv.ParseUint(h, 16, 32)
		return n, err == nil
	}
	n, err := strconv.ParseUint(s, 10, 32)
	return n, err == nil
}

// Predicting returns the rules that cite a Windows error.
func Predicting(code string) []*lint.Rule {
	var out []*lint.Rule
	for _, r := range All() {
		if slices.ContainsFunc(r.WindowsErrors, func(c string) bool { return strings.EqualFold(c, code) }) {
			out = append(out, r)
		}
	}
	return out
}
