# Always On VPN deployment script template (aovpnlint test fixture)
$ProfileName = 'YOUR VPN NAME' # want: VPN403 "profile name \"YOUR VPN NAME\""
$ProfileNameEscaped = $ProfileName -replace ' ', '%20'
$Servers = 'vpn.contoso.com'
$DnsSuffix = 'YOUR_DOMAIN.local' # want: VPN403 "YOUR_DOMAIN"
$ProfileXML = @"
<VPNProfile>
  <DnsSuffix>$DnsSuffix</DnsSuffix>
  <TrustedNetworkDetection>$DnsSuffix</TrustedNetworkDetection>
  <NativeProfile>
    <Servers>$Servers</Servers>
    <NativeProtocolType>IKEv2</NativeProtocolType>
    <Authentication><MachineMethod>Certificate</MachineMethod></Authentication>
  </NativeProfile>
  <DomainNameInformation>
    <DomainName>.corp.contoso.com</DomainName>
    <DnsServers>&lt;internal DNS server&gt;</DnsServers> <!-- want: VPN403 "angle brackets" -->
  </DomainNameInformation>
  <Route><Address>10.x.x.x</Address><PrefixSize>8</PrefixSize></Route> <!-- want: VPN403 "IP address template" -->
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
