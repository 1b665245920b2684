"""Names resolved when first used instead of imported up front.

A Lambda instance imports an operation family's modules (its operations, its domain classes, its
PynamoDB items) the first time a request needs them, not all of them in its cold start: building the
domain's frozen dataclasses is most of the emulator's own import time (docs/cold-start.md). The
tables that name code this way (operations/table.py, store/kinds.py, store/mapping.py) are resolved
in full by tests/unit/test_table.py, so a misspelt name fails there, not on a request.
"""

from __future__ import annotations

import functools
from importlib import import_module
from typing import Any


@functools.cache
def load(where: str, caller: str) -> Any:
    """What ``where`` names: ``module:name``, the module relative to the ``caller`` module's package
    as in a relative import written there (``.items:LagItem``, ``..domain.model:VifSlot``); callers
    pass their ``__name__``. Imported once; the import system's own locks make a first use from
    several threads at once safe."""
    module, name = where.split(":")
    return getattr(import_module(module, caller.rpartition(".")[0]), name)
