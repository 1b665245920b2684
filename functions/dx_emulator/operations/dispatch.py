"""From (operation name, params, scope) to a result: the one entry into the operations layer."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..config import Settings
from ..errors import UnknownOperationException
from ..scope import Scope
from ..store.repository import Repository
from .call import Call
from .inputs import Members
from .table import OPERATIONS


def dispatch(operation: str, params: Mapping[str, Any], scope: Scope, store: Repository, settings: Settings, *,
             token: str) -> dict[str, Any]:
    """``token`` identifies the request across its retries (see call.py)."""
    handler = OPERATIONS.get(operation)
    if handler is None:
        raise UnknownOperationException(f"Operation {operation} is not served by this endpoint")
    return handler(Call(scope=scope, params=Members(params), store=store, settings=settings, token=token))
