"""States that AWS moves over minutes, derived on read from stored timestamps and configured delays.

No background job and no second write: a resource stores when it was created and deleted, and
every read computes where it is now. Writes save what a read derived, which is consistent with the
timestamps, so nothing moves backwards. A delay of 0 makes each transition visible on the next
read (the default, for fast tests); AWS takes minutes. A transition happens strictly after
``since + delay``, so the answer to a create still shows the initial state.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .model import BgpPeer, Connection, Lag, VirtualInterface

STARTING_STATES = frozenset({"requested", "pending", "verifying"})


@dataclass(frozen=True, slots=True)
class Lifecycle:
    connection_available: float = 0.0  # connection and LAG: requested -> available
    vif_available: float = 0.0  # VIF: pending / verifying -> available
    peer_available: float = 0.0  # BGP peer: pending / verifying -> available
    deleting: float = 0.0  # deleting -> deleted, for every kind
    # AWS lists deleted VIFs for 15 minutes; the emulator does the same for every kind [choice].
    deleted_retention: float = 900.0

    def expiry(self, deleted_at: float) -> float:
        return deleted_at + self.deleting + self.deleted_retention


def _state(state: str, *, created_at: float, delay: float, deleted_at: float | None, lifecycle: Lifecycle,
           now: float) -> str:
    if deleted_at is not None:
        return "deleted" if now > deleted_at + lifecycle.deleting else "deleting"
    if state in STARTING_STATES and now > created_at + delay:
        return "available"
    return state


def _gone(deleted_at: float | None, lifecycle: Lifecycle, now: float) -> bool:
    return deleted_at is not None and now > lifecycle.expiry(deleted_at)


def current_peer(peer: BgpPeer, lifecycle: Lifecycle, now: float) -> BgpPeer | None:
    if _gone(peer.deleted_at, lifecycle, now):
        return None
    state = _state(peer.bgp_peer_state, created_at=peer.created_at, delay=lifecycle.peer_available,
                   deleted_at=peer.deleted_at, lifecycle=lifecycle, now=now)
    return replace(peer, bgp_peer_state=state)


def current_vif(vif: VirtualInterface, lifecycle: Lifecycle, now: float) -> VirtualInterface | None:
    if _gone(vif.deleted_at, lifecycle, now):
        return None
    state = _state(vif.virtual_interface_state, created_at=vif.created_at, delay=lifecycle.vif_available,
                   deleted_at=vif.deleted_at, lifecycle=lifecycle, now=now)
    peers = tuple(p for p in (current_peer(peer, lifecycle, now) for peer in vif.bgp_peers) if p is not None)
    if vif.deleted_at is not None:
        # A deleted VIF's peers go with it [choice].
        peers = tuple(replace(peer, bgp_peer_state=state) for peer in peers)
    return replace(vif, virtual_interface_state=state, bgp_peers=peers)


def current_connection(conn: Connection, lifecycle: Lifecycle, now: float) -> Connection | None:
    if _gone(conn.deleted_at, lifecycle, now):
        return None
    state = _state(conn.connection_state, created_at=conn.created_at, delay=lifecycle.connection_available,
                   deleted_at=conn.deleted_at, lifecycle=lifecycle, now=now)
    return replace(conn, connection_state=state)


def current_lag(lag: Lag, lifecycle: Lifecycle, now: float) -> Lag | None:
    if _gone(lag.deleted_at, lifecycle, now):
        return None
    state = _state(lag.lag_state, created_at=lag.created_at, delay=lifecycle.connection_available,
                   deleted_at=lag.deleted_at, lifecycle=lifecycle, now=now)
    return replace(lag, lag_state=state)
