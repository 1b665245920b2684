"""Domain values to PynamoDB attributes and back, by field name (items.py mirrors the dataclasses)."""

from __future__ import annotations

from dataclasses import fields
from typing import Any, TypeVar

from pynamodb.attributes import MapAttribute

from ..domain.model import BgpPeer, Tag, VifSlot
from .items import BgpPeerAttribute, TagAttribute, VifSlotAttribute

E = TypeVar("E")

# Fields holding tuples of values that are maps in DynamoDB.
NESTED: dict[str, tuple[type[Any], type[MapAttribute[str, Any]]]] = {
    "bgp_peers": (BgpPeer, BgpPeerAttribute),
    "tags": (Tag, TagAttribute),
    "vif_slots": (VifSlot, VifSlotAttribute),
}


def to_attributes(entity: Any) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for field in fields(entity):
        if field.name == "version":
            continue
        value = getattr(entity, field.name)
        if field.name in NESTED:
            attribute_class = NESTED[field.name][1]
            value = [attribute_class(**to_attributes(element)) for element in value]
        elif isinstance(value, tuple):
            value = list(value)
        values[field.name] = value
    return values


def from_attributes(entity_class: type[E], container: Any, **extra: Any) -> E:
    values: dict[str, Any] = {}
    for field in fields(entity_class):  # type: ignore[arg-type]
        if field.name == "version":
            continue
        value = getattr(container, field.name)
        if field.name in NESTED:
            element_class = NESTED[field.name][0]
            value = tuple(from_attributes(element_class, element) for element in value or ())
        elif isinstance(value, list):
            value = tuple(value)
        values[field.name] = value
    return entity_class(**values, **extra)
