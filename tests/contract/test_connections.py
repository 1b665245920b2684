"""CreateConnection and DescribeConnections through a real boto3 client."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.support.errors import expect_error
from tests.support.world import REDUNDANCY_TAG, connection, stable

ID = re.compile(r"dxcon-[a-z0-9]{8}")


def test_create_connection_returns_the_flat_connection(dx: Any, account: str) -> None:
    conn = connection(dx, connectionName="Primary DX", location="EqDC2", bandwidth="10Gbps")
    assert ID.fullmatch(conn["connectionId"])
    assert conn["connectionName"] == "Primary DX"
    assert conn["connectionState"] == "requested"
    assert conn["hasLogicalRedundancy"] == "unknown"
    assert conn["ownerAccount"] == account
    assert conn["region"] == "us-east-1"
    assert (conn["location"], conn["bandwidth"]) == ("EqDC2", "10Gbps")
    assert conn["awsDevice"] == conn["awsDeviceV2"]
    assert conn["awsDevice"].startswith("EqDC2-")


@pytest.mark.parametrize("value", ["yes", "no"])
def test_the_redundancy_tag_sets_has_logical_redundancy(dx: Any, value: str) -> None:
    conn = connection(dx, redundancy=value)
    assert conn["hasLogicalRedundancy"] == value
    assert {"key": REDUNDANCY_TAG, "value": value} in conn["tags"]
    described = dx.describe_connections(connectionId=conn["connectionId"])["connections"]
    assert described[0]["hasLogicalRedundancy"] == value


def test_a_redundancy_tag_other_than_yes_or_no_is_refused(dx: Any) -> None:
    expect_error(connection, "DirectConnectClientException",
                 f"Tag {REDUNDANCY_TAG} must be yes or no, not maybe", dx=dx, redundancy="maybe")


def test_describe_connections_lists_only_this_accounts_connections(dx: Any, make_client: Any) -> None:
    first, second = connection(dx), connection(dx)
    connection(make_client())  # another account's
    listed = {conn["connectionId"] for conn in dx.describe_connections()["connections"]}
    assert listed == {first["connectionId"], second["connectionId"]}


def test_describe_connections_by_id(dx: Any) -> None:
    conn = connection(dx)
    connection(dx)
    described = dx.describe_connections(connectionId=conn["connectionId"])["connections"]
    assert [c["connectionId"] for c in described] == [conn["connectionId"]]
    assert stable(described[0]) == stable(conn)
    # requested when created; with no delay configured, available on the next read.
    assert (conn["connectionState"], described[0]["connectionState"]) == ("requested", "available")


@pytest.mark.parametrize("connection_id", ["dxcon-zzzzzzzz", "not-an-id"])
def test_describing_an_unknown_connection_is_refused(dx: Any, connection_id: str) -> None:
    expect_error(dx.describe_connections, "DirectConnectClientException",
                 f"Could not find Connection with ID {connection_id}", connectionId=connection_id)


@pytest.mark.parametrize(("missing", "message"), [
    ("location", "location is required"),
    ("bandwidth", "bandwidth is required"),
    ("connectionName", "connectionName is required"),
])
def test_required_members(raw_dx: Any, missing: str, message: str) -> None:
    params = {"location": "EqDC2", "bandwidth": "1Gbps", "connectionName": "c"}
    del params[missing]
    expect_error(raw_dx.create_connection, "DirectConnectClientException", message, **params)


def test_bandwidth_must_be_a_dedicated_port_speed(dx: Any) -> None:
    expect_error(connection, "DirectConnectClientException",
                 "Bandwidth 50Mbps is not available for a dedicated connection: use one of 1Gbps, 10Gbps",
                 dx=dx, bandwidth="50Mbps")


def test_an_unknown_lag_is_refused(dx: Any) -> None:
    expect_error(connection, "DirectConnectClientException", "Could not find Lag with ID dxlag-ffffffff",
                 dx=dx, lagId="dxlag-ffffffff")


def test_duplicate_tag_keys_are_refused(dx: Any) -> None:
    tags = [{"key": "team", "value": "a"}, {"key": "team", "value": "b"}]
    expect_error(connection, "DuplicateTagKeysException", "Tag key team is given more than once", dx=dx, tags=tags)


def test_more_than_fifty_tags_are_refused(dx: Any) -> None:
    tags = [{"key": f"k{i}", "value": "v"} for i in range(51)]
    expect_error(connection, "TooManyTagsException", "at most 50 tags; 51 were given", dx=dx, tags=tags)


def test_reserved_tag_prefix_is_refused(dx: Any) -> None:
    expect_error(connection, "DirectConnectClientException", "Tag key aws:owner uses the reserved prefix aws:",
                 dx=dx, tags=[{"key": "aws:owner", "value": "x"}])
