"""The hosted family's resources, as plain immutable values like domain/model.py's."""

from __future__ import annotations

from ...records import record
from ..model import HostedSlot, Tag
from ..stored import Deletable, Expiring


@record
class Allocation(Expiring):
    """What an account allocated to another: a hosted VIF or hosted connection, which lives in the
    other account's partition (its owner's). The allocator keeps this, in its own partition, to
    find, list and delete what it allocated."""

    owner_account: str  # the allocator, whose partition holds this
    region: str
    allocated_id: str  # dxvif-… or dxcon-…
    allocated_to: str
    parent_id: str  # the connection, LAG or interconnect it is on

    @property
    def resource_id(self) -> str:
        return self.allocated_id


@record
class Interconnect(Deletable):
    owner_account: str
    region: str
    interconnect_id: str
    interconnect_name: str
    interconnect_state: str
    location: str
    bandwidth: str
    aws_device: str
    aws_logical_device_id: str
    has_logical_redundancy: str
    created_at: float
    lag_id: str | None = None
    provider_name: str | None = None
    tags: tuple[Tag, ...] = ()
    hosted_slots: tuple[HostedSlot, ...] = ()

    @property
    def resource_id(self) -> str:
        return self.interconnect_id

    @property
    def state(self) -> str:
        return self.interconnect_state
