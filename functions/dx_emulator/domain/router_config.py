"""The ``customerRouterConfig`` XML AWS returns with a VIF, derived from its live peers on read."""

from __future__ import annotations

from xml.etree.ElementTree import Element, SubElement, indent, tostring

from .model import IPV4, IPV6, VirtualInterface


def customer_router_config(vif: VirtualInterface) -> str:
    root = Element("logical_connection", id=vif.virtual_interface_id)
    SubElement(root, "vlan").text = str(vif.vlan)
    live = vif.live_peers
    ipv4 = next((peer for peer in live if peer.address_family == IPV4), None)
    ipv6 = next((peer for peer in live if peer.address_family == IPV6), None)
    if ipv4 is not None:
        SubElement(root, "customer_address").text = ipv4.customer_address
        SubElement(root, "amazon_address").text = ipv4.amazon_address
        SubElement(root, "bgp_asn").text = str(ipv4.asn)
        SubElement(root, "bgp_auth_key").text = ipv4.auth_key
    if ipv6 is not None:
        SubElement(root, "ipv6_customer_address").text = ipv6.customer_address
        SubElement(root, "ipv6_amazon_address").text = ipv6.amazon_address
        SubElement(root, "ipv6_bgp_asn").text = str(ipv6.asn)
        SubElement(root, "ipv6_bgp_auth_key").text = ipv6.auth_key
    SubElement(root, "amazon_bgp_asn").text = str(vif.amazon_side_asn)
    SubElement(root, "connection_type").text = vif.virtual_interface_type
    # AWS's layout: one element per line, two-space indent, a trailing newline [seen].
    indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(root, encoding="unicode") + "\n"
