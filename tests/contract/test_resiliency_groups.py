"""Resiliency groups: the model's members, enums and limits, states over time, clientToken
idempotency, atomic association of the caller's live connections, pages, and isolation between
accounts and regions."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from tests.support.errors import expect_error
from tests.support.world import connection

CLIENT = "DirectConnectClientException"
UNKNOWN_GROUP = "dxrg-00000000000000000"


def group(dx: Any, name: str = "core", model: str = "high-resiliency", **more: Any) -> dict[str, Any]:
    return dict(dx.create_resiliency_group(resiliencyGroupName=name, intendedResiliencyModel=model,
                                           **more)["resiliencyGroup"])


def states(dx: Any, group_id: str, **paging: Any) -> dict[str, str]:
    items = dx.list_resiliency_group_associations(resiliencyGroupId=group_id, **paging)["items"]
    assert all(item["resiliencyGroupId"] == group_id for item in items)
    return {item["connectionArn"].rsplit("/", 1)[1]: item["state"] for item in items}


def answered(answer: dict[str, Any]) -> list[tuple[str, str]]:
    return [(item["connectionArn"].rsplit("/", 1)[1], item["state"]) for item in answer["resiliencyGroupAssociations"]]


def test_a_group_over_time(dx: Any, account: str) -> None:
    created = group(dx, tags=[{"key": "team", "value": "net"}])
    group_id = created["resiliencyGroupId"]
    assert re.fullmatch(r"dxrg-[0-9a-z]{17}", group_id)
    assert created == {"resiliencyGroupId": group_id, "resiliencyGroupName": "core", "resiliencyGroupType": "Managed",
                       "resiliencyGroupArn": f"arn:aws:directconnect::{account}:dx-resiliency-group/{group_id}",
                       "ownerAccount": account, "state": "pending", "tags": [{"key": "team", "value": "net"}]}
    read = dx.get_resiliency_group(resiliencyGroupId=group_id)["resiliencyGroup"]
    assert read == {**created, "state": "available"}
    # The ID pattern allows DXRG- and capitals [doc]: the same group.
    assert dx.get_resiliency_group(resiliencyGroupId="DXRG-" + group_id[5:].upper())["resiliencyGroup"] == read
    [summary] = dx.list_resiliency_groups()["items"]
    assert summary == {key: value for key, value in read.items() if key != "tags"}  # a summary has no tags
    renamed = dx.update_resiliency_group(resiliencyGroupId=group_id, resiliencyGroupName="core_2")["resiliencyGroup"]
    assert renamed == {**read, "resiliencyGroupName": "core_2"}
    deleting = dx.delete_resiliency_group(resiliencyGroupId=group_id)["resiliencyGroup"]
    assert deleting == {**renamed, "state": "deleting"}  # asynchronous [doc]
    assert dx.get_resiliency_group(resiliencyGroupId=group_id)["resiliencyGroup"]["state"] == "deleted"
    assert [g["state"] for g in dx.list_resiliency_groups()["items"]] == ["deleted"]  # listed while retained
    assert dx.delete_resiliency_group(resiliencyGroupId=group_id)["resiliencyGroup"]["state"] == "deleted"
    for change, more in ((dx.update_resiliency_group, {"resiliencyGroupName": "again"}),
                         (dx.associate_connections_to_resiliency_group, {"connectionIdentifiers": ["dxcon-ffffffff"]})):
        expect_error(change, CLIENT, f"Resiliency group {group_id} is deleted: it cannot be changed",
                     resiliencyGroupId=group_id, **more)
    no_tags = group(dx, "plain", "basic-resiliency")
    assert "tags" not in no_tags  # the model's TagList holds at least one tag


def test_members_enums_and_limits(dx: Any, make_client: Callable[..., Any], account: str) -> None:
    raw = make_client(account, parameter_validation=False)
    expect_error(group, CLIENT, "Resiliency model medium-resiliency is not valid: use one of maximum-resiliency, "
                 "high-resiliency, basic-resiliency", dx=dx, model="medium-resiliency")
    expect_error(group, CLIENT, "Resiliency group name my group is not valid: use 1 to 255 letters, digits, "
                 "hyphens (-) and underscores (_)", dx=dx, name="my group")
    expect_error(group, CLIENT, "resiliencyGroupName must be at most 255 characters long; 256 were given",
                 dx=dx, name="x" * 256)
    assert group(dx, "x" * 255)["resiliencyGroupName"] == "x" * 255
    expect_error(raw.create_resiliency_group, CLIENT, "resiliencyGroupName is required",
                 intendedResiliencyModel="high-resiliency")
    expect_error(raw.create_resiliency_group, CLIENT, "intendedResiliencyModel is required", resiliencyGroupName="a")
    expect_error(group, CLIENT, "tags must hold at least one tag", dx=raw, tags=[])
    expect_error(group, CLIENT, "clientToken must be 1 to 128 characters long", dx=raw, clientToken="")
    expect_error(group, CLIENT, "clientToken must be at most 128 characters long; 129 were given", dx=dx,
                 clientToken="t" * 129)
    expect_error(group, "TooManyTagsException", "at most 50 tags; 51 were given", dx=dx,
                 tags=[{"key": f"k{index}", "value": "v"} for index in range(51)])
    expect_error(group, "DuplicateTagKeysException", "Tag key k is given more than once", dx=dx,
                 tags=[{"key": "k", "value": "1"}, {"key": "k", "value": "2"}])
    expect_error(dx.get_resiliency_group, CLIENT, "Resiliency group ID dxrg-0000000000000000! has an invalid format: "
                 "dxrg- and 17 letters or digits", resiliencyGroupId="dxrg-0000000000000000!")
    expect_error(raw.get_resiliency_group, CLIENT, "resiliencyGroupId is required")
    for operation, more in ((dx.get_resiliency_group, {}), (dx.delete_resiliency_group, {}),
                            (dx.update_resiliency_group, {"resiliencyGroupName": "b"}),
                            (dx.list_resiliency_group_associations, {}),
                            (dx.disassociate_connections_from_resiliency_group,
                             {"connectionIdentifiers": ["dxcon-ffffffff"]})):
        expect_error(operation, CLIENT, f"Resiliency group {UNKNOWN_GROUP} does not exist",
                     resiliencyGroupId=UNKNOWN_GROUP, **more)
    group_id = group(dx)["resiliencyGroupId"]
    expect_error(dx.update_resiliency_group, CLIENT, "Resiliency group name a.b is not valid",
                 resiliencyGroupId=group_id, resiliencyGroupName="a.b")
    for identifiers, count in (([], 0), ([f"dxcon-{index:08d}" for index in range(51)], 51)):
        expect_error(raw.associate_connections_to_resiliency_group, CLIENT,
                     f"connectionIdentifiers must hold 1 to 50 connections; {count} were given",
                     resiliencyGroupId=group_id, connectionIdentifiers=identifiers)


def test_client_token_idempotency(dx: Any) -> None:
    first = group(dx, clientToken="token-1", tags=[{"key": "a", "value": "b"}])
    again = group(dx, clientToken="token-1", tags=[{"key": "a", "value": "b"}])
    assert again == {**first, "state": "available"}  # the same group, as it is now
    mismatch = "Client token token-1 was already used for a different request: use a new clientToken for a new request"
    expect_error(group, CLIENT, mismatch, dx=dx, name="other", clientToken="token-1")
    group_id = first["resiliencyGroupId"]
    expect_error(dx.update_resiliency_group, CLIENT, mismatch, resiliencyGroupId=group_id,
                 resiliencyGroupName="other", clientToken="token-1")
    assert [g["resiliencyGroupId"] for g in dx.list_resiliency_groups()["items"]] == [group_id]
    dx.update_resiliency_group(resiliencyGroupId=group_id, resiliencyGroupName="renamed", clientToken="token-2")
    dx.update_resiliency_group(resiliencyGroupId=group_id, resiliencyGroupName="later")
    # The same update again changes nothing: it answers the group as it is.
    replayed = dx.update_resiliency_group(resiliencyGroupId=group_id, resiliencyGroupName="renamed",
                                          clientToken="token-2")["resiliencyGroup"]
    assert replayed["resiliencyGroupName"] == "later"
    expect_error(dx.update_resiliency_group, CLIENT, "Client token token-2 was already used",
                 resiliencyGroupId=group_id, resiliencyGroupName="third", clientToken="token-2")
    conn, other = (connection(dx)["connectionId"] for _ in range(2))
    params = {"resiliencyGroupId": group_id, "connectionIdentifiers": [conn], "clientToken": "token-3"}
    assert answered(dx.associate_connections_to_resiliency_group(**params)) == [(conn, "associating")]
    assert answered(dx.associate_connections_to_resiliency_group(**params)) == [(conn, "associated")]
    expect_error(dx.associate_connections_to_resiliency_group, CLIENT, "Client token token-3 was already used",
                 **{**params, "connectionIdentifiers": [other]})
    expect_error(dx.disassociate_connections_from_resiliency_group, CLIENT, "Client token token-3 was already used",
                 **params)
    assert states(dx, group_id) == {conn: "associated"}


def test_associations_over_time(dx: Any, account: str) -> None:
    group_id = group(dx, "pair", "maximum-resiliency")["resiliencyGroupId"]
    first, second = (connection(dx, connectionName=name)["connectionId"] for name in ("a", "b"))
    second_arn = f"arn:aws:directconnect:us-east-1:{account}:dxcon/{second}"
    made = dx.associate_connections_to_resiliency_group(resiliencyGroupId=group_id,
                                                        connectionIdentifiers=[second_arn, first, second])
    assert made["resiliencyGroupAssociations"] == [  # each connection once, in the order given
        {"resiliencyGroupId": group_id, "connectionArn": second_arn, "state": "associating"},
        {"resiliencyGroupId": group_id, "connectionArn": second_arn.replace(second, first), "state": "associating"}]
    assert states(dx, group_id) == {first: "associated", second: "associated"}
    assert answered(dx.associate_connections_to_resiliency_group(  # already held: as it is
        resiliencyGroupId=group_id, connectionIdentifiers=[first])) == [(first, "associated")]
    left = dx.disassociate_connections_from_resiliency_group(resiliencyGroupId=group_id, connectionIdentifiers=[first])
    assert answered(left) == [(first, "disassociating")]
    assert states(dx, group_id) == {first: "disassociated", second: "associated"}
    assert answered(dx.disassociate_connections_from_resiliency_group(
        resiliencyGroupId=group_id, connectionIdentifiers=[first])) == [(first, "disassociated")]
    assert answered(dx.associate_connections_to_resiliency_group(
        resiliencyGroupId=group_id, connectionIdentifiers=[first])) == [(first, "associating")]
    # A connection deleted while in the group shows disassociated [choice].
    dx.delete_connection(connectionId=second)
    assert states(dx, group_id) == {first: "associated", second: "disassociated"}
    # Deleting the group takes its connections out of it.
    dx.delete_resiliency_group(resiliencyGroupId=group_id)
    assert states(dx, group_id) == {first: "disassociated", second: "disassociated"}


def test_associations_are_atomic_and_need_live_connections(dx: Any, make_client: Callable[..., Any]) -> None:
    group_id = group(dx)["resiliencyGroupId"]
    live = connection(dx)["connectionId"]
    deleted = connection(dx)["connectionId"]
    dx.delete_connection(connectionId=deleted)
    associate = dx.associate_connections_to_resiliency_group
    expect_error(associate, CLIENT, "Could not find Connection with ID dxcon-ffffffff", resiliencyGroupId=group_id,
                 connectionIdentifiers=[live, "dxcon-ffffffff"])
    expect_error(associate, CLIENT, f"Connection {deleted} is deleted: it cannot be associated with a resiliency "
                 "group", resiliencyGroupId=group_id, connectionIdentifiers=[live, deleted])
    for identifier in ("dxlag-ffffffff", "arn:aws:directconnect:us-east-1:123:dxcon/dxcon-ffffffff", "x"):
        expect_error(associate, CLIENT, f"{identifier} is not a Direct Connect connection ID or ARN",
                     resiliencyGroupId=group_id, connectionIdentifiers=[live, identifier])
    assert states(dx, group_id) == {}  # all or none [doc]
    expect_error(dx.disassociate_connections_from_resiliency_group, CLIENT,
                 f"Connection {live} is not associated with resiliency group {group_id}",
                 resiliencyGroupId=group_id, connectionIdentifiers=[live])
    # One connection may be in several groups [choice: AWS documents no such limit].
    other_group = group(dx, "other")["resiliencyGroupId"]
    for group_ in (group_id, other_group):
        associate(resiliencyGroupId=group_, connectionIdentifiers=[live])
    many = [connection(dx, connectionName=f"c{index}")["connectionId"] for index in range(50)]
    associate(resiliencyGroupId=group_id, connectionIdentifiers=many[:49])
    expect_error(associate, "LimitExceededException", f"Resiliency group {group_id} would hold 51 connections: a "
                 "resiliency group holds at most 50", resiliencyGroupId=group_id, connectionIdentifiers=many[49:])
    dx.disassociate_connections_from_resiliency_group(resiliencyGroupId=group_id, connectionIdentifiers=[live])
    assert answered(associate(resiliencyGroupId=group_id, connectionIdentifiers=many[49:])) == [
        (many[49], "associating")]


def test_pages(dx: Any) -> None:
    ids = sorted(group(dx, f"g{index}")["resiliencyGroupId"] for index in range(3))
    first = dx.list_resiliency_groups(maxResults=2)
    assert [g["resiliencyGroupId"] for g in first["items"]] == ids[:2]
    rest = dx.list_resiliency_groups(maxResults=2, nextToken=first["nextToken"])
    assert ([g["resiliencyGroupId"] for g in rest["items"]], "nextToken" in rest) == (ids[2:], False)
    expect_error(dx.list_resiliency_groups, CLIENT, "maxResults must be at least 1; 0 was given", maxResults=0)
    conns = sorted(connection(dx)["connectionId"] for _ in range(3))
    dx.associate_connections_to_resiliency_group(resiliencyGroupId=ids[0], connectionIdentifiers=conns)
    page = dx.list_resiliency_group_associations(resiliencyGroupId=ids[0], maxResults=2)
    assert [item["connectionArn"].rsplit("/", 1)[1] for item in page["items"]] == conns[:2]
    assert states(dx, ids[0], maxResults=2, nextToken=page["nextToken"]) == {conns[2]: "associated"}
    # A token is bound to its request: another group's listing refuses it.
    expect_error(dx.list_resiliency_group_associations, CLIENT, "The nextToken is not valid for this request",
                 resiliencyGroupId=ids[1], nextToken=page["nextToken"])
    expect_error(dx.list_resiliency_groups, CLIENT, "The nextToken is not valid for this request",
                 nextToken=page["nextToken"])


def test_accounts_and_regions_are_isolated(dx: Any, account: str, make_client: Callable[..., Any]) -> None:
    mine = group(dx, clientToken="shared-token")
    conn = connection(dx)["connectionId"]
    other = make_client()
    elsewhere = make_client(account, region="eu-west-1")
    group_id = mine["resiliencyGroupId"]
    for stranger in (other, elsewhere):
        expect_error(stranger.get_resiliency_group, CLIENT, f"Resiliency group {group_id} does not exist",
                     resiliencyGroupId=group_id)
        assert stranger.list_resiliency_groups()["items"] == []
        # The same clientToken elsewhere is another account's (or region's) own.
        theirs = group(stranger, clientToken="shared-token")
        assert theirs["resiliencyGroupId"] != group_id
        for identifier in (conn, f"arn:aws:directconnect:us-east-1:{account}:dxcon/{conn}"):
            expect_error(stranger.associate_connections_to_resiliency_group, CLIENT,
                         f"Could not find Connection with ID {conn}", resiliencyGroupId=theirs["resiliencyGroupId"],
                         connectionIdentifiers=[identifier])
    assert [g["resiliencyGroupId"] for g in dx.list_resiliency_groups()["items"]] == [group_id]
