"""Direct Connect resources as plain immutable values. No I/O here; the store persists these.

``version`` and ``write_tokens`` are the store's bookkeeping, which the domain copies along untouched:
the optimistic-lock counter, and the tokens of the last requests that wrote the resource (so a
request whose answer was lost recognises its own committed write, see operations/call.py).
"""

from __future__ import annotations

from dataclasses import field
from typing import Final

from ..records import record
from .stored import Deletable

IPV4: Final = "ipv4"
IPV6: Final = "ipv6"
ADDRESS_FAMILIES: Final = (IPV4, IPV6)

PRIVATE: Final = "private"
PUBLIC: Final = "public"
TRANSIT: Final = "transit"

# States in which a resource no longer counts (address-family rule, last-peer rule, quotas).
GONE_STATES: Final = frozenset({"deleting", "deleted"})
# ...and those in which a VIF takes no change: a hosted VIF its owner declined is ``rejected`` [doc].
ENDED_STATES: Final = GONE_STATES | {"rejected"}


@record
class Tag:
    """A resource tag, as TagResource takes it: a value may be absent."""

    key: str
    value: str | None = None


@record
class BgpPeer:
    """One BGP peer of a VIF: its address family, ASN, addresses, auth key and states."""

    bgp_peer_id: str
    address_family: str
    asn: int
    auth_key: str
    amazon_address: str
    customer_address: str
    bgp_peer_state: str
    bgp_status: str
    aws_device_v2: str
    aws_logical_device_id: str
    created_at: float
    deleted_at: float | None = None

    @property
    def is_live(self) -> bool:
        return self.bgp_peer_state not in GONE_STATES


@record
class FailoverTest:
    """A StartBgpFailoverTest: its peers are DOWN from ``started_at`` until ``ends_at`` (or until
    it is stopped), all derived on read."""

    test_id: str
    bgp_peer_ids: tuple[str, ...]
    duration_minutes: int
    started_at: float
    ends_at: float
    stopped_at: float | None = None

    @property
    def end(self) -> float:
        return self.ends_at if self.stopped_at is None else min(self.stopped_at, self.ends_at)

    def is_running(self, now: float) -> bool:
        return self.started_at <= now < self.end


@record
class VifSlot:
    """What a connection or LAG remembers of each VIF on its ports: enough for VLAN uniqueness and
    quotas. A LAG and its member connections share their ports, so a LAG holds the slots of VIFs on
    its members too, each naming the member it is on (``connection_id``; None: on the LAG itself)."""

    virtual_interface_id: str
    vlan: int
    virtual_interface_type: str
    connection_id: str | None = None
    # A hosted VIF's: the account it was allocated to, whose partition holds it.
    owner_account: str | None = None


@record
class HostedSlot:
    """What an interconnect or LAG remembers of each hosted connection on it: its VLAN is unique there."""

    connection_id: str
    vlan: int
    owner_account: str
    bandwidth: str


@record
class MacSecKey:
    """A MACsec secret associated with a connection or LAG: its ARN, CKN and state."""

    secret_arn: str
    ckn: str
    state: str
    start_on: float


@record
class Connection(Deletable):
    """A dedicated or hosted connection, with its tags and the VIFs on its port."""

    owner_account: str
    region: str
    connection_id: str
    connection_name: str
    connection_state: str
    location: str
    bandwidth: str
    aws_device: str
    aws_logical_device_id: str
    has_logical_redundancy: str
    created_at: float
    lag_id: str | None = None
    provider_name: str | None = None
    billing_mode: str | None = None
    tags: tuple[Tag, ...] = ()
    vif_slots: tuple[VifSlot, ...] = ()
    # A hosted connection's: the partner account that allocated it on its interconnect or LAG
    # (``hosted_on``), with the VLAN the partner gave it.
    allocated_by: str | None = None
    partner_name: str | None = None
    hosted_on: str | None = None
    vlan: int | None = None
    confirmed_at: float | None = None  # when its owner confirmed it: its states move from then
    encryption_mode: str | None = None
    mac_sec_capable: bool = False
    mac_sec_keys: tuple[MacSecKey, ...] = ()

    @property
    def resource_id(self) -> str:
        return self.connection_id

    @property
    def since(self) -> float:
        return self.confirmed_at if self.confirmed_at is not None else self.created_at

    @property
    def state(self) -> str:
        return self.connection_state


@record
class Lag(Deletable):
    """A link aggregation group: its member connections, and the VIFs on its ports."""

    owner_account: str
    region: str
    lag_id: str
    lag_name: str
    lag_state: str
    location: str
    connections_bandwidth: str
    aws_device: str
    aws_logical_device_id: str
    has_logical_redundancy: str
    created_at: float
    minimum_links: int = 0
    connection_ids: tuple[str, ...] = ()
    provider_name: str | None = None
    billing_mode: str | None = None
    tags: tuple[Tag, ...] = ()
    vif_slots: tuple[VifSlot, ...] = ()
    # A partner's LAG hosts connections as an interconnect does [doc: allowsHostedConnections].
    hosted_slots: tuple[HostedSlot, ...] = ()
    encryption_mode: str | None = None
    mac_sec_capable: bool = False
    mac_sec_keys: tuple[MacSecKey, ...] = ()

    @property
    def resource_id(self) -> str:
        return self.lag_id

    @property
    def state(self) -> str:
        return self.lag_state


# What a virtual interface can sit on.
Parent = Connection | Lag


@record
class VirtualInterface(Deletable):
    """A private, public or transit VIF on a connection or LAG, with its BGP peers and failover tests."""

    owner_account: str
    region: str
    virtual_interface_id: str
    virtual_interface_type: str
    virtual_interface_name: str
    virtual_interface_state: str
    connection_id: str
    location: str
    vlan: int
    # The VIF-level BGP fields are those it was created with (its first peer's), as AWS shows them.
    asn: int
    amazon_side_asn: int
    auth_key: str
    amazon_address: str
    customer_address: str
    address_family: str
    mtu: int
    aws_device_v2: str
    aws_logical_device_id: str
    # Copied from the connection at creation: a property of AWS's hardware that does not change.
    has_logical_redundancy: str
    created_at: float
    virtual_gateway_id: str | None = None
    direct_connect_gateway_id: str | None = None
    # Whether the Direct Connect gateway's item holds this VIF's attachment (VIFs made before gateways
    # were emulated named a gateway that does not exist).
    gateway_attached: bool = False
    route_filter_prefixes: tuple[str, ...] = ()
    # The connection or LAG whose item holds this VIF's VLAN and quota slot, when not ``connection_id``
    # itself: the LAG, for a VIF on one of its member connections.
    slot_holder: str | None = None
    # Public VIFs: ASNs a later peer may use besides private ones (the VIF's own, the operator's list).
    allowed_asns: tuple[int, ...] = ()
    site_link_enabled: bool = False
    rate_limit: str | None = None
    prefix_pool_ipv4: int | None = None
    prefix_pool_ipv6: int | None = None
    tags: tuple[Tag, ...] = ()
    bgp_peers: tuple[BgpPeer, ...] = field(default_factory=tuple)
    failover_tests: tuple[FailoverTest, ...] = ()
    # A hosted VIF's: the connection owner that allocated it to ``owner_account``, and when that
    # account confirmed it (its states move on from then, as a created VIF's do from creation).
    allocated_by: str | None = None
    confirmed_at: float | None = None
    # When AssociateVirtualInterface moved it onto another connection or LAG: it starts over there.
    associated_at: float | None = None

    @property
    def resource_id(self) -> str:
        return self.virtual_interface_id

    @property
    def since(self) -> float:
        """When its states began to move: a hosted VIF waits for its owner to confirm it, a moved VIF
        starts over on its new ports."""
        return max(self.created_at, self.confirmed_at or 0.0, self.associated_at or 0.0)

    @property
    def state(self) -> str:
        return self.virtual_interface_state

    def running_test(self, now: float) -> FailoverTest | None:
        return next((test for test in self.failover_tests if test.is_running(now)), None)

    @property
    def live_peers(self) -> tuple[BgpPeer, ...]:
        return tuple(peer for peer in self.bgp_peers if peer.is_live)
