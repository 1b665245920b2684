"""From (operation name, params, scope) to a result: the one entry into the operations layer."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..config import Settings
from ..errors import InvalidAction, UnknownOperationException
from ..scope import Scope
from ..store.repository import Repository
from . import accounts
from .call import Call
from .inputs import Members
from .table import resolve


def dispatch(*, service: str, operation: str, params: Mapping[str, Any], scope: Scope, store: Repository,
             settings: Settings, token: str) -> dict[str, Any]:
    """``service`` is the one the request was signed for; ``token`` identifies the request across its
    retries (see call.py)."""
    handler = resolve(service, operation)
    if handler is None and service == "sts":
        raise InvalidAction(f"Could not find operation {operation} for version 2011-06-15")
    if handler is None:
        raise UnknownOperationException(f"Operation {operation} is not served by this endpoint")
    call = Call(scope=scope, params=Members(params), store=store, settings=settings, token=token)
    if service == "sts":
        return handler(call)
    # Every Direct Connect and admin request reads its account's record: settings changed through
    # PUT /_dx-emulator/settings apply to the very next request, on whichever instance answers it.
    call = accounts.prepare(call, operation)
    if service == "dx-emulator":
        return handler(call)  # no injected fault stands between an account and its reset or settings
    accounts.inject_faults(call, operation)
    result = handler(call)
    accounts.count_reads(call, operation, result)
    return result
