# Deployed through the WMI bridge, not Intune: nothing compares the value afterwards.
$ProfileName = 'Contoso VPN'
$ProfileXML = '<VPNProfile>
  <NativeProfile>
    <Servers>vpn.contoso.com;Contoso VPN</Servers>
    <RoutingPolicyType>ForceTunnel</RoutingPolicyType>
    <NativeProtocolType>IKEv2</NativeProtocolType>
    <Authentication>
      <MachineMethod>Certificate</MachineMethod>
    </Authentication>
  </NativeProfile>
</VPNProfile>'
$ProfileXML = $ProfileXML -replace '<', '&lt;'
$ProfileXML = $ProfileXML -replace '>', '&gt;'
$ProfileXML = $ProfileXML -replace '"', '&quot;'
$ProfileNameEscaped = $ProfileName -replace ' ', '%20'
$Session = New-CimSession
$NewInstance = New-Object Microsoft.Management.Infrastructure.CimInstance 'MDM_VPNv2_01', 'root\cimv2\mdm\dmmap'
$Property = [Microsoft.Management.Infrastructure.CimProperty]::Create('ParentID', './Vendor/MSFT/VPNv2', 'String', 'Key')
$NewInstance.CimInstanceProperties.Add($Property)
$Property = [Microsoft.Management.Infrastructure.CimProperty]::Create('InstanceID', "$ProfileNameEscaped", 'String', 'Key')
$NewInstance.CimInstanceProperties.Add($Property)
$Property = [Microsoft.Management.Infrastructure.CimProperty]::Create('ProfileXML', "$ProfileXML", 'String', 'Property')
$NewInstance.CimInstanceProperties.Add($Property)
$Session.CreateInstance('root\cimv2\mdm\dmmap', $NewInstance)
