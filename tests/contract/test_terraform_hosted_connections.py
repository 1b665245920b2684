"""Terraform's aws_dx_hosted_connection (the partner's: it allocates the connection on its interconnect
or LAG) and aws_dx_connection_confirmation (the customer's: it confirms it), across two accounts,
replayed call by call as the provider's acceptance tests run them: create and read, confirm and wait,
refresh, destroy and CheckDestroy from both accounts; and a connection its customer never confirms.
The hosted connection is read both ways the provider has read it (research §0.6): the newest asks
DescribeHostedConnections with the parent's id and filters, up to 6.4 it asked with the hosted
connection's own id. Taken from the provider's hosted_connection.go and connection_confirmation.go."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.support.admin import declare
from tests.support.errors import expect_error
from tests.support.server import RunningServer, new_account
from tests.support.terraform import CONNECTION_DELETE_PENDING, GONE, find_connection, find_lag, ignoring, single, wait

CLIENT = "DirectConnectClientException"
NEEDLE = "Could not find Connection with ID"
NEWEST, OLD = "newest", "6.4"  # how the provider reads: with the parent's id, or with the hosted id
CONFIRM_PENDING = {"pending", "ordering", "requested"}  # waitConnectionConfirmed; target "available"
NAME, PROVIDER = "tf-dx-a1b2c", "TIVIT"
# What Read sets from the connection, which AWS answers for every hosted connection.
READ_MEMBERS = {"awsDeviceV2", "region", "hasLogicalRedundancy", "jumboFrameCapable", "loaIssueTime", "location",
                "connectionName", "ownerAccount", "partnerName", "providerName", "connectionState", "vlan"}


@dataclass
class Party:
    dx: Any
    account: str


@pytest.fixture
def parties(server: RunningServer, dx: Any, account: str, make_client: Callable[..., Any]) -> tuple[Party, Party]:
    """The partner ("awsalternate", a v2 partner by its world) and the customer (the default provider,
    whose account is the configuration's owner_account_id)."""
    partner = new_account()
    declare(server.url, partner, partner="v2")
    return Party(make_client(partner), partner), Party(dx, account)


def parent(dx: Any, kind: str) -> str:
    """The partner's interconnect or LAG the configuration names (TEST_AWS_DX_CONNECTION_ID), available."""
    if kind == "lag":
        lag_id = str(dx.create_lag(numberOfConnections=1, location="EqDC2", connectionsBandwidth="10Gbps",
                                   lagName="partner lag", providerName=PROVIDER)["lagId"])
        wait(lambda: find_lag(dx, lag_id), "lagState", {"requested", "pending"}, {"available"})
        return lag_id
    interconnect_id = str(dx.create_interconnect(interconnectName="partner port", bandwidth="10Gbps",
                                                 location="EqDC2", providerName=PROVIDER)["interconnectId"])
    wait(lambda: single(dx.describe_interconnects(interconnectId=interconnect_id)["interconnects"]),
         "interconnectState", {"requested", "pending"}, {"available"})
    return interconnect_id


def allocate(partner: Party, parent_id: str, owner: str, vlan: int) -> str:
    """resourceHostedConnectionCreate: the ID from the answer, then Read (NotFound is an error there)."""
    return str(partner.dx.allocate_hosted_connection(connectionId=parent_id, ownerAccount=owner, bandwidth="100Mbps",
                                                     connectionName=NAME, vlan=vlan)["connectionId"])


def find_hosted(dx: Any, hosted_id: str, parent_id: str, version: str) -> Any:
    """findHostedConnectionByID: one call, no pages; the needle, no match, deleted or rejected: NotFound.
    Up to 6.4 every connection answered counts (PredicateTrue); since, only the one with the id."""
    try:
        listed = dx.describe_hosted_connections(connectionId=parent_id if version == NEWEST else hosted_id)
    except ClientError as error:
        if error.response["Error"]["Code"] == CLIENT and NEEDLE in error.response["Error"]["Message"]:
            return GONE
        raise
    found = single([c for c in listed["connections"] if version == OLD or c["connectionId"] == hosted_id])
    return GONE if found is GONE or found["connectionState"] in ("deleted", "rejected") else found


def rfc3339(moment: datetime | None) -> str:
    """aws.ToTime(LoaIssueTime).Format(time.RFC3339): the zero time when AWS gives none."""
    return "0001-01-01T00:00:00Z" if moment is None else moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def read_hosted(dx: Any, hosted_id: str, parent_id: str, version: str) -> Any:
    """resourceHostedConnectionRead: the attributes it sets (connection_id kept from state, bandwidth
    never read), after checking AWS answered every member it reads."""
    found = find_hosted(dx, hosted_id, parent_id, version)
    if found is GONE:
        return GONE
    assert not READ_MEMBERS - found.keys(), f"missing {READ_MEMBERS - found.keys()}"
    return {"aws_device": found["awsDeviceV2"], "connection_id": parent_id, "connection_region": found["region"],
            "has_logical_redundancy": found["hasLogicalRedundancy"], "jumbo_frame_capable": found["jumboFrameCapable"],
            "lag_id": found.get("lagId", ""), "loa_issue_time": rfc3339(found["loaIssueTime"]),
            "location": found["location"], "name": found["connectionName"], "owner_account_id": found["ownerAccount"],
            "partner_name": found["partnerName"], "provider_name": found["providerName"], "region": found["region"],
            "state": found["connectionState"], "vlan": found["vlan"]}


def read_both_ways(dx: Any, hosted_id: str, parent_id: str) -> Any:
    """Both providers' reads give the same state (or both NotFound)."""
    newest = read_hosted(dx, hosted_id, parent_id, NEWEST)
    assert read_hosted(dx, hosted_id, parent_id, OLD) == newest
    return newest


def destroy_hosted(dx: Any, hosted_id: str, parent_id: str, version: str) -> None:
    """deleteConnection: DeleteConnection (the needle is done), then waitHostedConnectionDeleted through
    the finder of that version: anything outside its pending states fails the destroy."""
    if ignoring(NEEDLE, dx.delete_connection, connectionId=hosted_id):
        wait(lambda: find_hosted(dx, hosted_id, parent_id, version), "connectionState", CONNECTION_DELETE_PENDING,
             set())


def confirm(customer: Party, hosted_id: str) -> Any:
    """resourceConnectionConfirmationCreate: ConfirmConnection, the ID is connection_id, then
    waitConnectionConfirmed through FindConnectionByID, as the customer."""
    assert customer.dx.confirm_connection(connectionId=hosted_id)["connectionState"] == "pending"
    return wait(lambda: find_connection(customer.dx, hosted_id), "connectionState", CONFIRM_PENDING, {"available"})


def check_destroyed(partner: Party, customer: Party, hosted_id: str, parent_id: str) -> None:
    """testAccCheckHostedConnectionDestroy (the partner's, both ways), and the customer's view of it."""
    for version in (NEWEST, OLD):
        assert find_hosted(partner.dx, hosted_id, parent_id, version) is GONE
    assert find_connection(customer.dx, hosted_id) is GONE
    [seen] = customer.dx.describe_connections(connectionId=hosted_id)["connections"]
    assert seen["connectionState"] == "deleted"


@pytest.mark.parametrize("version", [NEWEST, OLD])
@pytest.mark.parametrize("kind", ["interconnect", "lag"])
def test_a_hosted_connection_and_its_confirmation(parties: tuple[Party, Party], kind: str, version: str) -> None:
    """TestAccDirectConnectConnectionConfirmation_basic: the partner allocates 100Mbps on VLAN 4092 to
    the main account, which confirms it; DescribeConnections as the main account shows it available."""
    partner, customer = parties
    parent_id = parent(partner.dx, kind)
    hosted_id = allocate(partner, parent_id, customer.account, 4092)
    created = read_hosted(partner.dx, hosted_id, parent_id, version)
    assert created is not GONE  # a new resource: NotFound would fail the apply
    assert {key: created[key] for key in ("connection_id", "name", "owner_account_id", "vlan", "state")} == {
        "connection_id": parent_id, "name": NAME, "owner_account_id": customer.account, "vlan": 4092,
        "state": "ordering"}
    assert (created["lag_id"], created["provider_name"], created["location"]) == (
        parent_id if kind == "lag" else "", PROVIDER, "EqDC2")
    assert created["partner_name"] and created["aws_device"] and created["loa_issue_time"] != rfc3339(None)
    assert created["region"] == created["connection_region"] == "us-east-1"
    assert read_both_ways(partner.dx, hosted_id, parent_id) == created

    confirmed = confirm(customer, hosted_id)
    assert (confirmed["connectionId"], confirmed["ownerAccount"], confirmed["vlan"]) == (
        hosted_id, customer.account, 4092)
    # testAccCheckConnectionConfirmationExists: FindConnectionByID as the main account, available.
    assert find_connection(customer.dx, hosted_id)["connectionState"] == "available"
    # The next refresh: no diff on the ForceNew attributes (name, owner_account_id, vlan), only state moved.
    assert read_both_ways(partner.dx, hosted_id, parent_id) == {**created, "state": "available"}
    assert find_connection(customer.dx, hosted_id) is not GONE  # the confirmation's Read keeps it

    # Destroy: the confirmation's delete is a no-op; the hosted connection's is the partner's.
    destroy_hosted(partner.dx, hosted_id, parent_id, version)
    check_destroyed(partner, customer, hosted_id, parent_id)
    assert read_both_ways(partner.dx, hosted_id, parent_id) is GONE
    # Destroyed again (a state left behind): the needle or a deleted connection, either is done.
    destroy_hosted(partner.dx, hosted_id, parent_id, version)


@pytest.mark.parametrize("version", [NEWEST, OLD])
def test_a_hosted_connection_never_confirmed(parties: tuple[Party, Party], version: str) -> None:
    """TestAccDirectConnectHostedConnection_basic: the partner alone, VLAN 4094; the customer sees it
    ordering and never confirms; the partner destroys it (deleted, not rejected), and applies again."""
    partner, customer = parties
    parent_id = parent(partner.dx, "interconnect")
    hosted_id = allocate(partner, parent_id, customer.account, 4094)
    created = read_hosted(partner.dx, hosted_id, parent_id, version)
    assert created is not GONE
    assert (created["name"], created["owner_account_id"], created["vlan"], created["state"]) == (
        NAME, customer.account, 4094, "ordering")
    ordering = find_connection(customer.dx, hosted_id)
    assert (ordering["connectionState"], ordering["ownerAccount"], ordering["vlan"]) == (
        "ordering", customer.account, 4094)
    assert read_both_ways(partner.dx, hosted_id, parent_id) == created  # refresh: no diff

    destroy_hosted(partner.dx, hosted_id, parent_id, version)  # "ordering" is one of the waiter's pending states
    check_destroyed(partner, customer, hosted_id, parent_id)
    expect_error(customer.dx.confirm_connection, CLIENT, f"ConfirmConnection failed. {hosted_id} is in state deleted",
                 connectionId=hosted_id)

    # Applied again: its VLAN is free on the interconnect, a new connection gets it.
    again = allocate(partner, parent_id, customer.account, 4094)
    assert again != hosted_id
    assert read_both_ways(partner.dx, again, parent_id)["state"] == "ordering"
    destroy_hosted(partner.dx, again, parent_id, version)
    check_destroyed(partner, customer, again, parent_id)


def test_a_hosted_connection_its_customer_declines(parties: tuple[Party, Party]) -> None:
    """The customer deletes it while ordering: rejected, which the partner's refresh takes as gone
    (removed from state); a confirmation applied after fails on the customer's side."""
    partner, customer = parties
    parent_id = parent(partner.dx, "interconnect")
    hosted_id = allocate(partner, parent_id, customer.account, 4092)
    assert customer.dx.delete_connection(connectionId=hosted_id)["connectionState"] == "rejected"
    assert read_both_ways(partner.dx, hosted_id, parent_id) is GONE
    assert find_connection(customer.dx, hosted_id) is GONE
    expect_error(customer.dx.confirm_connection, CLIENT, f"ConfirmConnection failed. {hosted_id} is in state rejected",
                 connectionId=hosted_id)
    for version in (NEWEST, OLD):  # a destroy of the state left behind ends at once
        destroy_hosted(partner.dx, hosted_id, parent_id, version)
        assert find_hosted(partner.dx, hosted_id, parent_id, version) is GONE
