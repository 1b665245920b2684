"""``@record`` (dx_emulator/records.py) makes what ``@dataclass(frozen=True, slots=True)`` makes, from
methods compiled ahead of time into records_compiled.py; that file must be current, and every record
must behave as dataclass would make it."""

from __future__ import annotations

import dataclasses
import importlib.machinery
import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from dx_emulator.records import REGISTRY, every_record, record
from tests.support.records_check import differences

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
OURS = every_record()


def test_the_compiled_file_is_current() -> None:
    text = (ROOT / "functions" / "dx_emulator" / "records_compiled.py").read_text()
    assert SCRIPT_MODULE.source(OURS) == text, "records_compiled.py is stale: run `make records`"
    stale = sorted(key for key, made in OURS.items() if not made.compiled)
    assert not stale, f"compiled at import, not ahead of time: {stale}; run `make records`"
    assert len(OURS) > 60  # every module was imported: the domain, store, operations, protocols


@pytest.mark.parametrize("key", sorted(OURS))
def test_each_record_behaves_as_dataclass_makes_it(key: str) -> None:
    assert differences(OURS[key]) == []


@record
class Hidden:
    """A field left out of repr (module-level, so it pickles)."""

    shown: str
    hidden: str = dataclasses.field(default="x", repr=False)


@record
class Flags:
    """Fields out of the comparison and in or out of the hash."""

    key: str
    note: str = dataclasses.field(default="", compare=False)
    weight: int = dataclasses.field(default=0, hash=False)
    label: str = dataclasses.field(default="", compare=False, hash=True)


def test_compare_and_hash_flags_are_kept() -> None:
    assert differences(REGISTRY[f"{__name__}.Flags"]) == []
    assert Flags("a", note="x") == Flags("a", note="y")
    assert Flags("a", weight=1) != Flags("a", weight=2)
    assert hash(Flags("a", weight=1)) == hash(Flags("a", weight=2)) == hash(("a", ""))
    assert hash(Flags("a", label="l")) == hash(("a", "l"))


def test_a_difference_is_found() -> None:
    """The comparison can fail: made from a body whose field is in repr, dataclass's repr shows it."""
    made = REGISTRY[f"{__name__}.Hidden"]
    tampered = made._replace(source=made.source._replace(namespace={**made.source.namespace, "hidden": "x"}))
    assert [line.split(":")[0] for line in differences(tampered)] == ["repr"]


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

    with pytest.raises(TypeError, match=r"Clash\._set: a record's fields are all in __init__ and named apart"):
        @record
        class Clash:
            """``_set`` is a name the generated __init__ uses."""

            _set: int


def test_records_are_what_dataclasses_sees() -> None:
    from dx_emulator.domain.model import Connection

    assert dataclasses.is_dataclass(Connection)
    # Not dataclass's own frozen machinery, so its parameters say so [choice, records.py].
    assert Connection.__dataclass_params__.frozen is False  # type: ignore[attr-defined]


def test_what_a_record_does_not_support_is_refused_at_import() -> None:
    with pytest.raises(TypeError, match=r"Late: a record does not call __post_init__; use @dataclass"):
        @record
        class Late:
            """Would set more after __init__."""

            a: int

            def __post_init__(self) -> None:
                pass

    with pytest.raises(TypeError, match=r"Initial\.seed: a record takes no InitVar; use @dataclass"):
        @record
        class Initial:
            """Takes a value only __init__ sees."""

            seed: dataclasses.InitVar[int]

    with pytest.raises(TypeError, match="Cannot overwrite attribute __setattr__ in class Settable"):
        @record
        class Settable:
            """Writes its own __setattr__, as dataclass(frozen=True) refuses too."""

            a: int

            def __setattr__(self, name: str, value: object) -> None:
                pass

    @dataclasses.dataclass
    class Plain:
        """A dataclass that is not a record (a frozen one dataclass refuses itself)."""

        a: int

    with pytest.raises(TypeError, match=r"Derived: a record's dataclass bases are records; .*Plain is not"):
        @record
        class Derived(Plain):  # type: ignore[misc]  # mypy refuses it too
            """On a plain dataclass."""

            b: int = 0


@record
class OwnEquality:  # noqa: PLW1641 - the point: dataclass writes the __hash__
    """Its own __eq__ (Python then sets __hash__ to None in the body); dataclass still writes a hash."""

    a: int
    b: int = 0

    def __eq__(self, other: object) -> bool:
        return isinstance(other, OwnEquality) and self.a == other.a

    def __getstate__(self) -> list[int]:
        return [self.a, self.b]


def test_a_records_own_methods_stay_and_its_hash_is_written_as_dataclass_writes_it() -> None:
    assert OwnEquality(1, 2) == OwnEquality(1, 3)
    assert hash(OwnEquality(1, 2)) == hash((1, 2))
    assert OwnEquality.__getstate__(OwnEquality(1, 2)) == [1, 2]
