package rules

import (
	"strconv"
	"strings"

	"github.com/aovpnlint/aovpnlint/lint"
)

// NPSReasons are the NPS Reason-Codes of the NPS log, with the Always On VPN
// problem each points to. Entries marked Unverified come from NPS log
// parsers only, not from Microsoft's documentation.
var NPSReasons = []lint.NPSReason{
	{Code: 0, Name: "IAS_SUCCESS", Meaning: "the request was authenticated and authorized"},
	{Code: 1, Name: "IAS_INTERNAL_ERROR", Meaning: "NPS had an internal error", Cause: "an NPS service or extension failure (for example the NPS MFA extension); check the System event log"},
	{Code: 2, Name: "IAS_ACCESS_DENIED", Meaning: "NPS has insufficient access rights", Cause: "the NPS server is not in the \"RAS and IAS Servers\" group, so it cannot read the users' dial-in properties"},
	{Code: 3, Name: "IAS_MALFORMED_REQUEST", Meaning: "the Access-Request was malformed", Cause: "a mismatch between RRAS and NPS, often a wrong shared secret (Message-Authenticator)"},
	{Code: 4, Name: "IAS_GLOBAL_CATALOG_UNAVAILABLE", Meaning: "the global catalog could not be reached", Cause: "NPS cannot reach Active Directory"},
	{Code: 5, Name: "IAS_DOMAIN_UNAVAILABLE", Meaning: "no domain controller of the user's domain could be reached", Cause: "a trust or AD connectivity problem, or an Entra-joined user's UPN suffix unknown to AD"},
	{Code: 6, Name: "IAS_SERVER_UNAVAILABLE", Meaning: "NPS is unavailable", Cause: "NPS lacks resources or cannot reach the SAM"},
	{Code: 7, Name: "IAS_NO_SUCH_DOMAIN", Meaning: "the domain in User-Name does not exist", Cause: "the user certificate's SAN or UPN cannot be mapped to a domain"},
	{Code: 8, Name: "IAS_NO_SUCH_USER", Meaning: "the user account was not found", Cause: "the user certificate's subject or UPN maps to no AD account (Intune PKCS or SCEP certificates with the wrong SAN)"},
	{Code: 9, Name: "IAS_DISCARDED", Meaning: "the request was discarded", Unverified: true},
	{Code: 16, Name: "IAS_AUTH_FAILURE", Meaning: "authentication failed: bad credentials", Cause: "a wrong password (MSCHAPv2); with EAP-TLS often the certificate-to-account mapping (strong mapping, KB5014754)"},
	{Code: 17, Name: "IAS_CHANGE_PASSWORD_FAILURE", Meaning: "the password change failed"},
	{Code: 18, Name: "IAS_UNSUPPORTED_AUTH_TYPE", Meaning: "the authentication method is not supported", Cause: "the client's protocol (for example PAP or CHAP) is not enabled on NPS"},
	{Code: 19, Meaning: "CHAP needs a reversibly encrypted password, which the account lacks", Unverified: true},
	{Code: 20, Meaning: "LAN Manager authentication is not allowed", Unverified: true},
	{Code: 21, Meaning: "an NPS extension discarded the request", Cause: "the NPS MFA extension", Unverified: true},
	{Code: 22, Meaning: "EAP negotiation failed: client and server agree on no EAP type", Cause: "the profile's EAP type is not in the network policy's EAP list; pairs with client error 812 and RRAS event 20276", Unverified: true},
	{Code: 23, Meaning: "an error occurred during EAP processing (certificate, chain or CRL)", Cause: "the NPS server certificate is missing or untrusted (TrustedRootCA or ServerNames mismatch), or the client certificate is invalid", Unverified: true},
	{Code: 32, Name: "IAS_LOCAL_USERS_ONLY", Meaning: "only local users can be authenticated", Cause: "the NPS server is not domain-joined"},
	{Code: 33, Name: "IAS_PASSWORD_MUST_CHANGE", Meaning: "the user must change the password"},
	{Code: 34, Name: "IAS_ACCOUNT_DISABLED", Meaning: "the account is disabled"},
	{Code: 35, Name: "IAS_ACCOUNT_EXPIRED", Meaning: "the account has expired"},
	{Code: 36, Name: "IAS_ACCOUNT_LOCKED_OUT", Meaning: "the account is locked out"},
	{Code: 37, Name: "IAS_INVALID_LOGON_HOURS", Meaning: "the request is outside the account's logon hours"},
	{Code: 38, Name: "IAS_ACCOUNT_RESTRICTION", Meaning: "an account restriction applies"},
	{Code: 48, Name: "IAS_NO_POLICY_MATCH", Meaning: "no network policy matched the request", Cause: "the policies' conditions (group, NAS-Port-Type Virtual) exclude the user, or the policy order puts another policy first"},
	{Code: 49, Name: "IAS_NO_CXN_REQ_POLICY_MATCH", Meaning: "no connection request policy matched the request", Cause: "the connection request policies' conditions or order"},
	{Code: 64, Name: "IAS_DIALIN_LOCKED_OUT", Meaning: "remote access account lockout applies"},
	{Code: 65, Name: "IAS_DIALIN_DISABLED", Meaning: "dial-in permission is denied", Cause: "the matched policy denies access, or the user's Network Access Permission is Deny while the policy honours the user's dial-in setting"},
	{Code: 66, Name: "IAS_INVALID_AUTH_TYPE", Meaning: "the authentication method of the request is not allowed by the matched network policy", Cause: "the 812 case: the profile's EAP method or PEAP inner method is not among the policy's allowed EAP types"},
	{Code: 67, Name: "IAS_INVALID_CALLING_STATION", Meaning: "a Calling-Station-ID constraint of the policy is not met"},
	{Code: 68, Name: "IAS_INVALID_DIALIN_HOURS", Meaning: "a day and time constraint of the policy is not met"},
	{Code: 69, Name: "IAS_INVALID_CALLED_STATION", Meaning: "a Called-Station-ID constraint of the policy is not met"},
	{Code: 70, Name: "IAS_INVALID_PORT_TYPE", Meaning: "a NAS-Port-Type constraint of the policy is not met", Cause: "the policy is restricted to another port type (for example Wireless) while VPN requests are Virtual (5)"},
	{Code: 71, Name: "IAS_INVALID_RESTRICTION", Meaning: "another constraint of the policy is not met"},
	{Code: 72, Name: "IAS_CPW_NOT_ALLOWED", Meaning: "password change is not allowed"},
	{Code: 73, Name: "IAS_INVALID_CERT_EKU", Meaning: "the certificate's EKU is not allowed by the policy", Cause: "the client certificate lacks Client Authentication or the OID the policy requires (conditional access 1.3.6.1.4.1.311.87)"},
	{Code: 80, Name: "IAS_NO_RECORD", Meaning: "no record (accounting)"},
	{Code: 96, Name: "IAS_SESSION_TIMEOUT", Meaning: "the session timed out"},
	{Code: 97, Name: "IAS_UNEXPECTED_REQUEST", Meaning: "an unexpected request (a stray challenge response)"},
	{Code: 112, Name: "IAS_PROXY_REJECT", Meaning: "the remote RADIUS server rejected the request", Cause: "proxying to another RADIUS server (for example an MFA server)", Unverified: true},
	{Code: 113, Name: "IAS_PROXY_UNKNOWN_GROUP", Meaning: "the remote RADIUS server group does not exist", Cause: "a connection request policy forwards to a deleted group", Unverified: true},
	{Code: 114, Name: "IAS_PROXY_UNKNOWN_SERVER", Meaning: "the remote RADIUS server is unknown", Unverified: true},
	{Code: 115, Name: "IAS_PROXY_PACKET_TOO_LONG", Meaning: "the packet for the remote RADIUS server is too long", Unverified: true},
	{Code: 116, Name: "IAS_PROXY_SEND_ERROR", Meaning: "the request could not be sent to the remote RADIUS server", Unverified: true},
	{Code: 117, Name: "IAS_PROXY_TIMEOUT", Meaning: "the remote RADIUS server did not respond", Unverified: true},
	{Code: 118, Name: "IAS_PROXY_MALFORMED_RESPONSE", Meaning: "the remote RADIUS server sent a malformed reply", Unverified: true},
	{Code: 256, Meaning: "the client certificate is revoked", Unverified: true},
	{Code: 257, Meaning: "a DLL is missing or the EAP method is not installed", Unverified: true},
	{Code: 258, Meaning: "NPS cannot access the certificate revocation list", Cause: "the CDP is unreachable from NPS, or short-lived Entra conditional-access certificates carry no CDP: set IgnoreNoRevocationCheck"},
	{Code: 259, Meaning: "the CA that manages the revocation list is not available", Cause: "as 258: the CDP is unreachable from NPS, or the certificate carries no CDP"},
	{Code: 260, Meaning: "the EAP message was altered", Cause: "a shared secret mismatch between RRAS and NPS"},
	{Code: 261, Meaning: "NPS cannot contact Active Directory or the local accounts"},
	{Code: 262, Meaning: "the message is incomplete and its signature was not verified", Cause: "Message-Authenticator problems between RRAS and NPS"},
	{Code: 263, Meaning: "NPS did not receive complete credentials", Cause: "the client aborted, or the EAP exchange was fragmented (IKEv2 fragmentation, MTU)"},
	{Code: 264, Meaning: "the clocks of client and server are not synchronized"},
	{Code: 265, Meaning: "the certificate chains to a root not in the NPS server's enterprise NTAuth store", Cause: "the CA that issues user certificates is not in NTAuth"},
	{Code: 266, Meaning: "an unexpected message was received", Unverified: true},
	{Code: 267, Meaning: "the certificate does not match the configured EKU or application policy", Cause: "EKU filtering on the policy", Unverified: true},
	{Code: 272, Meaning: "the certificate has expired", Unverified: true},
	{Code: 281, Meaning: "no valid certificate was found", Cause: "often the client's EKU filter left no certificate", Unverified: true},
	{Code: 283, Meaning: "the certificate lacks the Client Authentication purpose", Cause: "the user or device certificate template lacks Client Authentication"},
	{Code: 284, Meaning: "the certificate's issuer and its parent in the chain do not match"},
	{Code: 285, Meaning: "the certificate is missing or malformed"},
	{Code: 286, Meaning: "the issuing CA is not trusted by NPS"},
	{Code: 287, Meaning: "the certificate does not chain to an enterprise root CA"},
	{Code: 288, Meaning: "an unspecified trust failure"},
	{Code: 289, Meaning: "the certificate is revoked"},
	{Code: 290, Meaning: "a test certificate whose root is not trusted"},
	{Code: 291, Meaning: "the revocation list cannot be located or accessed (revocation server unavailable)", Cause: "as 258: the CDP is unreachable from NPS"},
}

// NPSReason returns the entry for an NPS Reason-Code, or nil.
func NPSReason(code int) *lint.NPSReason {
	for i := range NPSReasons {
		if NPSReasons[i].Code == code {
			return &NPSReasons[i]
		}
	}
	return nil
}

// ParseNPSReasonArg reads an `explain` argument naming an NPS Reason-Code:
// "nps:66" or "NPS-66" (case-insensitive). A bare number is a Windows error.
func ParseNPSReasonArg(s string) (int, bool) {
	l := strings.ToLower(strings.TrimSpace(s))
	for _, p := range []string{"nps:", "nps-"} {
		if rest, ok := strings.CutPrefix(l, p); ok {
			n, err := strconv.Atoi(rest)
			return n, err == nil && n >= 0
		}
	}
	return 0, false
}
