"""UpdateConnection, UpdateLag, UpdateConnectionsBillingMode, and the LOAs of connections and LAGs
(DescribeLoa, the deprecated DescribeConnectionLoa)."""

from __future__ import annotations

from typing import Any

from tests.support.errors import expect_error
from tests.support.world import connection

CLIENT, NOT_FOUND = "DirectConnectClientException", "DirectConnectClientException"


def lag(dx: Any, members: int = 2, macsec: bool = False) -> dict[str, Any]:
    return dict(dx.create_lag(numberOfConnections=members, location="EqDC2", connectionsBandwidth="10Gbps",
                              lagName="l", requestMACSec=macsec))


def test_update_connection(dx: Any) -> None:
    conn_id = connection(dx, requestMACSec=True)["connectionId"]
    renamed = dx.update_connection(connectionId=conn_id, connectionName="renamed")
    assert (renamed["connectionName"], renamed["encryptionMode"]) == ("renamed", "no_encrypt")
    encrypted = dx.update_connection(connectionId=conn_id, encryptionMode="should_encrypt")
    assert (encrypted["connectionName"], encrypted["encryptionMode"]) == ("renamed", "should_encrypt")
    [seen] = dx.describe_connections(connectionId=conn_id)["connections"]
    assert (seen["connectionName"], seen["encryptionMode"]) == ("renamed", "should_encrypt")
    expect_error(dx.update_connection, CLIENT, "encryptionMode always is not valid: use one of no_encrypt, "
                 "should_encrypt, must_encrypt", connectionId=conn_id, encryptionMode="always")
    expect_error(dx.update_connection, CLIENT, "connectionName must not be empty", connectionId=conn_id,
                 connectionName="")
    dx.delete_connection(connectionId=conn_id)
    expect_error(dx.update_connection, CLIENT, f"Connection {conn_id} is deleted: it cannot be updated",
                 connectionId=conn_id, connectionName="late")
    expect_error(dx.update_connection, NOT_FOUND, "Could not find Connection with ID dxcon-ffffffff",
                 connectionId="dxcon-ffffffff", connectionName="x")


def test_update_lag(dx: Any) -> None:
    created = lag(dx, macsec=True)
    lag_id = created["lagId"]
    assert created["minimumLinks"] == 0
    updated = dx.update_lag(lagId=lag_id, lagName="2ConnLag", minimumLinks=2)
    assert (updated["lagName"], updated["minimumLinks"], updated["numberOfConnections"]) == ("2ConnLag", 2, 2)
    expect_error(dx.update_lag, CLIENT, f"minimumLinks 3 is not valid for LAG {lag_id}: use 0 to its 2 connections",
                 lagId=lag_id, minimumLinks=3)
    # The encryption mode goes to every member [doc].
    encrypted = dx.update_lag(lagId=lag_id, encryptionMode="must_encrypt")
    assert encrypted["encryptionMode"] == "must_encrypt"
    assert {c["encryptionMode"] for c in encrypted["connections"]} == {"must_encrypt"}
    [seen] = dx.describe_lags(lagId=lag_id)["lags"]
    assert (seen["lagName"], seen["minimumLinks"], seen["encryptionMode"]) == ("2ConnLag", 2, "must_encrypt")
    members = dx.describe_connections()["connections"]
    assert {c["encryptionMode"] for c in members} == {"must_encrypt"}
    expect_error(dx.update_lag, NOT_FOUND, "Could not find Lag with ID dxlag-ffffffff", lagId="dxlag-ffffffff",
                 lagName="x")


def test_update_billing_mode(dx: Any) -> None:
    ids = [connection(dx)["connectionId"] for _ in range(3)]
    answer = dx.update_connections_billing_mode(connectionIds=ids, billingMode="FlatRateTier2")
    assert answer["billingMode"] == "FlatRateTier2"
    assert sorted(c["connectionId"] for c in answer["connections"]) == sorted(ids)
    assert {c["billingMode"] for c in dx.describe_connections()["connections"]} == {"FlatRateTier2"}
    expect_error(dx.update_connections_billing_mode, CLIENT, "billingMode Free is not valid", connectionIds=ids,
                 billingMode="Free")
    # One unknown connection: none changes.
    expect_error(dx.update_connections_billing_mode, NOT_FOUND, "Could not find Connection with ID dxcon-ffffffff",
                 connectionIds=[*ids, "dxcon-ffffffff"], billingMode="PayAsYouGo")
    assert {c["billingMode"] for c in dx.describe_connections()["connections"]} == {"FlatRateTier2"}


def test_letters_of_authorization(dx: Any) -> None:
    conn = connection(dx, connectionName="loa connection")
    loa = dx.describe_loa(connectionId=conn["connectionId"], providerName="Example Telecom")
    assert loa["loaContentType"] == "application/pdf"
    assert loa["loaContent"].startswith(b"%PDF-1.4")
    assert conn["connectionId"].encode() in loa["loaContent"] and b"Example Telecom" in loa["loaContent"]
    old = dx.describe_connection_loa(connectionId=conn["connectionId"])["loa"]
    assert old["loaContentType"] == "application/pdf" and b"loa connection" in old["loaContent"]
    lag_id = lag(dx, 1)["lagId"]
    assert lag_id.encode() in dx.describe_loa(connectionId=lag_id)["loaContent"]
    expect_error(dx.describe_loa, CLIENT, "loaContentType text/html is not supported", connectionId=lag_id,
                 loaContentType="text/html")
    expect_error(dx.describe_loa, NOT_FOUND, "Could not find Connection with ID dxcon-ffffffff",
                 connectionId="dxcon-ffffffff")
