"""maxResults and nextToken on the Describe operations: pages in a stable order, tokens good only for
the request they were issued for."""

from __future__ import annotations

from typing import Any

from tests.support.errors import expect_error
from tests.support.world import connection, private_vif

BAD_TOKEN = ("The nextToken is not valid for this request: pass back a nextToken from the previous answer to the "
             "same request")


def all_pages(call: Any, member: str, **params: Any) -> tuple[list[str], int]:
    """Every page of ``call``; the ids in the order given, and how many pages it took."""
    ids: list[str] = []
    pages = 0
    token = None
    while True:
        answer = call(**params, **({"nextToken": token} if token else {}))
        pages += 1
        ids += [item.get("virtualInterfaceId") or item.get("lagId") or item["connectionId"] for item in answer[member]]
        token = answer.get("nextToken")
        if not token:
            return ids, pages


def test_connections_page_through_in_a_stable_order(dx: Any) -> None:
    created = sorted(connection(dx, connectionName=f"c{index}")["connectionId"] for index in range(5))
    assert all_pages(dx.describe_connections, "connections", maxResults=2) == (created, 3)
    assert all_pages(dx.describe_connections, "connections") == (created, 1)  # no maxResults: one answer
    first = dx.describe_connections(maxResults=2)
    connection(dx)  # created between two pages: the next page neither repeats nor skips what was there
    rest = [c["connectionId"] for c in dx.describe_connections(maxResults=10, nextToken=first["nextToken"])[
        "connections"]]
    assert [connection_id for connection_id in rest if connection_id in created] == created[2:]


def test_vifs_and_lags_page_too(dx: Any) -> None:
    conn_id = connection(dx)["connectionId"]
    vifs = sorted(private_vif(dx, conn_id, vlan=100 + index)["virtualInterfaceId"] for index in range(3))
    assert all_pages(dx.describe_virtual_interfaces, "virtualInterfaces", connectionId=conn_id, maxResults=1) == (
        vifs, 3)
    lags = sorted(dx.create_lag(numberOfConnections=1, location="EqDC2", connectionsBandwidth="1Gbps",
                                lagName=f"l{index}")["lagId"] for index in range(3))
    assert all_pages(dx.describe_lags, "lags", maxResults=2) == (lags, 2)


def test_a_token_is_good_only_for_its_own_request(dx: Any, make_client: Any) -> None:
    conn_id = connection(dx)["connectionId"]
    connection(dx)
    for vlan in (1, 2):
        private_vif(dx, conn_id, vlan=vlan)
    token = dx.describe_connections(maxResults=1)["nextToken"]
    expect_error(dx.describe_lags, "DirectConnectClientException", BAD_TOKEN, nextToken=token)
    expect_error(make_client().describe_connections, "DirectConnectClientException", BAD_TOKEN, nextToken=token)
    vif_token = dx.describe_virtual_interfaces(connectionId=conn_id, maxResults=1)["nextToken"]
    expect_error(dx.describe_virtual_interfaces, "DirectConnectClientException", BAD_TOKEN, nextToken=vif_token)
    expect_error(dx.describe_connections, "DirectConnectClientException", BAD_TOKEN, nextToken="not-a-token")
    expect_error(dx.describe_connections, "DirectConnectClientException", "maxResults must be at least 1; 0 was given",
                 maxResults=0)
