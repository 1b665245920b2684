"""Resiliency groups: an account's connections grouped to meet a resiliency model, and their rules.

A group is one item (one aggregate) holding a slot per connection it has held, so the per-group
limit and every association change are decided under one ``version`` condition. States are derived
on read like every other kind's (lifecycle.py), from the group's timestamps and the configured delays:

- group: ``pending`` -> ``available`` after the gateway delay; ``deleting`` -> ``deleted`` after the
  delete delay, then gone after the retention [choice: a group is a logical container, like a
  Direct Connect gateway; AWS documents the states, not their pace];
- association: ``associating`` -> ``associated`` after the association delay, ``disassociating`` ->
  ``disassociated`` after the disassociation delay, then gone after the retention [choice: the
  gateway association delays].

``clientToken`` [choice]: a token names one request per account and region for a day. The same token
with the same parameters answers as the first request did (the group, or its associations, as they
are now) without changing anything; with other parameters (or in another operation) it is refused.
A token is an item of its own, keyed by the token, written in the same commit as the group
(resiliency_tokens.py).

Other choices, where AWS documents nothing: a connection may be in several groups; a group holds at
most 50 connections (LimitExceededException); the number of groups is not limited; deleting a group
disassociates its connections; a connection deleted while in a group shows ``disassociated``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from ..errors import ClientException, LimitExceededException, NotFoundException
from ..records import record
from .connections import required
from .context import ID_ALPHABET, Context
from .lifecycle import Lifecycle
from .model import ENDED_STATES, GONE_STATES, Connection, Tag
from .stored import Deletable
from .tags import checked_tags

MODELS = ("maximum-resiliency", "high-resiliency", "basic-resiliency")  # [doc]
GROUP_TYPE = "Managed"  # the only value the model has [doc]
_GROUP_ID = re.compile(r"(dxrg|DXRG)-[0-9a-zA-Z]{17}")  # [doc]
_NAME = re.compile(r"[a-zA-Z0-9_\-]+")  # [doc], 1..255 characters
MAX_NAME = 255
MAX_IDENTIFIERS = 50  # per request [doc]
# AWS documents LimitExceededException on AssociateConnectionsToResiliencyGroup, not the figure:
# the request's own bound [choice], which also keeps a group's item small.
MAX_CONNECTIONS = 50
ENDED_KEPT = 50  # disassociated connections a group keeps listing until they go [choice]
_CONNECTION_ARN = re.compile(r"arn:aws[a-z-]*:directconnect:([a-z0-9-]+):(\d{12}):dxcon/(dxcon-[0-9a-zA-Z]+)")
_CONNECTION_ID = re.compile(r"dxcon-[0-9a-zA-Z]+")


@record
class ResiliencyAssociation:
    """A connection the group holds (or held, until the slot goes)."""

    connection_id: str
    associated_at: float
    disassociated_at: float | None = None


@record
class ResiliencyGroup(Deletable):
    owner_account: str
    region: str
    resiliency_group_id: str
    resiliency_group_name: str
    intended_resiliency_model: str
    resiliency_group_state: str
    created_at: float
    tags: tuple[Tag, ...] = ()
    resiliency_associations: tuple[ResiliencyAssociation, ...] = ()

    @property
    def resource_id(self) -> str:
        return self.resiliency_group_id

    @property
    def state(self) -> str:
        return self.resiliency_group_state

    @property
    def arn(self) -> str:
        # Without a region, as the model's pattern has it [doc]; the group lives in its region [choice].
        return f"arn:aws:directconnect::{self.owner_account}:dx-resiliency-group/{self.resiliency_group_id}"

    def connection_arn(self, connection_id: str) -> str:
        return f"arn:aws:directconnect:{self.region}:{self.owner_account}:dxcon/{connection_id}"


@record
class NewResiliencyGroup:
    resiliency_group_name: str | None = None
    intended_resiliency_model: str | None = None
    tags: tuple[Tag, ...] | None = None  # None: no tags member; () an empty one, which the model refuses


def checked_group_id(value: str | None) -> str:
    """The id as stored: AWS's pattern allows ``DXRG-`` and capitals; ids are issued in lowercase."""
    group_id = required(value, "resiliencyGroupId")
    if not _GROUP_ID.fullmatch(group_id):
        raise ClientException(f"Resiliency group ID {group_id} has an invalid format: dxrg- and 17 letters or digits")
    return group_id.lower()


def group_missing(group_id: str) -> str:
    return f"Resiliency group {group_id} does not exist"


def checked_name(value: str | None) -> str:
    name = required(value, "resiliencyGroupName")
    if len(name) > MAX_NAME or not _NAME.fullmatch(name):
        raise ClientException(f"Resiliency group name {name} is not valid: use 1 to {MAX_NAME} letters, digits, "
                              "hyphens (-) and underscores (_)")
    return name


def new_group_id(ctx: Context) -> str:
    """``dxrg-`` and 17 lowercase letters or digits [doc: the ARN's pattern], drawn like every id."""
    number = int.from_bytes(ctx.names.digest("dxrg"), "big")
    suffix = ""
    for _ in range(17):
        number, index = divmod(number, len(ID_ALPHABET))
        suffix += ID_ALPHABET[index]
    return f"dxrg-{suffix}"


def create_group(request: NewResiliencyGroup, ctx: Context) -> ResiliencyGroup:
    name = checked_name(request.resiliency_group_name)
    model = required(request.intended_resiliency_model, "intendedResiliencyModel")
    if model not in MODELS:
        raise ClientException(f"Resiliency model {model} is not valid: use one of {', '.join(MODELS)}")
    if request.tags is not None and not request.tags:
        raise ClientException("tags must hold at least one tag")
    return ResiliencyGroup(
        owner_account=ctx.account,
        region=ctx.region,
        resiliency_group_id=new_group_id(ctx),
        resiliency_group_name=name,
        intended_resiliency_model=model,
        resiliency_group_state="pending",
        created_at=ctx.now,
        tags=checked_tags(request.tags or ()),
    )


def current_group(group: ResiliencyGroup, lifecycle: Lifecycle, now: float) -> ResiliencyGroup | None:
    if group.deleted_at is not None:
        if now > lifecycle.expiry(group.deleted_at):
            return None
        done = lifecycle.clock(group.resource_id, now) > group.deleted_at + lifecycle.deleting
        return replace(group, resiliency_group_state="deleted" if done else "deleting")
    at = lifecycle.clock(group.resource_id, now)
    if group.resiliency_group_state == "pending" and at > group.created_at + lifecycle.gateway_available:
        return replace(group, resiliency_group_state="available")
    return group


def association_state(slot: ResiliencyAssociation, lifecycle: Lifecycle, now: float) -> str | None:
    """The association's state now, or None once it has gone."""
    if slot.disassociated_at is not None:
        if now > lifecycle.expiry(slot.disassociated_at):
            return None
        return "disassociated" if now > slot.disassociated_at + lifecycle.disassociation else "disassociating"
    return "associated" if now > slot.associated_at + lifecycle.association_available else "associating"


def _kept(group: ResiliencyGroup, ctx: Context) -> tuple[ResiliencyAssociation, ...]:
    """The slots still listed: a write drops those that have gone, and all but the latest
    ``ENDED_KEPT`` ended ones, so no churn grows the group's item without bound [choice]."""
    listed = [slot for slot in group.resiliency_associations
              if association_state(slot, ctx.lifecycle, ctx.now) is not None]
    ended = sorted((slot for slot in listed if slot.disassociated_at is not None),
                   key=lambda slot: (slot.disassociated_at, slot.connection_id))
    dropped = {slot.connection_id for slot in ended[:max(0, len(ended) - ENDED_KEPT)]}
    return tuple(slot for slot in listed if slot.connection_id not in dropped)


def changeable(group: ResiliencyGroup) -> None:
    """A group that is deleting or deleted takes no change [choice]."""
    if group.state in GONE_STATES:
        raise ClientException(f"Resiliency group {group.resiliency_group_id} is {group.state}: it cannot be changed")


def rename_group(group: ResiliencyGroup, name: str | None) -> ResiliencyGroup:
    new_name = checked_name(name)
    changeable(group)
    return replace(group, resiliency_group_name=new_name)


def connection_id_of(identifier: str, account: str, region: str) -> str:
    """The connection an identifier names: its id, or its ARN (which must be of the caller's account
    and region, else it names nothing the caller can see)."""
    if _CONNECTION_ID.fullmatch(identifier):
        return identifier
    match = _CONNECTION_ARN.fullmatch(identifier)
    if match is None:
        raise ClientException(f"{identifier} is not a Direct Connect connection ID or ARN")
    arn_region, arn_account, connection_id = match.groups()
    if (arn_account, arn_region) != (account, region):
        raise NotFoundException(f"Could not find Connection with ID {connection_id}")
    return connection_id


def connection_ids_of(identifiers: Sequence[str] | None, account: str, region: str) -> tuple[str, ...]:
    """1..50 identifiers [doc], each connection once, in the order given."""
    count = len(identifiers or ())
    if not 1 <= count <= MAX_IDENTIFIERS:
        raise ClientException(f"connectionIdentifiers must hold 1 to {MAX_IDENTIFIERS} connections; {count} were "
                              "given")
    return tuple(dict.fromkeys(connection_id_of(identifier, account, region) for identifier in identifiers or ()))


def associate(group: ResiliencyGroup, connections: Sequence[Connection], ended: Iterable[str],
              ctx: Context) -> ResiliencyGroup:
    """All of ``connections`` join, or none [doc]. Each must be live; one the group already holds
    stays as it is. ``ended``: connections of the group's that have since been deleted: their
    associations end now [choice], and do not count towards the limit."""
    changeable(group)
    for conn in connections:
        if conn.state in ENDED_STATES:
            raise ClientException(f"Connection {conn.connection_id} is {conn.state}: it cannot be associated with "
                                  "a resiliency group")
    gone = set(ended)
    slots = {slot.connection_id: slot for slot in _kept(group, ctx)}
    for connection_id in gone:
        slot = slots.get(connection_id)
        if slot is not None and slot.disassociated_at is None:
            slots[connection_id] = replace(slot, disassociated_at=ctx.now)
    for conn in connections:
        slot = slots.get(conn.connection_id)
        if slot is None or slot.disassociated_at is not None:
            slots[conn.connection_id] = ResiliencyAssociation(conn.connection_id, ctx.now)
    held = sum(1 for slot in slots.values() if slot.disassociated_at is None)
    if held > MAX_CONNECTIONS:
        raise LimitExceededException(f"Resiliency group {group.resiliency_group_id} would hold {held} connections: "
                                     f"a resiliency group holds at most {MAX_CONNECTIONS}")
    return replace(group, resiliency_associations=tuple(sorted(slots.values(), key=lambda s: s.connection_id)))


def disassociate(group: ResiliencyGroup, connection_ids: Sequence[str], ctx: Context) -> ResiliencyGroup:
    """All of them leave, or none [doc]; one already leaving stays as it is. The connection need not
    be live: a deleted connection can still be taken out of its group."""
    changeable(group)
    slots = {slot.connection_id: slot for slot in _kept(group, ctx)}
    for connection_id in connection_ids:
        if connection_id not in slots:
            raise ClientException(f"Connection {connection_id} is not associated with resiliency group "
                                  f"{group.resiliency_group_id}")
    for connection_id in connection_ids:
        if slots[connection_id].disassociated_at is None:
            slots[connection_id] = replace(slots[connection_id], disassociated_at=ctx.now)
    return replace(group, resiliency_associations=tuple(sorted(slots.values(), key=lambda s: s.connection_id)))


def delete_group(group: ResiliencyGroup, ctx: Context) -> ResiliencyGroup:
    """``deleting``, its connections disassociated with it [choice: AWS deletes asynchronously and
    documents no refusal]. A group already deleting is answered as it is."""
    if group.state in GONE_STATES:
        return group
    slots = tuple(slot if slot.disassociated_at is not None else replace(slot, disassociated_at=ctx.now)
                  for slot in _kept(group, ctx))
    return replace(group, resiliency_group_state="deleting", resiliency_associations=slots, deleted_at=ctx.now,
                   expires_at=ctx.expires_at)
