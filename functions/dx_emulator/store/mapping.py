"""Domain values to PynamoDB attributes and back, by field name (items.py mirrors the dataclasses).

Most fields copy as they are; the few whose DynamoDB form differs have a converter pair below.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import asdict, fields
from datetime import UTC, datetime
from typing import Any, TypeVar

from ..lazy import load

E = TypeVar("E")
Converter = tuple[Callable[[Any], Any], Callable[[Any], Any]]


def _domain(where: str) -> type[Any]:
    """A domain class by name (``model:VifSlot``), imported when its field is first converted: the
    families' classes load with the family (lazy.py)."""
    element_class: type[Any] = load(f"..domain.{where}", __name__)
    return element_class


@functools.cache
def _numeric(element: str) -> frozenset[str]:
    return frozenset(field.name for field in fields(_domain(element)) if field.type == "int")


def _keyed(element: str, key: str) -> Converter:
    """Slots stored as a map keyed by their id, so an update can drop one without a read
    (``REMOVE vif_slots.<id>``). Numbers come back from an untyped map as they went in."""

    def out(slots: tuple[Any, ...]) -> dict[str, Any]:
        return {getattr(slot, key): {name: value for name, value in asdict(slot).items()
                                     if name != key and value is not None} for slot in slots}

    def into(stored: Any) -> tuple[Any, ...]:
        values = stored.as_dict() if hasattr(stored, "as_dict") else (stored or {})
        element_class, numeric = _domain(element), _numeric(element)
        return tuple(element_class(**{key: slot_id, **{name: int(value) if name in numeric else value
                                                         for name, value in slot.items()}})
                     for slot_id, slot in sorted(values.items()))

    return out, into


def _time_out(epoch: float | None) -> datetime | None:
    return None if epoch is None else datetime.fromtimestamp(epoch, UTC)


def _time_in(moment: datetime | None) -> float | None:
    return None if moment is None else moment.timestamp()


def _set_out(ids: tuple[str, ...]) -> set[str] | None:
    return set(ids) or None


def _set_in(stored: Any) -> tuple[str, ...]:
    return tuple(sorted(stored or ()))


def _numbers(kind: Callable[[Any], Any]) -> Converter:
    """An untyped map of numbers by id (manual mode's releases and read counts)."""
    def into(stored: Any) -> dict[str, Any]:
        values = stored.as_dict() if hasattr(stored, "as_dict") else (stored or {})
        return {key: kind(value) for key, value in values.items()}

    return dict, into


def _maps(element: str, attribute: str) -> Converter:
    """A list of maps: the domain's ``element`` class, PynamoDB's ``attribute`` class (in store/)."""
    return (lambda values: [load(f".{attribute}", __name__)(**to_attributes(value)) for value in values],
            lambda stored: tuple(from_attributes(_domain(element), value) for value in stored or ()))


# Tuples of slots held as a map by one of their fields, so an update can drop one without a read.
KEYED: dict[str, tuple[str, str]] = {
    "vif_slots": ("model:VifSlot", "virtual_interface_id"),
    "hosted_slots": ("model:HostedSlot", "connection_id"),
    "resiliency_associations": ("resiliency:ResiliencyAssociation", "connection_id"),
    "attachments": ("gateways.gateways:AttachmentSlot", "virtual_interface_id"),
    "associations": ("gateways.gateways:AssociationSlot", "association_id"),
    "proposals": ("gateways.gateways:ProposalSlot", "proposal_id"),
    "association_links": ("gateways.associations:LinkSlot", "link_id"),
    "proposal_links": ("gateways.associations:LinkSlot", "link_id"),
}
# Tuples of ids held as a string set.
SETS = frozenset({"connection_ids", "gateway_ids"})

# Tuples of values held as a list of maps: the domain's class, PynamoDB's map attribute class.
MAPS: dict[str, tuple[str, str]] = {
    "bgp_peers": ("model:BgpPeer", "items:BgpPeerAttribute"),
    "tags": ("model:Tag", "items:TagAttribute"),
    "failover_tests": ("model:FailoverTest", "items:FailoverTestAttribute"),
    "mac_sec_keys": ("model:MacSecKey", "items:MacSecKeyAttribute"),
    "gateways": ("gateways.ec2:Ec2Gateway", "gateway_items:Ec2GatewayAttribute"),
}

CONVERTERS: dict[str, Converter] = {
    **{name: _maps(element, attribute) for name, (element, attribute) in MAPS.items()},
    **{name: _keyed(element, key) for name, (element, key) in KEYED.items()},
    "expires_at": (_time_out, _time_in),
    "releases": _numbers(float),
    "manual_reads": _numbers(int),
    # String sets: DynamoDB has no empty set, PynamoDB stores none for an empty one.
    **dict.fromkeys(SETS, (_set_out, _set_in)),
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
