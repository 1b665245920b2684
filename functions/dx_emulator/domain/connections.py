"""CreateConnection's rules."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import ClientException
from .context import Context
from .model import Connection, Tag
from .tags import checked_tags, logical_redundancy

# The port speeds AWS sells as dedicated connections; hosted speeds come from partners [doc].
DEDICATED_BANDWIDTHS = ("1Gbps", "10Gbps", "100Gbps", "400Gbps")


@dataclass(frozen=True, slots=True)
class NewConnection:
    location: str | None = None
    bandwidth: str | None = None
    connection_name: str | None = None
    lag_id: str | None = None
    tags: tuple[Tag, ...] = ()


def _required(value: str | None, name: str) -> str:
    if not value:
        raise ClientException(f"{name} is required")
    return value


def create_connection(request: NewConnection, ctx: Context) -> Connection:
    location = _required(request.location, "location")
    bandwidth = _required(request.bandwidth, "bandwidth")
    name = _required(request.connection_name, "connectionName")
    if bandwidth not in DEDICATED_BANDWIDTHS:
        raise ClientException(
            f"Bandwidth {bandwidth} is not available for a dedicated connection: use one of "
            + ", ".join(DEDICATED_BANDWIDTHS)
        )
    tags = checked_tags(request.tags)
    device = ctx.device_name(location)
    return Connection(
        owner_account=ctx.account,
        region=ctx.region,
        connection_id=ctx.new_id("dxcon"),
        connection_name=name,
        connection_state="requested",
        location=location,
        bandwidth=bandwidth,
        aws_device=device,
        aws_logical_device_id=ctx.device_name(location),
        has_logical_redundancy=logical_redundancy(tags),
        created_at=ctx.now,
        lag_id=request.lag_id,
        tags=tags,
    )
