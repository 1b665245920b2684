"""Terraform's aws_dx_connection and aws_dx_lag, replayed call by call: create, read, tag update,
import read, replace, delete and CheckDestroy, with the provider's finders and waiters."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from tests.support.server import RunningServer
from tests.support.terraform import (
    CONNECTION_DELETE_PENDING,
    GONE,
    LAG_DELETE_PENDING,
    find_connection,
    find_lag,
    read_tags,
    regional_arn,
    update_tags,
    wait,
)


@pytest.fixture
def caller(server: RunningServer, account: str) -> str:
    """The provider's first call: sts:GetCallerIdentity, for the account its ARNs use."""
    sts = boto3.client("sts", endpoint_url=server.url, region_name="us-east-1", aws_access_key_id=account,
                       aws_secret_access_key="x")
    return str(sts.get_caller_identity()["Account"])


def delete_connection(dx: Any, connection_id: str) -> None:
    """deleteConnection + waitConnectionDeleted."""
    try:
        dx.delete_connection(connectionId=connection_id)
    except ClientError as error:
        if "Could not find Connection with ID" not in error.response["Error"]["Message"]:
            raise
    wait(lambda: find_connection(dx, connection_id), "connectionState", CONNECTION_DELETE_PENDING, set())


def test_aws_dx_connection(dx: Any, caller: str) -> None:
    created = dx.create_connection(bandwidth="1Gbps", connectionName="tf-dx-connection", location="EqDC2",
                                   requestMACSec=False, tags=[{"key": "Name", "value": "tf"}])
    conn_id = created["connectionId"]
    read = find_connection(dx, conn_id)  # Read right after Create: NotFound here would be an error
    assert read is not GONE
    arn = regional_arn(read["region"], read["ownerAccount"], "dxcon", conn_id)
    assert (read["ownerAccount"], read["region"]) == (caller, "us-east-1")  # a regional ARN of the caller's
    # ForceNew arguments echo what was sent; unconfigured ones are absent (Terraform's tests expect "").
    assert (read["bandwidth"], read["connectionName"], read["location"]) == ("1Gbps", "tf-dx-connection", "EqDC2")
    assert "providerName" not in read and "partnerName" not in read and read.get("vlan", 0) == 0
    assert isinstance(read["jumboFrameCapable"], bool) and isinstance(read["macSecCapable"], bool)
    assert read["hasLogicalRedundancy"] in ("unknown", "yes", "no") and read["awsDeviceV2"]
    assert read_tags(dx, arn) == {"Name": "tf"}

    update_tags(dx, arn, {"Name": "tf"}, {"Key2": "Value2"})
    assert read_tags(dx, arn) == {"Key2": "Value2"}
    update_tags(dx, arn, {"Key2": "Value2"}, {})
    assert read_tags(dx, arn) == {}  # no tags: still one resourceTags entry, with none in it

    imported = find_connection(dx, conn_id)  # terraform import: the same read
    assert {k: imported[k] for k in ("bandwidth", "connectionName", "location")} == {
        k: read[k] for k in ("bandwidth", "connectionName", "location")}

    # A new name is ForceNew: destroy, then create.
    delete_connection(dx, conn_id)
    replacement = dx.create_connection(bandwidth="1Gbps", connectionName="tf-renamed", location="EqDC2",
                                       requestMACSec=False)
    assert find_connection(dx, replacement["connectionId"])["connectionName"] == "tf-renamed"
    delete_connection(dx, replacement["connectionId"])
    for connection_id in (conn_id, replacement["connectionId"]):  # CheckDestroy
        assert find_connection(dx, connection_id) is GONE
    delete_connection(dx, conn_id)  # a destroy that finds it gone is not an error


def delete_lag(dx: Any, lag_id: str) -> None:
    """force_destroy: delete every member (waiting for each), DeleteLag, waitLagDeleted."""
    lag = find_lag(dx, lag_id)
    if lag is GONE:
        return
    for member in lag.get("connections", []):
        delete_connection(dx, member["connectionId"])
    try:
        dx.delete_lag(lagId=lag_id)
    except ClientError as error:
        if "Could not find Lag with ID" not in error.response["Error"]["Message"]:
            raise
    wait(lambda: find_lag(dx, lag_id), "lagState", LAG_DELETE_PENDING, set())


def create_lag(dx: Any, name: str, bandwidth: str = "10Gbps") -> str:
    created = dx.create_lag(connectionsBandwidth=bandwidth, lagName=name, location="EqDC2", requestMACSec=False,
                            numberOfConnections=1, tags=[{"key": "Name", "value": name}])
    # Without connection_id the provider deletes the member CreateLag made: connections[0], unchecked.
    delete_connection(dx, created["connections"][0]["connectionId"])
    return str(created["lagId"])


def test_aws_dx_lag(dx: Any, caller: str) -> None:
    lag_id = create_lag(dx, "tf-dx-lag")
    read = find_lag(dx, lag_id)
    assert read is not GONE
    arn = regional_arn(read["region"], read["ownerAccount"], "dxlag", lag_id)
    assert (read["ownerAccount"], read["connectionsBandwidth"], read["lagName"]) == (caller, "10Gbps", "tf-dx-lag")
    assert read["hasLogicalRedundancy"] and isinstance(read["jumboFrameCapable"], bool)
    assert "providerName" not in read and read["connections"] == []
    assert read_tags(dx, arn) == {"Name": "tf-dx-lag"}
    update_tags(dx, arn, {"Name": "tf-dx-lag"}, {"Name": "tf-dx-lag", "Env": "test"})
    assert read_tags(dx, arn) == {"Name": "tf-dx-lag", "Env": "test"}
    assert find_lag(dx, lag_id)["lagName"] == "tf-dx-lag"  # import read

    # A new bandwidth is ForceNew: destroy (force_destroy), then create.
    delete_lag(dx, lag_id)
    replacement = create_lag(dx, "tf-dx-lag", bandwidth="1Gbps")
    assert find_lag(dx, replacement)["connectionsBandwidth"] == "1Gbps"
    # force_destroy with members left: each is deleted and waited for, then the LAG.
    dx.create_connection(bandwidth="1Gbps", connectionName="member", location="EqDC2", lagId=replacement)
    delete_lag(dx, replacement)
    assert find_lag(dx, lag_id) is GONE and find_lag(dx, replacement) is GONE  # CheckDestroy
