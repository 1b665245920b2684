"""Racing clients never break a rule: on DynamoDB Local (atomic conditional writes) and on the
embedded in-memory store (requests concurrent, each commit's conditions checked and applied at
once). Each race lines its clients up on a barrier, then lets go."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.races import RACERS, error_codes, race
from tests.support.world import connection, gateway, private_vif, transit_vif


@pytest.mark.parametrize(("redundancy", "winners"), [("no", 1), ("yes", 2)])
def test_racing_same_family_peers(racers: list[Any], redundancy: str, winners: int) -> None:
    vif = private_vif(racers[0], connection(racers[0], redundancy)["connectionId"])  # holds an ipv4 peer
    vif_id = vif["virtualInterfaceId"]

    def add_ipv6_peer(dx: Any, index: int) -> Any:
        return dx.create_bgp_peer(virtualInterfaceId=vif_id, newBGPPeer={"asn": 65000 + index, "addressFamily": "ipv6"})

    successes, errors = race(racers, add_ipv6_peer)
    assert len(successes) == winners
    assert len(errors) == RACERS - winners
    assert error_codes(errors) == {"DirectConnectClientException"}
    assert all("for address family ipv6" in error.response["Error"]["Message"] for error in errors)
    [stored] = racers[0].describe_virtual_interfaces(virtualInterfaceId=vif_id)["virtualInterfaces"]
    ipv6 = [peer for peer in stored["bgpPeers"] if peer["addressFamily"] == "ipv6"]
    assert len(ipv6) == winners
    # Every peer a client was told about was kept.
    told = {peer["bgpPeerId"] for result in successes for peer in result["virtualInterface"]["bgpPeers"]
            if peer["addressFamily"] == "ipv6"}
    assert told == {peer["bgpPeerId"] for peer in ipv6}


def test_racing_vifs_for_one_vlan(racers: list[Any]) -> None:
    conn_id = connection(racers[0])["connectionId"]
    successes, errors = race(racers, lambda dx, _: private_vif(dx, conn_id, vlan=777))
    assert len(successes) == 1
    assert error_codes(errors) == {"DirectConnectClientException"}
    winner = successes[0]["virtualInterfaceId"]
    assert all(f"VLAN 777 is already used by virtual interface {winner}" in error.response["Error"]["Message"]
               for error in errors)
    stored = racers[0].describe_virtual_interfaces(connectionId=conn_id)["virtualInterfaces"]
    assert [vif["virtualInterfaceId"] for vif in stored] == [winner]


def test_racing_vifs_for_distinct_vlans_all_land(racers: list[Any]) -> None:
    """The losers of each optimistic-lock round retry: every distinct VLAN gets its VIF, none is lost."""
    conn_id = connection(racers[0])["connectionId"]
    successes, errors = race(racers, lambda dx, index: private_vif(dx, conn_id, vlan=1000 + index))
    assert errors == []
    stored = racers[0].describe_virtual_interfaces(connectionId=conn_id)["virtualInterfaces"]
    assert sorted(vif["vlan"] for vif in stored) == list(range(1000, 1000 + RACERS))
    assert {vif["virtualInterfaceId"] for vif in stored} == {result["virtualInterfaceId"] for result in successes}


def test_racing_transit_vifs_respect_the_quota(racers: list[Any]) -> None:
    conn_id = connection(racers[0])["connectionId"]
    gateway_id = gateway(racers[0])

    def add_transit(dx: Any, index: int) -> Any:
        return dx.create_transit_virtual_interface(connectionId=conn_id, newTransitVirtualInterface={
            "virtualInterfaceName": "t", "vlan": 2000 + index, "asn": 65000, "directConnectGatewayId": gateway_id})

    successes, errors = race(racers, add_transit)
    assert len(successes) == 4
    assert error_codes(errors) == {"LimitExceededException"}
    assert len(racers[0].describe_virtual_interfaces(connectionId=conn_id)["virtualInterfaces"]) == 4


def test_racing_deletes_of_the_last_two_peers(racers: list[Any]) -> None:
    """Half the clients delete one of the two peers, half the other: exactly one delete wins."""
    vif = private_vif(racers[0], connection(racers[0])["connectionId"])
    vif_id = vif["virtualInterfaceId"]
    both = racers[0].create_bgp_peer(virtualInterfaceId=vif_id, newBGPPeer={"asn": 65001, "addressFamily": "ipv6"})
    peer_ids = [peer["bgpPeerId"] for peer in both["virtualInterface"]["bgpPeers"]]

    def delete(dx: Any, index: int) -> Any:
        return dx.delete_bgp_peer(virtualInterfaceId=vif_id, bgpPeerId=peer_ids[index % 2])

    successes, errors = race(racers, delete)
    assert len(successes) == 1
    assert error_codes(errors) == {"DirectConnectClientException"}
    messages = {error.response["Error"]["Message"] for error in errors}
    assert "The last BGP Peer on a Virtual Interface cannot be deleted" in messages
    # A loser that read the winner's delete finds its peer deleting ("already deleting"), or, once it
    # has finished deleting, gone.
    assert messages <= {"The last BGP Peer on a Virtual Interface cannot be deleted",
                        *(f"BGP peer {peer_id} is already deleting" for peer_id in peer_ids),
                        *(f"BGP peer {peer_id} does not exist on virtual interface {vif_id}" for peer_id in peer_ids)}
    [stored] = racers[0].describe_virtual_interfaces(virtualInterfaceId=vif_id)["virtualInterfaces"]
    assert [peer["bgpPeerState"] for peer in stored["bgpPeers"]] == ["available"]


def lag_ports(dx: Any, count: int = 2, bandwidth: str = "10Gbps") -> tuple[str, list[str]]:
    created = dx.create_lag(numberOfConnections=count, location="EqDC2", connectionsBandwidth=bandwidth,
                            lagName="racing lag")
    return created["lagId"], [member["connectionId"] for member in created["connections"]]


def test_racing_one_vlan_across_a_lag_and_its_members(racers: list[Any]) -> None:
    lag_id, members = lag_ports(racers[0])
    parents = [lag_id, *members]
    successes, errors = race(racers, lambda dx, index: private_vif(dx, parents[index % 3], vlan=888))
    assert len(successes) == 1
    assert error_codes(errors) == {"DirectConnectClientException"}
    assert all("VLAN 888 is already used" in error.response["Error"]["Message"] for error in errors)
    live = [vif for parent in parents for vif in racers[0].describe_virtual_interfaces(connectionId=parent)[
        "virtualInterfaces"]]
    assert [vif["virtualInterfaceId"] for vif in live] == [successes[0]["virtualInterfaceId"]]


def test_racing_transit_vifs_across_a_lag_and_its_members_respect_one_quota(racers: list[Any]) -> None:
    lag_id, members = lag_ports(racers[0])
    parents = [lag_id, *members]

    def add_transit(dx: Any, index: int) -> Any:
        return transit_vif(dx, parents[index % 3], vlan=2000 + index)

    successes, errors = race(racers, add_transit)
    assert len(successes) == 4
    assert error_codes(errors) == {"LimitExceededException"}
    assert sum(len(racers[0].describe_virtual_interfaces(connectionId=parent)["virtualInterfaces"])
               for parent in parents) == 4


def test_racing_joiners_fill_a_lag_to_its_maximum_and_no_further(racers: list[Any]) -> None:
    lag_id, _ = lag_ports(racers[0], count=1, bandwidth="100Gbps")
    successes, errors = race(racers, lambda dx, _: connection(dx, bandwidth="100Gbps", lagId=lag_id))
    assert len(successes) == 1
    assert error_codes(errors) == {"DirectConnectClientException"}
    assert all(f"LAG {lag_id} already has 2 connections" in error.response["Error"]["Message"] for error in errors)
    [stored] = racers[0].describe_lags(lagId=lag_id)["lags"]
    assert len(stored["connections"]) == 2


def test_racing_a_lag_delete_against_joiners(racers: list[Any]) -> None:
    """Either the delete wins and nobody joined, or joiners won and the delete was refused."""
    lag_id, [member] = lag_ports(racers[0], count=1)
    racers[0].delete_connection(connectionId=member)

    def delete_or_join(dx: Any, index: int) -> Any:
        return index, dx.delete_lag(lagId=lag_id) if index == 0 else connection(dx, lagId=lag_id)

    successes, _ = race(racers, delete_or_join)
    delete_won = any(index == 0 for index, _ in successes)
    joined = [result["connectionId"] for index, result in successes if index != 0]
    [stored] = racers[0].describe_lags(lagId=lag_id)["lags"]
    if delete_won:
        assert joined == []
        assert stored["lagState"] in ("deleting", "deleted")
    else:
        assert 1 <= len(joined) <= 4
        assert {c["connectionId"] for c in stored["connections"]} == set(joined)
