# Always On VPN deployment script (aovpnlint test fixture)
param([string]$ProfileName = 'VPN #1')
$ProfileXML = @'
<VPNProfile><NativeProfile><Servers>vpn.contoso.com</Servers><NativeProtocolType>IKEv2</NativeProtocolType><Authentication><MachineMethod>Certificate</MachineMethod></Authentication></NativeProfile></VPNProfile>
'@
$ProfileNameEscaped = $ProfileName -replace ' ', '%20'
$Encoded = [System.Net.WebUtility]::HtmlEncode($ProfileXML)
New-CimInstance -Namespace root\cimv2\mdm\dmmap -ClassName MDM_VPNv2_01 -Property @{
    ParentID   = './Vendor/MSFT/VPNv2'
    InstanceID = $ProfileNameEscaped # want: VPN402 "contains \"#\" and the script's escaping leaves it in"
    ProfileXML = $Encoded
}
