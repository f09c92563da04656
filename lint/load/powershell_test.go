package load

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aovpnlint/aovpnlint/lint/model"
)

// pos is a place in a script: 1-based line and byte column of the decoded text.
type pos struct{ line, col int }

func (p pos) String() string { return fmt.Sprintf("%d:%d", p.line, p.col) }

// posOf returns where the n-th (1-based) occurrence of needle starts in text,
// and where it ends (exclusive), counted independently of the loader.
func posOf(t *testing.T, text, needle string, n int) (pos, pos) {
	t.Helper()
	off := -1
	for i := 0; i < n; i++ {
		j := strings.Index(text[off+1:], needle)
		if j < 0 {
			t.Fatalf("%q: occurrence %d not found", needle, n)
		}
		off += 1 + j
	}
	at := func(o int) pos {
		line := strings.Count(text[:o], "\n") + 1
		return pos{line, o - strings.LastIndex(text[:o], "\n")}
	}
	return at(off), at(off + len(needle))
}

func span(l model.Location) (pos, pos) {
	return pos{l.StartLine, l.StartColumn}, pos{l.EndLine, l.EndColumn}
}

// parseScript parses a script through Parse and returns its one profile.
func parseScript(t *testing.T, data []byte) (*model.File, *model.Profile, []model.Problem) {
	t.Helper()
	f, probs, why := Parse("deploy.ps1", data)
	if f == nil {
		t.Fatalf("not recognised: %s", why)
	}
	if f.Kind != model.KindPowerShell {
		t.Fatalf("kind %s, want powershell", f.Kind)
	}
	for _, p := range probs {
		if p.Kind != model.PartlyInspected {
			t.Fatalf("problem: %d:%d %s", p.Loc.StartLine, p.Loc.StartColumn, p.Message)
		}
	}
	if len(f.Profiles) != 1 {
		t.Fatalf("%d profiles, want 1", len(f.Profiles))
	}
	return f, f.Profiles[0], probs
}

// TestPowerShellPositions: a finding on an element of the extracted profile
// lands on that element's exact line and column in the script, whatever the
// string form holds it.
func TestPowerShellPositions(t *testing.T) {
	const cim = "\n$p = [Microsoft.Management.Infrastructure.CimProperty]::Create('ProfileXML', \"$ProfileXML\", 'String', 'Property')\n"
	for _, tc := range []struct {
		name   string
		script string
		// the NativeProtocolType value as written in the script (its n-th
		// occurrence), and where the first server entry is written
		npt       string
		nptN      int
		server    string
		serverN   int
		nptLine   int // the expected line, spelled out
		nptCol    int
		serverPos pos
		host      string
	}{
		{
			name: "single-quoted with doubled quote",
			script: "$ProfileXML = '<VPNProfile><NativeProfile>\n" +
				"<Servers>it''s.contoso.com</Servers>\n" +
				"<NativeProtocolType>Automatic</NativeProtocolType>\n" +
				"</NativeProfile></VPNProfile>'" + cim,
			npt: "Automatic", nptN: 1, server: "it''s.contoso.com", serverN: 1,
			nptLine: 3, nptCol: 21, serverPos: pos{2, 10}, host: "it's.contoso.com",
		},
		{
			name: "double-quoted with backtick escapes and $Servers",
			script: "$Servers = 'vpn.contoso.com'\n" +
				"$ProfileXML = \"<VPNProfile><NativeProfile><Servers>$Servers</Servers>`n<NativeProtocolType>Auto`u{6D}atic</NativeProtocolType><DisableClassBasedDefaultRoute>`\"true`\"</DisableClassBasedDefaultRoute></NativeProfile></VPNProfile>\"" + cim,
			npt: "Auto`u{6D}atic", nptN: 1, server: "vpn.contoso.com", serverN: 1,
			nptLine: 2, nptCol: 92, serverPos: pos{1, 13}, host: "vpn.contoso.com",
		},
		{
			name: "verbatim here-string, CRLF",
			script: "$x = 1\r\n$ProfileXML = @'  \r\n<VPNProfile>\r\n  <NativeProfile>\r\n    <Servers>vpn.contoso.com</Servers>\r\n" +
				"    <NativeProtocolType>Automatic</NativeProtocolType>\r\n  </NativeProfile>\r\n</VPNProfile>\r\n'@\r\n" + strings.ReplaceAll(cim, "\n", "\r\n"),
			npt: "Automatic", nptN: 1, server: "vpn.contoso.com", serverN: 1,
			nptLine: 6, nptCol: 25, serverPos: pos{5, 14}, host: "vpn.contoso.com",
		},
		{
			name: "expandable here-string with a variable",
			script: "$Protocol = \"Automatic\"\n$ProfileXML = @\"\n<VPNProfile>\n  <NativeProfile>\n    <Servers>vpn.contoso.com</Servers>\n" +
				"    <NativeProtocolType>$Protocol</NativeProtocolType>\n  </NativeProfile>\n</VPNProfile>\n\"@" + cim,
			npt: "Automatic", nptN: 1, server: "vpn.contoso.com", serverN: 1,
			nptLine: 1, nptCol: 14, serverPos: pos{5, 14}, host: "vpn.contoso.com",
		},
		{
			name:   "array expression around a double-quoted string",
			script: "$ProfileXML = @(\"\n<VPNProfile>\n<NativeProfile>\n<Servers>vpn.contoso.com</Servers>\n<NativeProtocolType>Automatic</NativeProtocolType>\n</NativeProfile>\n</VPNProfile>\n\")" + cim,
			npt:    "Automatic", nptN: 1, server: "vpn.contoso.com", serverN: 1,
			nptLine: 5, nptCol: 21, serverPos: pos{4, 10}, host: "vpn.contoso.com",
		},
		{
			name: "concatenation and +=",
			script: "$Servers = 'vpn.contoso.com'\n" +
				"$ProfileXML = '<VPNProfile><NativeProfile><Servers>' + $Servers +\n" +
				"  '</Servers>'\n" +
				"$ProfileXML += '<NativeProtocolType>' + \"Automatic\" + '</NativeProtocolType></NativeProfile></VPNProfile>'" + cim,
			npt: "Automatic", nptN: 1, server: "vpn.contoso.com", serverN: 1,
			nptLine: 4, nptCol: 42, serverPos: pos{1, 13}, host: "vpn.contoso.com",
		},
		{
			name:   "format operator",
			script: "$ProfileXML = '<VPNProfile><NativeProfile><Servers>{0}</Servers><NativeProtocolType>{1}</NativeProtocolType></NativeProfile></VPNProfile>' -f 'vpn.contoso.com', `\n    'Automatic'" + cim,
			npt:    "Automatic", nptN: 1, server: "vpn.contoso.com", serverN: 1,
			nptLine: 2, nptCol: 6, serverPos: pos{1, 144}, host: "vpn.contoso.com",
		},
		{
			name: "entity-escaped literal",
			script: "$ProfileXML = '&lt;VPNProfile&gt;&lt;NativeProfile&gt;\n&lt;Servers&gt;vpn.contoso.com&lt;/Servers&gt;\n" +
				"&lt;NativeProtocolType&gt;Automatic&lt;/NativeProtocolType&gt;\n&lt;/NativeProfile&gt;&lt;/VPNProfile&gt;'" + cim,
			npt: "Automatic", nptN: 1, server: "vpn.contoso.com", serverN: 1,
			nptLine: 3, nptCol: 27, serverPos: pos{2, 16}, host: "vpn.contoso.com",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, p, _ := parseScript(t, []byte(tc.script))
			n := p.Native
			if n == nil || n.NativeProtocolType == nil || len(n.ServerList) == 0 {
				t.Fatalf("profile lacks NativeProtocolType or Servers:\n%s", p.Origin.Script.XML)
			}
			if v := n.NativeProtocolType.Value(); v != "Automatic" {
				t.Errorf("NativeProtocolType = %q", v)
			}
			ws, we := posOf(t, tc.script, tc.npt, tc.nptN)
			if ws != (pos{tc.nptLine, tc.nptCol}) {
				t.Fatalf("test is wrong: %q is at %s, not %d:%d", tc.npt, ws, tc.nptLine, tc.nptCol)
			}
			if gs, ge := span(n.NativeProtocolType.ValueLoc()); gs != ws || ge != we {
				t.Errorf("NativeProtocolType value at %s-%s, want %s-%s", gs, ge, ws, we)
			}
			ss, se := posOf(t, tc.script, tc.server, tc.serverN)
			if ss != tc.serverPos {
				t.Fatalf("test is wrong: %q is at %s, not %s", tc.server, ss, tc.serverPos)
			}
			if gs, ge := span(n.ServerList[0].Loc); gs != ss || ge != se {
				t.Errorf("server at %s-%s, want %s-%s", gs, ge, ss, se)
			}
			if h := n.ServerList[0].Host; h != tc.host {
				t.Errorf("server %q, want %q", h, tc.host)
			}
			// an escape maps to its first byte: `"true`" reads "true" from the
			// first backtick to the second
			if d := n.DisableClassBasedDefaultRoute; d != nil {
				if d.Value() != `"true"` {
					t.Errorf("DisableClassBasedDefaultRoute = %q", d.Value())
				}
				ds, de := posOf(t, tc.script, "`\"true`", 1)
				if gs, ge := span(d.ValueLoc()); gs != ds || ge != de {
					t.Errorf("DisableClassBasedDefaultRoute value at %s-%s, want %s-%s", gs, ge, ds, de)
				}
			}
			// the start tag is where the script spells it
			ts, _ := posOf(t, tc.script, map[bool]string{true: "&lt;NativeProtocolType", false: "<NativeProtocolType"}[strings.Contains(tc.script, "&lt;")], 1)
			if gs, _ := span(n.NativeProtocolType.Loc()); gs != ts {
				t.Errorf("<NativeProtocolType> at %s, want %s", gs, ts)
			}
		})
	}
}

// TestPowerShellUTF16 reads a Windows PowerShell 5.1 style script: UTF-16 LE
// with a byte order mark and CRLF line ends, with non-ASCII text before the
// element on its line. Columns count bytes of the decoded text; Column16
// counts UTF-16 code units.
func TestPowerShellUTF16(t *testing.T) {
	script := "# Déploiement du profil VPN\r\n$ProfileName = 'Société VPN'\r\n$ProfileNameEscaped = $ProfileName -replace ' ', '%20'\r\n" +
		"$ProfileXML = '<VPNProfile>\r\n  <NativeProfile>\r\n    <Servers>vpn.contoso.com</Servers>\r\n" +
		"    <!-- é --><NativeProtocolType>Automatic</NativeProtocolType>\r\n  </NativeProfile>\r\n</VPNProfile>'\r\n" +
		"$p = [Microsoft.Management.Infrastructure.CimProperty]::Create('InstanceID', \"$ProfileNameEscaped\", 'String', 'Key')\r\n" +
		"$p = [Microsoft.Management.Infrastructure.CimProperty]::Create('ProfileXML', \"$ProfileXML\", 'String', 'Property')\r\n"
	_, p, _ := parseScript(t, utf16le(script, true))
	l := p.Native.NativeProtocolType.ValueLoc()
	// line 7: "    <!-- é -->" is 14 characters, 15 bytes; <NativeProtocolType> 20 more
	if l.StartLine != 7 || l.StartColumn != 36 || l.EndColumn != 45 || l.StartColumn16 != 35 || l.EndColumn16 != 44 {
		t.Errorf("NativeProtocolType value at %d:%d-%d (UTF-16 %d-%d), want 7:36-45 (UTF-16 35-44)",
			l.StartLine, l.StartColumn, l.EndColumn, l.StartColumn16, l.EndColumn16)
	}
	if s := p.Native.ServerList[0].Loc; s.StartLine != 6 || s.StartColumn != 14 || s.EndColumn != 29 {
		t.Errorf("server at %d:%d-%d, want 6:14-29", s.StartLine, s.StartColumn, s.EndColumn)
	}
	o := p.Origin
	if o.InstanceID != "Soci%C3%A9t%C3%A9%20VPN" && o.InstanceID != "Société%20VPN" {
		t.Errorf("InstanceID = %q", o.InstanceID)
	}
	if sf := o.Script; sf.ProfileName != "Société VPN" || sf.ProfileNameLoc.StartLine != 2 || sf.ProfileNameLoc.StartColumn != 17 || !sf.NameEscaped {
		t.Errorf("ProfileName %q at %d:%d (escaped %v), want \"Société VPN\" at 2:17, escaped", sf.ProfileName, sf.ProfileNameLoc.StartLine, sf.ProfileNameLoc.StartColumn, sf.NameEscaped)
	}
}

// msShaped is a deployment script in the shape of Microsoft's VPN_Profile.ps1
// (written for this test from the published description, not copied): named
// variables, EAP settings from a template connection, the XML in @("..."),
// the -replace escaping, and the CIM instance of MDM_VPNv2_01.
const msShaped = `$Message = "Deploying the Always On VPN profile"
$TemplateName = 'Template'
$ProfileName = 'Contoso AlwaysOn VPN'
$Servers = 'vpn.contoso.com'
$DnsSuffix = 'corp.contoso.com'
$DomainName = '.corp.contoso.com'
$TrustedNetwork = 'corp.contoso.com'
$DNSServers = '10.10.0.2,10.10.0.3'

$Connection = Get-VpnConnection -Name $TemplateName
if (!$Connection) { Write-Host "Unable to get $TemplateName connection profile"; exit }
$EAPSettings = $Connection.EapConfigXmlStream.InnerXml

$ProfileXML = @("
<VPNProfile>
  <DnsSuffix>$DnsSuffix</DnsSuffix>
  <NativeProfile>
    <Servers>$Servers</Servers>
    <NativeProtocolType>Automatic</NativeProtocolType>
    <Authentication>
      <UserMethod>Eap</UserMethod>
      <Eap>
        <Configuration>
        $($EAPSettings)
        </Configuration>
      </Eap>
    </Authentication>
    <RoutingPolicyType>SplitTunnel</RoutingPolicyType>
  </NativeProfile>
  <AlwaysOn>true</AlwaysOn>
  <RememberCredentials>true</RememberCredentials>
  <TrustedNetworkDetection>$TrustedNetwork</TrustedNetworkDetection>
  <DomainNameInformation>
    <DomainName>$DomainName</DomainName>
    <DnsServers>$DNSServers</DnsServers>
  </DomainNameInformation>
</VPNProfile>
")

$ProfileXML | Out-File -FilePath ($env:USERPROFILE + '\desktop\VPN_Profile.xml')

$ProfileNameEscaped = $ProfileName -replace ' ', '%20'
$ProfileXML = $ProfileXML -replace '<', '&lt;'
$ProfileXML = $ProfileXML -replace '>', '&gt;'
$ProfileXML = $ProfileXML -replace '"', '&quot;'

$nodeCSPURI = "./Vendor/MSFT/VPNv2"
$namespaceName = "root\cimv2\mdm\dmmap"
$className = "MDM_VPNv2_01"

try {
    $username = Get-WmiObject -Class Win32_ComputerSystem | Select-Object username
    $objuser = New-Object System.Security.Principal.NTAccount($username.username)
    $sid = $objuser.Translate([System.Security.Principal.SecurityIdentifier])
    $SidValue = $sid.Value
}
catch [Exception] { Write-Host "Unable to get user SID: $_"; exit }

$session = New-CimSession
$options = New-Object Microsoft.Management.Infrastructure.Options.CimOperationOptions
$options.SetCustomOption("PolicyPlatformContext_PrincipalContext_Type", "PolicyPlatform_UserContext", $false)
$options.SetCustomOption("PolicyPlatformContext_PrincipalContext_Id", "$SidValue", $false)

try {
    $newInstance = New-Object Microsoft.Management.Infrastructure.CimInstance $className, $namespaceName
    $property = [Microsoft.Management.Infrastructure.CimProperty]::Create("ParentID", "$nodeCSPURI", "String", "Key")
    $newInstance.CimInstanceProperties.Add($property)
    $property = [Microsoft.Management.Infrastructure.CimProperty]::Create("InstanceID", "$ProfileNameEscaped", "String", "Key")
    $newInstance.CimInstanceProperties.Add($property)
    $property = [Microsoft.Management.Infrastructure.CimProperty]::Create("ProfileXML", "$ProfileXML", "String", "Property")
    $newInstance.CimInstanceProperties.Add($property)
    $session.CreateInstance($namespaceName, $newInstance, $options)
    Write-Host "Created $ProfileName profile."
}
catch [Exception] { Write-Host "Unable to create $ProfileName profile: $_"; exit }
`

func TestPowerShellMicrosoftShape(t *testing.T) {
	_, p, probs := parseScript(t, []byte(msShaped))
	n := p.Native
	check := func(what string, l model.Location, needle string, nth int) {
		t.Helper()
		ws, we := posOf(t, msShaped, needle, nth)
		if gs, ge := span(l); gs != ws || ge != we {
			t.Errorf("%s at %s-%s, want %s-%s", what, gs, ge, ws, we)
		}
	}
	check("NativeProtocolType", n.NativeProtocolType.ValueLoc(), "Automatic", 1)
	// values from variables point at the variables' literals
	check("server", n.ServerList[0].Loc, "vpn.contoso.com", 1)
	check("DnsSuffix", p.DNSSuffix.ValueLoc(), "corp.contoso.com", 1)
	check("DnsServers", p.NRPT[0].DNSServers.ValueLoc(), "10.10.0.2,10.10.0.3", 1)
	if s, _ := posOf(t, msShaped, "vpn.contoso.com", 1); s != (pos{4, 13}) {
		t.Fatalf("test is wrong: $Servers literal at %s", s)
	}
	if n.EapConfig != nil || n.EapConfiguration == nil || len(n.EapConfiguration.Children) != 1 || n.EapConfiguration.Children[0].Space != model.UnresolvedNS {
		t.Errorf("<Configuration> should hold only the unresolved placeholder:\n%s", p.Origin.Script.XML)
	}

	o := p.Origin
	if o.Container != model.KindPowerShell || o.InstanceID != "Contoso%20AlwaysOn%20VPN" {
		t.Errorf("Origin = %s %q", o.Container, o.InstanceID)
	}
	check("InstanceID", o.InstanceIDLoc, `"$ProfileNameEscaped"`, 1)
	sf := o.Script
	if !sf.EscapeReplace || strings.Join(sf.EscapedChars, "") != `<>"` || sf.EscapeFunc != "" || !sf.NameEscaped || sf.LiteralEscaped {
		t.Errorf("ScriptFacts = %+v", *sf)
	}
	if sf.ProfileName != "Contoso AlwaysOn VPN" || p.Name != "Contoso AlwaysOn VPN" {
		t.Errorf("ProfileName = %q, Name = %q", sf.ProfileName, p.Name)
	}
	check("ProfileName", sf.ProfileNameLoc, "Contoso AlwaysOn VPN", 1)
	es, _ := posOf(t, msShaped, "-replace '<'", 1)
	_, ee := posOf(t, msShaped, `'&quot;'`, 1)
	if gs, ge := span(sf.EscapeLoc); gs != es || ge != ee {
		t.Errorf("EscapeLoc %s-%s, want %s-%s", gs, ge, es, ee)
	}
	if strings.Join(sf.Unresolved, ",") != "$EAPSettings" {
		t.Errorf("Unresolved = %q", sf.Unresolved)
	}
	// one note, at the $EAPSettings reference
	if len(probs) != 1 {
		t.Fatalf("problems = %v", probs)
	}
	check("LOAD006", probs[0].Loc, "$EAPSettings", 2)
	if want := "$EAPSettings is set at run time by $Connection.EapConfigXmlStream.InnerXml (line 12): the EAP configuration it puts in <Configuration> is not checked"; probs[0].Message != want {
		t.Errorf("message %q\nwant    %q", probs[0].Message, want)
	}
}

// TestPowerShellFromFile: a script that reads the XML from a file at run time
// (New-AovpnConnection.ps1 shape) gives no profile and one note at the read.
// The script starts with comment-based help.
func TestPowerShellFromFile(t *testing.T) {
	script := "<#\n.SYNOPSIS\n    Creates a VPN connection from a ProfileXML file.\n#>\n[CmdletBinding()]\nParam (\n    [string]$xmlFilePath = 'C:\\VPN\\ProfileXML_User.xml',\n    [string]$ProfileName = 'Always On VPN'\n)\n" +
		"$ProfileXML = Get-Content -Path $xmlFilePath\n$ProfileXML = $ProfileXML -Replace '<', '&lt;'\n" +
		"$Property = [Microsoft.Management.Infrastructure.CimProperty]::Create('ProfileXML', \"$ProfileXML\", 'String', 'Property')\n# MDM_VPNv2_01\n"
	// Through Parse: a script that opens with comment-based help ("<#") or
	// an attribute ("[CmdletBinding()]") is neither XML nor JSON.
	f, probs, why := Parse("deploy.ps1", []byte(script))
	if f == nil || f.Kind != model.KindPowerShell || len(f.Profiles) != 0 || len(probs) != 1 {
		t.Fatalf("file %v (%s), problems %v", f, why, probs)
	}
	if g, _, why := Parse("deploy.ps1", []byte("[CmdletBinding()]"+strings.SplitN(script, "[CmdletBinding()]", 2)[1])); g == nil || g.Kind != model.KindPowerShell {
		t.Fatalf("a script that starts with [CmdletBinding()] is not read as PowerShell: %s", why)
	}
	p := probs[0]
	ws, we := posOf(t, script, "Get-Content -Path $xmlFilePath", 1)
	if gs, ge := span(p.Loc); p.Kind != model.PartlyInspected || gs != ws || ge != we {
		t.Errorf("problem %v at %s-%s, want PartlyInspected at %s-%s", p.Kind, gs, ge, ws, we)
	}
	if !strings.Contains(p.Message, `"C:\\VPN\\ProfileXML_User.xml"`) {
		t.Errorf("message %q does not name the file", p.Message)
	}
}

func TestPowerShellRecognition(t *testing.T) {
	profileLine := "$ProfileXML = '<VPNProfile><NativeProfile><Servers>vpn.contoso.com</Servers></NativeProfile></VPNProfile>'\n"
	for _, tc := range []struct {
		name     string
		text     string
		is       bool
		profiles int // -1: not a deployment script
	}{
		{"assignment only", profileLine, true, 1},
		{"escaped assignment", "$profileXml = '&lt;VPNProfile&gt;&lt;AlwaysOn&gt;true&lt;/AlwaysOn&gt;&lt;/VPNProfile&gt;'\n", true, 1},
		{"class name, no profile", "Get-CimInstance -Namespace root\\cimv2\\mdm\\dmmap -ClassName MDM_VPNv2_01 | Select-Object $_.InstanceID\n", true, -1},
		{"no dollar", "The MDM_VPNv2_01 class holds ProfileXML.\n", false, -1},
		{"prose about ProfileXML", "Set ProfileXML to <VPNProfile> in Intune.\n", false, -1},
		{"JSON-ish", `{"omaUri": "./User/Vendor/MSFT/VPNv2/x/ProfileXML"}`, false, -1},
		{"signature block ignored", "# MDM_VPNv2_01\n$a = 1\n# SIG # Begin signature block\n" + profileLine, true, -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := isPowerShell([]byte(tc.text)); got != tc.is {
				t.Fatalf("isPowerShell = %v, want %v", got, tc.is)
			}
			if !tc.is {
				return
			}
			f, _, why := parsePowerShell(model.NewSource("x.ps1", []byte(tc.text)))
			switch {
			case tc.profiles < 0 && f != nil:
				t.Errorf("read as a deployment script with %d profiles", len(f.Profiles))
			case tc.profiles >= 0 && (f == nil || len(f.Profiles) != tc.profiles):
				t.Errorf("file %v (%s), want %d profiles", f, why, tc.profiles)
			}
		})
	}
}

// TestPowerShellUnresolved: values the script only knows at run time are left
// out without breaking the XML, with one note per variable.
func TestPowerShellUnresolved(t *testing.T) {
	script := "param([string]$Server, [string]$Suffix)\n" +
		"$ProfileXML = \"<VPNProfile><DnsSuffix>$Suffix</DnsSuffix><NativeProfile><Servers>$Server</Servers>" +
		"<Authentication><Eap><Configuration $($Attr)>$(Get-EapXml)</Configuration></Eap></Authentication></NativeProfile>" +
		"<!-- $Suffix --></VPNProfile>$Trailer\"\n# MDM_VPNv2_01\n"
	_, p, probs := parseScript(t, []byte(script))
	var got []string
	for _, pr := range probs {
		got = append(got, fmt.Sprintf("%d:%d %s", pr.Loc.StartLine, pr.Loc.StartColumn, pr.Message))
	}
	want := []string{
		"2:39 $Suffix has no value in the script (a parameter without a default, or set elsewhere): what it puts in <DnsSuffix> is not checked",
		"2:82 $Server has no value in the script (a parameter without a default, or set elsewhere): what it puts in <Servers> is not checked",
		"2:137 $Attr has no value in the script (a parameter without a default, or set elsewhere): the part of the profile it fills is not checked",
		"2:144 $(Get-EapXml) is evaluated at run time: the EAP configuration it puts in <Configuration> is not checked",
		"2:241 $Trailer has no value in the script (a parameter without a default, or set elsewhere): the part of the profile it fills is not checked",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if p.DNSSuffix == nil || len(p.DNSSuffix.Children) != 1 || p.DNSSuffix.Value() != "" {
		t.Errorf("DnsSuffix should hold the placeholder: %s", p.Origin.Script.XML)
	}
}

// TestPowerShellBounded: scripts built to make a naive evaluator quadratic
// or exponential (or recurse without end) finish quickly.
func TestPowerShellBounded(t *testing.T) {
	head := "# MDM_VPNv2_01\n$ProfileXML = '<VPNProfile><NativeProfile><Servers>vpn.contoso.com</Servers></NativeProfile></VPNProfile>'\n"
	for name, s := range map[string]string{
		"doubling":     head + strings.Repeat("$ProfileXML = $ProfileXML + $ProfileXML\n", 200),
		"appends":      head + strings.Repeat("$ProfileXML += 'a'\n", 100000),
		"one line":     head + strings.Repeat("$a = x ", 100000),
		"nested $(":    head + "$x = " + strings.Repeat("\"$(", 100000),
		"nested (":     head + "$x = " + strings.Repeat("(", 100000),
		"negations":    head + "$x = " + strings.Repeat("- ", 300000),
		"many sites":   head + strings.Repeat("ProfileXML = $ProfileXML\n", 100000),
		"format holes": head + "$x = '" + strings.Repeat("{0}", 50000) + "' -f $ProfileXML\nProfileXML = $x\n",
	} {
		start := time.Now()
		parsePowerShell(model.NewSource("x.ps1", []byte(s)))
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%s: %v for %d bytes", name, d, len(s))
		}
	}
}

// TestPowerShellEscapeFacts: the run-time escaping of the XML is recorded,
// not applied, whatever form it takes.
func TestPowerShellEscapeFacts(t *testing.T) {
	const xml = "$ProfileXML = '<VPNProfile><AlwaysOn>true</AlwaysOn></VPNProfile>'\n"
	const create = "$p = [Microsoft.Management.Infrastructure.CimProperty]::Create('ProfileXML', \"$X\", 'String', 'Property')\n"
	for _, tc := range []struct {
		name, script string
		chars        string // EscapedChars joined
		fn           string
	}{
		{"-replace trio", "$X = $ProfileXML -replace '<', '&lt;' -replace '>', '&gt;' -replace '\"', '&quot;'\n", `<>"`, ""},
		{"ampersand first", "$X = $ProfileXML -replace '&', '&amp;' -replace '<', '&lt;' -replace '>', '&gt;'\n", "&<>", ""},
		{".Replace chain", "$X = $ProfileXML.Replace('<', '&lt;').Replace('>', '&gt;')\n", "<>", ""},
		{"regex escaped", "$X = $ProfileXML -creplace '\\<', '&LT;'\n", "<", ""},
		{"SecurityElement", "$X = [System.Security.SecurityElement]::Escape($ProfileXML)\n", "", "[System.Security.SecurityElement]::Escape"},
		{"HtmlEncode", "$X = [Net.WebUtility]::HtmlEncode($ProfileXML)\n", "", "[System.Net.WebUtility]::HtmlEncode"},
		{"none", "$X = $ProfileXML\n", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, p, _ := parseScript(t, []byte(xml+tc.script+create))
			sf := p.Origin.Script
			if got := strings.Join(sf.EscapedChars, ""); got != tc.chars || sf.EscapeReplace != (tc.chars != "") || sf.EscapeFunc != tc.fn {
				t.Errorf("EscapedChars %q (replace %v), EscapeFunc %q; want %q, %q", got, sf.EscapeReplace, sf.EscapeFunc, tc.chars, tc.fn)
			}
			if string(sf.XML) != "<VPNProfile><AlwaysOn>true</AlwaysOn></VPNProfile>" {
				t.Errorf("XML = %q: the escaping must not be applied", sf.XML)
			}
			if tc.chars != "" {
				at := "-replace"
				switch {
				case strings.Contains(tc.script, ".Replace"):
					at = ".Replace"
				case strings.Contains(tc.script, "-creplace"):
					at = "-creplace"
				}
				ws, _ := posOf(t, xml+tc.script, at, 1)
				if gs, _ := span(sf.EscapeLoc); gs != ws {
					t.Errorf("EscapeLoc starts at %s, want %s", gs, ws)
				}
			}
		})
	}
}
