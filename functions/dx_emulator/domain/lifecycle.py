"""States that AWS moves over minutes, derived on read from stored timestamps and configured delays.

No background job and no second write: a resource stores when it was created and deleted, and
every read computes where it is now. Writes save what a read derived, which is consistent with the
timestamps, so nothing moves backwards. A delay of 0 makes each transition visible on the next
read (the default, for fast tests); AWS takes minutes. A transition happens strictly after
``since + delay``, so the answer to a create still shows the initial state.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from ..records import record
from .model import BgpPeer, Connection, Lag, MacSecKey, VirtualInterface
from .stored import derived, moved

if TYPE_CHECKING:
    from .hosted.model import Interconnect

STARTING_STATES = frozenset({"requested", "pending", "verifying"})
# States that only a client's call ends: a hosted VIF ``confirming`` until its owner confirms it,
# ``rejected`` (declined) until it expires.
WAITING_STATES = frozenset({"confirming", "rejected"})


@record
class Lifecycle:
    """How long each state lasts before the next: the deployment's delays, an account's own, or manual mode."""

    connection_available: float = 0.0  # connection and LAG: requested -> available
    vif_available: float = 0.0  # VIF: pending / verifying -> available
    peer_available: float = 0.0  # BGP peer: pending / verifying -> available
    deleting: float = 0.0  # deleting -> deleted, for every kind
    # AWS lists deleted VIFs for 15 minutes; the emulator does the same for every kind [choice].
    deleted_retention: float = 900.0
    # An available peer's BGP session reports "up" this long after the peer became available.
    bgp_up: float = 0.0
    # Seconds in one minute of a failover test: 60, or less so a test's course fits a test run.
    failover_minute: float = 60.0
    gateway_available: float = 0.0  # Direct Connect gateway: pending -> available
    association_available: float = 0.0  # gateway association: associating -> associated
    association_update: float = 0.0  # gateway association: updating -> associated
    disassociation: float = 0.0  # gateway association: disassociating -> disassociated
    # Manual mode (domain/account.py): when each resource was last told to move on. Its states are
    # then derived as of that moment instead of now, so it stands still until told again.
    manual: Mapping[str, float] | None = None

    def clock(self, resource_id: str, now: float) -> float:
        """The moment a resource's state transitions are judged at (expiry always goes by now)."""
        return now if self.manual is None else self.manual.get(resource_id, float("-inf"))

    def expiry(self, deleted_at: float) -> float:
        return deleted_at + self.deleting + self.deleted_retention


def as_answered_to_delete(state: str, lifecycle: Lifecycle) -> str:
    """DeleteConnection and DeleteLag answer "deleted" on AWS [seen: the CLI's examples]: with no
    delete delay configured, the emulator does too; with one, the transition runs as configured."""
    held = lifecycle.deleting or lifecycle.manual is not None  # manual mode: deleting until told
    return "deleted" if state == "deleting" and not held else state


def _state(state: str, *, created_at: float, delay: float, deleted_at: float | None, lifecycle: Lifecycle,
           at: float) -> str:
    """The state at ``at`` (now, or a manual resource's release)."""
    if deleted_at is not None:
        return "deleted" if at > deleted_at + lifecycle.deleting else "deleting"
    if state in STARTING_STATES and at > created_at + delay:
        return "available"
    return state


def _gone(deleted_at: float | None, lifecycle: Lifecycle, now: float) -> bool:
    return deleted_at is not None and now > lifecycle.expiry(deleted_at)


def current_peer(peer: BgpPeer, lifecycle: Lifecycle, now: float, *, tested: bool = False,
                 at: float | None = None) -> BgpPeer | None:
    """The peer now; ``tested`` when a running failover test holds its session DOWN; ``at`` is its
    VIF's clock (manual mode)."""
    if _gone(peer.deleted_at, lifecycle, now):
        return None
    at = now if at is None else at
    state = _state(peer.bgp_peer_state, created_at=peer.created_at, delay=lifecycle.peer_available,
                   deleted_at=peer.deleted_at, lifecycle=lifecycle, at=at)
    up_at = peer.created_at + lifecycle.peer_available + lifecycle.bgp_up
    session_up = state == "available" and at > up_at and not tested
    return derived(peer, bgp_peer_state=state, bgp_status="up" if session_up else "down")


def current_vif(vif: VirtualInterface, lifecycle: Lifecycle, now: float) -> VirtualInterface | None:
    if _gone(vif.deleted_at, lifecycle, now):
        return None
    if vif.virtual_interface_state in WAITING_STATES:
        # A hosted VIF waits for its owner, who confirms it or declines it; its peer waits with it.
        waiting = "deleted" if vif.virtual_interface_state == "rejected" else "pending"
        return derived(vif, bgp_peers=tuple(derived(peer, bgp_peer_state=waiting, bgp_status="down")
                                            for peer in vif.bgp_peers))
    # "testing" is derived from a running test; a VIF saved while one ran is "available" beneath it.
    stored = "available" if vif.virtual_interface_state == "testing" else vif.virtual_interface_state
    at = lifecycle.clock(vif.virtual_interface_id, now)
    state = _state(stored, created_at=vif.since, delay=lifecycle.vif_available,
                   deleted_at=vif.deleted_at, lifecycle=lifecycle, at=at)
    test = vif.running_test(now)
    tested = set(test.bgp_peer_ids) if test is not None else set()
    # A peer that has finished deleting is no longer listed: Terraform's lookup of a replaced peer
    # (same family and ASN) needs exactly one match [seen: aws_dx_bgp_peer].
    peers = tuple(p for p in (current_peer(peer, lifecycle, now, tested=peer.bgp_peer_id in tested, at=at)
                              for peer in vif.bgp_peers)
                  if p is not None and not (p.bgp_peer_state == "deleted" and p.deleted_at is not None))
    if vif.deleted_at is not None:
        # A deleted VIF's peers go with it [choice].
        peers = tuple(derived(peer, bgp_peer_state=state, bgp_status="down") for peer in peers)
    elif test is not None and state == "available":
        state = "testing"  # AWS: for the duration of a StartBgpFailoverTest
    return derived(vif, virtual_interface_state=state, bgp_peers=peers)


def current_connection(conn: Connection, lifecycle: Lifecycle, now: float) -> Connection | None:
    if _gone(conn.deleted_at, lifecycle, now):
        return None
    if conn.connection_state == "rejected":  # a hosted connection its owner declined, until it expires
        return conn
    state = _state(conn.connection_state, created_at=conn.since, delay=lifecycle.connection_available,
                   deleted_at=conn.deleted_at, lifecycle=lifecycle, at=lifecycle.clock(conn.connection_id, now))
    keys = _keys(conn.mac_sec_keys, now)
    if keys is conn.mac_sec_keys:  # most connections: no key, or none that moves
        return moved(conn, "connection_state", state)
    return derived(conn, connection_state=state, mac_sec_keys=keys)


def _keys(keys: tuple[MacSecKey, ...], now: float) -> tuple[MacSecKey, ...]:
    """MACsec keys: ``associating`` -> ``associated`` on the next read [choice: no delay setting].
    The very tuple given when no key moves (most connections have none): nothing to copy."""
    if not keys or not any(key.state == "associating" and now > key.start_on for key in keys):
        return keys
    return tuple(derived(key, state="associated") if key.state == "associating" and now > key.start_on else key
                 for key in keys)


def current_interconnect(interconnect: Interconnect, lifecycle: Lifecycle, now: float) -> Interconnect | None:
    if _gone(interconnect.deleted_at, lifecycle, now):
        return None
    state = _state(interconnect.interconnect_state, created_at=interconnect.created_at,
                   delay=lifecycle.connection_available, deleted_at=interconnect.deleted_at, lifecycle=lifecycle,
                   at=lifecycle.clock(interconnect.interconnect_id, now))
    return moved(interconnect, "interconnect_state", state)


def current_lag(lag: Lag, lifecycle: Lifecycle, now: float) -> Lag | None:
    # A LAG moves like a connection: its state field has another name.
    if _gone(lag.deleted_at, lifecycle, now):
        return None
    state = _state(lag.lag_state, created_at=lag.created_at, delay=lifecycle.connection_available,
                   deleted_at=lag.deleted_at, lifecycle=lifecycle, at=lifecycle.clock(lag.lag_id, now))
    keys = _keys(lag.mac_sec_keys, now)
    if keys is lag.mac_sec_keys:  # most LAGs: no key, or none that moves
        return moved(lag, "lag_state", state)
    return derived(lag, lag_state=state, mac_sec_keys=keys)
