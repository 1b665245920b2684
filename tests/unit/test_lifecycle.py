"""States derived from timestamps and delays; deletes as pure rules."""

from __future__ import annotations

from dataclasses import replace

import pytest

from dx_emulator.domain import stored
from dx_emulator.domain.bgp_peers import (
    LAST_PEER,
    MAX_DELETED_PEERS_KEPT,
    NewBgpPeer,
    PeerSelector,
    add_bgp_peer,
    delete_bgp_peer,
)
from dx_emulator.domain.connections import delete_connection
from dx_emulator.domain.context import Context, Names
from dx_emulator.domain.lifecycle import Lifecycle, current_connection, current_lag, current_peer, current_vif
from dx_emulator.domain.model import PUBLIC, Connection, Lag, MacSecKey
from dx_emulator.domain.stored import derived
from dx_emulator.domain.virtual_interfaces import create_virtual_interface, delete_virtual_interface
from dx_emulator.errors import ClientException, NotFoundException

from .domain_support import NOW, SeededEntropy, conn, vif, vif_request

SLOW = Lifecycle(connection_available=10, vif_available=20, peer_available=30, deleting=40, deleted_retention=50)


def at(seconds: float, lifecycle: Lifecycle = SLOW, seed: int = 1) -> Context:
    return Context("123456789012", "us-east-1", NOW + seconds, SeededEntropy(seed), lifecycle=lifecycle,
                   names=Names(f"seed-{seed}"))


@pytest.mark.parametrize(("after", "state"), [(0, "requested"), (10, "requested"), (10.001, "available")])
def test_connection_comes_up_strictly_after_its_delay(after: float, state: str) -> None:
    current = current_connection(conn(), SLOW, NOW + after)
    assert current is not None
    assert current.connection_state == state



def test_a_connection_is_copied_only_when_its_state_or_a_key_moves() -> None:
    # A listing returns settled connections as stored, and copies the rest with what moved.
    key = MacSecKey("arn:secret", "ckn", "associating", NOW + 5)
    done = MacSecKey("arn:other", "ckn2", "associated", NOW)
    stored = replace(conn(), connection_state="available", mac_sec_capable=True, mac_sec_keys=(done, key))
    assert current_connection(stored, SLOW, NOW + 5) is stored  # the key starts strictly after start_on
    moved = current_connection(stored, SLOW, NOW + 6)
    assert moved == replace(stored, mac_sec_keys=(done, replace(key, state="associated")))
    assert moved is not None and moved.mac_sec_keys[0] is done
    requested = replace(stored, connection_state="requested")
    assert current_connection(requested, SLOW, NOW + 5) == replace(stored, connection_state="requested")
    assert current_connection(requested, SLOW, NOW + 11) == replace(moved, connection_state="available")
    plain = conn()
    up = current_connection(plain, SLOW, NOW + 11)
    assert up == replace(plain, connection_state="available") and up is not None and up.mac_sec_keys == ()


def test_a_stored_connection_is_copied_once_per_state() -> None:
    # The memory store hands out the same object until it is written: reads reuse its copy, which
    # must be the copy derived() makes, for the state of this read, and never another object's.
    stored = replace(conn(), deleted_at=NOW + 20)
    deleting, deleted = (current_connection(stored, SLOW, NOW + t) for t in (30, 61))
    assert deleting == derived(stored, connection_state="deleting")
    assert deleted == derived(stored, connection_state="deleted")
    assert current_connection(stored, SLOW, NOW + 61) is deleted
    assert current_connection(stored, SLOW, NOW + 30) == deleting
    twin = replace(stored)  # an equal object, as a read from DynamoDB makes: its own copy
    copy = current_connection(twin, SLOW, NOW + 30)
    assert copy == deleting and copy is not current_connection(stored, SLOW, NOW + 30)
    requested = conn()
    assert current_connection(requested, SLOW, NOW + 5) is requested  # in its stored state: not copied


def test_the_copies_kept_are_bounded() -> None:
    stored_ = [replace(conn(), connection_id=f"dxcon-{index}") for index in range(stored.MOVED_KEPT + 10)]
    for item in stored_:
        current = current_connection(item, SLOW, NOW + 11)
        assert current is not None and current.connection_id == item.connection_id
        assert len(stored._MOVED) <= stored.MOVED_KEPT


def test_a_lag_is_copied_once_per_state_too() -> None:
    lag = Lag("111122223333", "us-east-1", "dxlag-1", "l", "pending", "EqDC2", "1Gbps", "dev", "ld", "unknown", NOW)
    up = current_lag(lag, SLOW, NOW + 11)
    assert up == replace(lag, lag_state="available") and current_lag(lag, SLOW, NOW + 11) is up
    assert current_lag(up, SLOW, NOW + 11) is up  # already in its state: not copied

@pytest.mark.parametrize(("kind", "after", "vif_state", "peer_state"), [
    ("private", 15, "pending", "pending"),
    ("private", 25, "available", "pending"),
    ("private", 35, "available", "available"),
    (PUBLIC, 0, "verifying", "verifying"),
    (PUBLIC, 35, "available", "available"),
])
def test_vif_and_peer_states(kind: str, after: float, vif_state: str, peer_state: str) -> None:
    current = current_vif(vif(kind), SLOW, NOW + after)
    assert current is not None
    assert (current.virtual_interface_state, current.bgp_peers[0].bgp_peer_state) == (vif_state, peer_state)


def test_deleted_vif_moves_to_deleted_then_is_gone() -> None:
    deleted = delete_virtual_interface(vif(), at(100))
    assert (deleted.virtual_interface_state, deleted.deleted_at, deleted.expires_at) == ("deleting", NOW + 100,
                                                                                         NOW + 190)
    states = [(current_vif(deleted, SLOW, NOW + t) or deleted).virtual_interface_state for t in (120, 141)]
    assert states == ["deleting", "deleted"]
    assert current_vif(deleted, SLOW, NOW + 190.001) is None
    assert delete_virtual_interface(deleted, at(200)) is deleted  # deleting again changes nothing


def test_deleted_peer_leaves_after_the_retention() -> None:
    two = add_bgp_peer(vif(), NewBgpPeer("ipv6", asn=65001), at(0))
    one_deleted = delete_bgp_peer(two, PeerSelector(bgp_peer_id=two.bgp_peers[1].bgp_peer_id), at(5))
    assert one_deleted.bgp_peers[1].deleted_at == NOW + 5
    peer = one_deleted.bgp_peers[1]
    assert current_peer(peer, SLOW, NOW + 44)  # deleting
    assert current_peer(peer, SLOW, NOW + 46).bgp_peer_state == "deleted"  # type: ignore[union-attr]
    assert current_peer(peer, SLOW, NOW + 95.001) is None
    later = current_vif(one_deleted, SLOW, NOW + 96)
    assert later is not None
    assert len(later.bgp_peers) == 1


def test_the_last_live_peer_stays() -> None:
    single = vif()
    with pytest.raises(ClientException, match=LAST_PEER):
        delete_bgp_peer(single, PeerSelector(bgp_peer_id=single.bgp_peers[0].bgp_peer_id), at(1))
    with pytest.raises(NotFoundException, match=r"No BGP peer with ASN 65000 and customer address 10\.9\.9\.9"):
        delete_bgp_peer(single, PeerSelector(asn=65000, customer_address="10.9.9.9"), at(1))
    with pytest.raises(ClientException, match="customerAddress nonsense is not an IP address"):
        delete_bgp_peer(single, PeerSelector(asn=65000, customer_address="nonsense"), at(1))


def test_a_connection_with_vifs_is_not_deleted() -> None:
    parent, _ = create_virtual_interface(conn(), vif_request(), at(0))
    assert isinstance(parent, Connection)
    with pytest.raises(ClientException, match="has 1 virtual interface: delete them first"):
        delete_connection(parent, at(1))
    gone = delete_connection(replace(parent, vif_slots=()), at(1))
    assert (gone.connection_state, gone.expires_at) == ("deleting", NOW + 1 + 90)


def test_peer_churn_keeps_the_item_bounded() -> None:
    churned = vif()
    for n in range(MAX_DELETED_PEERS_KEPT + 10):
        churned = add_bgp_peer(churned, NewBgpPeer("ipv6", asn=65001), at(n, seed=n + 100))
        churned = delete_bgp_peer(churned, PeerSelector(bgp_peer_id=churned.bgp_peers[-1].bgp_peer_id), at(n + 0.5))
    deleted = [peer for peer in churned.bgp_peers if peer.deleted_at is not None]
    assert len(deleted) == MAX_DELETED_PEERS_KEPT
    assert min(peer.deleted_at or 0 for peer in deleted) == NOW + 10.5  # the oldest went first
    assert len(churned.live_peers) == 1


def test_testing_is_derived_and_never_sticks() -> None:
    """A VIF saved while a test ran (its state read as "testing") is available once the test is over."""
    from dx_emulator.domain.failover import start_test, stop_test

    ready = current_vif(vif(), SLOW, NOW + 100)
    assert ready is not None
    running, _ = start_test(ready, None, 5, at(100))
    during = current_vif(running, SLOW, NOW + 101)
    assert during is not None
    assert during.virtual_interface_state == "testing"
    assert {peer.bgp_status for peer in during.bgp_peers} == {"down"}
    stopped, _ = stop_test(during, at(102))  # saved as read: "testing"
    after = current_vif(stopped, SLOW, NOW + 103)
    assert after is not None
    assert after.virtual_interface_state == "available"
    assert {peer.bgp_status for peer in after.bgp_peers} == {"up"}


def test_a_derived_entity_is_what_replace_would_make() -> None:
    # Reads copy every listed item with its derived state (stored.derived, without __init__): the
    # copy must be the same value, the original untouched, and a field the class lacks refused.
    stored = conn()
    copy = derived(stored, connection_state="available", version=7)
    assert copy == replace(stored, connection_state="available", version=7)
    assert type(copy) is Connection and stored.connection_state != "available"
    assert copy.write_tokens == stored.write_tokens and copy.tags is stored.tags
    with pytest.raises(TypeError, match="Connection has no field connection_status"):
        derived(stored, connection_status="available")
