"""Frozen, slotted dataclasses whose generated methods are compiled ahead of time.

``@dataclass`` writes each class's ``__init__``, ``__repr__``, ``__eq__``, ``__hash__``,
``__setattr__`` and ``__delattr__`` as source text and compiles it on every import: two thirds of
the emulator's own cold start (docs/cold-start.md). ``@record`` makes a class that behaves as
``@dataclass(frozen=True, slots=True)`` makes it, from these parts:

- ``dataclass(slots=True, init=False, repr=False, eq=False)``: the fields, the slots, ``replace``,
  ``fields``, ``asdict``, ``__match_args__``, all ``dataclasses``' own;
- ``__init__``, ``__repr__``, ``__eq__`` and ``__hash__`` written as python3.13's dataclasses writes
  them (``methods_source``), into ``records_compiled.py`` by ``scripts/compile-records``: ordinary
  source, so Python caches its bytecode as it does any module's;
- frozen ``__setattr__``/``__delattr__`` and the pickling pair, plain functions that need no code
  written per class.

The classes stay the one source of truth. A class whose fields no longer match what was compiled
(the file not regenerated) gets the same methods compiled at import: slower, never different.
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
# Per field: name, keyword-only, has a default, has a default factory, in repr, compared, hash flag.
FieldShape = tuple[str, bool, bool, bool, bool, bool, bool | None]
Methods = dict[str, Callable[..., Any]]
Builder = Callable[[dict[str, Any], dict[str, Any], Callable[..., None], object], Methods]
METHODS = ("__init__", "__repr__", "__eq__", "__hash__")
# Names the generated code uses itself, which a field must not take.
RESERVED = frozenset({"self", "other", "_set", "_factory", "_defaults", "_factories"})


class Shape(NamedTuple):
    """What the compiled methods depend on; they are used only for a class of this shape."""

    fields: tuple[FieldShape, ...]
    own: tuple[str, ...]  # the METHODS the class writes itself (dataclass leaves those alone too)


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
    compiled: bool  # False: its methods were compiled at import (records_compiled.py is stale)


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
        shapes.append((item.name, bool(item.kw_only), item.default is not MISSING,
                       item.default_factory is not MISSING, item.repr, item.compare, item.hash))
    own = [name for name in METHODS if name in source.namespace]
    if source.namespace.get("__hash__", MISSING) is None and "__eq__" in source.namespace:
        own.remove("__hash__")  # Python's None beside an own __eq__: dataclass still writes a __hash__
    return Shape(tuple(shapes), tuple(own))


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


def methods_source(name: str, shape: Shape) -> list[str]:
    """The lines of a function ``name(_defaults, _factories, _set, _factory)`` returning the methods a
    class of ``shape`` gets, as python3.13's dataclasses writes them for frozen=True."""
    items = shape.fields
    lines = [f"def {name}(_defaults, _factories, _set, _factory):"]
    lines += [f"    _d_{item[0]} = _defaults[{item[0]!r}]" for item in items if item[2]]
    lines += [f"    _f_{item[0]} = _factories[{item[0]!r}]" for item in items if item[3]]
    made = []
    if "__init__" not in shape.own:
        def parameter(item: FieldShape) -> str:
            return f"{item[0]}=_factory" if item[3] else f"{item[0]}=_d_{item[0]}" if item[2] else item[0]

        positional = [item for item in items if not item[1]]
        for before, after in itertools.pairwise(positional):
            if (before[2] or before[3]) and not (after[2] or after[3]):
                raise TypeError(f"non-default argument {after[0]!r} follows default argument {before[0]!r}")
        keywords = [parameter(item) for item in items if item[1]]
        signature = ", ".join(["self", *map(parameter, positional), *(["*", *keywords] if keywords else [])])
        lines.append(f"    def __init__({signature}):")
        lines += [f"        _set(self, {item[0]!r}, _f_{item[0]}() if {item[0]} is _factory else {item[0]})"
                  if item[3] else f"        _set(self, {item[0]!r}, {item[0]})" for item in items] or ["        pass"]
        made.append("__init__")
    if "__repr__" not in shape.own:
        shown = ", ".join(f"{item[0]}={{self.{item[0]}!r}}" for item in items if item[4])
        lines += ["    def __repr__(self):", f'        return f"{{self.__class__.__qualname__}}({shown})"']
        made.append("__repr__")
    if "__eq__" not in shape.own:
        compared = " and ".join(f"self.{item[0]}==other.{item[0]}" for item in items if item[5]) or "True"
        lines += ["    def __eq__(self, other):", "        if self is other:", "            return True",
                  "        if other.__class__ is self.__class__:", f"            return {compared}",
                  "        return NotImplemented"]
        made.append("__eq__")
    if "__hash__" not in shape.own:
        hashed = "".join(f"self.{item[0]}, " for item in items if item[6] or (item[6] is None and item[5]))
        lines += ["    def __hash__(self):", f"        return hash(({hashed.rstrip(' ')}))"]
        made.append("__hash__")
    lines.append("    return {" + ", ".join(f"{method!r}: {method}" for method in made) + "}")
    return lines


def _compile_now(shape: Shape) -> Builder:
    """The slow path, for a class records_compiled.py does not have as it is now."""
    namespace: dict[str, Any] = {}
    exec("\n".join(methods_source("build", shape)), {}, namespace)  # noqa: S102 - our own generated text
    return namespace["build"]  # type: ignore[no-any-return]


def _frozen(made: type[Any], names: frozenset[str]) -> None:
    """dataclass's frozen ``__setattr__``/``__delattr__``, and pickling that does not go through them."""
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

    ordered = [item.name for item in fields(made)]
    for method in (__setattr__, __delattr__, __getstate__, __setstate__):
        if method.__name__ in ("__getstate__", "__setstate__") and method.__name__ in made.__dict__:
            continue  # the class's own pickling stays, as dataclass leaves it
        method.__qualname__ = f"{made.__qualname__}.{method.__name__}"
        setattr(made, method.__name__, method)


def _make(cls: type[T], kw_only: bool) -> type[T]:
    # The class's body as written, before dataclass changes it: what the tests rebuild with dataclass.
    namespace = {key: value for key, value in cls.__dict__.items() if key not in ("__dict__", "__weakref__")}
    source = Source(cls.__name__, cls.__bases__, namespace, kw_only)
    key = f"{cls.__module__}.{cls.__qualname__}"
    made: type[Any] = dataclass(slots=True, init=False, repr=False, eq=False, kw_only=kw_only)(cls)
    _refuse_unsupported(made, source)
    shape = shape_of(made, source)
    compiled = COMPILED.get(key)
    fresh = compiled is not None and compiled[0] == shape
    build: Builder = compiled[1] if fresh else _compile_now(shape)  # type: ignore[index]
    known = fields(made)
    defaults = {item.name: item.default for item in known if item.default is not MISSING}
    factories = {item.name: item.default_factory for item in known if item.default_factory is not MISSING}
    for name, written in build(defaults, factories, object.__setattr__, FACTORY).items():
        # As dataclass, a repr guarded against reaching itself.
        method = reprlib.recursive_repr()(written) if name == "__repr__" else written
        method.__qualname__ = f"{made.__qualname__}.{name}"
        method.__module__ = made.__module__
        setattr(made, name, method)
    if "__init__" not in shape.own:  # as dataclass annotates the __init__ it writes
        made.__init__.__annotations__ = {item.name: item.type for item in known} | {"return": None}
    _frozen(made, frozenset(item.name for item in known))
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
    """``@dataclass(frozen=True, slots=True)``, its methods compiled ahead of time (the module's docstring)."""
    if cls is None:
        return lambda later: _make(later, kw_only)
    return _make(cls, kw_only)
