"""Resiliency groups as PynamoDB models (attribute names are domain/resiliency.py's field names).

A group lives in its owner's partition for its region under its id (``dxrg-`` names its kind), its
associations a map keyed by connection id. A clientToken is an item of its own under
``resiliency-token#<token>``, so a request sent again with its token finds the group by key.
"""

from __future__ import annotations

from typing import Any

from pynamodb.attributes import ListAttribute, MapAttribute, NumberAttribute, UnicodeAttribute

from .items import BaseItem, TagAttribute


class ResiliencyGroupItem(BaseItem):
    owner_account = UnicodeAttribute()
    region = UnicodeAttribute()
    resiliency_group_id = UnicodeAttribute()
    resiliency_group_name = UnicodeAttribute()
    intended_resiliency_model = UnicodeAttribute()
    resiliency_group_state = UnicodeAttribute()
    created_at = NumberAttribute()
    tags = ListAttribute(of=TagAttribute, default=list)
    resiliency_associations: MapAttribute[str, Any] = MapAttribute(default=dict)  # type: ignore[no-untyped-call]


class ResiliencyClientTokenItem(BaseItem):
    owner_account = UnicodeAttribute()
    region = UnicodeAttribute()
    client_token = UnicodeAttribute()
    fingerprint = UnicodeAttribute()
    resiliency_group_id = UnicodeAttribute()
