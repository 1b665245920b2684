"""CreateInterconnect and DeleteInterconnect's rules: a partner's port, on which it hosts connections."""

from __future__ import annotations

from dataclasses import replace

from ...errors import ClientException
from ...records import record
from ..connections import plural, required
from ..context import Context
from ..locations import checked_location
from ..model import GONE_STATES, Tag
from ..tags import checked_tags, logical_redundancy
from .model import Interconnect

# AWS's example sends "1Gbps"; the model's text says "1, 10 and 100" Gbps [doc].
INTERCONNECT_BANDWIDTHS = ("1Gbps", "10Gbps", "100Gbps")


@record
class NewInterconnect:
    interconnect_name: str | None = None
    bandwidth: str | None = None
    location: str | None = None
    provider_name: str | None = None
    tags: tuple[Tag, ...] = ()


def create_interconnect(request: NewInterconnect, ctx: Context) -> Interconnect:
    name = required(request.interconnect_name, "interconnectName")
    location = checked_location(required(request.location, "location"), ctx.region, ctx.strict_locations)
    bandwidth = required(request.bandwidth, "bandwidth")
    if bandwidth not in INTERCONNECT_BANDWIDTHS:
        raise ClientException(f"Bandwidth {bandwidth} is not available for an interconnect: use one of "
                              + ", ".join(INTERCONNECT_BANDWIDTHS))
    tags = checked_tags(request.tags)
    return Interconnect(
        owner_account=ctx.account,
        region=ctx.region,
        interconnect_id=ctx.new_id("dxcon"),  # AWS's interconnect ids are connection ids [doc]
        interconnect_name=name,
        interconnect_state="requested",
        location=location,
        bandwidth=bandwidth,
        aws_device=ctx.device_name(location),
        aws_logical_device_id=ctx.device_name(location),
        has_logical_redundancy=logical_redundancy(tags),
        created_at=ctx.now,
        provider_name=request.provider_name,
        tags=tags,
    )


def delete_interconnect(interconnect: Interconnect, ctx: Context) -> Interconnect:
    """``deleting``; refused while it hosts connections [choice, as a connection with VIFs is]."""
    if interconnect.interconnect_state in GONE_STATES:
        return interconnect
    if interconnect.hosted_slots:
        count = plural(len(interconnect.hosted_slots), "hosted connection")
        raise ClientException(f"Interconnect {interconnect.interconnect_id} has {count}: delete them first")
    return replace(interconnect, interconnect_state="deleting", deleted_at=ctx.now, expires_at=ctx.expires_at)
