"""DescribeRouterConfiguration: the router types AWS offers (no API lists them; these are the ones the
Terraform provider's documentation shows [seen]) and the device configuration for a VIF, written in
each vendor's syntax from what ``customerRouterConfig`` holds (AWS renders that XML through the
type's XSLT; its exact text is not published [choice])."""

from __future__ import annotations

import ipaddress

from ..errors import ClientException
from ..records import record
from .model import IPV4, IPV6, BgpPeer, VirtualInterface


@record
class RouterType:
    identifier: str
    vendor: str
    platform: str
    software: str
    xslt: str
    xslt_macsec: str = ""

    @property
    def syntax(self) -> str:
        return self.xslt.removeprefix("customer-router-").removeprefix("customer-switch-").split("-generic")[0]


CISCO, JUNIPER = "Cisco Systems, Inc.", "Juniper Networks, Inc."
ROUTER_TYPES = {router.identifier: router for router in (
    RouterType("CiscoSystemsInc-2900SeriesRouters-IOS124", CISCO, "2900 Series Routers", "IOS 12.4+",
               "customer-router-cisco-generic.xslt"),
    RouterType("CiscoSystemsInc-3700SeriesRouters-IOS124", CISCO, "3700 Series Routers", "IOS 12.4+",
               "customer-router-cisco-generic.xslt"),
    RouterType("CiscoSystemsInc-7200SeriesRouters-IOS124", CISCO, "7200 Series Routers", "IOS 12.4+",
               "customer-router-cisco-generic.xslt"),
    RouterType("CiscoSystemsInc-Nexus7000SeriesSwitches-NXOS51", CISCO, "Nexus 7000 Series Switches", "NX-OS 5.1+",
               "customer-switch-cisco-nexus-generic.xslt"),
    RouterType("CiscoSystemsInc-Nexus9KSeriesSwitches-NXOS93", CISCO, "Nexus 9K+ Series Switches", "NX-OS 9.3+",
               "customer-switch-cisco-nexus-generic.xslt", "customer-switch-cisco-nexus-generic-macsec.xslt"),
    RouterType("JuniperNetworksInc-MMXSeriesRouters-JunOS95", JUNIPER, "M/MX Series Routers", "JunOS 9.5+",
               "customer-router-juniper-generic.xslt", "customer-router-juniper-generic-macsec.xslt"),
    RouterType("JuniperNetworksInc-SRXSeriesRouters-JunOS95", JUNIPER, "SRX Series Routers", "JunOS 9.5+",
               "customer-router-juniper-generic.xslt"),
    RouterType("JuniperNetworksInc-TSeriesRouters-JunOS95", JUNIPER, "T Series Routers", "JunOS 9.5+",
               "customer-router-juniper-generic.xslt"),
    RouterType("PaloAltoNetworks-PA3000and5000series-PANOS803", "Palo Alto Networks", "PA-3000+ and 5000+ series",
               "PAN-OS 8.0.3+", "customer-router-palo-alto-generic.xslt"),
)}


def router_type(identifier: str) -> RouterType:
    if identifier not in ROUTER_TYPES:
        raise ClientException(f"Router type {identifier} is not supported: use one of {', '.join(ROUTER_TYPES)}")
    return ROUTER_TYPES[identifier]


def _address(cidr: str) -> tuple[str, str]:
    address, _, length = cidr.partition("/")
    return address, length


def _cisco(vif: VirtualInterface, peers: list[BgpPeer]) -> list[str]:
    lines = [f"interface GigabitEthernet0/1.{vif.vlan}", f" description AWS Direct Connect {vif.virtual_interface_id}",
             f" encapsulation dot1Q {vif.vlan}"]
    for peer in peers:
        address, length = _address(peer.customer_address)
        mask = ipaddress.ip_interface(peer.customer_address).netmask if peer.address_family == IPV4 else None
        lines.append(f" ip address {address} {mask}" if mask else f" ipv6 address {address}/{length}")
    lines.append(f"router bgp {peers[0].asn if peers else vif.asn}")
    for peer in peers:
        amazon, _ = _address(peer.amazon_address)
        lines += [f" neighbor {amazon} remote-as {vif.amazon_side_asn}", f" neighbor {amazon} password {peer.auth_key}"]
    return lines


def _juniper(vif: VirtualInterface, peers: list[BgpPeer]) -> list[str]:
    lines = [f"set interfaces ge-0/0/1 unit {vif.vlan} vlan-id {vif.vlan}",
             f"set interfaces ge-0/0/1 unit {vif.vlan} description \"AWS Direct Connect {vif.virtual_interface_id}\""]
    for peer in peers:
        family = "inet" if peer.address_family == IPV4 else "inet6"
        amazon, _ = _address(peer.amazon_address)
        lines += [f"set interfaces ge-0/0/1 unit {vif.vlan} family {family} address {peer.customer_address}",
                  f"set protocols bgp group EBGP-AWS neighbor {amazon} peer-as {vif.amazon_side_asn}",
                  f"set protocols bgp group EBGP-AWS neighbor {amazon} authentication-key \"{peer.auth_key}\""]
    return [*lines, f"set routing-options autonomous-system {peers[0].asn if peers else vif.asn}"]


def _palo_alto(vif: VirtualInterface, peers: list[BgpPeer]) -> list[str]:
    lines = [f"set network interface ethernet ethernet1/1 layer3 units ethernet1/1.{vif.vlan} tag {vif.vlan}"]
    for peer in peers:
        amazon, _ = _address(peer.amazon_address)
        lines += [f"set network interface ethernet ethernet1/1 layer3 units ethernet1/1.{vif.vlan} ip "
                  f"{peer.customer_address}",
                  f"set network virtual-router default protocol bgp peer-group AWS peer {amazon} peer-as "
                  f"{vif.amazon_side_asn}",
                  f"set network virtual-router default protocol bgp auth-profile AWS secret {peer.auth_key}"]
    return [*lines, f"set network virtual-router default protocol bgp local-as {peers[0].asn if peers else vif.asn}"]


def device_configuration(vif: VirtualInterface, router: RouterType) -> str:
    """The VIF's live peers (IPv4 first) in the router type's syntax, one statement per line."""
    peers = sorted(vif.live_peers, key=lambda peer: (peer.address_family != IPV4, peer.address_family == IPV6))
    render = {"cisco": _cisco, "cisco-nexus": _cisco, "juniper": _juniper, "palo-alto": _palo_alto}[router.syntax]
    header = [f"! AWS Direct Connect virtual interface {vif.virtual_interface_id} ({vif.virtual_interface_name})",
              f"! {router.vendor} {router.platform}, {router.software}"]
    comment = "#" if router.syntax in ("juniper", "palo-alto") else "!"
    return "\n".join([*(line.replace("!", comment, 1) for line in header), *render(vif, peers)]) + "\n"
