"""CreateBGPPeer's rules as pure functions: accept and refuse cases with their messages."""

from __future__ import annotations

import ipaddress
from dataclasses import replace

import pytest

from dx_emulator.domain.bgp_peers import NewBgpPeer, add_bgp_peer
from dx_emulator.domain.model import PUBLIC
from dx_emulator.errors import ClientException

from .domain_support import NOW, ctx, vif


def test_new_peer_is_appended_with_the_vifs_devices() -> None:
    before = vif()
    after = add_bgp_peer(before, NewBgpPeer("ipv6", asn=65001), ctx(seed=1))
    assert after.bgp_peers[:1] == before.bgp_peers
    peer = after.bgp_peers[1]
    assert (peer.address_family, peer.asn, peer.bgp_peer_state, peer.bgp_status) == ("ipv6", 65001, "pending", "down")
    assert (peer.aws_device_v2, peer.aws_logical_device_id) == (before.aws_device_v2, before.aws_logical_device_id)
    assert peer.created_at == NOW
    assert after.virtual_interface_state == before.virtual_interface_state


def test_seeded_randomness_repeats() -> None:
    request = NewBgpPeer("ipv6", asn=1)
    assert add_bgp_peer(vif(), request, ctx(3)) == add_bgp_peer(vif(), request, ctx(3))


# A hosted VIF takes peers once its owner has confirmed it [choice].
@pytest.mark.parametrize("state", ["deleting", "deleted", "rejected", "confirming"])
def test_states_that_refuse_peers(state: str) -> None:
    gone = replace(vif(), virtual_interface_state=state)
    with pytest.raises(ClientException, match=f"Virtual interface {gone.virtual_interface_id} is {state}: "
                                               "BGP peers cannot be added to it"):
        add_bgp_peer(gone, NewBgpPeer("ipv6", asn=65000), ctx())


@pytest.mark.parametrize("state", ["pending", "available", "down", "verifying"])
def test_states_that_take_peers(state: str) -> None:
    live = replace(vif(), virtual_interface_state=state)
    assert len(add_bgp_peer(live, NewBgpPeer("ipv6", asn=65000), ctx()).bgp_peers) == 2


@pytest.mark.parametrize("redundancy", [None, "no"])
def test_one_live_peer_per_family(redundancy: str | None) -> None:
    with pytest.raises(ClientException, match="already has a BGP peer for address family ipv4, and its connection "
                                              "does not support logical redundancy"):
        add_bgp_peer(vif(redundancy=redundancy), NewBgpPeer("ipv4", asn=65000), ctx())


def test_deleted_and_deleting_peers_do_not_count() -> None:
    base = vif()
    gone = replace(base, bgp_peers=(replace(base.bgp_peers[0], bgp_peer_state="deleting"),))
    after = add_bgp_peer(gone, NewBgpPeer("ipv4", asn=65000), ctx(seed=2))
    assert [peer.bgp_peer_state for peer in after.bgp_peers] == ["deleting", "pending"]


def test_logical_redundancy_allows_two_per_family_on_another_logical_device() -> None:
    base = vif(redundancy="yes")
    two = add_bgp_peer(base, NewBgpPeer("ipv4", asn=65000), ctx(seed=5))
    assert two.bgp_peers[1].aws_logical_device_id != two.bgp_peers[0].aws_logical_device_id
    nets = {ipaddress.ip_interface(peer.amazon_address).network for peer in two.bgp_peers}
    assert len(nets) == 2
    with pytest.raises(ClientException, match="already has 2 BGP peers for address family ipv4, the most a "
                                              "connection with logical redundancy allows"):
        add_bgp_peer(two, NewBgpPeer("ipv4", asn=65000), ctx())


def test_public_vif_asn_allow_list() -> None:
    public = vif(PUBLIC, asn=7000)
    assert add_bgp_peer(public, NewBgpPeer("ipv6", asn=7000), ctx()).bgp_peers[1].bgp_peer_state == "verifying"
    assert len(add_bgp_peer(public, NewBgpPeer("ipv6", asn=7224), ctx(allow=frozenset({7224}))).bgp_peers) == 2
    with pytest.raises(ClientException, match="ASN 7224 is not allowed on public virtual interface"):
        add_bgp_peer(public, NewBgpPeer("ipv6", asn=7224), ctx())


def test_checks_are_ordered_family_rule_first() -> None:
    """A racing loser with the same request must meet the family rule, not some other check."""
    with pytest.raises(ClientException, match="already has a BGP peer for address family ipv4"):
        add_bgp_peer(vif(), NewBgpPeer("ipv4", asn=None, amazon_address="x"), ctx())
