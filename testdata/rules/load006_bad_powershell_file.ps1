# Creates an Always On VPN connection from a ProfileXML file (aovpnlint test fixture)
Param (
    [Parameter(Mandatory = $True, HelpMessage = 'Enter the path to the ProfileXML file.')]
    [string]$xmlFilePath,
    [string]$ProfileName = 'Always On VPN'
)
[xml]$Xml = Get-Content $xmlFilePath
$ProfileXML = Get-Content $xmlFilePath # want: LOAD006 "reads the ProfileXML at run time from the file named by \\$xmlFilePath"
$ProfileXML = $ProfileXML -Replace '<', '&lt;'
$ProfileXML = $ProfileXML -Replace '>', '&gt;'
$ProfileXML = $ProfileXML -Replace '"', '&quot;'
$ProfileNameEscaped = $ProfileName -Replace ' ', '%20'

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
