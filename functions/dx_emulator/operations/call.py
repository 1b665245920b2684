"""One operation call: who asks, with what, against which store; and the optimistic-retry loop."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from ..config import Settings
from ..domain.context import Context, Entropy, SystemEntropy
from ..errors import ServerException
from ..scope import Scope
from ..store.repository import ConcurrentModification, Repository
from .inputs import Members

T = TypeVar("T")

# Each retry re-reads and re-applies the rules, so the loser of a race meets the winner's write.
# A handful of attempts covers 32 racing clients: every failed attempt means another one won.
MAX_ATTEMPTS = 8
BACKOFF_SECONDS = 0.01


@dataclass(frozen=True, slots=True)
class Call:
    scope: Scope
    params: Members
    store: Repository
    settings: Settings
    clock: Callable[[], float] = time.time
    entropy: Entropy = field(default_factory=SystemEntropy)

    def context(self) -> Context:
        return Context(
            account=self.scope.account,
            region=self.scope.region,
            now=self.clock(),
            entropy=self.entropy,
            public_asn_allow_list=self.settings.public_asn_allow_list,
            lifecycle=self.settings.lifecycle,
        )


def optimistic(attempt: Callable[[], T], attempts: int = MAX_ATTEMPTS) -> T:
    """Run load -> rule -> conditional save until no concurrent writer got in between."""
    for number in range(attempts):
        try:
            return attempt()
        except ConcurrentModification:
            # Full jitter: racing writers spread out instead of colliding again in step.
            time.sleep(random.uniform(0, BACKOFF_SECONDS * 2**number))  # noqa: S311 - not security
    raise ServerException("The resource is being changed by too many concurrent requests; try again")
