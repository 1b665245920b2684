"""Racing clients on hosted connections: the customer's confirms against its own declines, a partner's
allocations of one VLAN of an interconnect to many customers, and a partner's LAG whose own VIFs and
hosted connections share one VLAN space. Each race asserts who won, every loser's error, and the
stored state afterwards as the partner's and the customers' Describe calls show it."""

from __future__ import annotations

from typing import Any

from tests.support.admin import declare
from tests.support.races import RACERS, error_codes, error_messages, race, split, tagged
from tests.support.server import RunningServer, client, new_account
from tests.support.terraform import find_lag, wait
from tests.support.world import private_vif

CLIENT_ERROR = "DirectConnectClientException"
VLAN = 1200
HALF = RACERS // 2




def interconnect(dx: Any) -> str:
    return str(dx.create_interconnect(interconnectName="racing port", bandwidth="10Gbps", location="EqDC2",
                                      providerName="TIVIT")["interconnectId"])


def allocate(dx: Any, host_id: str, owner: str) -> dict[str, Any]:
    return dict(dx.allocate_hosted_connection(connectionId=host_id, ownerAccount=owner, bandwidth="100Mbps",
                                              connectionName="racing hosted", vlan=VLAN))


def hosted_on(dx: Any, host_id: str) -> list[tuple[str, str]]:
    """The partner's view: each hosted connection on the host, with its state."""
    return [(c["connectionId"], c["connectionState"])
            for c in dx.describe_hosted_connections(connectionId=host_id)["connections"]]


def owned(server: RunningServer, customer: str) -> list[str]:
    """The customer's view: the connections its account holds."""
    return [c["connectionId"] for c in client(server.url, customer).describe_connections()["connections"]]


def test_racing_confirms_against_declines(server: RunningServer, racers: list[Any], account: str) -> None:
    """The racers' account is the customer of an ``ordering`` hosted connection: half its racers confirm
    it, half delete it (interleaved). A confirm first wins once, and the deletes end the confirmed
    connection; a delete first declines it (rejected), and every confirm is refused."""
    partner_account = new_account()
    declare(server.url, partner_account, partner="v2")
    partner = client(server.url, partner_account)
    interconnect_id = interconnect(partner)
    conn_id = allocate(partner, interconnect_id, account)["connectionId"]

    def confirm_or_delete(dx: Any, index: int) -> Any:
        if index % 2 == 0:
            return tagged("confirm", lambda: dx.confirm_connection(connectionId=conn_id))
        return tagged("delete", lambda: dx.delete_connection(connectionId=conn_id))

    outcomes, errors = race(racers, confirm_or_delete)
    assert errors == []
    confirmed, confirm_errors = split(outcomes, "confirm")
    deleted, delete_errors = split(outcomes, "delete")
    assert delete_errors == []  # a delete of a deleted or rejected connection answers it again
    assert len(deleted) == HALF
    assert error_codes(confirm_errors) == {CLIENT_ERROR}
    refused = f"ConfirmConnection failed. {conn_id} is in state "
    if confirmed:
        # Confirmed, then deleted: no delete came before the confirm (it would have declined it).
        assert [answer["connectionState"] for answer in confirmed] == ["pending"]
        assert len(confirm_errors) == HALF - 1
        assert {answer["connectionState"] for answer in deleted} == {"deleted"}
        assert error_messages(confirm_errors) <= {refused + state
                                                  for state in ("pending", "available", "deleting", "deleted")}
        final = "deleted"
    else:
        assert len(confirm_errors) == HALF
        assert {answer["connectionState"] for answer in deleted} == {"rejected"}
        assert error_messages(confirm_errors) == {refused + "rejected"}
        final = "rejected"
    [mine] = racers[0].describe_connections(connectionId=conn_id)["connections"]
    assert (mine["connectionState"], mine["ownerAccount"]) == (final, account)
    assert hosted_on(partner, interconnect_id) == [(conn_id, final)]
    # Either way its VLAN is free on the interconnect again.
    again = allocate(partner, interconnect_id, account)
    assert (again["vlan"], again["connectionState"]) == (VLAN, "ordering")


def test_racing_allocations_of_one_vlan_to_different_customers(server: RunningServer, racers: list[Any],
                                                               account: str) -> None:
    """The racers' account is a partner: every racer allocates VLAN 1200 of one interconnect to a
    customer of its own. One wins; no loser's customer holds a connection."""
    declare(server.url, account, partner="v2")
    interconnect_id = interconnect(racers[0])
    customers = [new_account() for _ in racers]

    successes, errors = race(racers, lambda dx, index: allocate(dx, interconnect_id, customers[index]))
    assert len(successes) == 1
    assert len(errors) == RACERS - 1
    [won] = successes
    winner, winner_customer = won["connectionId"], won["ownerAccount"]
    assert winner_customer in customers
    assert (won["vlan"], won["connectionState"]) == (VLAN, "ordering")
    assert error_codes(errors) == {CLIENT_ERROR}
    assert error_messages(errors) == {f"VLAN {VLAN} is already used by hosted connection {winner} on "
                                      f"{interconnect_id}"}
    assert hosted_on(racers[0], interconnect_id) == [(winner, "ordering")]
    for customer in customers:
        assert owned(server, customer) == ([winner] if customer == winner_customer else [])


def test_racing_own_vifs_and_allocations_on_one_lag_vlan(server: RunningServer, racers: list[Any],
                                                         account: str) -> None:
    """The racers' account is a partner with a LAG: half its racers create the LAG's own private VIF on
    VLAN 1200, half allocate a hosted connection on it (interleaved). One VLAN space: one wins, and
    every loser's message names the winner."""
    declare(server.url, account, partner="v2")
    lag_id = str(racers[0].create_lag(numberOfConnections=1, location="EqDC2", connectionsBandwidth="10Gbps",
                                      lagName="racing lag", providerName="TIVIT")["lagId"])
    wait(lambda: find_lag(racers[0], lag_id), "lagState", {"requested", "pending"}, {"available"})
    customer = new_account()

    def vif_or_allocate(dx: Any, index: int) -> Any:
        if index % 2 == 0:
            return tagged("vif", lambda: private_vif(dx, lag_id, vlan=VLAN))
        return tagged("hosted", lambda: allocate(dx, lag_id, customer))

    outcomes, errors = race(racers, vif_or_allocate)
    assert errors == []
    vifs, vif_errors = split(outcomes, "vif")
    hosted, hosted_errors = split(outcomes, "hosted")
    assert len(vifs) + len(hosted) == 1
    assert len(vif_errors) + len(hosted_errors) == RACERS - 1
    assert error_codes(vif_errors + hosted_errors) == {CLIENT_ERROR}
    own = [v["virtualInterfaceId"] for v in racers[0].describe_virtual_interfaces(connectionId=lag_id)[
        "virtualInterfaces"]]
    if vifs:
        winner = vifs[0]["virtualInterfaceId"]
        assert (vifs[0]["connectionId"], vifs[0]["vlan"]) == (lag_id, VLAN)
        used = f"VLAN {VLAN} is already used by virtual interface {winner} on {lag_id}"
        assert (own, hosted_on(racers[0], lag_id), owned(server, customer)) == ([winner], [], [])
    else:
        winner = hosted[0]["connectionId"]
        assert (hosted[0]["lagId"], hosted[0]["vlan"]) == (lag_id, VLAN)
        used = f"VLAN {VLAN} is already used by hosted connection {winner} on {lag_id}"
        assert (own, hosted_on(racers[0], lag_id), owned(server, customer)) == ([], [(winner, "ordering")], [winner])
    assert error_messages(vif_errors + hosted_errors) == {used}
