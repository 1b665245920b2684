"""BGP peering addresses: the checks on given IPv4 pairs and the allocation AWS does itself."""

from __future__ import annotations

import ipaddress
from collections.abc import Collection

from ..errors import ClientException
from .context import Context

# "Private IP" on a public VIF means RFC 1918.
RFC1918 = tuple(ipaddress.ip_network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"))
# AWS allocates an omitted IPv4 pair as a /30 from here (its API reference says so).
LINK_LOCAL = ipaddress.IPv4Network("169.254.0.0/16")
# AWS assigns IPv6 peers a /125 from an Amazon-owned pool. We use the documentation prefix, as
# AWS's own examples do (2001:db8:1100:2f0:0:1:9cb4:4211/125), so no emulated address is routable
# [choice].
IPV6_POOL = ipaddress.IPv6Network("2001:db8::/32")


def _interface(label: str, text: str) -> ipaddress.IPv4Interface:
    example = "169.254.255.1/30"
    if "/" not in text:
        raise ClientException(f"{label} {text} must be in CIDR form, e.g. {example}")
    try:
        interface = ipaddress.ip_interface(text)
    except ValueError:
        raise ClientException(f"{label} {text} is not a valid IPv4 address in CIDR form, e.g. {example}") from None
    if not isinstance(interface, ipaddress.IPv4Interface):
        raise ClientException(f"{label} {text} is not an IPv4 address; an ipv4 peer needs IPv4 addresses")
    return interface


def _check_position(label: str, interface: ipaddress.IPv4Interface) -> None:
    # /31 and /32 have neither network nor broadcast address (RFC 3021).
    if interface.network.prefixlen >= 31:
        return
    if interface.ip == interface.network.network_address:
        raise ClientException(f"{label} is address 0 on its subnet.")
    if interface.ip == interface.network.broadcast_address:
        raise ClientException(f"{label} is the broadcast address on its subnet.")


def ipv4_pair(amazon: str | None, customer: str | None, *, public: bool, in_use: Collection[str],
              ctx: Context) -> tuple[str, str]:
    """The (amazon, customer) addresses of a new ipv4 peer, in CIDR form."""
    if amazon is None and customer is None:
        if public:
            raise ClientException(
                "Amazon Address and Customer Address are required for an ipv4 peer on a public virtual interface"
            )
        return _allocate_ipv4(in_use, ctx)
    if amazon is None or customer is None:
        # AWS documents omitting both; one without the other has no sensible meaning [choice].
        raise ClientException("Give both amazonAddress and customerAddress, or neither to have AWS assign a /30")
    amazon_if = _interface("Amazon Address", amazon)
    customer_if = _interface("Customer Address", customer)
    if public:
        for label, interface in (("Amazon Address", amazon_if), ("Customer Address", customer_if)):
            if any(interface.ip in network for network in RFC1918):
                raise ClientException(f"{label} is not allowed to contain a private IP")
    if amazon_if.network != customer_if.network:
        raise ClientException("Amazon Address and Customer Address must be in the same CIDR")
    if amazon_if.ip == customer_if.ip:
        raise ClientException("Amazon Address and Customer Address must be different addresses")
    _check_position("Amazon Address", amazon_if)
    _check_position("Customer Address", customer_if)
    return str(amazon_if), str(customer_if)


def _allocate_ipv4(in_use: Collection[str], ctx: Context) -> tuple[str, str]:
    taken = {ipaddress.ip_interface(text).network for text in in_use}
    blocks = LINK_LOCAL.num_addresses // 4
    # A random start, then the next free block: never fails while any /30 is free.
    start = ctx.entropy.randbelow(blocks)
    for offset in range(blocks):
        base = LINK_LOCAL.network_address + 4 * ((start + offset) % blocks)
        if ipaddress.IPv4Network((base, 30)) not in taken:
            return f"{base + 1}/30", f"{base + 2}/30"
    raise ClientException("No free /30 is left in 169.254.0.0/16 for this virtual interface")


def ipv6_pair(amazon: str | None, customer: str | None, ctx: Context) -> tuple[str, str]:
    """IPv6 addresses are always Amazon's to assign: a /125, Amazon at base+1, customer at base+6."""
    if amazon is not None or customer is not None:
        raise ClientException(
            "IPv6 addresses are assigned from the Amazon pool: omit amazonAddress and customerAddress "
            "for an ipv6 peer"
        )
    blocks = IPV6_POOL.num_addresses // 8
    base = IPV6_POOL.network_address + 8 * ctx.entropy.randbelow(blocks)
    return f"{base + 1}/125", f"{base + 6}/125"


def host(address: str) -> str:
    """The address without its prefix length, for comparing peers."""
    return str(ipaddress.ip_interface(address).ip)
