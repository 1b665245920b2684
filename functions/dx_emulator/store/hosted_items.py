"""The hosted family as PynamoDB models (attribute names are the domain's fields).

An interconnect lives in its partner's partition for its region, under ``interconnect#`` (its id is
a ``dxcon-`` id like a connection's). A hosted VIF or hosted connection lives in its owner's
partition like any VIF or connection; the allocator keeps an ``allocation#`` item naming it.
"""

from __future__ import annotations

from typing import Any

from pynamodb.attributes import ListAttribute, MapAttribute, NumberAttribute, UnicodeAttribute

from .items import BaseItem, TagAttribute


class AllocationItem(BaseItem):
    owner_account = UnicodeAttribute()
    region = UnicodeAttribute()
    allocated_id = UnicodeAttribute()
    allocated_to = UnicodeAttribute()
    parent_id = UnicodeAttribute()


class InterconnectItem(BaseItem):
    owner_account = UnicodeAttribute()
    region = UnicodeAttribute()
    interconnect_id = UnicodeAttribute()
    interconnect_name = UnicodeAttribute()
    interconnect_state = UnicodeAttribute()
    location = UnicodeAttribute()
    bandwidth = UnicodeAttribute()
    aws_device = UnicodeAttribute()
    aws_logical_device_id = UnicodeAttribute()
    has_logical_redundancy = UnicodeAttribute()
    created_at = NumberAttribute()
    lag_id = UnicodeAttribute(null=True)
    provider_name = UnicodeAttribute(null=True)
    tags = ListAttribute(of=TagAttribute, default=list)
    hosted_slots: MapAttribute[str, Any] = MapAttribute(default=dict)  # type: ignore[no-untyped-call]
