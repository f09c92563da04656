package load

import (
	"bytes"
	"encoding/pem"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/aovpnlint/aovpnlint/internal/fuzzcheck"
	"github.com/aovpnlint/aovpnlint/lint/model"
)

// The fuzz targets: one per reader, called directly so that mutations stay
// inside the format the reader reads, and FuzzParse for the dispatcher.
// Each is seeded with the fixtures that Parse recognises as its kind and a
// few small inputs written here; checkFile holds the invariants. `make fuzz`
// runs them all; crashers land in testdata/fuzz/<target> and stay there as
// regression seeds.

// fuzzSeedDirs hold the fixtures the targets start from.
var fuzzSeedDirs = []string{"../../testdata/rules", "../../testdata/examples", "../../testdata/nps-logs"}

// derSeedKind is the seed class of binary certificate files.
const derSeedKind model.Kind = "der"

var (
	fuzzSeedsOnce sync.Once
	fuzzSeeds     map[model.Kind][][]byte // by what Parse reads them as
	fuzzAll       [][]byte                // every fixture
)

// seedsOf returns the fixtures of kind k.
func seedsOf(f *testing.F, k model.Kind) [][]byte {
	f.Helper()
	fuzzSeedsOnce.Do(func() {
		fuzzSeeds = map[model.Kind][][]byte{}
		for _, dir := range fuzzSeedDirs {
			_ = filepath.WalkDir(dir, func(p string, e fs.DirEntry, walkErr error) error {
				if walkErr != nil || e.IsDir() {
					return nil //nolint:nilerr // a seed that cannot be read is left out
				}
				b, readErr := os.ReadFile(p)
				if readErr != nil || len(b) > 1<<20 {
					return nil //nolint:nilerr // as above
				}
				fuzzAll = append(fuzzAll, b)
				if derKind(b) != "" {
					fuzzSeeds[derSeedKind] = append(fuzzSeeds[derSeedKind], b)
					return nil
				}
				if file, _, _ := Parse("seed", b); file != nil {
					fuzzSeeds[file.Kind] = append(fuzzSeeds[file.Kind], b)
				}
				return nil
			})
		}
	})
	if k == "" {
		return fuzzAll
	}
	if len(fuzzSeeds[k]) == 0 {
		f.Fatalf("no fixture is read as %s", k)
	}
	return fuzzSeeds[k]
}

// addSeeds adds the fixtures of kind k and the hand-written seeds.
func addSeeds(f *testing.F, k model.Kind, extra ...string) {
	f.Helper()
	for _, b := range seedsOf(f, k) {
		f.Add(b)
	}
	for _, s := range extra {
		f.Add([]byte(s))
	}
}

// source decodes data as Parse does for the text readers; ok is false for
// text that is only white space, which Parse skips as an empty file.
func source(data []byte) (src *model.Source, ok bool) {
	text, _ := Decode(data)
	return model.NewSource("fuzz.txt", text), len(bytes.TrimSpace(text)) > 0
}

// checkFile checks what a reader returned for data: every location lies
// inside the file, and no problem message or hint repeats a secret of the
// input.
func checkFile(t *testing.T, data []byte, file *model.File, probs []model.Problem) {
	t.Helper()
	var src *model.Source
	if file != nil {
		src = file.Src
	} else if len(probs) > 0 {
		// Problems without a file (Load keeps them): they are about the
		// decoded text.
		text, _ := Decode(data)
		src = model.NewSource(probs[0].Loc.Path, text)
	}
	inside := func(what string, l model.Location) {
		if why := fuzzcheck.LocError(src, l); why != "" {
			t.Fatalf("%s: location %+v %s", what, l, why)
		}
	}
	secrets := fuzzcheck.Secrets(data)
	if file != nil {
		secrets = append(secrets, fuzzcheck.Secrets(file.Src.Text)...)
	}
	for _, p := range probs {
		inside("problem "+p.Message, p.Loc)
		if s := fuzzcheck.Leak(secrets, p.Message, p.Hint); s != "" {
			t.Fatalf("problem %q (hint %q) shows the secret %q", p.Message, p.Hint, s)
		}
	}
	if file == nil {
		return
	}
	for _, p := range file.Profiles {
		inside("profile root", p.Root.Loc())
		checkNodes(t, inside, p.Doc.Root, 0)
		if p.Native != nil {
			for _, s := range p.Native.ServerList {
				inside("server "+s.Host, s.Loc)
			}
		}
		if c := p.Eap(); c != nil {
			checkEap(t, inside, c)
		}
	}
	for _, c := range file.EapConfigs {
		checkEap(t, inside, c)
	}
	for _, c := range file.Certs {
		inside("certificate", c.Loc)
	}
	for _, cfg := range file.NPS {
		checkNodes(t, inside, cfg.Root, 0)
		for _, c := range cfg.Clients {
			inside("RADIUS client "+c.Name, c.Node.Loc())
			if c.HasSecret {
				inside("RADIUS client secret", c.SecretLoc)
			}
		}
		for _, list := range [][]*model.NPSPolicy{cfg.Policies, cfg.RequestPolicies} {
			for _, pol := range list {
				inside("NPS policy "+pol.Name, pol.Node.Loc())
				if pol.Settings != nil {
					inside("NPS settings "+pol.Settings.Name, pol.Settings.Node.Loc())
				}
			}
		}
	}
	for _, s := range Suppressions(file) {
		inside("suppression", s.Loc)
		if s.First < 1 || s.Last < s.First || s.Last > src.Lines()+1 {
			t.Fatalf("suppression covers lines %d..%d of a file of %d lines", s.First, s.Last, src.Lines())
		}
	}
}

// checkEap checks the locations of an EAP configuration's methods.
func checkEap(t *testing.T, inside func(string, model.Location), c *model.EapConfig) {
	t.Helper()
	inside("EAP configuration", c.Root.Loc())
	if c.Embedded != nil {
		checkNodes(t, inside, c.Embedded.Root, 0)
	}
	for _, m := range c.Methods() {
		inside("EAP method", m.Node.Loc())
		if m.TypeNode != nil {
			inside("EAP type", m.TypeNode.ValueLoc())
		}
		if sv := m.ServerValidation; sv != nil {
			if sv.ServerNames != nil {
				inside("ServerNames", sv.ServerNames.ValueLoc())
			}
			for _, n := range sv.TrustedRootCAs {
				inside("TrustedRootCA", n.ValueLoc())
			}
		}
	}
}

// checkNodes checks the element, value and attribute locations of a tree.
func checkNodes(t *testing.T, inside func(string, model.Location), n *model.Node, depth int) {
	t.Helper()
	if n == nil || depth > model.MaxDepth+1 {
		return
	}
	inside("element <"+n.Name+">", n.Loc())
	inside("value of <"+n.Name+">", n.ValueLoc())
	if v := n.Value(); len(v) > 1 {
		inside("part of <"+n.Name+">", n.SubLoc(1, len(v)))
	}
	for i := range n.Attrs {
		inside("attribute "+n.Attrs[i].Name, n.Attrs[i].Loc())
	}
	for _, c := range n.Children {
		checkNodes(t, inside, c, depth+1)
	}
}

// A small profile with a planted L2TP key and APN password.
const seedProfile = `<VPNProfile>
  <NativeProfile>
    <Servers>vpn.contoso.com;Contoso,vpn2.contoso.com</Servers>
    <NativeProtocolType>L2tp</NativeProtocolType>
    <L2tpPsk>Planted-L2tp-Secret-1</L2tpPsk>
    <Authentication><UserMethod>Eap</UserMethod><Eap><Configuration>
      <EapHostConfig xmlns="http://www.microsoft.com/provisioning/EapHostConfig"><EapMethod><Type xmlns="http://www.microsoft.com/provisioning/EapCommon">25</Type></EapMethod>
      <Config xmlns="http://www.microsoft.com/provisioning/EapHostConfig"><Eap xmlns="http://www.microsoft.com/provisioning/BaseEapConnectionPropertiesV1"><Type>25</Type>
      <EapType xmlns="http://www.microsoft.com/provisioning/MsPeapConnectionPropertiesV1"><ServerValidation><ServerNames>nps.contoso.com</ServerNames>
      <TrustedRootCA>5a 89 fe 00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff 00</TrustedRootCA></ServerValidation></EapType></Eap></Config></EapHostConfig>
    </Configuration></Eap></Authentication>
  </NativeProfile>
  <APNBinding><ProviderId>x</ProviderId><AccessPointName>apn</AccessPointName><UserName>u</UserName><Password>Planted-Apn-Password</Password></APNBinding>
</VPNProfile>
`

// escapeXML entity-escapes a profile for a container.
func escapeXML(s string) string {
	var b bytes.Buffer
	for _, c := range []byte(s) {
		switch c {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '"':
			b.WriteString("&quot;")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// FuzzParse: the dispatcher survives any bytes, and what it returns
// satisfies checkFile. Seeded with every fixture.
func FuzzParse(f *testing.F) {
	addSeeds(f, "", seedProfile, "\xff\xfe<\x00V\x00P\x00N\x00", "[xml]$p = '<VPNProfile/>'", "{\"omaUri\":1}")
	f.Fuzz(func(t *testing.T, data []byte) {
		defer fuzzcheck.Watchdog(data)()
		file, probs, _ := Parse("fuzz.txt", data)
		if file != nil && file.Src.Path != "fuzz.txt" {
			t.Fatalf("file path %q", file.Src.Path)
		}
		checkFile(t, data, file, probs)
	})
}

// FuzzProfileXML: ProfileXML documents, with EAP configurations embedded as
// elements or as escaped text (model.ParseXML, ParseProfiles).
func FuzzProfileXML(f *testing.F) {
	addSeeds(f, model.KindProfileXML, seedProfile,
		"<VPNProfile><NativeProfile><Servers>a;b,c</Servers><Authentication><Eap><Configuration>&lt;EapHostConfig&gt;&lt;Config&gt;&lt;Eap&gt;&lt;Type&gt;13&lt;/Type&gt;&lt;/Eap&gt;&lt;/Config&gt;&lt;/EapHostConfig&gt;</Configuration></Eap></Authentication></NativeProfile></VPNProfile>",
		"<vpnprofile><Route><Address>10.0.0.0</Address></Route></vpnprofile>",
		"<VPNProfile/>",
		"<VPNProfile><![CDATA[x]]><!-- aovpnlint:ignore VPN101 r --><AlwaysOn>true</AlwaysOn></VPNProfile>",
		"<X><NativeProfile/></X>",
		"<VPNProfile>\r\n<DeviceTunnel>true</DeviceTunnel>\r\n<L2tpPsk attr=\"1\">abcdefghijk</L2tpPsk></VPNProfile>",
	)
	f.Fuzz(func(t *testing.T, data []byte) {
		defer fuzzcheck.Watchdog(data)()
		src, ok := source(data)
		if !ok {
			return
		}
		file := &model.File{Src: src, Kind: model.KindProfileXML}
		probs := ParseProfiles(file, src.Text, model.Identity, "fuzz")
		checkFile(t, data, file, probs)
	})
}

// FuzzEapXML: standalone EAP configuration files (parseEapFile).
func FuzzEapXML(f *testing.F) {
	addSeeds(f, model.KindEapXML,
		"<EapHostConfig><EapMethod><Type>13</Type></EapMethod><Config><Eap><Type>13</Type><EapType><CredentialsSource><CertificateStore/></CredentialsSource><ServerValidation><ServerNames>nps</ServerNames><TrustedRootCA>00 11</TrustedRootCA></ServerValidation><PerformServerValidation>true</PerformServerValidation><TLSExtensions><FilteringInfo><CAHashList Enabled=\"true\"><IssuerHash>aa</IssuerHash></CAHashList></FilteringInfo></TLSExtensions></EapType></Eap></Config></EapHostConfig>",
		"<EapHostConfig><Config><Eap><Type>25</Type><EapType><Eap><Type>26</Type></Eap></EapType></Eap></Config></EapHostConfig>",
		"<EapHostConfig/>",
	)
	fuzzText(f, parseEapFile)
}

// FuzzPowerShell: deployment scripts (parsePowerShell), evaluated without
// running them.
func FuzzPowerShell(f *testing.F) {
	addSeeds(f, model.KindPowerShell,
		"$ProfileXML = '<VPNProfile><NativeProfile><Servers>vpn</Servers><L2tpPsk>Planted-Ps-Secret</L2tpPsk></NativeProfile></VPNProfile>'\n$n = New-CimInstance -Namespace root\\cimv2\\mdm\\dmmap -ClassName MDM_VPNv2_01 -Property @{ParentID='./Vendor/MSFT/VPNv2';InstanceID='Contoso';ProfileXML=$ProfileXML}\n",
		"$Server = Read-Host\n$ProfileXML = @\"\n<VPNProfile><NativeProfile><Servers>$Server</Servers></NativeProfile></VPNProfile>\n\"@\n$ProfileXML = $ProfileXML -replace '<', '&lt;'\n# MDM_VPNv2_01\n",
		"$x = \"a`$b$($y)\" + 'c' -f 1\n$ProfileXML = [string]::Format('<VPNProfile>{0}</VPNProfile>', $x) # ProfileXML mdm_vpnv2_01\n",
		"$ProfileXML = Get-Content -Raw $PSScriptRoot\\p.xml\n# MDM_VPNv2_01\n",
		"<# help #>\n[xml]$p = '&lt;VPNProfile&gt;&lt;/VPNProfile&gt;'\n$ProfileXML = $p.OuterXml # mdm_vpnv2_01\n# SIG # Begin signature block\n# abc\n",
	)
	fuzzText(f, parsePowerShell)
}

// FuzzCIMDump: Get-CimInstance/Get-WmiObject console output, with wrapped
// and damaged ProfileXML values (parseCIMDump).
func FuzzCIMDump(f *testing.F) {
	addSeeds(f, model.KindCIMDump,
		"InstanceID : Contoso\nParentID   : ./Vendor/MSFT/VPNv2\nProfileXML : <VPNProfile><NativeProfile><Servers>vpn.contoso.com</Servers><L2tpPsk>Planted-Cim-Secret</L2tpPsk></Nati\n             veProfile></VPNProfile>\n",
		"__CLASS : MDM_VPNv2_01\nProfileXML : <VPNProfile><NativeProfile><Servers>vpn</Servers><Authentication><UserMethod>Eap</UserMethod></Authentication></NativeProfile><Route><Address>10.0.0.0</Address><PrefixSize>8</Prefix...\n",
		"InstanceID : A ProfileXML : <VPNProfile><AlwaysOn>true</AlwaysOn></VPNProfile> InstanceID : B ProfileXML : <VPNProfile><Native Profile/></VPNProfile>",
		"ProfileXML : <VPNProfile xml ns=\"x\"><DeviceTunnel>true</DeviceTunnel></VPNProfile>\r\nInstanceID : C\r\n",
	)
	fuzzText(f, parseCIMDump)
}

// FuzzIntuneJSON: Intune Graph exports: OMA-URI settings with escaped or
// base64 ProfileXML, and the windows10VpnConfiguration template (parseJSON).
func FuzzIntuneJSON(f *testing.F) {
	addSeeds(f, model.KindIntuneJSON,
		`{"omaSettings":[{"@odata.type":"#microsoft.graph.omaSettingString","omaUri":"./User/Vendor/MSFT/VPNv2/Contoso/ProfileXML","value":"<VPNProfile><NativeProfile><Servers>vpn</Servers><L2tpPsk>Planted-Json-Secret</L2tpPsk></NativeProfile></VPNProfile>"}]}`,
		`[{"omaUri":"./Device/Vendor/MSFT/VPNv2/A%20B/ProfileXML","@odata.type":"#microsoft.graph.omaSettingStringXml","fileName":"p.xml","value":"PFZQTlByb2ZpbGU+PEFsd2F5c09uPnRydWU8L0Fsd2F5c09uPjwvVlBOUHJvZmlsZT4="}]`,
		`{"value":[{"omaUri":"./Vendor/MSFT/VPNv2/X/ProfileXML","value":"\u003cVPNProfile\u003e\u003cL2tpPsk\u003ePlanted-Unicode-Secret\u003c/L2tpPsk\u003e\u003c/VPNProfile\u003e","isEncrypted":false}]}`,
		`{"omaUri":"./Vendor/MSFT/VPNv2/X/ProfileXML","value":"****","isEncrypted":true}`,
		`{"@odata.type":"#microsoft.graph.windows10VpnConfiguration","connectionName":"Contoso","connectionType":"windows10Native","authenticationMethod":"certificate","servers":[{"address":"vpn.contoso.com","description":"a","isDefaultServer":true}],"enableAlwaysOn":true,"eapXml":"PEVhcEhvc3RDb25maWcvPg==","routes":[{"destinationPrefix":"10.0.0.0","prefixSize":8}],"dnsSuffixes":["corp"],"trustedNetworkDomains":["corp"]}`,
		`{"omaUri":"./Vendor/MSFT/VPNv2/X/ProfileXML","value":"<VPNProfile><broken"`,
	)
	fuzzText(f, parseJSON)
}

// FuzzSyncML: SyncML documents and fragments that write ProfileXML, escaped
// once or more, or in CDATA (parseSyncML).
func FuzzSyncML(f *testing.F) {
	esc := escapeXML(seedProfile)
	addSeeds(f, model.KindSyncML,
		"<SyncML><SyncBody><Atomic><Replace><CmdID>1</CmdID><Item><Target><LocURI>./User/Vendor/MSFT/VPNv2/Contoso/ProfileXML</LocURI></Target><Meta><Format xmlns=\"syncml:metinf\">chr</Format></Meta><Data>"+esc+"</Data></Item></Replace></Atomic><Final/></SyncBody></SyncML>",
		"<Add><Item><Target><LocURI>./Device/Vendor/MSFT/VPNv2/A/ProfileXML</LocURI></Target><Data><![CDATA["+seedProfile+"]]></Data></Item></Add>",
		"<Replace><Item><Target><LocURI>./Vendor/MSFT/VPNv2/A/ProfileXML</LocURI></Target><Data>"+escapeXML(esc)+"</Data></Item></Replace>",
		"<SyncML><SyncBody><Add><Item><Target><LocURI>./Vendor/MSFT/VPNv2/A/AlwaysOn</LocURI></Target><Data>true</Data></Item></Add></SyncBody></SyncML>",
	)
	fuzzText(f, parseSyncML)
}

// seedKey is a PEM private key block (the body is random bytes, not a key).
const seedKey = "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgPlantedKeyBody0\nAbCdEfGhIjKlMnOpQrStUvWxYz0123456789+/AbCdEfGhIjKlMnOpQrStUvWx\n-----END PRIVATE KEY-----\n"

// FuzzPEM: PEM text with certificates, PKCS#7 bundles and private keys
// (parsePEMFile).
func FuzzPEM(f *testing.F) {
	addSeeds(f, model.KindCert,
		seedKey,
		"# comment\n"+seedKey+"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
		"-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\nQWxhZGRpbjpvcGVuIHNlc2FtZVBsYW50ZWRFbmNyeXB0ZWQ=\n-----END RSA PRIVATE KEY-----\n",
		"-----BEGIN PKCS7-----\nMAsGCSqGSIb3DQEHAg==\n-----END PKCS7-----\n",
		"-----BEGIN CERTIFICATE-----\r\nbroken\r\n",
	)
	fuzzText(f, parsePEMFile)
}

// FuzzDER: binary certificates, PKCS#7 bundles and PKCS#12 files, sniffed
// by derKind (parseDERFile). A SEQUENCE derKind does not recognise is read
// as each kind in turn.
func FuzzDER(f *testing.F) {
	addSeeds(f, derSeedKind,
		"\x30\x03\x02\x01\x03",
		"\x30\x0f\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07\x02\xa0\x02\x30\x00",
		"\x30\x0e\x02\x01\x03\x30\x09\x06\x07\x2a\x86\x48\x86\xf7\x0d\x01",
		"\x30\x06\x30\x04\xa0\x02\x02\x00",
	)
	// The certificates and bundles of the PEM fixtures, as DER.
	n := 0
	for _, b := range seedsOf(f, model.KindCert) {
		for rest := b; n < 200; n++ {
			var block *pem.Block
			if block, rest = pem.Decode(rest); block == nil {
				break
			}
			if isCertType(block.Type) {
				f.Add(block.Bytes)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		defer fuzzcheck.Watchdog(data)()
		kinds := []string{derKind(data)}
		if kinds[0] == "" {
			if len(data) == 0 || data[0] != 0x30 {
				return // not even a DER SEQUENCE: Parse never reads it as DER
			}
			kinds = []string{"certificate", "pkcs7", "pkcs12"}
		}
		for _, k := range kinds {
			file, probs, _ := parseDERFile(model.NewSource("fuzz.der", data), k)
			checkFile(t, data, file, probs)
		}
	})
}

// FuzzNPSConfig: NPS configuration exports (parseNPS), with planted RADIUS
// shared secrets.
func FuzzNPSConfig(f *testing.F) {
	addSeeds(f, model.KindNPSConfig,
		`<?xml version="1.0"?><Root><Children><Microsoft_Internet_Authentication_Service name="IAS"><Children>
<Protocols><Children><Microsoft_Radius_Protocol><Children><Clients><Children><VPN1 name="VPN1"><Properties><IP_Address xmlns:dt="urn:schemas-microsoft-com:datatypes" dt:dt="string">10.0.0.1</IP_Address><Shared_Secret xmlns:dt="urn:schemas-microsoft-com:datatypes" dt:dt="string">Planted-Radius-Secret</Shared_Secret><Radius_Client_Enabled dt:dt="boolean">1</Radius_Client_Enabled></Properties></VPN1></Children></Clients></Children></Microsoft_Radius_Protocol></Children></Protocols>
<NetworkPolicy><Children><P name="VPN"><Properties><msNPAction>VPN</msNPAction><msNPSequence>1</msNPSequence><msNPConstraint>MATCH("NAS-Port-Type=^5$")</msNPConstraint></Properties></P></Children></NetworkPolicy>
<RadiusProfiles><Children><VPN name="VPN"><Properties><msNPAuthenticationType2>5</msNPAuthenticationType2><msNPAllowedEapType>19000000000000000000000000000000</msNPAllowedEapType><msEAPConfiguration>190000000000000014000000aabbccddeeff00112233445566778899aabbccdd0d000000</msEAPConfiguration></Properties></VPN></Children></RadiusProfiles>
</Children></Microsoft_Internet_Authentication_Service></Children></Root>`,
		`<Root><Children><Microsoft_Internet_Authentication_Service/></Children></Root>`,
	)
	fuzzText(f, parseNPS)
}

// FuzzNPSLog: NPS accounting logs in the three formats (SniffNPSLog,
// ScanNPSLog), read as raw bytes the way `aovpnlint nps-log` streams them.
// Every record's line lies inside the log.
func FuzzNPSLog(f *testing.F) {
	odbc := `"NPS1","IAS",06/01/2026,08:00:00,1,"user@contoso.com","CONTOSO\user",,,,,,"10.0.0.1",,,"10.0.0.1","VPN1",,,5,,,,,"VPN",16,,,,,"Microsoft: Smart Card or other certificate",,,,,,,,,,,,,,,,,,,,,,,,,,,,,,"Use Windows authentication",,,,`
	addSeeds(f, model.KindNPSLog,
		odbc+"\r\n"+odbc+"\n",
		"10.0.0.1,user,06/01/2026,08:00:00,IAS,NPS1,4136,1,4142,16,4149,VPN,4108,10.0.0.2,4128,VPN1\n",
		"<Event><Timestamp data_type=\"4\">06/01/2026 08:00:00.123</Timestamp><Packet-Type data_type=\"0\">3</Packet-Type><Reason-Code data_type=\"0\">16</Reason-Code><NP-Policy-Name data_type=\"1\">VPN</NP-Policy-Name></Event>\n<Event><Timestamp data_type=\"4\">x</Timestamp></Event>",
	)
	f.Fuzz(func(t *testing.T, data []byte) {
		defer fuzzcheck.Watchdog(data)()
		lines := bytes.Count(data, []byte("\n")) + 1
		sniffed := SniffNPSLog(data)
		for _, format := range []string{NPSLogODBC, NPSLogIAS, NPSLogDTS} {
			n := 0
			_, err := ScanNPSLog(bytes.NewReader(data), format, func(r *NPSRecord) error {
				n++
				switch {
				case format == NPSLogDTS && r.Line != 0:
					t.Fatalf("DTS record with line %d", r.Line)
				case format != NPSLogDTS && (r.Line < 1 || r.Line > lines):
					t.Fatalf("%s record on line %d of a log of %d lines", format, r.Line, lines)
				case r.Fields != nil && len(r.Fields) < odbcFieldCount:
					t.Fatalf("%s record with %d fields", format, len(r.Fields))
				}
				_ = r.NAS()
				return nil
			})
			if format == sniffed && err == nil && format != NPSLogDTS && n == 0 && len(bytes.TrimSpace(data)) > 0 {
				t.Fatalf("recognised as %s, but no record read", format)
			}
		}
	})
}

// fuzzText fuzzes one text reader: the input decoded as Parse decodes it,
// read, and its positions and messages checked.
func fuzzText(f *testing.F, read readFunc) {
	f.Helper()
	f.Fuzz(func(t *testing.T, data []byte) {
		defer fuzzcheck.Watchdog(data)()
		src, ok := source(data)
		if !ok {
			return
		}
		file, probs, _ := read(src)
		checkFile(t, data, file, probs)
	})
}
