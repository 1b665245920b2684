"""AssociateVirtualInterface: a VIF moved onto another connection or LAG of its owner, starting over
there with its peers re-established, under the new ports' VLAN and quota rules."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.support.errors import expect_error
from tests.support.server import new_account
from tests.support.world import connection, private_vif

CLIENT, NOT_FOUND = "DirectConnectClientException", "DirectConnectClientException"


def test_a_vif_moves_onto_a_lag(dx: Any) -> None:
    source = connection(dx)["connectionId"]
    lag_id = dx.create_lag(numberOfConnections=1, location="EqDC2", connectionsBandwidth="10Gbps", lagName="l")["lagId"]
    vif = private_vif(dx, source, vlan=123)
    [old_peer] = vif["bgpPeers"]
    moved = dx.associate_virtual_interface(virtualInterfaceId=vif["virtualInterfaceId"], connectionId=lag_id)
    assert (moved["connectionId"], moved["virtualInterfaceState"]) == (lag_id, "pending")
    torn_down, set_up = moved["bgpPeers"]
    assert (torn_down["bgpPeerId"], torn_down["bgpPeerState"]) == (old_peer["bgpPeerId"], "deleting")
    assert set_up["bgpPeerState"] == "pending" and set_up["bgpPeerId"] != old_peer["bgpPeerId"]
    assert (set_up["customerAddress"], set_up["authKey"]) == (old_peer["customerAddress"], old_peer["authKey"])
    # Then it settles on the LAG: one peer, available; its VLAN is free on the old connection.
    [seen] = dx.describe_virtual_interfaces(virtualInterfaceId=vif["virtualInterfaceId"])["virtualInterfaces"]
    assert seen["virtualInterfaceState"] == "available"
    assert [p["bgpPeerId"] for p in seen["bgpPeers"]] == [set_up["bgpPeerId"]]
    assert private_vif(dx, source, vlan=123)["vlan"] == 123
    expect_error(private_vif, CLIENT, f"VLAN 123 is already used by virtual interface {vif['virtualInterfaceId']}",
                 dx=dx, connection_id=lag_id, vlan=123)
    # The connection it left can be deleted once its new VIF goes; the LAG holds the moved one.
    expect_error(dx.delete_lag, CLIENT, "has 1 virtual interface", lagId=lag_id)


def test_a_move_is_refused_on_a_used_vlan(dx: Any) -> None:
    first, second = connection(dx)["connectionId"], connection(dx)["connectionId"]
    moving = private_vif(dx, first, vlan=50)
    taken = private_vif(dx, second, vlan=50)
    expect_error(dx.associate_virtual_interface, CLIENT,
                 f"VLAN 50 is already used by virtual interface {taken['virtualInterfaceId']} on {second}",
                 virtualInterfaceId=moving["virtualInterfaceId"], connectionId=second)
    [unmoved] = dx.describe_virtual_interfaces(virtualInterfaceId=moving["virtualInterfaceId"])["virtualInterfaces"]
    assert unmoved["connectionId"] == first
    # Onto where it is already: nothing changes.
    same = dx.associate_virtual_interface(virtualInterfaceId=moving["virtualInterfaceId"], connectionId=first)
    assert same["connectionId"] == first


def test_only_onto_the_owners_ports(dx: Any, make_client: Callable[..., Any]) -> None:
    vif_id = private_vif(dx, connection(dx)["connectionId"])["virtualInterfaceId"]
    stranger = make_client(new_account())
    theirs = connection(stranger)["connectionId"]
    expect_error(dx.associate_virtual_interface, NOT_FOUND, f"Could not find Connection with ID {theirs}",
                 virtualInterfaceId=vif_id, connectionId=theirs)
    expect_error(stranger.associate_virtual_interface, NOT_FOUND, f"Virtual interface {vif_id} does not exist",
                 virtualInterfaceId=vif_id, connectionId=theirs)
