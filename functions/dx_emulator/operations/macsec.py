"""AssociateMacSecKey, DisassociateMacSecKey: on a MACsec connection or LAG of the caller's."""

from __future__ import annotations

from typing import Any

from ..domain.macsec import Port, associate_key, disassociate_key
from ..domain.model import MacSecKey
from . import lookups, views
from .call import Call, optimistic


def _port(call: Call, port_id: str | None) -> Port:
    return lookups.parent(call, call.context(), port_id)


def associate(call: Call) -> dict[str, Any]:
    params = call.params
    port_id = params.string("connectionId")
    secret_arn, ckn, cak = params.string("secretARN"), params.string("ckn"), params.string("cak")

    def attempt() -> Port:
        port = _port(call, port_id)
        if call.replayed(port):
            return port
        changed, _ = associate_key(port, call.context(), secret_arn=secret_arn, ckn=ckn, cak=cak)
        return call.save(changed)

    port = optimistic(attempt)
    # Every key of the port, the new one last: Terraform takes the last one's secretARN [seen].
    return {"connectionId": port.resource_id, "macSecKeys": views.mac_sec_keys(port.mac_sec_keys)}


def disassociate(call: Call) -> dict[str, Any]:
    port_id, secret_arn = call.params.string("connectionId"), call.params.string("secretARN")
    gone: list[MacSecKey] = []

    def attempt() -> Port:
        port = _port(call, port_id)
        if call.replayed(port):
            return port  # this request already took the key away
        changed, key = disassociate_key(port, secret_arn)
        gone[:] = [key]
        return call.save(changed)

    port = optimistic(attempt)
    return {"connectionId": port.resource_id, "macSecKeys": views.mac_sec_keys(tuple(gone))}
