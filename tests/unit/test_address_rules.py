"""Peering addresses: checks of given IPv4 pairs, allocation of IPv4 /30s and IPv6 /125s."""

from __future__ import annotations

import ipaddress

import pytest

from dx_emulator.domain import addresses
from dx_emulator.errors import ClientException

from .domain_support import ctx


def test_allocation_avoids_the_networks_in_use() -> None:
    taken: list[str] = []
    for _ in range(200):  # the same seed every time: each draw starts where the last one did
        amazon, customer = addresses.ipv4_pair(None, None, public=False, in_use=taken, ctx=ctx(3))
        assert ipaddress.ip_interface(amazon).network not in {ipaddress.ip_interface(t).network for t in taken}
        assert ipaddress.ip_interface(customer).ip == ipaddress.ip_interface(amazon).ip + 1
        taken.append(amazon)


def test_ipv6_is_a_125_from_the_documentation_pool() -> None:
    amazon, customer = addresses.ipv6_pair(None, None, ctx())
    network = ipaddress.ip_interface(amazon).network
    assert network.prefixlen == 125
    assert network.network_address in ipaddress.ip_network("2001:db8::/32")
    assert (ipaddress.ip_interface(amazon).ip, ipaddress.ip_interface(customer).ip) == (network[1], network[6])


@pytest.mark.parametrize(("amazon", "customer", "public", "message"), [
    ("10.1.1.1/30", "10.1.1.2/30", True, "Amazon Address is not allowed to contain a private IP"),
    ("100.64.0.1/30", "172.31.255.254/30", True, "Customer Address is not allowed to contain a private IP"),
    ("10.1.1.0/24", "10.1.1.7/24", False, "Amazon Address is address 0 on its subnet."),
    ("10.1.1.9/24", "10.1.1.255/24", False, "Customer Address is the broadcast address on its subnet."),
    ("10.1.1.1/32", "10.1.1.2/32", False, "Amazon Address and Customer Address must be in the same CIDR"),
])
def test_ipv4_refusals(amazon: str, customer: str, public: bool, message: str) -> None:
    with pytest.raises(ClientException, match=message):
        addresses.ipv4_pair(amazon, customer, public=public, in_use=(), ctx=ctx())


@pytest.mark.parametrize(("amazon", "customer"), [
    ("100.64.0.1/30", "100.64.0.2/30"),  # shared address space is not RFC 1918
    ("172.32.0.1/30", "172.32.0.2/30"),  # just outside 172.16.0.0/12
    ("8.8.8.0/31", "8.8.8.1/31"),
])
def test_public_addresses_accepted(amazon: str, customer: str) -> None:
    assert addresses.ipv4_pair(amazon, customer, public=True, in_use=(), ctx=ctx()) == (amazon, customer)
