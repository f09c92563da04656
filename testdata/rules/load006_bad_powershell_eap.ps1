# Always On VPN user tunnel deployment script (aovpnlint test fixture).
# Run as the user, elevated, outside a remote desktop session.
$ProfileName = 'Contoso AlwaysOn VPN'
$ProfileNameEscaped = $ProfileName -replace ' ', '%20'
$Servers = 'vpn.contoso.com'
$DnsSuffix = 'corp.contoso.com'
$TemplateName = 'Template'
$EAPSettings = (Get-VpnConnection -Name $TemplateName).EapConfigXmlStream.InnerXml

$ProfileXML = @("
<VPNProfile>
  <DnsSuffix>$DnsSuffix</DnsSuffix>
  <NativeProfile>
    <Servers>$Servers</Servers>
    <NativeProtocolType>IKEv2</NativeProtocolType>
    <Authentication>
      <UserMethod>Eap</UserMethod>
      <Eap>
        <Configuration>
        $EAPSettings
        </Configuration>
      </Eap>
    </Authentication>
    <RoutingPolicyType>SplitTunnel</RoutingPolicyType>
  </NativeProfile>
  <AlwaysOn>true</AlwaysOn>
  <TrustedNetworkDetection>$TrustedNetwork</TrustedNetworkDetection>
</VPNProfile>
")
# want@-10: LOAD006 "^\\$EAPSettings is set at run time by \\(Get-VpnConnection -Name \\$TemplateName\\)\\.EapConfigXmlStream\\.InnerXml \\(line 8\\): the EAP configuration it puts in <Configuration> is not checked"
# want@-4: LOAD006 "^\\$TrustedNetwork has no value in the script \\(a parameter without a default, or set elsewhere\\): what it puts in <TrustedNetworkDetection> is not checked"

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
