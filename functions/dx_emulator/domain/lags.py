"""CreateLag and DeleteLag's rules."""

from __future__ import annotations

from dataclasses import field, replace

from ..errors import ClientException
from ..records import record
from .bandwidth import Ordering, checked_encryption_mode
from .connections import checked_bandwidth, max_lag_connections, new_connection, plural, required
from .context import Context
from .locations import checked_location
from .macsec import MACSEC_MISMATCH, checked_capable, checked_request
from .model import GONE_STATES, Connection, Lag, Tag
from .tags import checked_tags, logical_redundancy


@record
class NewLag:
    number_of_connections: int | None = None
    location: str | None = None
    connections_bandwidth: str | None = None
    lag_name: str | None = None
    tags: tuple[Tag, ...] = ()
    child_connection_tags: tuple[Tag, ...] = ()
    ordering: Ordering = field(default_factory=Ordering)


def _check_migration(conn: Connection, location: str, bandwidth: str) -> None:
    if conn.allocated_by is not None:  # a hosted connection moves with AssociateHostedConnection [doc]
        raise ClientException(f"Connection {conn.connection_id} is a hosted connection: it cannot join a LAG")
    if conn.lag_id is not None:
        raise ClientException(f"Connection {conn.connection_id} is already in LAG {conn.lag_id}")
    if conn.connection_state in GONE_STATES:
        raise ClientException(f"Connection {conn.connection_id} is {conn.connection_state}")
    if (conn.location, conn.bandwidth) != (location, bandwidth):
        raise ClientException(
            f"Connection {conn.connection_id} ({conn.location}, {conn.bandwidth}) does not match the LAG's "
            f"location and connectionsBandwidth ({location}, {bandwidth})"
        )
    if conn.vif_slots:
        # AWS moves the VIFs along; the emulator does not model that move [choice].
        raise ClientException(f"Connection {conn.connection_id} has virtual interfaces: delete them first")


def create_lag(request: NewLag, ctx: Context, existing: Connection | None = None) -> tuple[Lag, list[Connection]]:
    """A LAG with ``numberOfConnections`` member connections: new ones, and ``existing`` migrated
    into it when given."""
    location = checked_location(required(request.location, "location"), ctx.region, ctx.strict_locations)
    bandwidth = checked_bandwidth(request.connections_bandwidth, "connectionsBandwidth")
    name = required(request.lag_name, "lagName")
    count = request.number_of_connections
    limit = max_lag_connections(bandwidth)
    if count is None or not 1 <= count <= limit:
        raise ClientException(f"numberOfConnections must be 1 to {limit} at {bandwidth}; {count} was given")
    if existing is not None:
        _check_migration(existing, location, bandwidth)
    tags = checked_tags(request.tags)
    child_tags = checked_tags(request.child_connection_tags)
    ordering = request.ordering.checked()
    redundancy = logical_redundancy(tags)
    lag_id = ctx.new_id("dxlag")
    migrated = [] if existing is None else [replace(existing, lag_id=lag_id, has_logical_redundancy=redundancy)]
    # AWS names the connections it requests "Requested Connection N for Lag <id>", from 1, and lists
    # them before a migrated connection, which keeps its name [seen: the CLI's create-lag example].
    members = [
        new_connection(ctx, name=f"Requested Connection {number} for Lag {lag_id}", location=location,
                       bandwidth=bandwidth, tags=child_tags, lag_id=lag_id, redundancy=redundancy, ordering=ordering)
        for number in range(1, count - len(migrated) + 1)
    ] + migrated
    lag = Lag(
        owner_account=ctx.account,
        region=ctx.region,
        lag_id=lag_id,
        lag_name=name,
        lag_state="pending",  # AWS's answer to CreateLag [seen]; its new connections are "requested"
        location=location,
        connections_bandwidth=bandwidth,
        aws_device=ctx.device_name(location),
        aws_logical_device_id=ctx.device_name(location),
        has_logical_redundancy=redundancy,
        created_at=ctx.now,
        connection_ids=tuple(member.connection_id for member in members),
        provider_name=ordering.provider_name,
        billing_mode=ordering.billing_mode,
        tags=tags,
        mac_sec_capable=checked_request(ordering.request_macsec, bandwidth, "LAG"),
        encryption_mode="no_encrypt" if ordering.request_macsec else None,
    )
    if existing is not None and existing.mac_sec_capable != lag.mac_sec_capable:
        raise ClientException(MACSEC_MISMATCH.format(existing.connection_id))
    return lag, members


def delete_lag(lag: Lag, live_members: int, ctx: Context) -> Lag:
    """The LAG ``deleting``; refused while it has virtual interfaces or connections [doc: Terraform's
    force_destroy deletes the connections first for this reason]."""
    if lag.lag_state in GONE_STATES:
        return lag
    if lag.vif_slots:
        raise ClientException(f"LAG {lag.lag_id} has {plural(len(lag.vif_slots), 'virtual interface')}: "
                              "delete them first")
    if lag.hosted_slots:  # a partner's LAG [choice: as DeleteInterconnect]
        raise ClientException(f"LAG {lag.lag_id} has {plural(len(lag.hosted_slots), 'hosted connection')}: "
                              "delete them first")
    if live_members:
        raise ClientException(f"LAG {lag.lag_id} has {plural(live_members, 'connection')}: delete them first")
    return replace(lag, lag_state="deleting", deleted_at=ctx.now, expires_at=ctx.expires_at)


def update_lag(lag: Lag, members: list[Connection], *, name: str | None, minimum_links: int | None,
               encryption_mode: str | None) -> tuple[Lag, list[Connection]]:
    """UpdateLag: its name, the operational-connection threshold (never above its connections, so
    the LAG does not fall below it [doc]) and the encryption mode, which its members take [doc]."""
    if lag.lag_state in GONE_STATES:
        raise ClientException(f"LAG {lag.lag_id} is {lag.lag_state}: it cannot be updated")
    if name is not None and not name:
        raise ClientException("lagName must not be empty")
    if minimum_links is not None and not 0 <= minimum_links <= len(lag.connection_ids):
        raise ClientException(f"minimumLinks {minimum_links} is not valid for LAG {lag.lag_id}: use 0 to its "
                              f"{plural(len(lag.connection_ids), 'connection')}")
    mode = checked_encryption_mode(encryption_mode)
    if mode is not None:
        checked_capable(lag)
    updated = replace(lag, lag_name=name or lag.lag_name,
                      minimum_links=lag.minimum_links if minimum_links is None else minimum_links,
                      encryption_mode=mode or lag.encryption_mode)
    return updated, [replace(conn, encryption_mode=mode) for conn in members] if mode else []
