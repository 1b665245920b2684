"""Account and region come from the SigV4 credential scope; nobody sees or changes another's resources."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.errors import expect_error
from tests.support.server import RunningServer, client
from tests.support.world import connection, private_vif

CLIENT = "DirectConnectClientException"


@pytest.fixture(params=["other account", "other region"])
def stranger(request: pytest.FixtureRequest, make_client: Any, account: str) -> Any:
    if request.param == "other account":
        return make_client()
    return make_client(account=account, region="ap-southeast-2")


def test_resources_of_another_scope_are_invisible(dx: Any, stranger: Any) -> None:
    conn = connection(dx)
    vif = private_vif(dx, conn["connectionId"])
    conn_id, vif_id = conn["connectionId"], vif["virtualInterfaceId"]
    assert stranger.describe_connections()["connections"] == []
    assert stranger.describe_virtual_interfaces()["virtualInterfaces"] == []
    expect_error(stranger.describe_connections, CLIENT, f"Could not find Connection with ID {conn_id}",
                 connectionId=conn_id)
    expect_error(stranger.describe_virtual_interfaces, CLIENT, f"Virtual interface {vif_id} does not exist",
                 virtualInterfaceId=vif_id)
    expect_error(stranger.describe_virtual_interfaces, CLIENT, f"Could not find Connection with ID {conn_id}",
                 connectionId=conn_id)


def test_resources_of_another_scope_cannot_be_changed(dx: Any, stranger: Any) -> None:
    conn = connection(dx)
    vif = private_vif(dx, conn["connectionId"])
    vif_id = vif["virtualInterfaceId"]
    expect_error(stranger.create_bgp_peer, CLIENT, f"Virtual interface {vif_id} does not exist",
                 virtualInterfaceId=vif_id, newBGPPeer={"asn": 65000, "addressFamily": "ipv6"})
    expect_error(private_vif, CLIENT, f"Could not find Connection with ID {conn['connectionId']}",
                 dx=stranger, connection_id=conn["connectionId"], vlan=102)
    [unchanged] = dx.describe_virtual_interfaces(connectionId=conn["connectionId"])["virtualInterfaces"]
    assert len(unchanged["bgpPeers"]) == 1


def test_a_key_that_is_not_an_account_id_means_the_default_account(server: RunningServer, protocol: str) -> None:
    dx = client(server.url, account="AKIAIOSFODNN7EXAMPLE", region="eu-central-1", protocol=protocol)
    conn = connection(dx)
    assert (conn["ownerAccount"], conn["region"]) == ("123456789012", "eu-central-1")
