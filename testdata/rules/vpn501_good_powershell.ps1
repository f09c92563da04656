# Always On VPN deployment script (aovpnlint test fixture): the routes and the
# EAP configuration are filled in at run time.
$ProfileName = 'Contoso VPN'
$ProfileNameEscaped = $ProfileName -replace ' ', '%20'
$Connection = Get-VpnConnection -Name 'Template'
$EAPSettings = $Connection.EapConfigXmlStream.InnerXml
$RouteXml = Get-Content -Path .\routes.xml -Raw
$ProfileXML = '<VPNProfile>
  <AlwaysOn>true</AlwaysOn>
  <NativeProfile>
    <Servers>vpn.contoso.com</Servers>
    <NativeProtocolType>IKEv2</NativeProtocolType>
    <Authentication>
      <UserMethod>Eap</UserMethod>
      <Eap><Configuration>' + $EAPSettings + '</Configuration></Eap>
    </Authentication>
  </NativeProfile>
  ' + $RouteXml + '
</VPNProfile>'

$ProfileXML = $ProfileXML -replace '<', '&lt;'
$ProfileXML = $ProfileXML -replace '>', '&gt;'
$ProfileXML = $ProfileXML -replace '"', '&quot;'

$nodeCSPURI = './Vendor/MSFT/VPNv2'
$namespaceName = 'root\cimv2\mdm\dmmap'
$className = 'MDM_VPNv2_01'
$session = New-CimSession
$newInstance = New-Object Microsoft.Management.Infrastructure.CimInstance $className, $namespaceName
$property = [Microsoft.Management.Infrastructure.CimProperty]::Create('ParentID', "$nodeCSPURI", 'String', 'Key')
$newInstance.CimInstanceProperties.Add($property)
$property = [Microsoft.Management.Infrastructure.CimProperty]::Create('InstanceID', "$ProfileNameEscaped", 'String', 'Key')
$newInstance.CimInstanceProperties.Add($property)
$property = [Microsoft.Management.Infrastructure.CimProperty]::Create('ProfileXML', "$ProfileXML", 'String', 'Property')
$newInstance.CimInstanceProperties.Add($property)
$session.CreateInstance($namespaceName, $newInstance)
