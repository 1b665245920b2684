"""The emulator's own operations, under /_dx-emulator/: each acts on the signer's account only."""

from __future__ import annotations

import functools
import json
from dataclasses import replace
from typing import Any

from ..domain.account import DELAY_NAMES, Account, released, validated
from ..domain.gateways.world import declared, document
from ..errors import ClientException
from ..faults import parse
from ..store.kinds import MAX_ID_LENGTH
from . import account_state, accounts
from .call import Call, optimistic
from .world import world

MAX_ADVANCED = 100  # resource ids in one advance


def get_world(call: Call) -> dict[str, Any]:
    return document(world(call))


def put_world(call: Call) -> dict[str, Any]:
    """The account's declared EC2 gateways, replaced whole (PUT is idempotent)."""
    given = dict(call.params.items())

    def attempt() -> dict[str, Any]:
        return document(call.save(declared(given, world(call))))

    return optimistic(attempt)


def _record(call: Call) -> Account:
    return accounts.load(call) or Account(call.scope.account)


def _settings_answer(call: Call, account: Account) -> dict[str, Any]:
    effective = replace(call, account=account).lifecycle
    return {"account": call.scope.account, "settings": account.document,
            "delays": {name: getattr(effective, field) for field, name in DELAY_NAMES.items()},
            "idleExpirySeconds": call.settings.idle_expiry}


def get_settings(call: Call) -> dict[str, Any]:
    return _settings_answer(call, _record(call))


def put_settings(call: Call) -> dict[str, Any]:
    """The account's runtime settings, replaced whole; ``{}`` returns to the deployment's."""
    settings = validated(dict(call.params.items()), parse)
    text = json.dumps(settings, sort_keys=True) if settings else ""

    def attempt() -> Account:
        account = _record(call)
        return call.save(replace(account, settings=text))

    return _settings_answer(call, optimistic(attempt))


def post_advance(call: Call) -> dict[str, Any]:
    """Manual mode: the given resources move on at the next read (each one step: a resource waiting
    to become available becomes available, one deleting becomes deleted)."""
    ids = call.params.strings("resourceIds", max_length=MAX_ID_LENGTH) or ()
    if not ids or len(ids) > MAX_ADVANCED:
        raise ClientException(f"resourceIds lists 1 to {MAX_ADVANCED} resource ids to advance")

    def attempt() -> Account:
        account = _record(call)
        if "manual" not in account.document:
            raise ClientException('Manual mode is off for this account: PUT /_dx-emulator/settings {"manual": {}} '
                                  "first")
        return call.save(released(account, list(ids), call.clock()))

    optimistic(attempt)
    return {"account": call.scope.account, "advanced": list(ids)}


def post_reset(call: Call) -> dict[str, Any]:
    """Every resource of the caller's account in every region, its settings and world: removed."""
    regions = accounts.regions_of(call.account)
    removed = accounts.remove(call.store, call.scope.account, regions)
    return {"account": call.scope.account, "regions": list(regions), "removed": removed}


def get_state(call: Call) -> dict[str, Any]:
    return account_state.state(call)


@functools.cache
def _page() -> str:
    """page.html with its style and its scripts inlined: one response, no other URL to sign."""
    from importlib import resources  # noqa: PLC0415 - only the dashboard needs it, not the cold start

    files = resources.files("dx_emulator.dashboard")

    def read(name: str) -> str:
        return files.joinpath(name).read_text(encoding="utf-8")

    script = "(function () {\n" + "".join(read(name) for name in ("elements.js", "render.js", "live.js")) + "})();"
    return read("page.html").replace("/*STYLE*/", read("style.css")).replace("/*SCRIPT*/", script)


def get_dashboard(call: Call) -> dict[str, Any]:
    """The dashboard's page (the protocol answers it as HTML); it asks the same URL for the state."""
    return {"page": _page()}
