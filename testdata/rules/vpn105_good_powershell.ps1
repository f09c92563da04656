# Always On VPN user tunnel deployment script (aovpnlint test fixture).
# Run as the user, elevated, outside a remote desktop session.
$ProfileName = 'Contoso VPN'
$ProfileNameEscaped = $ProfileName -replace ' ', '%20'
$Protocol = 'IKEv2'
$ProfileXML = "<VPNProfile><NativeProfile><Servers>vpn.contoso.com</Servers><NativeProtocolType>$Protocol</NativeProtocolType><Authentication><MachineMethod>Certificate</MachineMethod></Authentication></NativeProfile></VPNProfile>"
# Automatic is only mentioned in a comment: <NativeProtocolType>Automatic</NativeProtocolType>

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
