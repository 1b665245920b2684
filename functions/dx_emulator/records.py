"""Frozen, slotted dataclasses whose generated methods are compiled ahead of time.

``@dataclass`` writes each class's ``__init__``, ``__repr__``, ``__eq__``, ``__hash__``,
``__setattr__`` and ``__delattr__`` as source text and compiles it on every import: two thirds of
the emulator's own cold start (docs/cold-start.md). ``@record`` makes a class that behaves as
``@dataclass(frozen=True, slots=True)`` makes it, from these parts:

- ``dataclass(slots=True, init=False, repr=False, eq=False)``: the fields, the slots, ``replace``,
  ``fields``, ``asdict``, ``__match_args__``, all ``dataclasses``' own;
- ``__init__``, the one method whose signature and speed need code of its own per class, written as
  python3.13's dataclasses writes it (``init_source``) into ``records_compiled.py`` by
  ``scripts/compile-records``: ordinary source, so Python caches its bytecode as any module's;
- ``__repr__``, ``__eq__``, ``__hash__``, the frozen ``__setattr__``/``__delattr__`` and the pickling
  pair: closures over the fields' names, nothing compiled per class (none is on a hot path).

The classes stay the one source of truth. A class whose fields no longer match what was compiled
(the file not regenerated) gets the same ``__init__`` compiled at import: slower, never different.
tests/unit/test_records.py fails until the file is regenerated, and checks every record against
``dataclass(frozen=True, slots=True)`` (signature, repr, equality, hash, immutability, copies).
Differences, chosen [choice: nothing here relies on them]:

- ``__dataclass_params__.frozen`` is False, since dataclass's own frozen methods are not used
  (immutability itself is tested). So a record's dataclass bases must be records, checked here.
- ``__eq__`` compares field by field, as python3.13 writes it, on 3.11 too (3.11 compares tuples:
  a field holding the same NaN object twice is equal there, not here).
- Assigning a name that is not a field raises FrozenInstanceError, as dataclass means to (CPython
  3.11 and 3.13.0 answer a TypeError from a stale ``super()`` in slotted classes, gh-105936).
- ``__post_init__``, ``InitVar`` and an own ``__setattr__``/``__delattr__`` are refused at import
  rather than handled differently: use ``@dataclass`` for such a class.
"""

from __future__ import annotations

import abc
import inspect
import itertools
import reprlib
from collections.abc import Callable
from dataclasses import MISSING, Field, FrozenInstanceError, dataclass, field, fields
from typing import Any, NamedTuple, TypeVar, dataclass_transform, overload

from .records_compiled import COMPILED

T = TypeVar("T")
# Per field, what __init__ depends on: name, keyword-only, has a default, has a default factory.
FieldShape = tuple[str, bool, bool, bool]
Init = Callable[..., None]
Builder = Callable[[dict[str, Any], dict[str, Any], Callable[..., None], object], Init]
# Names the generated __init__ uses itself, which a field must not take.
RESERVED = frozenset({"self", "_set", "_factory", "_defaults", "_factories"})


class Shape(NamedTuple):
    """What a compiled ``__init__`` depends on; it is used only for a class of this shape."""

    fields: tuple[FieldShape, ...]
    own_init: bool  # the class writes its own __init__ (dataclass leaves it alone too): none compiled


class Source(NamedTuple):
    """A record class as written, before any decorator (the tests rebuild it with dataclass)."""

    name: str
    bases: tuple[type, ...]
    namespace: dict[str, Any]
    kw_only: bool


class Made(NamedTuple):
    source: Source
    made: type
    shape: Shape
    compiled: bool  # False: its __init__ was compiled at import (records_compiled.py is stale)


# Every record class, by ``module.qualname``, as its module's import made it.
REGISTRY: dict[str, Made] = {}
_MADE: set[type] = set()


class _Factory:
    """The default of a parameter whose field has a default factory (as dataclass's sentinel)."""

    def __repr__(self) -> str:
        return "<factory>"


FACTORY = _Factory()


def shape_of(made: type, source: Source) -> Shape:
    shapes: list[FieldShape] = []
    for item in fields(made):
        if not item.init or item.name in RESERVED or item.name.startswith(("_d_", "_f_")):
            raise TypeError(f"{made.__qualname__}.{item.name}: a record's fields are all in __init__ and "
                            f"named apart from {sorted(RESERVED)} and the _d_/_f_ prefixes")
        shapes.append((item.name, bool(item.kw_only), item.default is not MISSING, item.default_factory is not MISSING))
    return Shape(tuple(shapes), "__init__" in source.namespace)


def _refuse_unsupported(made: type, source: Source) -> None:
    """What dataclass supports and a record does not: refused, rather than silently different."""
    for name in ("__setattr__", "__delattr__"):
        if name in source.namespace:  # dataclass(frozen=True) refuses these too, in these words
            raise TypeError(f"Cannot overwrite attribute {name} in class {source.name}")
    if hasattr(made, "__post_init__"):
        raise TypeError(f"{source.name}: a record does not call __post_init__; use @dataclass for this class")
    pseudo = [item for item in made.__dataclass_fields__.values() if "InitVar" in str(item.type)]  # type: ignore[attr-defined]
    if pseudo:
        raise TypeError(f"{source.name}.{pseudo[0].name}: a record takes no InitVar; use @dataclass for this class")
    for base in made.__mro__[1:]:
        if hasattr(base, "__dataclass_fields__") and base not in _MADE:
            raise TypeError(f"{source.name}: a record's dataclass bases are records; {base.__qualname__} is not")


def init_source(name: str, shape: Shape) -> list[str]:
    """The lines of a function ``name(_defaults, _factories, _set, _factory)`` returning the
    ``__init__`` a class of ``shape`` gets, as python3.13's dataclasses writes it for frozen=True."""
    items = shape.fields

    def parameter(item: FieldShape) -> str:
        return f"{item[0]}=_factory" if item[3] else f"{item[0]}=_d_{item[0]}" if item[2] else item[0]

    positional = [item for item in items if not item[1]]
    for before, after in itertools.pairwise(positional):
        if (before[2] or before[3]) and not (after[2] or after[3]):
            raise TypeError(f"non-default argument {after[0]!r} follows default argument {before[0]!r}")
    keywords = [parameter(item) for item in items if item[1]]
    signature = ", ".join(["self", *map(parameter, positional), *(["*", *keywords] if keywords else [])])
    return [f"def {name}(_defaults, _factories, _set, _factory):",
            *(f"    _d_{item[0]} = _defaults[{item[0]!r}]" for item in items if item[2]),
            *(f"    _f_{item[0]} = _factories[{item[0]!r}]" for item in items if item[3]),
            f"    def __init__({signature}):",
            *(f"        _set(self, {item[0]!r}, _f_{item[0]}() if {item[0]} is _factory else {item[0]})"
              if item[3] else f"        _set(self, {item[0]!r}, {item[0]})" for item in items),
            *(["        pass"] if not items else []),
            "    return __init__"]


def _compile_now(shape: Shape) -> Builder:
    """The slow path, for a class records_compiled.py does not have as it is now."""
    namespace: dict[str, Any] = {}
    exec("\n".join(init_source("build", shape)), {}, namespace)  # noqa: S102 - our own generated text
    return namespace["build"]  # type: ignore[no-any-return]


def _methods(made: type[Any], namespace: dict[str, Any]) -> None:
    """The methods dataclass(frozen=True) writes but ``__init__``, as closures over the fields' names:
    the same answers as its generated ones (3.13's ``__eq__``: field by field, the last comparison's
    value). A method the class writes itself stays, as dataclass leaves it."""
    known = fields(made)
    names = frozenset(item.name for item in known)
    ordered = [item.name for item in known]
    shown = [item.name for item in known if item.repr]
    compared = [item.name for item in known if item.compare]
    hashed = [item.name for item in known if item.hash or (item.hash is None and item.compare)]

    @reprlib.recursive_repr()  # as dataclass guards a repr that reaches itself
    def __repr__(self: Any) -> str:
        return f"{self.__class__.__qualname__}({', '.join(f'{name}={getattr(self, name)!r}' for name in shown)})"

    def __eq__(self: Any, other: Any) -> Any:
        if self is other:
            return True
        if other.__class__ is not self.__class__:
            return NotImplemented
        result: Any = True
        for name in compared:
            result = getattr(self, name) == getattr(other, name)
            if not result:
                break
        return result

    def __hash__(self: Any) -> int:
        return hash(tuple([getattr(self, name) for name in hashed]))

    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is made or name in names:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        super(made, self).__setattr__(name, value)

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is made or name in names:
            raise FrozenInstanceError(f"cannot delete field {name!r}")
        super(made, self).__delattr__(name)

    def __getstate__(self: Any) -> list[Any]:
        return [getattr(self, name) for name in ordered]

    def __setstate__(self: Any, state: list[Any]) -> None:
        for name, value in zip(ordered, state, strict=False):  # as dataclass's, not strict
            object.__setattr__(self, name, value)

    # Python puts a None __hash__ beside an own __eq__: dataclass still writes a __hash__ then.
    own_hash = namespace.get("__hash__", MISSING) is not MISSING and not (
        namespace["__hash__"] is None and "__eq__" in namespace)
    for method in (__repr__, __eq__, __hash__, __setattr__, __delattr__, __getstate__, __setstate__):
        name = method.__name__
        if (name in namespace and name not in ("__setattr__", "__delattr__", "__hash__")) or (
                name == "__hash__" and own_hash):
            continue
        method.__qualname__ = f"{made.__qualname__}.{name}"
        method.__module__ = made.__module__
        setattr(made, name, method)


def _make(cls: type[T], kw_only: bool) -> type[T]:
    # The class's body as written, before dataclass changes it: what the tests rebuild with dataclass.
    namespace = {key: value for key, value in cls.__dict__.items() if key not in ("__dict__", "__weakref__")}
    source = Source(cls.__name__, cls.__bases__, namespace, kw_only)
    key = f"{cls.__module__}.{cls.__qualname__}"
    made: type[Any] = dataclass(slots=True, init=False, repr=False, eq=False, kw_only=kw_only)(cls)
    _refuse_unsupported(made, source)
    shape = shape_of(made, source)
    compiled = COMPILED.get(key)
    fresh = shape.own_init or (compiled is not None and compiled[0] == shape)
    if not shape.own_init:
        build: Builder = compiled[1] if fresh else _compile_now(shape)  # type: ignore[index]
        known = fields(made)
        defaults = {item.name: item.default for item in known if item.default is not MISSING}
        factories = {item.name: item.default_factory for item in known if item.default_factory is not MISSING}
        init = build(defaults, factories, object.__setattr__, FACTORY)
        init.__qualname__, init.__module__ = f"{made.__qualname__}.__init__", made.__module__
        init.__annotations__ = {item.name: item.type for item in known} | {"return": None}  # as dataclass's
        made.__init__ = init
    _methods(made, namespace)
    if not namespace.get("__doc__"):  # as dataclass documents an undocumented class: its signature
        made.__doc__ = source.name + str(inspect.signature(made)).replace(" -> None", "")
    abc.update_abstractmethods(made)  # as dataclass: a method it wrote may fill an abstract one
    REGISTRY[key] = Made(source, made, shape, fresh)
    _MADE.add(made)
    return made


def every_record() -> dict[str, Made]:
    """Every record class of the package, each of its modules imported: what scripts/compile-records
    compiles and the tests check."""
    import importlib  # noqa: PLC0415 - not on the cold start's path
    import pkgutil  # noqa: PLC0415

    package = __name__.rpartition(".")[0]
    for module in pkgutil.walk_packages(importlib.import_module(package).__path__, f"{package}."):
        importlib.import_module(module.name)
    return {key: made for key, made in REGISTRY.items() if key.startswith(f"{package}.")}


@overload
def record(cls: type[T], /) -> type[T]: ...
@overload
def record(*, kw_only: bool = False) -> Callable[[type[T]], type[T]]: ...
@dataclass_transform(frozen_default=True, field_specifiers=(field, Field))
def record(cls: type[T] | None = None, /, *, kw_only: bool = False) -> type[T] | Callable[[type[T]], type[T]]:
    """``@dataclass(frozen=True, slots=True)``, its ``__init__`` compiled ahead of time (the module's docstring)."""
    if cls is None:
        return lambda later: _make(later, kw_only)
    return _make(cls, kw_only)
