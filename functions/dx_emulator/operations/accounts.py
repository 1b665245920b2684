"""Each request's account record (domain/account.py): read before the operation, touched when stale,
its settings applied; and an account's removal, by reset or by idle expiry."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any, cast

from ..domain.account import RESOURCE_ID, Account, manual_reads, read, touched
from ..scope import Scope
from ..store.kinds import GLOBAL, kind_of
from ..store.repository import Repository
from . import prefetch
from .call import Call, optimistic

READS = ("Describe", "List", "Get")
# The states a resource moves on from by itself; a read that returns one counts in manual mode.
MOVING = frozenset({"requested", "pending", "ordering", "verifying", "deleting", "associating", "updating",
                    "disassociating", "testing"})
# Which id a state belongs to, in AWS's shapes.
STATE_IDS = {"connectionState": "connectionId", "lagState": "lagId", "virtualInterfaceState": "virtualInterfaceId",
             "interconnectState": "interconnectId", "directConnectGatewayState": "directConnectGatewayId",
             "associationState": "associationId", "resiliencyGroupState": "resiliencyGroupId"}
# What a reset reports, by the sort-key prefix of what it removed; the rest is the emulator's bookkeeping.
REPORTED = {"dxcon-": "connections", "dxlag-": "lags", "dxvif-": "virtualInterfaces", "dxrg-": "resiliencyGroups",
            "interconnect#": "interconnects", "dxgw#": "directConnectGateways",
            "dxgw-association#": "directConnectGatewayAssociations", "dxgw-proposal#": "associationProposals",
            "world#": "world", "account#": "settings"}


def load(call: Call) -> Account | None:
    return call.store.get(Account, call.scope, RESOURCE_ID)


def prepare(call: Call, operation: str = "") -> Call:
    """The call with its account's record (whose settings ``Call.lifecycle`` applies), written first
    if this is the account's first request in the region or its activity is stale. The resource the
    operation names is read in the same round trip (prefetch.py)."""
    resource = prefetch.named(operation, dict(call.params.items()))
    first: list[Account | None] = []
    if resource is not None:
        kind, resource_id = resource
        record, found = call.store.get_pair((Account, call.scope, RESOURCE_ID), (kind, call.scope, resource_id))
        first.append(record)
        call = replace(call, store=cast(Repository, prefetch.Prefetched(call.store, kind, call.scope, resource_id,
                                                                         found)))

    def attempt() -> Account | None:
        stored = first.pop() if first else load(call)
        change = touched(stored, call.scope.account, call.scope.region, call.clock(), call.settings.idle_expiry)
        return stored if change is None else call.save(change)

    return replace(call, account=optimistic(attempt))


def inject_faults(call: Call, operation: str) -> None:
    """The account's own fault rules, as the deployment's are applied to everyone."""
    document = call.account.document if call.account is not None else {}
    if document.get("faults"):
        # The fault parser loads with the first account that has rules: most never do.
        from ..faults import injectors  # noqa: PLC0415

        injectors.get(call.scope.account, document["faults"], document.get("faultsSeed")).inject(operation)


def moving_ids(result: Any) -> list[str]:
    """The ids of resources in an answer that are in a state they move on from by themselves; a VIF
    whose peer is still moving counts too."""
    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, Mapping):
            for state, id_name in STATE_IDS.items():
                if value.get(state) in MOVING and isinstance(value.get(id_name), str):
                    found.append(value[id_name])
            peers = value.get("bgpPeers")
            if "virtualInterfaceId" in value and isinstance(peers, list) and any(
                    isinstance(p, Mapping) and (p.get("bgpPeerState") in MOVING or p.get("bgpStatus") == "down")
                    for p in peers):
                found.append(value["virtualInterfaceId"])
            for child in value.values():
                walk(child)
        elif isinstance(value, list):
            for child in value:
                walk(child)

    walk(result)
    return list(dict.fromkeys(found))


def count_reads(call: Call, operation: str, result: Mapping[str, Any]) -> None:
    """Manual mode with ``reads``: a read counts for every moving resource it returned."""
    after = manual_reads(call.account)
    if not after or not operation.startswith(READS):
        return
    ids = moving_ids(result)
    if not ids:
        return

    # The record as this request read it first (a read operation wrote nothing since); again after a lost race.
    first = [call.account]

    def attempt() -> None:
        stored = first.pop() if first else load(call)
        if stored is not None:
            call.save(read(stored, ids, after, call.clock()))

    optimistic(attempt)


def regions_of(account: Account | None) -> tuple[str, ...]:
    return account.regions if account is not None else ()


def remove(store: Repository, account: str, regions: Iterable[str], *, keep_record: bool = False) -> dict[str, int]:
    """Delete every item of the account, region by region, then its global partition (its record
    last, so a removal cut short can be run again); nothing of any other account."""
    removed: Counter[str] = Counter()
    record = frozenset({kind_of(Account).sk_prefix + RESOURCE_ID})
    for region in dict.fromkeys([*regions, GLOBAL]):
        removed.update(store.remove_partition(Scope(account, region).partition_key,
                                              record if region == GLOBAL else frozenset()))
    if not keep_record:
        removed.update(store.remove_partition(Scope(account, GLOBAL).partition_key))
    report: Counter[str] = Counter()
    for sort_key, count in removed.items():
        prefix = next((p for p in REPORTED if sort_key.startswith(p)), None)
        report[REPORTED[prefix] if prefix else "other"] += count
    return dict(sorted(report.items()))
