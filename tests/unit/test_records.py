"""``@record`` (dx_emulator/records.py) makes what ``@dataclass(frozen=True, slots=True)`` makes, from
methods compiled ahead of time into records_compiled.py; that file must be current, and every record
must behave as dataclass would make it."""

from __future__ import annotations

import copy
import dataclasses
import importlib.machinery
import importlib.util
import inspect
import pickle
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from dx_emulator.records import REGISTRY, Made, record

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "compile-records"


def _script() -> ModuleType:
    loader = importlib.machinery.SourceFileLoader("compile_records", str(SCRIPT))
    spec = importlib.util.spec_from_loader("compile_records", loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


SCRIPT_MODULE = _script()
EVERY = SCRIPT_MODULE.import_everything()
OURS = {key: made for key, made in EVERY.items() if key.startswith("dx_emulator.")}
_REFERENCES: dict[type, type] = {}


def _reference(entry: Made) -> type:
    """The class as ``dataclass(frozen=True, slots=True)`` makes it from the same source (its record
    bases made the same way, as dataclass wants frozen bases under a frozen class)."""
    if entry.made not in _REFERENCES:
        by_class = {made.made: made for made in REGISTRY.values()}
        bases = tuple(_reference(by_class[base]) if base in by_class else base for base in entry.source.bases)
        plain = type(entry.source.name, bases, {**entry.source.namespace, "__qualname__": entry.made.__qualname__})
        _REFERENCES[entry.made] = dataclasses.dataclass(frozen=True, slots=True, kw_only=entry.source.kw_only)(plain)
    return _REFERENCES[entry.made]


def _parameters(cls: type) -> list[tuple[str, Any, str, Any]]:
    parameters = inspect.signature(vars(cls)["__init__"]).parameters.values()
    return [(p.name, p.kind, repr(p.default), p.annotation) for p in parameters]


def _arguments(cls: type) -> dict[str, Any]:
    """A value for every parameter, each its own and hashable (defaults are checked by signature;
    factories by test_factories_make_a_fresh_value_for_each_instance)."""
    return {name: f"<{name}>" for name in inspect.signature(vars(cls)["__init__"]).parameters if name != "self"}


def test_the_compiled_file_is_current() -> None:
    text = (ROOT / "functions" / "dx_emulator" / "records_compiled.py").read_text()
    assert SCRIPT_MODULE.source(EVERY) == text, "records_compiled.py is stale: run `make records`"
    stale = sorted(key for key, made in OURS.items() if not made.compiled)
    assert not stale, f"compiled at import, not ahead of time: {stale}; run `make records`"
    assert len(OURS) > 60  # every module was imported: the domain, store, operations, protocols


@pytest.mark.parametrize("key", sorted(OURS))
def test_each_record_behaves_as_dataclass_makes_it(key: str) -> None:
    entry = OURS[key]
    ours, theirs = entry.made, _reference(entry)
    assert [f.name for f in dataclasses.fields(ours)] == [f.name for f in dataclasses.fields(theirs)]
    assert _parameters(ours) == _parameters(theirs)
    assert ours.__match_args__ == theirs.__match_args__  # type: ignore[attr-defined]
    assert ours.__slots__ == theirs.__slots__  # type: ignore[attr-defined]
    assert ours.__doc__ == theirs.__doc__
    arguments = _arguments(ours)
    mine, reference = ours(**arguments), theirs(**arguments)
    assert repr(mine) == repr(reference)
    assert hash(mine) == hash(reference)
    assert mine == ours(**arguments)
    assert mine != reference  # another class: dataclass's __eq__ answers NotImplemented
    assert dataclasses.astuple(mine) == dataclasses.astuple(reference)
    for name in [f.name for f in dataclasses.fields(ours) if f.compare]:
        assert dataclasses.replace(mine, **{name: "<other>"}) != mine
        assert (dataclasses.replace(reference, **{name: "<other>"}) != reference)
    assert copy.copy(mine) == mine
    assert copy.deepcopy(mine) == mine
    assert pickle.loads(pickle.dumps(mine)) == mine
    for instance in (mine, reference):
        name = dataclasses.fields(instance)[0].name
        with pytest.raises(dataclasses.FrozenInstanceError, match=f"cannot assign to field '{name}'"):
            setattr(instance, name, "<changed>")
        with pytest.raises(dataclasses.FrozenInstanceError, match=f"cannot delete field '{name}'"):
            delattr(instance, name)
    # As python3.13's dataclass (3.11's slotted classes answer a TypeError from a stale super() here).
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'not_a_field'"):
        mine.not_a_field = 1


def test_factories_make_a_fresh_value_for_each_instance() -> None:
    @record
    class Bag:
        """A record with a default factory."""

        items: list[int] = dataclasses.field(default_factory=list)
        label: str = "bag"

    one, two = Bag(), Bag()
    assert one.items == [] and one.items is not two.items and one.label == "bag"
    assert Bag([1], "x") == Bag(items=[1], label="x")
    assert repr(Bag()) == "test_factories_make_a_fresh_value_for_each_instance.<locals>.Bag(items=[], label='bag')"


def test_a_class_not_in_the_compiled_file_gets_the_same_methods_compiled_at_import() -> None:
    @record(kw_only=True)
    class Fresh:
        """Not in records_compiled.py."""

        name: str
        size: int = 1

    made = REGISTRY[f"{__name__}.{Fresh.__qualname__}"]
    assert made.compiled is False
    assert Fresh(name="a") == Fresh(name="a", size=1) and hash(Fresh(name="a")) == hash(("a", 1))
    with pytest.raises(TypeError):
        Fresh("a")  # type: ignore[call-arg]  # keyword-only, as dataclass(kw_only=True) makes it


def test_a_record_refuses_what_dataclass_refuses_and_names_it_cannot_take() -> None:
    with pytest.raises(TypeError, match="non-default argument 'b' follows default argument 'a'"):
        @record
        class Misordered:
            """b has no default after a has one."""

            a: int = 0
            b: int  # type: ignore[misc]

    with pytest.raises(TypeError, match=r"Clash\.other: a record's fields are all in __init__ and named apart"):
        @record
        class Clash:
            """``other`` is a name the generated __eq__ uses."""

            other: int


def test_records_are_what_dataclasses_sees() -> None:
    from dx_emulator.domain.model import Connection

    assert dataclasses.is_dataclass(Connection)
    # Not dataclass's own frozen machinery, so its parameters say so [choice, records.py].
    assert Connection.__dataclass_params__.frozen is False  # type: ignore[attr-defined]
