"""Where an account's failover tests are found without reading its VIFs.

A test lives on its VIF (``VirtualInterface.failover_tests``, newest first, at most TESTS_KEPT), which
stays the truth: its status, its end, whether it is listed at all (its VIF gone, it is not). Listing
the whole account's tests newest first used to read every VIF, because that order is not the VIFs'
keys'. Each test now also has a record in the account's regional partition whose key *is* that order:
``order_key`` (an inverted, zero-padded start time, then the test id). A page of the full history
reads records from its token on, as far as the page needs, and then only the VIFs those records name.

A record is written in the commit that starts its test, removed in the commit that drops its test from
the VIF (TESTS_KEPT), and given its VIF's expiry in the commit that deletes the VIF, so DynamoDB's TTL
takes it with the VIF; the account's reset and idle expiry remove it with its partition.

A test's id begins with its VIF's id, hex-encoded (``new_test_id``), so ListVirtualInterfaceTestHistory
by testId alone reads that one VIF [choice: as a BGP peer's id begins with its VIF's, context.py]. It
keeps AWS's form: a version 4 UUID. Tests started before records existed have random ids and no record:
the account-wide listing and the testId lookup do not find them; by virtualInterfaceId they are listed
as before [choice: the hosted endpoint's accounts expire after 7 idle days; docs/rules.md].
"""

from __future__ import annotations

import re

from ..records import record
from .context import ID_ALPHABET, Context
from .model import FailoverTest, VirtualInterface
from .stored import Expiring

# Start times are seconds since 1970, far below this: 10**11 - t stays positive and, padded to 20
# characters with 6 decimals, sorts as a string the way it sorts as a number.
INVERTED_FROM = 10**11
# The hex digits of a test id that name its VIF: a VIF id's 8 base-36 characters are below 16**11.
VIF_DIGITS = 11
VIF_SUFFIX = 8
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")


def order_key(test_id: str, started_at: float) -> str:
    """Where a test sorts in the account's history: a later start gives a smaller key (newest first),
    the test id breaks ties. Also the key nextToken carries, so it is the same as before records."""
    return f"{INVERTED_FROM - started_at:020.6f}#{test_id}"


@record
class FailoverRecord(Expiring):
    """A test's place in its account's history, and the VIF that holds it."""

    owner_account: str
    region: str
    virtual_interface_id: str
    test_id: str
    started_at: float

    @property
    def resource_id(self) -> str:
        return order_key(self.test_id, self.started_at)


def _vif_number(vif_id: str) -> int | None:
    suffix = vif_id.removeprefix("dxvif-")
    if suffix == vif_id or len(suffix) != VIF_SUFFIX or not all(c in ID_ALPHABET for c in suffix):
        return None
    number = 0
    for c in reversed(suffix):  # the first character the lowest digit, as vif_of_test reads it back
        number = number * len(ID_ALPHABET) + ID_ALPHABET.index(c)
    return number


def new_test_id(ctx: Context, vif_id: str) -> str:
    """The request's next test id (the same each time the same request is made), its first hex
    digits naming ``vif_id``; the rest random, with a version 4 UUID's fixed digits."""
    drawn = ctx.new_uuid("test")
    number = _vif_number(vif_id)
    if number is None:  # no VIF the emulator makes has such an id
        return drawn
    digits = f"{number:0{VIF_DIGITS}x}" + drawn.replace("-", "")[VIF_DIGITS:]
    return f"{digits[:8]}-{digits[8:12]}-{digits[12:16]}-{digits[16:20]}-{digits[20:]}"


def vif_of_test(test_id: str) -> str | None:
    """The VIF a test id names, or None for a string no test id of ours can be. A test started before
    records existed may name some VIF by chance (its own: one chance in 16**11); whoever asks checks the
    test against that VIF's tests."""
    if not _UUID.fullmatch(test_id):
        return None
    number = int(test_id.replace("-", "")[:VIF_DIGITS], 16)
    if number >= len(ID_ALPHABET) ** VIF_SUFFIX:
        return None
    suffix = ""
    for _ in range(VIF_SUFFIX):
        number, index = divmod(number, len(ID_ALPHABET))
        suffix += ID_ALPHABET[index]
    return f"dxvif-{suffix}"


def record_of(vif: VirtualInterface, test: FailoverTest) -> FailoverRecord:
    return FailoverRecord(vif.owner_account, vif.region, vif.virtual_interface_id, test.test_id, test.started_at)


def recorded(vif: VirtualInterface) -> tuple[FailoverRecord, ...]:
    """The records of the VIF's tests that have one: those whose ids name it."""
    return tuple(record_of(vif, test) for test in vif.failover_tests
                 if vif_of_test(test.test_id) == vif.virtual_interface_id)


def dropped(before: VirtualInterface, after: VirtualInterface) -> tuple[FailoverRecord, ...]:
    """The records of tests ``before`` held and ``after`` no longer does (the oldest, past TESTS_KEPT)."""
    kept = {test.test_id for test in after.failover_tests}
    return tuple(record for record in recorded(before) if record.test_id not in kept)
