# Always On VPN user tunnel deployment script (aovpnlint test fixture).
# Run as the user, elevated, outside a remote desktop session.
$ProfileName = 'Contoso VPN'
$ProfileNameEscaped = $ProfileName -replace ' ', '%20'
# The XML is kept entity-escaped in the script, so the script does not escape it again.
$ProfileXML = '&lt;VPNProfile&gt;
  &lt;NativeProfile&gt;
    &lt;Servers&gt;vpn.contoso.com&lt;/Servers&gt;
    &lt;NativeProtocolType&gt;Automatic&lt;/NativeProtocolType&gt; &lt;!-- want: VPN105 --&gt;
    &lt;Authentication&gt;&lt;MachineMethod&gt;Certificate&lt;/MachineMethod&gt;&lt;/Authentication&gt;
  &lt;/NativeProfile&gt;
&lt;/VPNProfile&gt;'

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
