package rules

// The other RAS, IKE and CryptoAPI errors an Always On VPN client shows
// (../shared/reference/inputs.md section 6), beyond the troubleshooting
// guide's own: what they mean and where in a deployment their causes lie, so
// that `aovpnlint explain` answers for every code a helpdesk ticket quotes.
func init() {
	WindowsErrors = append(WindowsErrors,
		WindowsError{
			Code: "691", Symbol: "ERROR_AUTHENTICATION_FAILURE",
			Title:   "The remote connection was denied because the user name and password combination you provided is not recognized, or the selected authentication protocol is not permitted on the remote access server",
			Meaning: "NPS rejected the credentials: a wrong password (EAP-MSCHAPv2) or a certificate it cannot map to an account",
			Causes: []string{
				"the user certificate's subject or UPN does not map to an Active Directory account (NPS reason 8 or 16)",
				"the authentication method is not allowed by the NPS network policy",
			},
		},
		WindowsError{
			Code: "703", Symbol: "ERROR_INTERACTIVE_MODE",
			Title:   "The connection needs information from you, but the application does not allow user interaction",
			Meaning: "an Always On connection started without a user to answer a credential or server-trust prompt",
			Causes: []string{
				"the EAP configuration lets the client prompt for server validation or credentials",
				"a user tunnel that needs a password is set to connect automatically",
			},
		},
		WindowsError{
			Code: "720", Symbol: "ERROR_PPP_NO_PROTOCOLS_CONFIGURED",
			Title:   "A connection to the remote computer could not be established",
			Meaning: "no network protocol could be negotiated: the VPN server had no address to give",
			Causes:  []string{"the RRAS static address pool or DHCP scope is exhausted or missing"},
		},
		WindowsError{
			Code: "741", Symbol: "ERROR_NO_LOCAL_ENCRYPTION",
			Title:   "The local computer does not support the required data encryption type",
			Meaning: "the profile asks for an encryption level the client cannot provide",
			Causes:  []string{"the profile's data encryption setting does not match what the tunnel type offers"},
		},
		WindowsError{
			Code: "742", Symbol: "ERROR_NO_REMOTE_ENCRYPTION",
			Title:   "The remote computer does not support the required data encryption type",
			Meaning: "the client requires encryption the VPN server does not offer",
			Causes:  []string{"the profile requires an encryption level or IKE transform the RRAS server is not configured for"},
		},
		WindowsError{
			Code:    "789",
			Title:   "The L2TP connection attempt failed because the security layer encountered a processing error during initial negotiations with the remote computer",
			Meaning: "IPsec negotiation for L2TP failed",
			Causes:  []string{"the L2TP pre-shared key or machine certificate does not match the server's", "NativeProtocolType is L2TP where the server offers IKEv2"},
		},
		WindowsError{
			Code: "807", Symbol: "ERROR_VPN_DISCONNECT",
			Title:   "The network connection between your computer and the VPN server was interrupted",
			Meaning: "the tunnel was set up and then lost",
			Causes:  []string{"IKEv2 fragments dropped on the way (large certificate chains)", "the network changed under an Always On connection"},
		},
		WindowsError{
			Code:    "868",
			Title:   "The remote connection was not made because the name of the remote access server did not resolve",
			Meaning: "the client could not resolve the name in <Servers>",
			Causes:  []string{"the <Servers> name exists only in internal DNS, or is a short name without a domain", "a placeholder left in <Servers>"},
		},
		WindowsError{
			Code: "13868", Symbol: "ERROR_IPSEC_IKE_POLICY_MATCH",
			Title:   "Policy match error",
			Meaning: "the client's IKE proposals and the VPN server's have nothing in common",
			Causes:  []string{"the profile's CryptographySuite does not match the RRAS server's custom IPsec policy (Set-VpnServerConfiguration -CustomPolicy)"},
		},
		WindowsError{
			Code: "0x80070057", Symbol: "E_INVALIDARG",
			Title:   "The parameter is incorrect",
			Meaning: "the VPNv2 CSP rejected the ProfileXML when the profile was written (New-CimInstance, Intune, SyncML)",
			Causes: []string{
				"ProfileXML is not well-formed, or has the wrong root element",
				"the script's escaping breaks the XML (for example & not escaped)",
				"the profile name in the InstanceID or OMA-URI is not URL-escaped",
			},
		},
		WindowsError{
			Code: "0x800B0101", Symbol: "CERT_E_EXPIRED",
			Title:   "A required certificate is not within its validity period when verifying against the current system clock",
			Meaning: "a certificate of the chain has expired or is not valid yet; IKEv2 clients report 13801",
			Causes:  []string{"the VPN server, NPS server or client certificate, or a CA above it, has expired"},
		},
		WindowsError{
			Code: "0x800B010F", Symbol: "CERT_E_CN_NO_MATCH",
			Title:   "The certificate's CN name does not match the passed value",
			Meaning: "the name the client checks is not on the server certificate",
			Causes:  []string{"the <Servers> host is not a DNS SAN of the VPN server certificate", "the NPS certificate matches no EAP ServerNames entry"},
		},
		WindowsError{
			Code: "0x80092012", Symbol: "CRYPT_E_NO_REVOCATION_CHECK",
			Title:   "The revocation function was unable to check revocation for the certificate",
			Meaning: "a certificate of the chain has no usable CRL distribution point or OCSP location",
			Causes:  []string{"the certificate has no CDP, as Microsoft Entra's one-hour conditional-access certificates do (NPS needs IgnoreNoRevocationCheck)"},
		},
		WindowsError{
			Code: "0x80092013", Symbol: "CRYPT_E_REVOCATION_OFFLINE",
			Title:   "The revocation function was unable to check revocation because the revocation server was offline",
			Meaning: "the CRL or OCSP responder of a certificate of the chain could not be reached",
			Causes:  []string{"the VPN server certificate's CDP is reachable only inside the network, while the client checks it from the internet"},
		},
	)
}
