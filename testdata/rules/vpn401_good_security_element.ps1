# Always On VPN user tunnel deployment script (aovpnlint test fixture).
# Run as the user, elevated, outside a remote desktop session.
$ProfileName = 'Contoso AlwaysOn VPN'
$ProfileNameEscaped = $ProfileName -replace ' ', '%20'
$ProfileXML = @'
<VPNProfile>
  <Proxy>
    <AutoConfigUrl>https://pac.contoso.com/proxy.pac?site=hq&amp;mode=vpn</AutoConfigUrl>
  </Proxy>
  <NativeProfile>
    <Servers>vpn.contoso.com</Servers>
    <NativeProtocolType>IKEv2</NativeProtocolType>
    <Authentication><MachineMethod>Certificate</MachineMethod></Authentication>
  </NativeProfile>
</VPNProfile>
'@
$ProfileXMLEncoded = [System.Security.SecurityElement]::Escape($ProfileXML)
New-CimInstance -Namespace root\cimv2\mdm\dmmap -ClassName MDM_VPNv2_01 -Property @{ ParentID = './Vendor/MSFT/VPNv2'; InstanceID = $ProfileNameEscaped; ProfileXML = $ProfileXMLEncoded }
