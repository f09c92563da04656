package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSecretsNeverEchoed: the L2TP pre-shared key and the APNBinding password
// are reported (VPN604, VPN611) but appear in no output format, whatever else
// the value looks like (a template placeholder, an example domain). The
// profile also sits in a deployment script, where the key is a variable.
func TestSecretsNeverEchoed(t *testing.T) {
	secrets := []string{
		"Kx9-CHANGEME-example.com-Psk",    // L2tpPsk in the XML file
		"Apn-YOUR_PASSWORD-xxx-7731",      // APNBinding/Password in the XML file
		"Ps1-Shared-Key-xxxx-4410",        // L2tpPsk set through a script variable
		"Ps1-Apn-Secret-corp.example.org", // APNBinding/Password in the script
	}
	dir := t.TempDir()
	profile := `<VPNProfile>
  <APNBinding>
    <AccessPointName>internet.carrier.test</AccessPointName>
    <Password>` + secrets[1] + `</Password>
  </APNBinding>
  <NativeProfile>
    <Servers>vpn.contoso.com</Servers>
    <NativeProtocolType>L2TP</NativeProtocolType>
    <L2tpPsk>` + secrets[0] + `</L2tpPsk>
    <Authentication><UserMethod>MSChapv2</UserMethod></Authentication>
  </NativeProfile>
</VPNProfile>
`
	script := `$ProfileName = 'Contoso VPN'
$ProfileNameEscaped = $ProfileName -replace ' ', '%20'
$Psk = '` + secrets[2] + `'
$ProfileXML = @"
<VPNProfile>
  <APNBinding><Password>` + secrets[3] + `</Password></APNBinding>
  <NativeProfile>
    <Servers>vpn.contoso.com</Servers>
    <NativeProtocolType>L2TP</NativeProtocolType>
    <L2tpPsk>$Psk</L2tpPsk>
    <Authentication><UserMethod>MSChapv2</UserMethod></Authentication>
  </NativeProfile>
</VPNProfile>
"@
$ProfileXML = $ProfileXML -replace '&', '&amp;'
$ProfileXML = $ProfileXML -replace '<', '&lt;'
$ProfileXML = $ProfileXML -replace '>', '&gt;'
$ProfileXML = $ProfileXML -replace '"', '&quot;'
$Session = New-CimSession
$NewInstance = New-Object Microsoft.Management.Infrastructure.CimInstance 'MDM_VPNv2_01', 'root\cimv2\mdm\dmmap'
$Property = [Microsoft.Management.Infrastructure.CimProperty]::Create('ParentID', './Vendor/MSFT/VPNv2', 'String', 'Key')
$NewInstance.CimInstanceProperties.Add($Property)
$Property = [Microsoft.Management.Infrastructure.CimProperty]::Create('InstanceID', "$ProfileNameEscaped", 'String', 'Key')
$NewInstance.CimInstanceProperties.Add($Property)
$Property = [Microsoft.Management.Infrastructure.CimProperty]::Create('ProfileXML', "$ProfileXML", 'String', 'Property')
$NewInstance.CimInstanceProperties.Add($Property)
$Session.CreateInstance('root\cimv2\mdm\dmmap', $NewInstance)
`
	for name, content := range map[string]string{"profile.xml": profile, "VPN_Profile.ps1": script} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, format := range []string{"text", "json", "sarif"} {
		t.Run(format, func(t *testing.T) {
			code, out, errOut := runCLI(t, dir, "check", "--format", format, "--now", fixedNow, ".")
			if code != exitFail {
				t.Fatalf("exit %d, stderr %q; want 1", code, errOut)
			}
			for _, id := range []string{"VPN604", "VPN611"} {
				if n := strings.Count(out, id); n < 2 {
					t.Errorf("%s reported %d times, want it for both files:\n%s", id, n, out)
				}
			}
			for _, s := range secrets {
				for _, part := range []string{s, strings.ToLower(s)} {
					if strings.Contains(out, part) || strings.Contains(errOut, part) {
						t.Errorf("the %s output shows the secret %q:\n%s", format, s, out)
					}
				}
			}
		})
	}
}
