"""What a domain rule may know beyond its inputs: who asks, when, and a source of randomness.

Handing these in as values keeps the rules pure: tests fix the clock and seed the randomness.
"""

from __future__ import annotations

import secrets
import string
from dataclasses import dataclass, field
from typing import Protocol

from .lifecycle import Lifecycle

ID_ALPHABET = string.ascii_lowercase + string.digits


class Entropy(Protocol):
    def randbelow(self, upper: int) -> int: ...

    def token_urlsafe(self, nbytes: int) -> str: ...


class SystemEntropy:
    """Production randomness: ids and auth keys must not be guessable from one another."""

    def randbelow(self, upper: int) -> int:
        return secrets.randbelow(upper)

    def token_urlsafe(self, nbytes: int) -> str:
        return secrets.token_urlsafe(nbytes)


@dataclass(frozen=True, slots=True)
class Context:
    account: str
    region: str
    now: float
    entropy: Entropy = field(default_factory=SystemEntropy)
    public_asn_allow_list: frozenset[int] = frozenset()
    lifecycle: Lifecycle = field(default_factory=Lifecycle)

    @property
    def expires_at(self) -> float:
        """When a resource deleted now may go for good."""
        return self.lifecycle.expiry(self.now)

    def new_id(self, prefix: str) -> str:
        """AWS's id format: a prefix, a dash, 8 lowercase alphanumerics (``dxvif-ffhhk74f``)."""
        suffix = "".join(ID_ALPHABET[self.entropy.randbelow(len(ID_ALPHABET))] for _ in range(8))
        return f"{prefix}-{suffix}"

    def device_name(self, location: str) -> str:
        """A device name in the form AWS shows (``EqDC2-123h49s71dabc``)."""
        return f"{location}-{self.new_id('x')[2:]}{self.new_id('x')[2:6]}"
