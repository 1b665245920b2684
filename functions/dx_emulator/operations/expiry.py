"""Idle expiry: DynamoDB's TTL removes the record of an account nobody used for the configured time
(domain/account.py), the table's stream hands the removal to the function, and this removes the
rest of the account, partition by partition, by key: no scan of the table, ever.

Only TTL's own removals count (``userIdentity`` is DynamoDB's service principal): a reset removes the
record too, and has removed everything with it already. An account used again between its expiry
and this cleanup has a new record; it keeps its resources, and its new record learns the regions the
old one knew, so a later expiry or reset still finds them.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from ..config import Settings
from ..domain.account import RESOURCE_ID, Account
from ..scope import Scope
from ..store.kinds import GLOBAL, kind_of
from ..store.repository import Repository
from . import accounts
from .call import Call, optimistic
from .inputs import Members

log = logging.getLogger(__name__)
TTL_PRINCIPAL = "dynamodb.amazonaws.com"
RECORD_KEY = kind_of(Account).sk_prefix + RESOURCE_ID


def _expired_account(record: Mapping[str, Any]) -> tuple[str, list[str]] | None:
    """The account and regions of a record TTL removed, or None for any other change."""
    identity = record.get("userIdentity") or {}
    change = record.get("dynamodb") or {}
    if record.get("eventName") != "REMOVE" or identity.get("principalId") != TTL_PRINCIPAL:
        return None
    if (change.get("Keys") or {}).get("sk", {}).get("S") != RECORD_KEY:
        return None
    image = change.get("OldImage") or {}
    account = image.get("owner_account", {}).get("S")
    regions = [value.get("S") for value in image.get("regions", {}).get("L", []) if value.get("S")]
    return (account, regions) if account else None


def expire_one(store: Repository, settings: Settings, event_id: str, account: str, regions: list[str]) -> None:
    call = Call(scope=Scope(account, GLOBAL), params=Members({}), store=store, settings=settings,
                token=f"ttl-{event_id}"[:24])

    def attempt() -> bool:
        active = accounts.load(call)
        if active is None:
            return False
        merged = tuple(sorted({*active.regions, *regions}))
        if merged != active.regions:
            call.save(replace(active, regions=merged))
        return True

    if not optimistic(attempt):
        accounts.remove(store, account, regions)


def expire_idle(records: Iterable[Mapping[str, Any]], store: Repository, settings: Settings) -> dict[str, Any]:
    """The stream batch's answer: the records that failed are retried by Lambda (ReportBatchItemFailures)."""
    failures = []
    for record in records:
        expired = _expired_account(record)
        if expired is None:
            continue
        try:
            expire_one(store, settings, str(record.get("eventID", "")), *expired)
        except Exception:  # reported to Lambda, which retries the record
            log.exception("idle account %s: cleanup failed; Lambda retries the record", expired[0])
            sequence = (record.get("dynamodb") or {}).get("SequenceNumber")
            failures.append({"itemIdentifier": sequence})
    return {"batchItemFailures": failures}
