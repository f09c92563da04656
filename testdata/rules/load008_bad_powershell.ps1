# Device tunnel deployment script (aovpnlint test fixture): a suppression without a reason.
$ProfileName = 'Contoso Device Tunnel'
# want@+1: LOAD008 "^aovpnlint:ignore VPN105 gives no reason"
# aovpnlint:ignore VPN105
$ProfileXML = @'
<VPNProfile>
  <AlwaysOn>true</AlwaysOn>
  <DeviceTunnel>true</DeviceTunnel>
  <NativeProfile>
    <Servers>vpn.contoso.com</Servers>
    <RoutingPolicyType>SplitTunnel</RoutingPolicyType>
    <NativeProtocolType>IKEv2</NativeProtocolType>
    <Authentication>
      <MachineMethod>Certificate</MachineMethod>
    </Authentication>
  </NativeProfile>
</VPNProfile>
'@
