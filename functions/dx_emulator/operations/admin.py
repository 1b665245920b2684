"""The emulator's own operations, under /_dx-emulator/: they act on the signer's account only."""

from __future__ import annotations

from typing import Any

from ..domain.gateways.world import declared, document
from .call import Call, optimistic
from .gateways import lookups as gateway_lookups


def get_world(call: Call) -> dict[str, Any]:
    return document(gateway_lookups.world(call))


def put_world(call: Call) -> dict[str, Any]:
    """The account's declared EC2 gateways, replaced whole (PUT is idempotent)."""
    given = dict(call.params.items())

    def attempt() -> dict[str, Any]:
        return document(call.save(declared(given, gateway_lookups.world(call))))

    return optimistic(attempt)
