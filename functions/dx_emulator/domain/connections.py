"""CreateConnection and DeleteConnection's rules."""

from __future__ import annotations

from dataclasses import field, replace

from ..errors import ClientException
from ..records import record
from .bandwidth import Ordering, checked_encryption_mode
from .context import Context
from .locations import checked_location
from .macsec import MACSEC_MISMATCH, checked_capable, checked_request
from .model import GONE_STATES, Connection, Lag, Tag
from .tags import checked_tags, logical_redundancy

# The port speeds AWS sells as dedicated connections; hosted speeds come from partners [doc].
DEDICATED_BANDWIDTHS = ("1Gbps", "10Gbps", "100Gbps", "400Gbps")


def max_lag_connections(bandwidth: str) -> int:
    """AWS: at most four connections in a LAG at 1G or 10G, two at 100G or 400G [doc]."""
    return 2 if bandwidth in ("100Gbps", "400Gbps") else 4


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


@record
class NewConnection:
    location: str | None = None
    bandwidth: str | None = None
    connection_name: str | None = None
    lag_id: str | None = None
    tags: tuple[Tag, ...] = ()
    ordering: Ordering = field(default_factory=Ordering)


def required(value: str | None, name: str) -> str:
    if not value:
        raise ClientException(f"{name} is required")
    return value


def checked_bandwidth(bandwidth: str | None, name: str = "bandwidth") -> str:
    bandwidth = required(bandwidth, name)
    if bandwidth not in DEDICATED_BANDWIDTHS:
        raise ClientException(
            f"Bandwidth {bandwidth} is not available for a dedicated connection: use one of "
            + ", ".join(DEDICATED_BANDWIDTHS)
        )
    return bandwidth


def new_connection(ctx: Context, *, name: str, location: str, bandwidth: str, tags: tuple[Tag, ...] = (),
                   lag_id: str | None = None, redundancy: str | None = None,
                   ordering: Ordering | None = None) -> Connection:
    ordering = ordering or Ordering()
    return Connection(
        owner_account=ctx.account,
        region=ctx.region,
        connection_id=ctx.new_id("dxcon"),
        connection_name=name,
        connection_state="requested",
        location=location,
        bandwidth=bandwidth,
        aws_device=ctx.device_name(location),
        aws_logical_device_id=ctx.device_name(location),
        has_logical_redundancy=redundancy or logical_redundancy(tags),
        created_at=ctx.now,
        lag_id=lag_id,
        provider_name=ordering.provider_name,
        billing_mode=ordering.billing_mode,
        tags=tags,
        # A MACsec port starts unencrypted until keys and a mode are set [choice: Terraform reads no_encrypt].
        mac_sec_capable=checked_request(ordering.request_macsec, bandwidth),
        encryption_mode="no_encrypt" if ordering.request_macsec else None,
    )


def create_connection(request: NewConnection, ctx: Context) -> Connection:
    location = checked_location(required(request.location, "location"), ctx.region, ctx.strict_locations)
    bandwidth = checked_bandwidth(request.bandwidth)
    name = required(request.connection_name, "connectionName")
    return new_connection(ctx, name=name, location=location, bandwidth=bandwidth, tags=checked_tags(request.tags),
                          ordering=request.ordering.checked())


def join_lag(conn: Connection, lag: Lag) -> tuple[Connection, Lag]:
    """A new connection created into a LAG: same location and speed, the LAG's logical redundancy."""
    if lag.lag_state in GONE_STATES:
        raise ClientException(f"LAG {lag.lag_id} is {lag.lag_state}: connections cannot be added to it")
    if conn.location != lag.location:
        raise ClientException(f"Connection location {conn.location} differs from LAG {lag.lag_id}'s {lag.location}")
    if conn.bandwidth != lag.connections_bandwidth:
        raise ClientException(
            f"Connection bandwidth {conn.bandwidth} differs from LAG {lag.lag_id}'s {lag.connections_bandwidth}"
        )
    if conn.mac_sec_capable != lag.mac_sec_capable:
        raise ClientException(MACSEC_MISMATCH.format(conn.connection_id))
    limit = max_lag_connections(lag.connections_bandwidth)
    if len(lag.connection_ids) >= limit:
        raise ClientException(f"LAG {lag.lag_id} already has {plural(limit, 'connection')}, the most a "
                              f"{lag.connections_bandwidth} LAG can have")
    joined = replace(conn, lag_id=lag.lag_id, has_logical_redundancy=lag.has_logical_redundancy)
    return joined, replace(lag, connection_ids=(*lag.connection_ids, conn.connection_id))


def delete_connection(conn: Connection, ctx: Context, lag: Lag | None = None) -> Connection:
    """The connection ``deleting``. One with virtual interfaces is refused [choice: AWS's console
    asks for them to be deleted first]; a LAG member's are held by its ``lag``. Deleting it again
    changes nothing."""
    if conn.connection_state in GONE_STATES:
        return conn
    slots = conn.vif_slots if lag is None else [s for s in lag.vif_slots if s.connection_id == conn.connection_id]
    if slots:
        raise ClientException(
            f"Connection {conn.connection_id} has {plural(len(slots), 'virtual interface')}: delete them first"
        )
    return replace(conn, connection_state="deleting", deleted_at=ctx.now, expires_at=ctx.expires_at)


def leave_lag(lag: Lag, conn: Connection) -> Lag:
    return replace(lag, connection_ids=tuple(member for member in lag.connection_ids if member != conn.connection_id))


def update_connection(conn: Connection, name: str | None, encryption_mode: str | None) -> Connection:
    """UpdateConnection: its name, its MACsec encryption mode [doc] (a MACsec port's)."""
    if conn.connection_state in GONE_STATES | {"rejected"}:
        raise ClientException(f"Connection {conn.connection_id} is {conn.connection_state}: it cannot be updated")
    if encryption_mode is not None:
        checked_capable(conn)
    if name is not None and not name:
        raise ClientException("connectionName must not be empty")
    return replace(conn, connection_name=name or conn.connection_name,
                   encryption_mode=checked_encryption_mode(encryption_mode) or conn.encryption_mode)
