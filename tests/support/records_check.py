"""Every ``@record`` class against the class ``dataclass(frozen=True, slots=True)`` makes from the same
body: the standard library only, so tests/unit/test_records.py runs it on this Python and
tests/artifact/test_records_runtime.py on the built artifact under python3.13 (Lambda's runtime)."""

from __future__ import annotations

import copy
import dataclasses
import inspect
import pickle
from typing import Any

from dx_emulator.records import REGISTRY, Made

_REFERENCES: dict[type, type] = {}


def reference(entry: Made) -> type:
    """The class as ``dataclass(frozen=True, slots=True)`` makes it from the same source (its record
    bases made the same way, as dataclass wants frozen bases under a frozen class)."""
    if entry.made not in _REFERENCES:
        by_class = {made.made: made for made in REGISTRY.values()}
        bases = tuple(reference(by_class[base]) if base in by_class else base for base in entry.source.bases)
        namespace = {**entry.source.namespace, "__qualname__": entry.made.__qualname__}
        plain = type(entry.made)(entry.source.name, bases, namespace)  # its metaclass too
        _REFERENCES[entry.made] = dataclasses.dataclass(frozen=True, slots=True, kw_only=entry.source.kw_only)(plain)
    return _REFERENCES[entry.made]


def _parameters(cls: type) -> list[tuple[str, Any, str, Any]]:
    parameters = inspect.signature(vars(cls)["__init__"]).parameters.values()
    return [(p.name, p.kind, repr(p.default), p.annotation) for p in parameters]


def _defaulted(cls: type) -> list[tuple[str, str, str, bool]]:
    """Two instances made with the required arguments only: per field, the type and repr of what
    its default gave (an object's address left out), and whether the two share it (a factory's
    list is fresh each time; ``tuple()`` is not)."""
    required = {p.name: f"<{p.name}>" for p in inspect.signature(vars(cls)["__init__"]).parameters.values()
                if p.name != "self" and p.default is inspect.Parameter.empty}
    one, two = cls(**required), cls(**required)
    shown = []
    for item in dataclasses.fields(cls):
        value = getattr(one, item.name)
        text = repr(value) if " at 0x" not in repr(value) else ""
        shown.append((item.name, type(value).__qualname__, text, value is getattr(two, item.name)))
    return shown


def _refusal(action: Any) -> str:
    """What ``action`` raised, as type and message ("" if nothing)."""
    try:
        action()
    except Exception as error:
        return f"{type(error).__name__}: {error}"
    return ""


def differences(entry: Made) -> list[str]:
    """Where the record ``entry`` differs from ``reference(entry)``: empty when it does not."""
    ours, theirs = entry.made, reference(entry)
    found = []

    def same(what: str, mine: object, reference_: object) -> None:
        if mine != reference_:
            found.append(f"{what}: {mine!r} != {reference_!r}")

    same("fields", [f.name for f in dataclasses.fields(ours)], [f.name for f in dataclasses.fields(theirs)])
    same("__init__", _parameters(ours), _parameters(theirs))
    same("__match_args__", ours.__match_args__, theirs.__match_args__)  # type: ignore[attr-defined]
    same("__slots__", ours.__slots__, theirs.__slots__)  # type: ignore[attr-defined]
    same("__doc__", ours.__doc__, theirs.__doc__)
    # A value for every parameter, each its own and hashable (defaults are compared in __init__).
    arguments = {name: f"<{name}>" for name in inspect.signature(vars(ours)["__init__"]).parameters if name != "self"}
    mine, theirs_ = ours(**arguments), theirs(**arguments)
    same("repr", repr(mine), repr(theirs_))
    same("hash", hash(mine), hash(theirs_))
    same("equal to its like", mine == ours(**arguments), True)
    same("__eq__ with the other class's", mine.__eq__(theirs_), theirs_.__eq__(mine))  # NotImplemented
    same("astuple", dataclasses.astuple(mine), dataclasses.astuple(theirs_))
    for name in [f.name for f in dataclasses.fields(ours) if f.compare]:
        same(f"equal with {name} changed", dataclasses.replace(mine, **{name: "<other>"}) == mine, False)
    same("defaults", _defaulted(ours), _defaulted(theirs))
    same("copy", copy.copy(mine), mine)
    same("deepcopy", copy.deepcopy(mine), mine)
    same("pickle", pickle.loads(pickle.dumps(mine)), mine)
    if arguments:
        name = next(iter(arguments))
        same("assigning a field", _refusal(lambda: setattr(mine, name, 1)), _refusal(lambda: setattr(theirs_, name, 1)))
        same("deleting a field", _refusal(lambda: delattr(mine, name)), _refusal(lambda: delattr(theirs_, name)))
    # As dataclass means to (3.11's and 3.13.0's slotted classes answer a TypeError from a stale
    # super() here, gh-105936): records.py's docstring.
    same("assigning a non-field", _refusal(lambda: setattr(mine, "not_a_field", 1)),
         "FrozenInstanceError: cannot assign to field 'not_a_field'")
    return found
