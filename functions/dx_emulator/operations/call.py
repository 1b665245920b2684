"""One operation call: who asks, with what, against which store; and the optimistic-retry loop.

A call carries the request's token. It names what the request writes (the store stamps it on every
item written) and seeds the ids the request creates, so a request that is sent again, by botocore
after DynamoDB applied a write whose answer was lost, or by the client after a 500, recognises its
own earlier write: the store answers a lost write as done, and each operation checks whether the
aggregate it is about to change already carries its token (``replayed``) before applying its rule.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import field
from typing import TYPE_CHECKING, TypeVar, cast

from ..config import Settings
from ..domain.account import Account, lifecycle_for
from ..domain.context import Context, Entropy, Names, SystemEntropy
from ..domain.lifecycle import Lifecycle
from ..errors import ServerException
from ..records import record
from ..scope import Scope
from ..store.repository import ConcurrentModification, IdCollision, Repository
from ..store.writes import Put, Write
from .inputs import Members

if TYPE_CHECKING:
    from ..store.kinds import Entity

T = TypeVar("T")
E = TypeVar("E", bound="Entity")

# Each retry re-reads and re-applies the rules, so the loser of a race meets the winner's write.
# A handful of attempts covers 32 racing clients: every failed attempt means another one won.
MAX_ATTEMPTS = 8
BACKOFF_SECONDS = 0.01


@record
class Call:
    """One request as the operations see it: its scope, parameters, store, settings and token."""

    scope: Scope
    params: Members
    store: Repository
    settings: Settings
    token: str
    clock: Callable[[], float] = time.time
    entropy: Entropy = field(default_factory=SystemEntropy)
    # The account's own record, as this request found it (operations/accounts.py).
    account: Account | None = None
    # How many times a new id of this request collided with an existing resource's (see commit).
    _collisions: list[int] = field(default_factory=lambda: [0])

    def context(self) -> Context:
        """A fresh context per attempt: the same ids again, for a request sent again (unless an id
        collided with another resource's, when the request takes other ids)."""
        return Context(
            account=self.scope.account,
            region=self.scope.region,
            now=self.clock(),
            entropy=self.entropy,
            public_asn_allow_list=self.settings.public_asn_allow_list,
            strict_locations=self.settings.strict_locations,
            lifecycle=self.lifecycle,
            names=Names(f"{self.token}#{self._collisions[0]}" if self._collisions[0] else self.token),
        )

    @property
    def lifecycle(self) -> Lifecycle:
        """The deployment's delays, with the account's own settings over them (domain/account.py)."""
        return lifecycle_for(self.settings.lifecycle, self.account)

    def replayed(self, entity: Entity) -> bool:
        """Whether this request already changed ``entity`` (an earlier attempt whose answer was lost)."""
        return self.token in entity.write_tokens

    def commit(self, *writes: Write) -> Entity:
        try:
            return self.store.commit(writes, self.token)
        except IdCollision:
            self._collisions[0] += 1  # the next attempt draws other ids
            raise

    def save(self, entity: E, *others: Entity) -> E:
        """Write ``entity`` (and ``others``, all or none); ``entity`` as stored."""
        return cast(E, self.commit(Put(entity), *(Put(other) for other in others)))


def optimistic(attempt: Callable[[], T], attempts: int = MAX_ATTEMPTS) -> T:
    """Run load -> rule -> conditional save until no concurrent writer got in between."""
    for number in range(attempts):
        try:
            return attempt()
        except ConcurrentModification:
            # Full jitter: racing writers spread out instead of colliding again in step.
            time.sleep(random.uniform(0, BACKOFF_SECONDS * 2**number))  # noqa: S311 - not security
    raise ServerException("The resource is being changed by too many concurrent requests; try again")
