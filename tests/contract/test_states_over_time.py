"""States that move over time, on a server with one-second delays and two-second retention.

Also the flow Terraform's aws_dx_bgp_peer runs: create, poll until available, read back by family
and ASN, delete by ASN and customer address, poll until deleted or gone.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.errors import expect_error
from tests.support.polling import poll
from tests.support.server import RunningServer, client, new_account
from tests.support.world import connection, private_vif

pytestmark = pytest.mark.timed


@pytest.fixture
def slow_dx(timed_server: RunningServer, protocol: str) -> Any:
    return client(timed_server.url, new_account(), protocol=protocol)


def vifs(dx: Any, **filters: str) -> list[dict[str, Any]]:
    return dx.describe_virtual_interfaces(**filters)["virtualInterfaces"]  # type: ignore[no-any-return]


def test_terraform_bgp_peer_flow(slow_dx: Any) -> None:
    dx = slow_dx
    vif_id = private_vif(dx, connection(dx)["connectionId"])["virtualInterfaceId"]
    dx.create_bgp_peer(virtualInterfaceId=vif_id, newBGPPeer={"asn": 64999, "addressFamily": "ipv6"})

    def peers_of_family_and_asn() -> list[dict[str, Any]]:
        [vif] = vifs(dx, virtualInterfaceId=vif_id)
        return [p for p in vif["bgpPeers"] if p["addressFamily"] == "ipv6" and p["asn"] == 64999]

    assert [p["bgpPeerState"] for p in peers_of_family_and_asn()] == ["pending"]
    [peer] = poll(peers_of_family_and_asn, lambda found: found[0]["bgpPeerState"] in ("available", "verifying"))
    assert peer["bgpPeerState"] == "available"
    answer = dx.delete_bgp_peer(virtualInterfaceId=vif_id, asn=64999, customerAddress=peer["customerAddress"])
    assert [p["bgpPeerState"] for p in answer["virtualInterface"]["bgpPeers"] if p["asn"] == 64999] == ["deleting"]
    poll(peers_of_family_and_asn, lambda found: not found or found[0]["bgpPeerState"] == "deleted")
    # And after the retention the peer is gone from the VIF altogether.
    poll(peers_of_family_and_asn, lambda found: not found)


def test_bgp_session_comes_up_after_the_peer_is_available(slow_dx: Any) -> None:
    dx = slow_dx
    vif_id = private_vif(dx, connection(dx)["connectionId"])["virtualInterfaceId"]

    def peer() -> dict[str, Any]:
        found: dict[str, Any] = vifs(dx, virtualInterfaceId=vif_id)[0]["bgpPeers"][0]
        return found

    assert (peer()["bgpPeerState"], peer()["bgpStatus"]) == ("pending", "down")
    available = poll(peer, lambda p: p["bgpPeerState"] == "available")
    assert available["bgpStatus"] == "down"  # --bgp-up-delay 1: the session is not up yet
    poll(peer, lambda p: p["bgpStatus"] == "up")


def test_connection_and_vif_come_up(slow_dx: Any) -> None:
    dx = slow_dx
    conn = connection(dx)
    conn_id = conn["connectionId"]
    assert dx.describe_connections(connectionId=conn_id)["connections"][0]["connectionState"] == "requested"
    poll(lambda: dx.describe_connections(connectionId=conn_id)["connections"][0]["connectionState"],
         lambda state: state == "available")
    vif_id = private_vif(dx, conn_id)["virtualInterfaceId"]
    assert vifs(dx, virtualInterfaceId=vif_id)[0]["virtualInterfaceState"] == "pending"
    poll(lambda: vifs(dx, virtualInterfaceId=vif_id)[0]["virtualInterfaceState"], lambda state: state == "available")


def test_a_deleted_vif_is_listed_as_deleted_then_gone(slow_dx: Any) -> None:
    dx = slow_dx
    conn_id = connection(dx)["connectionId"]
    vif_id = private_vif(dx, conn_id)["virtualInterfaceId"]
    assert dx.delete_virtual_interface(virtualInterfaceId=vif_id)["virtualInterfaceState"] == "deleting"
    assert vifs(dx, virtualInterfaceId=vif_id)[0]["virtualInterfaceState"] == "deleting"
    poll(lambda: vifs(dx, virtualInterfaceId=vif_id)[0]["virtualInterfaceState"], lambda state: state == "deleted")
    poll(lambda: vifs(dx, connectionId=conn_id), lambda listed: listed == [])
    assert vifs(dx, virtualInterfaceId=vif_id) == []  # expired: an empty list, not an error
    expect_error(dx.delete_virtual_interface, "DirectConnectClientException",
                 f"Virtual interface {vif_id} does not exist", virtualInterfaceId=vif_id)
