"""CreateResiliencyGroup, GetResiliencyGroup, ListResiliencyGroups, UpdateResiliencyGroup,
DeleteResiliencyGroup, AssociateConnectionsToResiliencyGroup, DisassociateConnectionsFromResiliencyGroup,
ListResiliencyGroupAssociations. The rules and the choices are domain/resiliency.py's.

A group belongs to its account and region: ListResiliencyGroups lists those "in the current Region"
[doc], though its ARN has no region [doc]. Its connections are the caller's, in the same region.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..domain.context import Context
from ..domain.model import ENDED_STATES, Connection
from ..domain.resiliency import (
    GROUP_TYPE,
    MAX_NAME,
    NewResiliencyGroup,
    ResiliencyAssociation,
    ResiliencyGroup,
    associate,
    association_state,
    changeable,
    checked_group_id,
    checked_name,
    connection_ids_of,
    create_group,
    current_group,
    delete_group,
    disassociate,
    group_missing,
    rename_group,
)
from ..domain.resiliency_tokens import (
    MAX_TOKEN,
    ResiliencyClientToken,
    checked_token,
    fingerprint,
    token_record,
    used_token,
)
from ..errors import NotFoundException
from . import lookups
from .call import Call, optimistic
from .pages import page_of, page_request
from .views import compact, tags

if TYPE_CHECKING:
    from ..store.kinds import Entity

MAX_IDENTIFIER = 1024  # [doc]
LIVE_ASSOCIATION = ("associating", "associated")


def summary(group: ResiliencyGroup) -> dict[str, Any]:
    return {
        "resiliencyGroupId": group.resiliency_group_id,
        "resiliencyGroupArn": group.arn,
        "resiliencyGroupName": group.resiliency_group_name,
        "resiliencyGroupType": GROUP_TYPE,
        "ownerAccount": group.owner_account,
        "state": group.resiliency_group_state,
    }


def view(group: ResiliencyGroup) -> dict[str, Any]:
    # The model's TagList holds at least one tag: none is left out.
    return compact({**summary(group), "tags": tags(group.tags) or None})


def _association(group: ResiliencyGroup, connection_id: str, state: str) -> dict[str, Any]:
    return {"resiliencyGroupId": group.resiliency_group_id, "connectionArn": group.connection_arn(connection_id),
            "state": state}


def _group(call: Call, ctx: Context, group_id: str) -> ResiliencyGroup:
    """A group of the caller's as it is now, deleted ones included while they are listed."""
    found = call.store.get(ResiliencyGroup, call.scope, group_id)
    current = None if found is None else current_group(found, ctx.lifecycle, ctx.now)
    if current is None:
        raise NotFoundException(group_missing(group_id))
    return current


def _connections(call: Call, ctx: Context, connection_ids: Iterable[str]) -> dict[str, Connection]:
    """The caller's connections among ``connection_ids``, as they are now (one batch read)."""
    found = (lookups.current_connection(conn, ctx) for conn in call.store.get_many(Connection, call.scope,
                                                                                   connection_ids))
    return {conn.connection_id: conn for conn in found if conn is not None}


def _token(call: Call, ctx: Context, token: str | None, print_: str, group_id: str) -> tuple[bool, list[Entity]]:
    """Whether this request was already made with its clientToken; else the token's record to write."""
    if token is None:
        return False, []
    stored = call.store.get(ResiliencyClientToken, call.scope, token)
    if used_token(stored, print_, ctx.now) is not None:
        return True, []
    return False, [token_record(token, print_, group_id, ctx, stored)]


def create(call: Call) -> dict[str, Any]:
    params = call.params
    tag_members = params.structures("tags")
    request = NewResiliencyGroup(params.string("resiliencyGroupName", max_length=MAX_NAME),
                                 params.string("intendedResiliencyModel"),
                                 None if tag_members is None else params.tags())
    token = checked_token(params.string("clientToken", max_length=MAX_TOKEN))
    print_ = fingerprint("CreateResiliencyGroup", request.resiliency_group_name, request.intended_resiliency_model,
                         [[tag.key, tag.value] for tag in request.tags or ()])

    def attempt() -> ResiliencyGroup:
        ctx = call.context()
        stored = None if token is None else call.store.get(ResiliencyClientToken, call.scope, token)
        used = used_token(stored, print_, ctx.now)
        if used is not None:  # the same request again: its group, unless that has gone since
            earlier = call.store.get(ResiliencyGroup, call.scope, used.resiliency_group_id)
            current = None if earlier is None else current_group(earlier, ctx.lifecycle, ctx.now)
            if current is not None:
                return current
        group = create_group(request, ctx)
        # A lost answer's retry (same request, same id) is answered by the store from its own write.
        if token is None:
            return call.save(group)
        return call.save(group, token_record(token, print_, group.resiliency_group_id, ctx, stored))

    return {"resiliencyGroup": view(optimistic(attempt))}


def get(call: Call) -> dict[str, Any]:
    group_id = checked_group_id(call.params.string("resiliencyGroupId"))
    return {"resiliencyGroup": view(_group(call, call.context(), group_id))}


def list_groups(call: Call) -> dict[str, Any]:
    request = page_request(call, "ListResiliencyGroups")
    ctx = call.context()
    groups = [group for group in (current_group(stored, ctx.lifecycle, ctx.now)
                                  for stored in call.store.query(ResiliencyGroup, call.scope)) if group is not None]
    return page_of("items", groups, lambda group: group.resiliency_group_id, request, summary)


def update(call: Call) -> dict[str, Any]:
    params = call.params
    group_id = checked_group_id(params.string("resiliencyGroupId"))
    name = checked_name(params.string("resiliencyGroupName", max_length=MAX_NAME))
    token = checked_token(params.string("clientToken", max_length=MAX_TOKEN))
    print_ = fingerprint("UpdateResiliencyGroup", group_id, name)

    def attempt() -> ResiliencyGroup:
        ctx = call.context()
        current = _group(call, ctx, group_id)
        done, records = _token(call, ctx, token, print_, group_id)
        if done or call.replayed(current):
            return current
        return call.save(rename_group(current, name), *records)

    return {"resiliencyGroup": view(optimistic(attempt))}


def delete(call: Call) -> dict[str, Any]:
    group_id = checked_group_id(call.params.string("resiliencyGroupId"))

    def attempt() -> ResiliencyGroup:
        ctx = call.context()
        current = _group(call, ctx, group_id)
        deleted = delete_group(current, ctx)  # answered as it is once deleting: a retry is answered too
        return current if deleted is current else call.save(deleted)

    return {"resiliencyGroup": view(optimistic(attempt))}


def _answered(group: ResiliencyGroup, connection_ids: tuple[str, ...], ctx: Context) -> dict[str, Any]:
    """The associations of the request's connections, as they are now, in the order given."""
    slots: dict[str, ResiliencyAssociation] = {slot.connection_id: slot for slot in group.resiliency_associations}
    shown = [(connection_id, association_state(slots[connection_id], ctx.lifecycle, ctx.now))
             for connection_id in connection_ids if connection_id in slots]
    return {"resiliencyGroupAssociations": [_association(group, connection_id, state)
                                            for connection_id, state in shown if state is not None]}


def _change(call: Call, operation: str, associating: bool) -> dict[str, Any]:
    params = call.params
    group_id = checked_group_id(params.string("resiliencyGroupId"))
    identifiers = params.strings("connectionIdentifiers", max_length=MAX_IDENTIFIER)
    token = checked_token(params.string("clientToken", max_length=MAX_TOKEN))
    connection_ids = connection_ids_of(identifiers, call.scope.account, call.scope.region)
    print_ = fingerprint(operation, group_id, list(connection_ids))

    def attempt() -> tuple[ResiliencyGroup, Context]:
        ctx = call.context()
        current = _group(call, ctx, group_id)
        done, records = _token(call, ctx, token, print_, group_id)
        if done or call.replayed(current):
            return current, ctx
        if not associating:
            return call.save(disassociate(current, connection_ids, ctx), *records), ctx
        changeable(current)  # before its connections are read
        held = [slot.connection_id for slot in current.resiliency_associations
                if association_state(slot, ctx.lifecycle, ctx.now) in LIVE_ASSOCIATION]
        conns = _connections(call, ctx, [*connection_ids, *held])
        for connection_id in connection_ids:
            if connection_id not in conns:
                raise NotFoundException(f"Could not find Connection with ID {connection_id}")
        ended = [connection_id for connection_id in held
                 if connection_id not in conns or conns[connection_id].state in ENDED_STATES]
        changed = associate(current, [conns[connection_id] for connection_id in connection_ids], ended, ctx)
        return call.save(changed, *records), ctx

    group, ctx = optimistic(attempt)
    return _answered(group, connection_ids, ctx)


def associate_connections(call: Call) -> dict[str, Any]:
    return _change(call, "AssociateConnectionsToResiliencyGroup", associating=True)


def disassociate_connections(call: Call) -> dict[str, Any]:
    return _change(call, "DisassociateConnectionsFromResiliencyGroup", associating=False)


def list_associations(call: Call) -> dict[str, Any]:
    """Connections deleted while in the group show ``disassociated`` [choice]."""
    group_id = checked_group_id(call.params.string("resiliencyGroupId"))
    request = page_request(call, "ListResiliencyGroupAssociations", group_id)
    ctx = call.context()
    group = _group(call, ctx, group_id)
    rows = [(slot.connection_id, state) for slot, state in
            ((slot, association_state(slot, ctx.lifecycle, ctx.now)) for slot in group.resiliency_associations)
            if state is not None]
    conns = _connections(call, ctx, [connection_id for connection_id, state in rows if state in LIVE_ASSOCIATION])
    rows = [(connection_id, state if state not in LIVE_ASSOCIATION or (
        connection_id in conns and conns[connection_id].state not in ENDED_STATES) else "disassociated")
            for connection_id, state in rows]
    return page_of("items", rows, lambda row: row[0], request, lambda row: _association(group, *row))
