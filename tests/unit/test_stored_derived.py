"""``stored.derived`` copies an entity without its ``__init__``: it must make exactly what
``dataclasses.replace`` makes, for every class of the domain, whatever the fields changed."""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import fields, is_dataclass, make_dataclass, replace
from typing import Any

import pytest

from dx_emulator import domain
from dx_emulator.domain.stored import derived


def _domain_classes() -> list[type[Any]]:
    """Every dataclass the domain defines (derived may be asked to copy any of them)."""
    found: dict[str, type[Any]] = {}
    for module in pkgutil.walk_packages(domain.__path__, f"{domain.__name__}."):
        for value in vars(importlib.import_module(module.name)).values():
            if isinstance(value, type) and is_dataclass(value) and value.__module__.startswith(domain.__name__):
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return [found[name] for name in sorted(found)]


CLASSES = _domain_classes()


def _made(kind: type[Any], tag: str) -> Any:
    """An instance whose every field holds a value of its own (``__init__`` checks no types)."""
    return kind(**{item.name: (tag, item.name) for item in fields(kind)})


def test_the_domain_classes_are_found() -> None:
    names = {kind.__name__ for kind in CLASSES}
    assert {"Connection", "Lag", "VirtualInterface", "BgpPeer", "MacSecKey", "Interconnect", "Account"} <= names


@pytest.mark.parametrize("kind", CLASSES, ids=lambda kind: kind.__qualname__)
def test_no_domain_class_needs_its_init_run(kind: type[Any]) -> None:
    # derived skips __init__: sound only while no class computes anything in it.
    assert not hasattr(kind, "__post_init__")
    assert all(item.init for item in fields(kind))


@pytest.mark.parametrize("kind", CLASSES, ids=lambda kind: kind.__qualname__)
def test_derived_is_replace_for_every_field(kind: type[Any]) -> None:
    entity = _made(kind, "old")
    before = replace(entity)
    plain = derived(entity)
    assert plain == replace(entity) and type(plain) is kind and plain is not entity
    for item in fields(kind):
        copy = derived(entity, **{item.name: "new"})
        expected = replace(entity, **{item.name: "new"})
        assert copy == expected and type(copy) is kind
        # Every field, one by one, not only what __eq__ compares.
        assert [getattr(copy, f.name) for f in fields(kind)] == [getattr(expected, f.name) for f in fields(kind)]
    everything = {item.name: ("new", item.name) for item in fields(kind)}
    assert derived(entity, **everything) == replace(entity, **everything) == _made(kind, "new")
    assert entity == before  # the original untouched


@pytest.mark.parametrize("kind", CLASSES, ids=lambda kind: kind.__qualname__)
def test_a_derived_copy_stays_frozen(kind: type[Any]) -> None:
    copy = derived(_made(kind, "old"))
    first = fields(kind)[0].name
    with pytest.raises(AttributeError):
        setattr(copy, first, "changed")


def test_unknown_fields_are_refused_before_anything_is_copied() -> None:
    kind = next(kind for kind in CLASSES if kind.__name__ == "Connection")
    entity = _made(kind, "old")
    with pytest.raises(TypeError, match=r"^Connection has no field connection_status$"):
        derived(entity, connection_status="available")
    with pytest.raises(TypeError, match=r"^Connection has no field a, b$"):
        derived(entity, b=1, connection_state="x", a=2)
    with pytest.raises(TypeError):
        replace(entity, connection_status="available")  # as replace refuses it


@pytest.mark.parametrize("names", [(), ("a",), ("a", "b")])
def test_classes_of_no_field_or_one_field_are_copied_too(names: tuple[str, ...]) -> None:
    # attrgetter of one name answers the value, not a tuple: derived must not depend on it.
    kind = make_dataclass(f"Fields{len(names)}", names, frozen=True, slots=True)
    entity = kind(*(f"{name}-old" for name in names))
    assert derived(entity) == replace(entity)
    for name in names:
        assert derived(entity, **{name: "new"}) == replace(entity, **{name: "new"})


def test_a_class_without_slots_is_copied_too() -> None:
    kind = make_dataclass("Unslotted", ["a", "b"], frozen=True)
    entity = kind("a-old", "b-old")
    assert derived(entity, b="new") == replace(entity, b="new") == kind("a-old", "new")
