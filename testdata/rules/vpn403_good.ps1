# Always On VPN deployment script (aovpnlint test fixture)
# Servers is a placeholder, but that is VPN102's finding, not this rule's.
$ProfileName = 'Contoso AlwaysOn VPN'
$ProfileNameEscaped = $ProfileName -replace ' ', '%20'
$Servers = 'YOUR-VPN-SERVER.contoso.com'
$ProfileXML = @"
<VPNProfile>
  <DnsSuffix>corp.contoso.com</DnsSuffix>
  <TrustedNetworkDetection>corp.contoso.com</TrustedNetworkDetection>
  <NativeProfile>
    <Servers>$Servers;$Servers</Servers>
    <NativeProtocolType>IKEv2</NativeProtocolType>
    <Authentication><MachineMethod>Certificate</MachineMethod></Authentication>
  </NativeProfile>
  <DomainNameInformation>
    <DomainName>.yourself.contoso.com</DomainName>
    <DnsServers>10.0.0.10,10.0.0.11</DnsServers>
  </DomainNameInformation>
  <Route><Address>10.0.0.0</Address><PrefixSize>8</PrefixSize></Route>
</VPNProfile>
"@

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
