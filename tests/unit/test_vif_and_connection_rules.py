"""VIF creation and CreateConnection as pure functions."""

from __future__ import annotations

from dataclasses import replace

import pytest

from dx_emulator.domain.connections import NewConnection, create_connection
from dx_emulator.domain.model import PRIVATE, PUBLIC, TRANSIT, Parent, Tag
from dx_emulator.domain.router_config import customer_router_config
from dx_emulator.domain.virtual_interfaces import create_virtual_interface
from dx_emulator.errors import ClientException, LimitExceededException, TooManyTagsException

from .domain_support import conn, ctx, vif, vif_request


def test_vif_takes_a_slot_on_its_connection() -> None:
    before = conn("yes")
    after, created = create_virtual_interface(before, vif_request(), ctx())
    assert [(s.virtual_interface_id, s.vlan, s.virtual_interface_type) for s in after.vif_slots] == [
        (created.virtual_interface_id, 100, PRIVATE)]
    assert created.has_logical_redundancy == "yes"
    assert (created.aws_device_v2, created.aws_logical_device_id) == (before.aws_device, before.aws_logical_device_id)


@pytest.mark.parametrize("state", ["deleting", "deleted", "rejected"])
def test_connection_states_that_refuse_vifs(state: str) -> None:
    gone = replace(conn(), connection_state=state)
    with pytest.raises(ClientException, match=f"Connection {gone.connection_id} is {state}: virtual interfaces "
                                               "cannot be created on it"):
        create_virtual_interface(gone, vif_request(), ctx())


def test_quota_counts_private_and_public_together() -> None:
    full: Parent = conn()
    for vlan in range(1, 51):
        request = replace(vif_request(PUBLIC if vlan % 2 else PRIVATE), vlan=vlan)
        full, _ = create_virtual_interface(full, request, ctx(vlan))
    with pytest.raises(LimitExceededException, match="already has 50 private and public virtual interfaces"):
        create_virtual_interface(full, replace(vif_request(), vlan=60), ctx())
    transit = replace(vif_request(TRANSIT), vlan=61, virtual_gateway_id=None, direct_connect_gateway_id="g")
    assert create_virtual_interface(full, transit, ctx())[1].virtual_interface_type == TRANSIT


def test_router_config_follows_live_peers() -> None:
    created = vif()
    xml = customer_router_config(created)
    assert "<amazon_bgp_asn>64512</amazon_bgp_asn>" in xml
    assert "<connection_type>private</connection_type>" in xml
    assert "ipv6_" not in xml
    gone = replace(created, bgp_peers=(replace(created.bgp_peers[0], bgp_peer_state="deleted"),))
    assert "<bgp_asn>" not in customer_router_config(gone)


def test_connection_rules() -> None:
    created = create_connection(NewConnection("EqDC2", "100Gbps", "n"), ctx())
    assert (created.connection_state, created.has_logical_redundancy) == ("requested", "unknown")
    with pytest.raises(TooManyTagsException):
        create_connection(NewConnection("EqDC2", "1Gbps", "n", tags=tuple(Tag(f"k{i}") for i in range(51))), ctx())
    with pytest.raises(ClientException, match="Tag keys must be 1 to 128 characters long"):
        create_connection(NewConnection("EqDC2", "1Gbps", "n", tags=(Tag("k" * 129),)), ctx())
    with pytest.raises(ClientException, match="The value of tag k is longer than 256 characters"):
        create_connection(NewConnection("EqDC2", "1Gbps", "n", tags=(Tag("k", "v" * 257),)), ctx())
