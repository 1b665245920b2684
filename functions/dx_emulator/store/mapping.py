"""Domain values to PynamoDB attributes and back, by field name (items.py mirrors the dataclasses).

Most fields copy as they are; the few whose DynamoDB form differs have a converter pair below.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from datetime import UTC, datetime
from typing import Any, TypeVar

from ..domain.model import BgpPeer, FailoverTest, Tag, VifSlot
from .items import BgpPeerAttribute, FailoverTestAttribute, TagAttribute

E = TypeVar("E")
Converter = tuple[Callable[[Any], Any], Callable[[Any], Any]]


def _slots_out(slots: tuple[VifSlot, ...]) -> dict[str, Any]:
    return {slot.virtual_interface_id: {"vlan": slot.vlan, "virtual_interface_type": slot.virtual_interface_type,
                                        **({"connection_id": slot.connection_id} if slot.connection_id else {})}
            for slot in slots}


def _slots_in(stored: Any) -> tuple[VifSlot, ...]:
    values = stored.as_dict() if hasattr(stored, "as_dict") else (stored or {})
    return tuple(VifSlot(vif_id, int(slot["vlan"]), slot["virtual_interface_type"], slot.get("connection_id"))
                 for vif_id, slot in sorted(values.items()))


def _time_out(epoch: float | None) -> datetime | None:
    return None if epoch is None else datetime.fromtimestamp(epoch, UTC)


def _time_in(moment: datetime | None) -> float | None:
    return None if moment is None else moment.timestamp()


def _maps(element_class: type[Any], attribute_class: type[Any]) -> Converter:
    return (lambda values: [attribute_class(**to_attributes(value)) for value in values],
            lambda stored: tuple(from_attributes(element_class, value) for value in stored or ()))


CONVERTERS: dict[str, Converter] = {
    "bgp_peers": _maps(BgpPeer, BgpPeerAttribute),
    "tags": _maps(Tag, TagAttribute),
    "failover_tests": _maps(FailoverTest, FailoverTestAttribute),
    "vif_slots": (_slots_out, _slots_in),
    "expires_at": (_time_out, _time_in),
    # String sets: DynamoDB has no empty set, PynamoDB stores none for an empty one.
    "connection_ids": (lambda ids: set(ids) or None, lambda stored: tuple(sorted(stored or ()))),
}


def to_attributes(entity: Any) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for field in fields(entity):
        if field.name == "version":
            continue
        value = getattr(entity, field.name)
        if field.name in CONVERTERS:
            value = CONVERTERS[field.name][0](value)
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
        if field.name in CONVERTERS:
            value = CONVERTERS[field.name][1](value)
        elif isinstance(value, list):
            value = tuple(value)
        values[field.name] = value
    return entity_class(**values, **extra)
