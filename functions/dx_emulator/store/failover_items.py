"""Failover-test records (domain/failover_records.py) as a PynamoDB model (attribute names are its
field names).

A record lives in its VIF's owner's partition for the VIF's region under
``failover-test#<inverted start time>#<test id>``, so a query on that prefix reads an account's tests
newest first, from a page's token on. It is small (the VIF id, the test id, the start time): a page of
100 costs a few read units; the VIFs it names are read after it, by key.
"""

from __future__ import annotations

from pynamodb.attributes import NumberAttribute, UnicodeAttribute

from .items import BaseItem


class FailoverRecordItem(BaseItem):
    owner_account = UnicodeAttribute()
    region = UnicodeAttribute()
    virtual_interface_id = UnicodeAttribute()
    test_id = UnicodeAttribute()
    started_at = NumberAttribute()
