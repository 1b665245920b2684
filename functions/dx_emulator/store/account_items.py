"""The account's own record (domain/account.py) as an item, and removing an account's items.

Removal reads each partition of the account (one per region it used, and its global one) by key and
deletes what it found in transactions of conditional deletes: an item written between the read and
the delete fails its condition and the partition is read again, so a resource written while an account
is being reset is either removed with everything it refers to or kept with it, never left half.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from pynamodb.attributes import ListAttribute, MapAttribute, NumberAttribute, UnicodeAttribute
from pynamodb.exceptions import TransactWriteError
from pynamodb.transactions import TransactWrite

from .items import BaseItem

# DynamoDB's limit on the items of one transaction.
TRANSACTION_ITEMS = 100
ROUNDS = 8  # reads of a partition before giving up on writers that keep racing the removal


class AccountItem(BaseItem):
    owner_account = UnicodeAttribute()
    regions = ListAttribute(of=UnicodeAttribute, default=list)
    last_active = NumberAttribute(default=0)
    settings = UnicodeAttribute(default="")
    releases: MapAttribute[str, Any] = MapAttribute(default=dict)  # type: ignore[no-untyped-call]
    manual_reads: MapAttribute[str, Any] = MapAttribute(default=dict)  # type: ignore[no-untyped-call]


def remove_partition(partition: str, keep: frozenset[str] = frozenset()) -> Counter[str]:
    """Delete every item of ``partition`` except the sort keys in ``keep``; how many, by sort-key kind."""
    removed: Counter[str] = Counter()
    for _ in range(ROUNDS):
        found = [item for item in BaseItem.query(partition, consistent_read=True,
                                                 attributes_to_get=["pk", "sk", "version"])
                 if item.sk not in keep]
        if not found:
            return removed
        try:
            for start in range(0, len(found), TRANSACTION_ITEMS):
                batch = found[start:start + TRANSACTION_ITEMS]
                with TransactWrite(connection=BaseItem._get_connection().connection) as transaction:
                    for item in batch:
                        transaction.delete(item)  # on condition that its version is the one read
                removed.update(item.sk for item in batch)
        except TransactWriteError as error:
            reasons = {reason.code for reason in error.cancellation_reasons or () if reason is not None}
            if not reasons <= {"ConditionalCheckFailed", "TransactionConflict", "None"}:
                raise
    raise TransactWriteError("the account's items kept changing while it was being removed")
