"""What an operation asks the store to write, all or none, in one commit."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..records import record

if TYPE_CHECKING:
    from .kinds import Entity


@record
class Put:
    """Write the entity, on condition that it is unchanged since it was loaded (or new)."""

    entity: Entity


@record
class Check:
    """Write nothing, but only commit if the entity is unchanged since it was loaded."""

    entity: Entity


@record
class Detach:
    """Drop ``child_id`` from a parent's ``member`` (a map or a set) without reading the parent."""

    kind: type[Any]  # the parent's entity class
    owner_account: str
    region: str  # the parent's region ("global" for account-global kinds)
    parent_id: str
    member: str
    child_id: str


@record
class Expire:
    """Set when an item may go for good (DynamoDB's TTL) without reading it: what another account
    keeps about a resource (an allocation) goes when the resource does."""

    kind: type[Any]
    owner_account: str
    region: str
    resource_id: str
    at: float


@record
class Delete:
    """Remove the entity's item whatever its version, or nothing if it has none: a record that no
    longer stands for anything (a failover test its VIF no longer keeps) goes in the commit that
    ends it."""

    entity: Entity


Write = Put | Check | Detach | Expire | Delete
