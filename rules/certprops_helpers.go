package rules

import (
	"crypto/x509"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/aovpnlint/aovpnlint/lint"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

// Helpers of the certificate property rules (CERT1xx): why a certificate got
// its role, and what its being out of date breaks.

// certVPNServerWhy says why a certificate is taken as an IKEv2 VPN server
// certificate and points at the Servers entry that names it, if one does.
func certVPNServerWhy(d *model.Deployment, c *model.Cert) (why string, related []lint.Related) {
	for _, prof := range d.Profiles {
		if prof.Native == nil {
			continue
		}
		for _, s := range prof.Native.ServerList {
			h := strings.Trim(strings.TrimSpace(s.Host), "[]")
			if san, cn := c.MatchHost(h); san || cn {
				return fmt.Sprintf("the profile's Servers entry %q names it", s.Host),
					[]lint.Related{{Location: s.Loc, Message: "the VPN server the clients dial, " + s.Host}}
			}
		}
	}
	for _, h := range d.ServerNames {
		if san, cn := c.MatchHost(h); san || cn {
			return fmt.Sprintf("--server-name %q names it", h), nil
		}
	}
	switch {
	case c.VPN:
		return "it was given with --vpn-cert", nil
	case c.HasEKUOID(model.OIDIKEIntermediate) && !c.HasEKU(x509.ExtKeyUsageServerAuth):
		return "it carries the IP security IKE intermediate EKU", nil
	}
	return "it carries Server Authentication and no EAP ServerNames entry names it", nil
}

// certNPSServerWhy says why a certificate is taken as an NPS (RADIUS) server
// certificate and points at the EAP ServerNames that match it, if any does.
func certNPSServerWhy(d *model.Deployment, c *model.Cert) (string, []lint.Related) {
	for _, cfg := range d.EapConfigs {
		for _, m := range cfg.Methods() {
			sv := m.ServerValidation
			if sv == nil || sv.ServerNames == nil {
				continue
			}
			if model.MatchesNPSNames(c, d.ServerNamePatternsOf(sv.ServerNames.Value())) {
				return fmt.Sprintf("the %s ServerNames %q match it", m.Name(), sv.ServerNames.Value()),
					[]lint.Related{{Location: sv.ServerNames.ValueLoc(), Message: "the NPS server names the clients accept"}}
			}
		}
	}
	return "it was given with --nps-cert", nil
}

// certRoleWords names a certificate's roles for messages: "root CA",
// "VPN server and NPS server", "client".
func certRoleWords(c *model.Cert) string {
	var w []string
	for _, r := range []struct {
		role model.Role
		name string
	}{
		{model.RoleRoot, "root CA"}, {model.RoleIntermediate, "intermediate CA"},
		{model.RoleVPNServer, "VPN server"}, {model.RoleNPSServer, "NPS server"},
		{model.RoleConditionalAccess, "conditional-access client"},
	} {
		if c.Roles.Has(r.role) {
			w = append(w, r.name)
		}
	}
	if c.Roles.Has(model.RoleClient) && !c.Roles.Has(model.RoleConditionalAccess) {
		switch {
		case c.Roles.Has(model.RoleVPNServer | model.RoleNPSServer):
			w = append(w, "client")
		case c.IsUserCert():
			w = append(w, "user")
		default:
			w = append(w, "device")
		}
	}
	if len(w) == 0 {
		return ""
	}
	if len(w) == 1 {
		return w[0]
	}
	return strings.Join(w[:len(w)-1], ", ") + " and " + w[len(w)-1]
}

// certImpact is what a certificate that is not valid now breaks: a clause
// for the message, the Windows errors it leads to (sorted, never nil) and
// the certificates of the scan that chain through it.
type certImpact struct {
	Clause  string
	Codes   []string
	Related []lint.Related
}

// certValidityImpact says what breaks when c is outside its validity period:
// its own roles for a leaf, and for a CA the roles of the leaves of the scan
// that chain through it.
func certValidityImpact(d *model.Deployment, c *model.Cert) certImpact {
	codes := map[string]bool{}
	var parts []string
	leafImpact := func(l *model.Cert) {
		switch {
		case l.Roles.Has(model.RoleVPNServer):
			codes["13801"] = true
			parts = append(parts, "clients reject the VPN server's IKEv2 certificate (13801, \"IKE authentication credentials are unacceptable\")")
		case l.Roles.Has(model.RoleNPSServer):
			parts = append(parts, "PEAP and EAP-TLS fail: NPS cannot use the certificate and clients do not accept it when they validate the NPS server")
		case l.Roles.Has(model.RoleConditionalAccess):
			parts = append(parts, "the client cannot present the conditional-access certificate Microsoft Entra issued")
		case l.Roles.Has(model.RoleClient) && l.IsUserCert():
			codes["798"] = true
			parts = append(parts, "Windows does not offer the user certificate for EAP-TLS (798, \"a certificate could not be found that can be used with this Extensible Authentication Protocol\")")
		case l.Roles.Has(model.RoleClient):
			codes["13806"] = true
			parts = append(parts, "Windows does not offer the device certificate: a device tunnel fails with 13806 (\"IKE failed to find a valid machine certificate\") and EAP-TLS finds no certificate")
		}
	}
	var related []lint.Related
	if !c.Roles.Has(model.RoleRoot | model.RoleIntermediate) {
		leafImpact(c)
	} else {
		parts = append(parts, "every certificate issued under it fails validation")
		// The first leaf of each kind that chains through c, in scan order.
		seen := map[string]bool{}
		for _, l := range d.Certs {
			if l.Roles.Has(model.RoleRoot|model.RoleIntermediate) || !chainsThrough(l, c) {
				continue
			}
			kind := certRoleWords(l)
			if seen[kind] {
				continue
			}
			seen[kind] = true
			n := len(parts)
			leafImpact(l)
			if len(parts) > n {
				parts[n] = fmt.Sprintf("for the %s certificate %s, %s", kind, l, parts[n])
				related = append(related, lint.Related{Location: l.Loc, Message: fmt.Sprintf("%s certificate %s, which chains through it", kind, l)})
			}
		}
	}
	out := make([]string, 0, len(codes))
	for k := range codes {
		out = append(out, k)
	}
	slices.Sort(out)
	return certImpact{Clause: strings.Join(parts, "; "), Codes: out, Related: related}
}

// chainsThrough reports whether ca is an issuer in l's chain (by thumbprint,
// so that a copy of the root in another file counts).
func chainsThrough(l, ca *model.Cert) bool {
	for _, p := range l.Chain[min(1, len(l.Chain)):] {
		if p.SHA1 == ca.SHA1 {
			return true
		}
	}
	return false
}

// certTime formats a validity bound for messages: 2026-03-01 00:00 UTC.
func certTime(t time.Time) string { return t.UTC().Format("2006-01-02 15:04 UTC") }

// certSpan says how long a duration is for messages: "92 days", "1 day",
// "5 hours", "less than an hour".
func certSpan(d time.Duration) string {
	if d < 0 {
		d = -d
	}
	plural := func(n int, unit string) string {
		if n == 1 {
			return "1 " + unit
		}
		return fmt.Sprintf("%d %ss", n, unit)
	}
	switch {
	case d >= 24*time.Hour:
		return plural(int(d/(24*time.Hour)), "day")
	case d >= time.Hour:
		return plural(int(d/time.Hour), "hour")
	}
	return "less than an hour"
}

// certExpiredAt reports whether c's NotAfter lies before t. Certificates
// state whole seconds, so t is compared at that granularity (as
// model.Cert.ValidAt does): a NotAfter of 00:00:00 still holds at 00:00:00.5.
func certExpiredAt(c *model.Cert, t time.Time) bool {
	return t.Truncate(time.Second).After(c.X509.NotAfter)
}

// certNotYetValidAt reports whether c's NotBefore lies after t, compared at
// whole seconds like certExpiredAt.
func certNotYetValidAt(c *model.Cert, t time.Time) bool {
	return t.Truncate(time.Second).Before(c.X509.NotBefore)
}

// certSupersededCA reports whether c signs certificates of the scan but lies
// on none of the chains built for them: a superseded cross-certificate, or an
// old CA certificate next to its renewal on the same key, which Windows
// passes over for the valid issuer. Such a certificate being out of date
// breaks nothing. A CA that signs nothing of the scan (a root given alone)
// is not superseded.
func certSupersededCA(d *model.Deployment, c *model.Cert) bool {
	signs := false
	for _, x := range d.Certs {
		for _, p := range x.Chain[min(1, len(x.Chain)):] {
			if p.SHA1 == c.SHA1 {
				return false // an issuer in a chain the scan uses
			}
		}
		if !signs && x.SHA1 != c.SHA1 && c.Signed(x) {
			signs = true
		}
	}
	return signs
}
