// Package benchgen writes a synthetic Always On VPN estate for benchmarks:
// VPN profiles of about 8 KB in every container aovpnlint reads (ProfileXML
// files, VPN_Profile.ps1-style PowerShell scripts, Get-CimInstance dumps,
// Intune Graph JSON with omaSettingString and base64 omaSettingStringXml,
// SyncML), certificates with their chains (roots, issuing CAs, VPN server,
// NPS and user certificates, in PEM files of 1 to 20 certificates and some
// DER files) and irrelevant files (other Intune policies, notes, scripts,
// binary blobs). Everything is derived from a seed: the same options write
// the same bytes.
package benchgen

import (
	"bytes"
	"crypto/x509"
	"encoding/asn1"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"github.com/aovpnlint/aovpnlint/internal/testpki"
)

// Options says what to write.
type Options struct {
	Profiles   int    // VPN profiles, spread over the containers
	Certs      int    // certificates, CAs included
	Irrelevant int    // files that hold neither
	Seed       uint64 // same seed, same bytes
}

// Stats counts what was written.
type Stats struct {
	Files, Profiles, Certs, Irrelevant int
	Bytes                              int64
}

// org is one PKI and its names: a root, two issuing CAs, VPN servers and NPS
// servers that profiles name.
type org struct {
	domain   string // contoso.com
	root     *testpki.Cert
	cas      []*testpki.Cert
	vpn, nps []string
}

type gen struct {
	dir  string
	rng  *rand.Rand
	orgs []*org
	st   Stats
}

type asn1OID = asn1.ObjectIdentifier

var domains = []string{"contoso.com", "fabrikam.com", "northwindtraders.com", "adatum.com", "woodgrovebank.com", "tailspintoys.com", "litwareinc.com", "wingtiptoys.com"}

// Generate writes the estate into dir (created if needed).
func Generate(dir string, o Options) (Stats, error) {
	g := &gen{dir: dir, rng: rand.New(rand.NewPCG(o.Seed, 0xa0b9))}
	f, err := testpki.NewFactory(o.Seed, 4)
	if err != nil {
		return g.st, err
	}
	if err := g.pki(f, o.Certs); err != nil {
		return g.st, err
	}
	for i := range o.Profiles {
		if err := g.profile(i); err != nil {
			return g.st, err
		}
	}
	for i := range o.Irrelevant {
		if err := g.irrelevant(i); err != nil {
			return g.st, err
		}
	}
	return g.st, nil
}

// GenerateTree writes files small files, nearly all irrelevant, with one
// small profile in every 1,000 and one certificate in every 1,000, in folders
// of 500 files: the shape of a large configuration repository.
func GenerateTree(dir string, files int, seed uint64) (Stats, error) {
	g := &gen{dir: dir, rng: rand.New(rand.NewPCG(seed, 0x7ee))}
	f, err := testpki.NewFactory(seed, 1)
	if err != nil {
		return g.st, err
	}
	if err := g.pki(f, 0); err != nil {
		return g.st, err
	}
	leaf := 0
	for i := range files {
		sub := fmt.Sprintf("repo/team%02d/dir%03d", i/10000, i/500)
		switch i % 1000 {
		case 0:
			o := g.orgs[i/1000%len(g.orgs)]
			x := g.profileXML(i, o, false)
			if err := g.write(filepath.Join(sub, fmt.Sprintf("vpn-%d.xml", i)), []byte(x)); err != nil {
				return g.st, err
			}
			g.st.Profiles++
		case 500:
			o := g.orgs[leaf%len(g.orgs)]
			c, err := f.Issue(o.cas[0], testpki.Spec{CN: fmt.Sprintf("user%d@%s", leaf, o.domain), EKU: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}})
			if err != nil {
				return g.st, err
			}
			leaf++
			if err := g.write(filepath.Join(sub, fmt.Sprintf("user-%d.pem", i)), c.PEM()); err != nil {
				return g.st, err
			}
			g.st.Certs++
		default:
			if err := g.smallIrrelevant(filepath.Join(sub, ""), i); err != nil {
				return g.st, err
			}
		}
	}
	return g.st, nil
}

func (g *gen) write(rel string, data []byte) error {
	p := filepath.Join(g.dir, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	g.st.Files++
	g.st.Bytes += int64(len(data))
	return os.WriteFile(p, data, 0o644)
}

func (g *gen) pick(s []string) string { return s[g.rng.IntN(len(s))] }

// pki writes n certificates (roots and issuing CAs included): one root per
// 500 certificates (2 to 8), two issuing CAs under each, then leaves, round
// robin over the organisations: a quarter VPN servers, a quarter NPS servers,
// half user certificates. With n == 0 only the hierarchies are built and
// nothing is written.
func (g *gen) pki(f *testpki.Factory, n int) error {
	roots := min(max(n/500, 2), len(domains))
	var all []*testpki.Cert
	for r := range roots {
		d := domains[r]
		o := &org{domain: d}
		name := strings.ToUpper(d[:1]) + strings.TrimSuffix(d[1:], ".com")
		root, err := f.Root(testpki.Spec{CN: name + " Root CA", Organization: name, Key: "RSA-2048",
			NotBefore: testpki.DefaultNotBefore.AddDate(-4, 0, 0), NotAfter: testpki.DefaultNotAfter.AddDate(15, 0, 0)})
		if err != nil {
			return err
		}
		o.root = root
		all = append(all, root)
		for c := range 2 {
			ca, err := f.Issue(root, testpki.Spec{CN: fmt.Sprintf("%s Issuing CA %d", name, c+1), Organization: name, CA: true, Key: "RSA-2048",
				NotBefore: testpki.DefaultNotBefore.AddDate(-2, 0, 0), NotAfter: testpki.DefaultNotAfter.AddDate(5, 0, 0)})
			if err != nil {
				return err
			}
			o.cas = append(o.cas, ca)
			all = append(all, ca)
		}
		for i := range 4 {
			o.vpn = append(o.vpn, fmt.Sprintf("vpn%02d.%s", i+1, d))
			o.nps = append(o.nps, fmt.Sprintf("nps%02d.corp.%s", i+1, d))
		}
		g.orgs = append(g.orgs, o)
	}
	if n == 0 {
		return nil
	}
	for i := 0; len(all) < n; i++ {
		o := g.orgs[i/4%len(g.orgs)]
		ca := o.cas[i/len(g.orgs)%2]
		key := "RSA-2048"
		if i%3 == 2 {
			key = "P-256"
		}
		var s testpki.Spec
		switch i % 4 {
		case 0:
			h := fmt.Sprintf("vpn%02d.%s", i/32%4+1, o.domain) // renewals: several certificates a host
			s = testpki.Spec{CN: h, DNS: []string{h}, EKU: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageIPSECEndSystem}, UnknownEKU: []asn1OID{testpki.OIDIKEIntermediate}}
		case 1:
			h := fmt.Sprintf("nps%02d.corp.%s", i/32%2+1, o.domain)
			s = testpki.Spec{CN: h, DNS: []string{h}, EKU: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
		default:
			s = testpki.Spec{CN: fmt.Sprintf("user%05d@%s", i, o.domain), Emails: []string{fmt.Sprintf("user%05d@%s", i, o.domain)},
				EKU: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}}
			if i%8 == 2 {
				s.UnknownEKU = []asn1OID{testpki.OIDConditionalAccess}
			}
		}
		s.Key = key
		s.NotBefore = testpki.DefaultNotBefore.AddDate(0, 0, -(i % 300))
		s.NotAfter = s.NotBefore.AddDate(1+i%2, 0, 0)
		c, err := f.Issue(ca, s)
		if err != nil {
			return err
		}
		all = append(all, c)
	}
	// Files: a PEM bundle of the hierarchy first, then 1 to 20 certificates a
	// file; one file in eight is a single DER certificate.
	var hier bytes.Buffer
	for _, o := range g.orgs {
		hier.Write(o.root.PEM())
		for _, ca := range o.cas {
			hier.Write(ca.PEM())
		}
	}
	if err := g.write("pki/chain.pem", hier.Bytes()); err != nil {
		return err
	}
	g.st.Certs += 3 * len(g.orgs)
	rest := all[3*len(g.orgs):]
	for f := 0; len(rest) > 0; f++ {
		if f%8 == 7 {
			if err := g.write(fmt.Sprintf("pki/der/cert%04d.cer", f), rest[0].Raw); err != nil {
				return err
			}
			rest = rest[1:]
			g.st.Certs++
			continue
		}
		k := min(1+g.rng.IntN(20), len(rest))
		var b bytes.Buffer
		for j, c := range rest[:k] {
			if j%4 == 0 {
				fmt.Fprintf(&b, "Subject: %s\nIssuer: %s\n", c.Subject, c.Issuer.Subject)
			}
			b.Write(c.PEM())
		}
		if err := g.write(fmt.Sprintf("pki/issued/%02d/bundle%04d.pem", f%50, f), b.Bytes()); err != nil {
			return err
		}
		rest = rest[k:]
		g.st.Certs += k
	}
	return nil
}

// profile writes profile i in container i%6 (two of them Intune).
func (g *gen) profile(i int) error {
	o := g.orgs[i%len(g.orgs)]
	device := i%4 == 3
	x := g.profileXML(i, o, true)
	if device {
		x = g.deviceXML(i, o)
	}
	name := fmt.Sprintf("%s VPN %04d", strings.TrimSuffix(o.domain, ".com"), i)
	scope := "User"
	if device {
		scope = "Device"
	}
	uri := fmt.Sprintf("./%s/Vendor/MSFT/VPNv2/%s/ProfileXML", scope, strings.ReplaceAll(name, " ", "%20"))
	var (
		rel  string
		data []byte
	)
	switch i % 6 {
	case 0:
		rel, data = fmt.Sprintf("profiles/xml/%s.xml", name), []byte(x)
	case 1:
		rel, data = fmt.Sprintf("scripts/%04d/VPN_Profile.ps1", i), []byte(powershell(name, o, x))
	case 2:
		rel, data = fmt.Sprintf("exports/cim/%s.txt", name), []byte(cimDump(name, x))
	case 3, 4:
		v, err := intune(name, uri, x, i%6 == 4)
		if err != nil {
			return err
		}
		rel, data = fmt.Sprintf("intune/Device Configurations/%s.json", name), v
	case 5:
		rel, data = fmt.Sprintf("mdm/syncml/%04d.xml", i), []byte(syncML(uri, x))
	}
	g.st.Profiles++
	return g.write(rel, data)
}

const eapTLS = `<Eap xmlns="http://www.microsoft.com/provisioning/BaseEapConnectionPropertiesV1">
                    <Type>13</Type>
                    <EapType xmlns="http://www.microsoft.com/provisioning/EapTlsConnectionPropertiesV1">
                      <CredentialsSource>
                        <CertificateStore>
                          <SimpleCertSelection>true</SimpleCertSelection>
                        </CertificateStore>
                      </CredentialsSource>
                      <ServerValidation>
                        <DisableUserPromptForServerValidation>true</DisableUserPromptForServerValidation>
                        <ServerNames>%[1]s</ServerNames>
                        <TrustedRootCA>%[2]s </TrustedRootCA>
                      </ServerValidation>
                      <DifferentUsername>false</DifferentUsername>
                      <PerformServerValidation xmlns="http://www.microsoft.com/provisioning/EapTlsConnectionPropertiesV2">true</PerformServerValidation>
                      <AcceptServerName xmlns="http://www.microsoft.com/provisioning/EapTlsConnectionPropertiesV2">true</AcceptServerName>
                      <TLSExtensions xmlns="http://www.microsoft.com/provisioning/EapTlsConnectionPropertiesV2">
                        <FilteringInfo xmlns="http://www.microsoft.com/provisioning/EapTlsConnectionPropertiesV3">
                          <CAHashList Enabled="true">
                            <IssuerHash>%[3]s </IssuerHash>
                          </CAHashList>
                        </FilteringInfo>
                      </TLSExtensions>
                    </EapType>
                  </Eap>`

// profileXML is a user tunnel: EAP-TLS, or PEAP around EAP-TLS, with
// ServerNames and TrustedRootCA of the organisation, routes, NRPT rules and
// traffic filters up to about 8 KB.
func (g *gen) profileXML(i int, o *org, full bool) string {
	var b strings.Builder
	servers := o.vpn[i%len(o.vpn)] + ";" + o.vpn[i%len(o.vpn)]
	names := strings.Join(o.nps[:2], ";")
	tp := o.root.Thumbprint()
	inner := fmt.Sprintf(eapTLS, names, tp, o.cas[i%2].Thumbprint())
	eap := inner
	outer := 13
	if i%2 == 1 {
		outer = 25
		eap = fmt.Sprintf(`<Eap xmlns="http://www.microsoft.com/provisioning/BaseEapConnectionPropertiesV1">
                <Type>25</Type>
                <EapType xmlns="http://www.microsoft.com/provisioning/MsPeapConnectionPropertiesV1">
                  <ServerValidation>
                    <DisableUserPromptForServerValidation>true</DisableUserPromptForServerValidation>
                    <ServerNames>%s</ServerNames>
                    <TrustedRootCA>%s </TrustedRootCA>
                  </ServerValidation>
                  <FastReconnect>true</FastReconnect>
                  <InnerEapOptional>false</InnerEapOptional>
                  %s
                  <EnableQuarantineChecks>false</EnableQuarantineChecks>
                  <RequireCryptoBinding>false</RequireCryptoBinding>
                  <PeapExtensions>
                    <PerformServerValidation xmlns="http://www.microsoft.com/provisioning/MsPeapConnectionPropertiesV2">true</PerformServerValidation>
                    <AcceptServerName xmlns="http://www.microsoft.com/provisioning/MsPeapConnectionPropertiesV2">true</AcceptServerName>
                  </PeapExtensions>
                </EapType>
              </Eap>`, names, tp, inner)
	}
	fmt.Fprintf(&b, `<VPNProfile>
  <RememberCredentials>true</RememberCredentials>
  <AlwaysOn>true</AlwaysOn>
  <DnsSuffix>corp.%[1]s</DnsSuffix>
  <TrustedNetworkDetection>corp.%[1]s</TrustedNetworkDetection>
  <NativeProfile>
    <Servers>%[2]s</Servers>
    <RoutingPolicyType>SplitTunnel</RoutingPolicyType>
    <NativeProtocolType>IKEv2</NativeProtocolType>
    <Authentication>
      <UserMethod>Eap</UserMethod>
      <Eap>
        <Configuration>
          <EapHostConfig xmlns="http://www.microsoft.com/provisioning/EapHostConfig">
            <EapMethod>
              <Type xmlns="http://www.microsoft.com/provisioning/EapCommon">%[3]d</Type>
              <VendorId xmlns="http://www.microsoft.com/provisioning/EapCommon">0</VendorId>
              <VendorType xmlns="http://www.microsoft.com/provisioning/EapCommon">0</VendorType>
              <AuthorId xmlns="http://www.microsoft.com/provisioning/EapCommon">0</AuthorId>
            </EapMethod>
            <Config xmlns="http://www.microsoft.com/provisioning/EapHostConfig">
              %[4]s
            </Config>
          </EapHostConfig>
        </Configuration>
      </Eap>
    </Authentication>
    <CryptographySuite>
      <AuthenticationTransformConstants>GCMAES128</AuthenticationTransformConstants>
      <CipherTransformConstants>GCMAES128</CipherTransformConstants>
      <PfsGroup>ECP256</PfsGroup>
      <DHGroup>ECP256</DHGroup>
      <IntegrityCheckMethod>SHA256</IntegrityCheckMethod>
      <EncryptionMethod>AES_GCM_128</EncryptionMethod>
    </CryptographySuite>
    <DisableClassBasedDefaultRoute>true</DisableClassBasedDefaultRoute>
  </NativeProfile>
`, o.domain, servers, outer, eap)
	if !full {
		b.WriteString("</VPNProfile>\n")
		return b.String()
	}
	dot := "." // one profile in ten has the FQDN-only NRPT mistake (VPN714)
	if i%10 == 0 {
		dot = ""
	}
	fmt.Fprintf(&b, `  <DomainNameInformation>
    <DomainName>.corp.%[1]s</DomainName>
    <DnsServers>10.%[2]d.0.10,10.%[2]d.0.11</DnsServers>
  </DomainNameInformation>
  <DomainNameInformation>
    <DomainName>%[3]scorp.%[1]s</DomainName>
    <DnsServers>10.%[2]d.0.10,10.%[2]d.0.11</DnsServers>
  </DomainNameInformation>
  <TrafficFilter>
    <Protocol>6</Protocol>
    <RemotePortRanges>443,3389,445</RemotePortRanges>
    <RemoteAddressRanges>10.%[2]d.0.0/16</RemoteAddressRanges>
  </TrafficFilter>
  <TrafficFilter>
    <Protocol>17</Protocol>
    <RemotePortRanges>53,88,123</RemotePortRanges>
  </TrafficFilter>
  <TrafficFilter>
    <Protocol>1</Protocol>
  </TrafficFilter>
`, o.domain, 10+i%200, dot)
	for r := 0; b.Len() < 7900; r++ {
		if r%3 == 2 {
			fmt.Fprintf(&b, "  <DomainNameInformation>\n    <DomainName>app%d.corp.%s</DomainName>\n    <DnsServers>10.%d.0.10</DnsServers>\n  </DomainNameInformation>\n", r, o.domain, 10+i%200)
			continue
		}
		fmt.Fprintf(&b, "  <Route>\n    <Address>172.%d.%d.0</Address>\n    <PrefixSize>24</PrefixSize>\n  </Route>\n", 16+r%16, (i+r)%250)
	}
	b.WriteString("</VPNProfile>\n")
	return b.String()
}

// deviceXML is a device tunnel: machine certificate, routes to domain
// controllers and management servers, NRPT.
func (g *gen) deviceXML(i int, o *org) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<VPNProfile>
  <AlwaysOn>true</AlwaysOn>
  <DeviceTunnel>true</DeviceTunnel>
  <DnsSuffix>corp.%[1]s</DnsSuffix>
  <TrustedNetworkDetection>corp.%[1]s</TrustedNetworkDetection>
  <NativeProfile>
    <Servers>%[2]s</Servers>
    <RoutingPolicyType>SplitTunnel</RoutingPolicyType>
    <NativeProtocolType>IKEv2</NativeProtocolType>
    <Authentication>
      <MachineMethod>Certificate</MachineMethod>
    </Authentication>
    <CryptographySuite>
      <AuthenticationTransformConstants>SHA256128</AuthenticationTransformConstants>
      <CipherTransformConstants>AES256</CipherTransformConstants>
      <PfsGroup>ECP384</PfsGroup>
      <DHGroup>ECP384</DHGroup>
      <IntegrityCheckMethod>SHA256</IntegrityCheckMethod>
      <EncryptionMethod>AES256</EncryptionMethod>
    </CryptographySuite>
    <DisableClassBasedDefaultRoute>true</DisableClassBasedDefaultRoute>
  </NativeProfile>
  <DomainNameInformation>
    <DomainName>.corp.%[1]s</DomainName>
    <DnsServers>10.%[3]d.0.10,10.%[3]d.0.11</DnsServers>
  </DomainNameInformation>
`, o.domain, o.vpn[i%len(o.vpn)], 10+i%200)
	for r := 0; b.Len() < 7900; r++ {
		fmt.Fprintf(&b, "  <Route>\n    <Address>10.%d.%d.%d</Address>\n    <PrefixSize>32</PrefixSize>\n  </Route>\n", 10+i%200, r/250, 1+r%250)
	}
	b.WriteString("</VPNProfile>\n")
	return b.String()
}

// powershell is a VPN_Profile.ps1-style deployment script.
func powershell(name string, o *org, x string) string {
	servers := firstServers(x)
	x = strings.Replace(x, "<Servers>"+servers+"</Servers>", "<Servers>$Servers</Servers>", 1)
	x = strings.Replace(x, "<DnsSuffix>corp."+o.domain+"</DnsSuffix>", "<DnsSuffix>$DnsSuffix</DnsSuffix>", 1)
	return fmt.Sprintf(`# Always On VPN deployment script (synthetic benchmark estate).
# Run as the user, elevated, outside a remote desktop session.
$ProfileName = '%s'
$ProfileNameEscaped = $ProfileName -replace ' ', '%%20'
$Servers = '%s'
$DnsSuffix = 'corp.%s'
$ProfileXML = @"
%s"@

$ProfileXML = $ProfileXML -replace '<', '&lt;'
$ProfileXML = $ProfileXML -replace '>', '&gt;'
$ProfileXML = $ProfileXML -replace '"', '&quot;'

$nodeCSPURI = './Vendor/MSFT/VPNv2'
$namespaceName = 'root\cimv2\mdm\dmmap'
$className = 'MDM_VPNv2_01'
$session = New-CimSession
try {
    $newInstance = New-Object Microsoft.Management.Infrastructure.CimInstance $className, $namespaceName
    $property = [Microsoft.Management.Infrastructure.CimProperty]::Create('ParentID', "$nodeCSPURI", 'String', 'Key')
    $newInstance.CimInstanceProperties.Add($property)
    $property = [Microsoft.Management.Infrastructure.CimProperty]::Create('InstanceID', "$ProfileNameEscaped", 'String', 'Key')
    $newInstance.CimInstanceProperties.Add($property)
    $property = [Microsoft.Management.Infrastructure.CimProperty]::Create('ProfileXML', "$ProfileXML", 'String', 'Property')
    $newInstance.CimInstanceProperties.Add($property)
    $session.CreateInstance($namespaceName, $newInstance)
    Write-Host "Created $ProfileName profile."
}
catch [Exception] {
    Write-Host "Unable to create $ProfileName profile: $_"
}
`, name, servers, o.domain, x)
}

func firstServers(x string) string {
	_, a, _ := strings.Cut(x, "<Servers>")
	s, _, _ := strings.Cut(a, "</Servers>")
	return s
}

// cimDump is Get-CimInstance -Namespace root\cimv2\mdm\dmmap -ClassName
// MDM_VPNv2_01 | Format-List output: ProfileXML on one line, wrapped at the
// console width (at a space where there is one, else mid-word).
func cimDump(name, x string) string {
	flat := strings.Join(strings.Fields(strings.ReplaceAll(x, ">\n", ">")), " ")
	flat = strings.ReplaceAll(flat, "> <", "><")
	inst := strings.ReplaceAll(name, " ", "%20")
	var b strings.Builder
	fmt.Fprintf(&b, `

__GENUS                 : 2
__CLASS                 : MDM_VPNv2_01
__SUPERCLASS            :
__DYNASTY               : MDM_VPNv2_01
__RELPATH               : MDM_VPNv2_01.InstanceID="%[1]s",ParentID="./Vendor/MSFT/VPNv2"
__PROPERTY_COUNT        : 10
__DERIVATION            : {}
__SERVER                : CLIENT01
__NAMESPACE             : root\cimv2\mdm\dmmap
AlwaysOn                : True
ByPassForLocal          :
DnsSuffix               :
EdpModeId               :
InstanceID              : %[1]s
LockDown                :
ParentID                : ./Vendor/MSFT/VPNv2
`, inst)
	const width, indent = 94, "                          "
	first := true
	for rest := flat; rest != ""; first = false {
		line := rest
		if len(rest) > width {
			sp := strings.LastIndexByte(rest[:width+1], ' ')
			if sp > 0 {
				line, rest = rest[:sp], rest[sp+1:]
			} else {
				line, rest = rest[:width], rest[width:]
			}
		} else {
			rest = ""
		}
		if first {
			b.WriteString("ProfileXML              : " + line + "\n")
		} else {
			b.WriteString(indent + line + "\n")
		}
	}
	b.WriteString("RememberCredentials     : True\nTrustedNetworkDetection :\nPSComputerName          :\n\n\n")
	return b.String()
}

// intune is a windows10CustomConfiguration as Graph exports it, with the
// profile as omaSettingString (XML in a JSON string) or omaSettingStringXml
// (base64).
func intune(name, uri, x string, b64 bool) ([]byte, error) {
	setting := map[string]any{
		"@odata.type":            "#microsoft.graph.omaSettingString",
		"displayName":            "ProfileXML",
		"description":            nil,
		"omaUri":                 uri,
		"secretReferenceValueId": nil,
		"isEncrypted":            false,
		"value":                  strings.ReplaceAll(x, "\n", "\r\n"),
	}
	if b64 {
		setting["@odata.type"] = "#microsoft.graph.omaSettingStringXml"
		setting["fileName"] = "ProfileXML.xml"
		setting["value"] = base64.StdEncoding.EncodeToString([]byte(x))
	}
	v := map[string]any{
		"@odata.type":          "#microsoft.graph.windows10CustomConfiguration",
		"id":                   fmt.Sprintf("%08x-5e6f-4a7b-8c9d-0e1f2a3b4c5d", len(name)*7919+len(x)),
		"displayName":          name,
		"description":          "Always On VPN profile",
		"version":              3,
		"createdDateTime":      "2026-01-12T09:30:00Z",
		"lastModifiedDateTime": "2026-03-02T14:10:00Z",
		"roleScopeTagIds":      []string{"0"},
		"omaSettings":          []any{setting},
	}
	return json.MarshalIndent(v, "", "    ")
}

// syncML is an OMA-DM Atomic Add of the profile, escaped.
func syncML(uri, x string) string {
	esc := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(x)
	return fmt.Sprintf(`<SyncML xmlns="SYNCML:SYNCML1.2">
  <SyncBody>
    <Atomic>
      <CmdID>1</CmdID>
      <Add>
        <CmdID>2</CmdID>
        <Item>
          <Target><LocURI>%s</LocURI></Target>
          <Meta><Format xmlns="syncml:metinf">chr</Format></Meta>
          <Data>%s</Data>
        </Item>
      </Add>
    </Atomic>
    <Final/>
  </SyncBody>
</SyncML>
`, uri, esc)
}

// irrelevant writes a file with nothing for aovpnlint: other Intune
// policies, notes, scripts, XML of other tools and binary blobs.
func (g *gen) irrelevant(i int) error {
	switch i % 6 {
	case 0, 1:
		settings := make([]map[string]any, 4+g.rng.IntN(30))
		for j := range settings {
			settings[j] = map[string]any{
				"@odata.type": "#microsoft.graph.omaSettingInteger",
				"displayName": fmt.Sprintf("Setting %d", j),
				"omaUri":      fmt.Sprintf("./Device/Vendor/MSFT/Policy/Config/%s/Setting%d", g.pick([]string{"Browser", "Defender", "Update", "DeviceLock", "Experience"}), j),
				"value":       g.rng.IntN(5),
			}
		}
		v := map[string]any{
			"@odata.type": g.pick([]string{"#microsoft.graph.windows10GeneralConfiguration", "#microsoft.graph.windows10CustomConfiguration", "#microsoft.graph.windowsUpdateForBusinessConfiguration"}),
			"id":          fmt.Sprintf("%08x-1111-4222-8333-444455556666", i),
			"displayName": fmt.Sprintf("Baseline policy %d", i), "description": strings.Repeat("Corporate baseline. ", g.rng.IntN(20)),
			"passwordRequired": true, "defenderScanType": "full", "omaSettings": settings,
		}
		data, err := json.MarshalIndent(v, "", "    ")
		if err != nil {
			return err
		}
		g.st.Irrelevant++
		return g.write(fmt.Sprintf("intune/Device Configurations/Baseline %05d.json", i), data)
	case 2:
		g.st.Irrelevant++
		return g.write(fmt.Sprintf("docs/notes/%05d.md", i), []byte(strings.Repeat(fmt.Sprintf("Change %d: rolled the VPN pilot to ring %d; owners and servers listed in the CMDB.\n", i, i%5), 5+g.rng.IntN(60))))
	case 3:
		g.st.Irrelevant++
		return g.write(fmt.Sprintf("scripts/misc/Set-Wallpaper%05d.ps1", i), []byte("# Sets the wallpaper\n$path = 'C:\\Windows\\Web\\Wallpaper\\corp.jpg'\nSet-ItemProperty -Path 'HKCU:\\Control Panel\\Desktop' -Name Wallpaper -Value $path\n"+strings.Repeat("Write-Verbose 'step'\n", g.rng.IntN(80))))
	case 4:
		var b strings.Builder
		b.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n")
		for j := range 5 + g.rng.IntN(60) {
			fmt.Fprintf(&b, "    <PackageReference Include=\"Contoso.Package%d\" Version=\"1.%d.0\" />\n", j, j)
		}
		b.WriteString("  </ItemGroup>\n</Project>\n")
		g.st.Irrelevant++
		return g.write(fmt.Sprintf("src/proj%05d.csproj", i), []byte(b.String()))
	default:
		blob := make([]byte, 2048+g.rng.IntN(30000))
		copy(blob, "\x89PNG\r\n\x1a\n")
		for j := 8; j < len(blob); j += 8 {
			v := g.rng.Uint64()
			for k := 0; k < 8 && j+k < len(blob); k++ {
				blob[j+k] = byte(v >> (8 * k))
			}
		}
		g.st.Irrelevant++
		return g.write(fmt.Sprintf("assets/img%05d.png", i), blob)
	}
}

// smallIrrelevant writes a file of a few hundred bytes for the many-files tree.
func (g *gen) smallIrrelevant(dir string, i int) error {
	g.st.Irrelevant++
	switch i % 4 {
	case 0:
		return g.write(filepath.Join(dir, fmt.Sprintf("policy%06d.json", i)), fmt.Appendf(nil, `{"@odata.type":"#microsoft.graph.windows10GeneralConfiguration","displayName":"Baseline %d","passwordRequired":true,"omaSettings":[{"omaUri":"./Device/Vendor/MSFT/Policy/Config/Browser/AllowCookies","value":%d}]}`, i, i%3))
	case 1:
		return g.write(filepath.Join(dir, fmt.Sprintf("README%06d.md", i)), fmt.Appendf(nil, "# Component %d\n\nOwned by team %d. See the wiki.\n", i, i%17))
	case 2:
		return g.write(filepath.Join(dir, fmt.Sprintf("deploy%06d.ps1", i)), fmt.Appendf(nil, "# deploy %d\nSet-ItemProperty -Path 'HKLM:\\Software\\Contoso' -Name Ring -Value %d\n", i, i%5))
	default:
		b := make([]byte, 256)
		for j := range b {
			b[j] = byte(g.rng.Uint32())
		}
		return g.write(filepath.Join(dir, fmt.Sprintf("blob%06d.bin", i)), b)
	}
}
