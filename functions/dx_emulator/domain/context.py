"""What a domain rule may know beyond its inputs: who asks, when, and a source of randomness.

Handing these in as values keeps the rules pure: tests fix the clock and seed the randomness.
"""

from __future__ import annotations

import hashlib
import secrets
import string
from collections import Counter
from collections.abc import Collection
from dataclasses import field
from typing import Protocol

from ..records import record
from .lifecycle import Lifecycle

ID_ALPHABET = string.ascii_lowercase + string.digits
# A BGP peer's id begins with this many characters of its VIF's id (after "dxpeer-"), so DeleteBGPPeer
# by bgpPeerId alone finds the VIF by a key prefix instead of a filter over the account [choice]. The
# ids keep AWS's form (dxpeer- and 8 lowercase alphanumerics).
PEER_BUCKET = 4


def vif_bucket(bgp_peer_id: str) -> str | None:
    """The beginning of the id of the VIF a peer id belongs to, or None for an id of no such form."""
    suffix = bgp_peer_id.removeprefix("dxpeer-")
    if len(suffix) != 8 or suffix == bgp_peer_id or not all(c in ID_ALPHABET for c in suffix):
        return None
    return suffix[:PEER_BUCKET]


class Entropy(Protocol):
    def randbelow(self, upper: int) -> int: ...

    def token_urlsafe(self, nbytes: int) -> str: ...


class SystemEntropy:
    """Production randomness: ids and auth keys must not be guessable from one another."""

    def randbelow(self, upper: int) -> int:
        return secrets.randbelow(upper)

    def token_urlsafe(self, nbytes: int) -> str:
        return secrets.token_urlsafe(nbytes)


class Names:
    """Ids a request creates, derived from its token: the n-th id of a kind is the same each time the
    same request is made, so a request sent again finds what its first attempt created instead of
    creating it twice. Ids are not secrets (auth keys come from ``Entropy``)."""

    def __init__(self, token: str | None = None) -> None:
        self._token = token or secrets.token_hex(16)
        self._drawn: Counter[str] = Counter()

    def digest(self, kind: str) -> bytes:
        """32 bytes for the next id of ``kind``."""
        number = self._drawn[kind]
        self._drawn[kind] += 1
        return hashlib.sha256(f"{self._token}|{kind}|{number}".encode()).digest()


@record
class Context:
    """What the domain's rules know of the request: who, where, when, and how ids are drawn."""

    account: str
    region: str
    now: float
    entropy: Entropy = field(default_factory=SystemEntropy)
    public_asn_allow_list: frozenset[int] = frozenset()
    strict_locations: bool = False
    lifecycle: Lifecycle = field(default_factory=Lifecycle)
    names: Names = field(default_factory=Names)

    @property
    def expires_at(self) -> float:
        """When a resource deleted now may go for good."""
        return self.lifecycle.expiry(self.now)

    def new_id(self, prefix: str) -> str:
        """AWS's id format: a prefix, a dash, 8 lowercase alphanumerics (``dxvif-ffhhk74f``)."""
        number = int.from_bytes(self.names.digest(prefix), "big")
        suffix = ""
        for _ in range(8):
            number, index = divmod(number, len(ID_ALPHABET))
            suffix += ID_ALPHABET[index]
        return f"{prefix}-{suffix}"

    def peer_id(self, vif_id: str, taken: Collection[str] = ()) -> str:
        """A new BGP peer's id on the VIF ``vif_id``: its bucket, then characters of its own, drawn
        again while the VIF already has (or had) a peer of that id."""
        bucket = vif_id.removeprefix("dxvif-")[:PEER_BUCKET]
        while True:
            candidate = f"dxpeer-{bucket}{self.new_id('dxpeer')[-(8 - PEER_BUCKET):]}"
            if candidate not in taken:
                return candidate

    def new_uuid(self, kind: str) -> str:
        """A random (version 4) UUID, as AWS's test and gateway ids are, derived like ``new_id``."""
        digits = self.names.digest(kind)[:16].hex()
        variant = "89ab"[int(digits[16], 16) % 4]
        return f"{digits[:8]}-{digits[8:12]}-4{digits[13:16]}-{variant}{digits[17:20]}-{digits[20:32]}"

    def device_name(self, location: str) -> str:
        """A device name in the form AWS shows (``EqDC2-123h49s71dabc``)."""
        return f"{location}-{self.new_id('x')[2:]}{self.new_id('x')[2:6]}"
