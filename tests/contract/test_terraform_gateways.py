"""Terraform's aws_dx_gateway, aws_dx_gateway_association (one account) and the private and transit
VIFs that use a gateway (dx_gateway_id), replayed call by call: create and wait, read, update and
wait, import, delete and wait, CheckDestroy. Cross-account proposals: test_terraform_gateway_proposals.py."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from itertools import groupby, pairwise
from typing import Any

import pytest

from tests.conftest import STORES, dynamodb_local_endpoint
from tests.support.admin import declare
from tests.support.errors import expect_error
from tests.support.server import RunningServer, client, new_account, start_server
from tests.support.terraform import (
    ASSOCIATION_DELETE_PENDING,
    GATEWAY_DELETE_PENDING,
    GONE,
    VIF_DELETE_PENDING,
    cidrs,
    create_gateway,
    destroy_gateway,
    destroy_gateway_association,
    find_gateway,
    find_gateway_association,
    find_vif,
    global_arn,
    ignoring,
    prefixes,
    update_tags,
    wait,
    wait_gateway_association,
)
from tests.support.world import connection, gateway

CLIENT = "DirectConnectClientException"
VGW, TGW = "vgw-0c1d2e3f4a5b6c7d8", "tgw-0c1d2e3f4a5b6c7d8"
READ = ("directConnectGatewayId", "directConnectGatewayName", "amazonSideAsn", "ownerAccount", "tags")


def gateway_tags(read: dict[str, Any]) -> dict[str, str]:
    """setTagsOut(output.Tags): the newest aws_dx_gateway reads its tags from Describe, not DescribeTags."""
    return {tag["key"]: tag.get("value", "") for tag in read.get("tags", [])}


def test_aws_dx_gateway(dx: Any, account: str, make_client: Callable[..., Any]) -> None:
    read = create_gateway(dx, "tf-dxgw", 65101, tags={"key1": "value1"})
    gateway_id = read["directConnectGatewayId"]
    # amazon_side_asn is a ForceNew string: the ASN read back, in decimal, must be the one configured.
    assert (str(read["amazonSideAsn"]), read["directConnectGatewayName"], read["ownerAccount"]) == (
        "65101", "tf-dxgw", account)
    assert gateway_tags(read) == {"key1": "value1"}

    # Update: a new name in place, then the interceptor's tag steps on the global ARN: 1 -> 2 -> 1 -> 0.
    dx.update_direct_connect_gateway(directConnectGatewayId=gateway_id, newDirectConnectGatewayName="tf-renamed")
    assert find_gateway(dx, gateway_id)["directConnectGatewayName"] == "tf-renamed"
    arn = global_arn(account, "dx-gateway", gateway_id)
    steps = [{"key1": "value1"}, {"key1": "value1updated", "key2": "value2"}, {"key2": "value2"}, {}]
    for old, new in pairwise(steps):
        update_tags(dx, arn, old, new)
        read = find_gateway(dx, gateway_id)
        assert gateway_tags(read) == new
    assert not read.get("tags")  # no tags left: empty or absent

    # Import by id: the resource is global, so a provider in any region of the account reads it.
    elsewhere = make_client(account=account, region="eu-west-1")
    imported = find_gateway(elsewhere, gateway_id)
    assert {key: imported.get(key) for key in READ} == {key: read.get(key) for key in READ}

    destroy_gateway(dx, gateway_id)
    assert find_gateway(dx, gateway_id) is GONE and find_gateway(elsewhere, gateway_id) is GONE  # CheckDestroy
    # Destroying what is already gone: the needle, which the provider takes as done.
    expect_error(dx.delete_direct_connect_gateway, CLIENT, f"Direct Connect gateway {gateway_id} does not exist",
                 directConnectGatewayId=gateway_id)
    destroy_gateway(dx, gateway_id)


def test_aws_dx_gateway_association_with_a_vgw(server: RunningServer, dx: Any, account: str) -> None:
    # aws_vpn_gateway_attachment of the VGW to a VPC 10.255.255.0/28, as the account's world says.
    declare(server.url, account, vgws=[{"virtualGatewayId": VGW, "region": "us-east-1",
                                        "vpcCidrs": ["10.255.255.0/28"]}])
    gateway_id = create_gateway(dx, "tf-dxgw", 65102)["directConnectGatewayId"]
    made = dx.create_direct_connect_gateway_association(directConnectGatewayId=gateway_id, gatewayId=VGW)
    association_id = made["directConnectGatewayAssociation"]["associationId"]  # dx_gateway_association_id
    read = wait_gateway_association(dx, association_id, "associating")
    assert prefixes(read) == {"10.255.255.0/28"}  # no allowed_prefixes configured: the VPC's CIDR
    assert read["associatedGateway"] == {"id": VGW, "type": "virtualPrivateGateway", "ownerAccount": account,
                                         "region": "us-east-1"}
    assert (read["directConnectGatewayId"], read["directConnectGatewayOwnerAccount"]) == (gateway_id, account)

    # Import by DXGATEWAYID/ASSOCIATEDGATEWAYID.
    imported = find_gateway_association(dx, directConnectGatewayId=gateway_id, associatedGatewayId=VGW)
    assert imported["associationId"] == association_id

    # Destroy in dependency order: the association, then the gateway.
    destroy_gateway_association(dx, association_id)
    destroy_gateway(dx, gateway_id)
    assert find_gateway_association(dx, associationId=association_id) is GONE  # CheckDestroy
    assert find_gateway(dx, gateway_id) is GONE
    destroy_gateway_association(dx, association_id)  # a destroy that finds it gone is not an error


def test_aws_dx_gateway_association_with_a_tgw(dx: Any) -> None:
    # aws_ec2_transit_gateway with its defaults: the caller's own, in its region, on ASN 64512.
    gateway_id = create_gateway(dx, "tf-dxgw", 65103)["directConnectGatewayId"]
    old = {"10.255.255.0/30", "10.255.255.8/30"}
    made = dx.create_direct_connect_gateway_association(directConnectGatewayId=gateway_id, gatewayId=TGW,
                                                        addAllowedPrefixesToDirectConnectGateway=cidrs(old))
    association_id = made["directConnectGatewayAssociation"]["associationId"]
    read = wait_gateway_association(dx, association_id, "associating")
    assert (read["associatedGateway"]["type"], prefixes(read)) == ("transitGateway", old)

    # Update: add new - old, remove old - new, then waitGatewayAssociationUpdated.
    new = {"10.255.255.8/30", "10.255.255.16/28", "2600:1f26:74::/48"}
    dx.update_direct_connect_gateway_association(associationId=association_id,
                                                 addAllowedPrefixesToDirectConnectGateway=cidrs(new - old),
                                                 removeAllowedPrefixesToDirectConnectGateway=cidrs(old - new))
    read = wait_gateway_association(dx, association_id, "updating")
    assert (read["associationId"], prefixes(read)) == (association_id, new)  # the IPv6 CIDR as sent
    imported = find_gateway_association(dx, directConnectGatewayId=gateway_id, associatedGatewayId=TGW)
    assert (imported["associationId"], prefixes(imported)) == (association_id, new)

    destroy_gateway_association(dx, association_id)
    destroy_gateway(dx, gateway_id)
    assert find_gateway_association(dx, associationId=association_id) is GONE  # CheckDestroy
    assert find_gateway(dx, gateway_id) is GONE


def test_a_replaced_gateway_association_is_imported_alone(dx: Any) -> None:
    """A replacement of the same pair (-replace, or vpn_gateway_id -> associated_gateway_id, both
    ForceNew): destroy, then create. Import by DXGATEWAYID/ASSOCIATEDGATEWAYID, and the proposal's
    fallback, take a single result: two (the old one disassociated) fail the read, before the state check."""
    gateway_id = create_gateway(dx, "tf-dxgw", 65105)["directConnectGatewayId"]
    made = []
    for _ in range(2):
        association = dx.create_direct_connect_gateway_association(
            directConnectGatewayId=gateway_id, gatewayId=TGW,
            addAllowedPrefixesToDirectConnectGateway=cidrs({"10.255.255.0/30"}))["directConnectGatewayAssociation"]
        made.append(association["associationId"])
        wait_gateway_association(dx, made[-1], "associating")
        assert find_gateway_association(dx, directConnectGatewayId=gateway_id, associatedGatewayId=TGW)[
            "associationId"] == made[-1]
        destroy_gateway_association(dx, made[-1])
        assert find_gateway_association(dx, directConnectGatewayId=gateway_id, associatedGatewayId=TGW) is GONE
    destroy_gateway(dx, gateway_id)


def create_vif(dx: Any, kind: str, conn_id: str, gateway_id: str) -> str:
    new = {"addressFamily": "ipv4", "asn": 65354, "enableSiteLink": False, "mtu": 1500, "virtualInterfaceName": "tf",
           "vlan": 4094, "directConnectGatewayId": gateway_id}
    if kind == "private":  # dx_gateway_id rather than vpn_gateway_id
        return str(dx.create_private_virtual_interface(connectionId=conn_id,
                                                       newPrivateVirtualInterface=new)["virtualInterfaceId"])
    return str(dx.create_transit_virtual_interface(connectionId=conn_id, newTransitVirtualInterface=new)[
        "virtualInterface"]["virtualInterfaceId"])


@pytest.mark.parametrize("kind", ["private", "transit"])
def test_a_virtual_interface_on_a_dx_gateway(dx: Any, kind: str) -> None:
    gateway_id = create_gateway(dx, "tf-dxgw", 65104)["directConnectGatewayId"]
    vif_id = create_vif(dx, kind, connection(dx)["connectionId"], gateway_id)
    read = wait(lambda: find_vif(dx, vif_id), "virtualInterfaceState", {"pending"}, {"available", "down"})
    # dx_gateway_id is ForceNew and must echo; the VIF's Amazon side is the gateway's ASN.
    assert (read["directConnectGatewayId"], read["amazonSideAsn"]) == (gateway_id, 65104)
    assert not read.get("virtualGatewayId")  # vpn_gateway_id stays empty
    [attachment] = dx.describe_direct_connect_gateway_attachments(directConnectGatewayId=gateway_id)[
        "directConnectGatewayAttachments"]
    assert (attachment["virtualInterfaceId"], attachment["attachmentState"], attachment["attachmentType"]) == (
        vif_id, "attached", f"{kind.title()}VirtualInterface")

    # Destroying the gateway first (a dependency missed) is refused, not answered with the needle the
    # provider would take as done; the gateway stays available.
    message = expect_error(dx.delete_direct_connect_gateway, CLIENT,
                           f"Direct Connect gateway {gateway_id} has virtual interfaces attached: delete them first",
                           directConnectGatewayId=gateway_id)
    assert "does not exist" not in message
    assert find_gateway(dx, gateway_id)["directConnectGatewayState"] == "available"

    # In dependency order: the VIF and its delete waiter, then the gateway.
    assert ignoring("does not exist", dx.delete_virtual_interface, virtualInterfaceId=vif_id)
    wait(lambda: find_vif(dx, vif_id), "virtualInterfaceState", VIF_DELETE_PENDING, set())
    [detached] = dx.describe_direct_connect_gateway_attachments(virtualInterfaceId=vif_id)[
        "directConnectGatewayAttachments"]
    assert detached["attachmentState"] == "detached"
    destroy_gateway(dx, gateway_id)
    assert find_vif(dx, vif_id) is GONE and find_gateway(dx, gateway_id) is GONE  # CheckDestroy


# Each gateway transition takes two seconds here (a call can take most of one on a loaded machine), so
# every waiter meets the states AWS passes through.
SLOW = ("--gateway-delay", "2", "--association-delay", "2", "--association-update-delay", "2",
        "--disassociation-delay", "2", "--delete-delay", "2")


@pytest.fixture(scope="module", params=STORES)
def slow_server(request: pytest.FixtureRequest) -> Iterator[RunningServer]:
    if request.param == "remote":
        pytest.fail("timed tests need their own server: deselect them with -m 'not timed'")
    endpoint = None if request.param == "embedded" else dynamodb_local_endpoint()
    running = start_server(endpoint, table=f"dx-gw-timed-{uuid.uuid4().hex[:8]}", extra=SLOW)
    # A fresh table answers its first write in about a second on DynamoDB Local: warm it first, so the
    # tests' own calls take a fraction of a delay.
    gateway(client(running.url, new_account()))
    yield running
    running.stop()


def waited(find: Callable[[], Any], state: str, pending: set[str], target: set[str]) -> list[str]:
    """The waiter, and the states its polls saw, each once."""
    seen: list[str] = []

    def look() -> Any:
        found = find()
        seen.append("gone" if found is GONE else found[state])
        return found

    wait(look, state, pending, target)
    return [state for state, _ in groupby(seen)]


@pytest.mark.timed
def test_the_waiters_meet_every_state(slow_server: RunningServer, protocol: str) -> None:
    dx = client(slow_server.url, new_account(), protocol=protocol)
    created = dx.create_direct_connect_gateway(directConnectGatewayName="tf-dxgw", amazonSideAsn=65109)
    gateway_id = created["directConnectGateway"]["directConnectGatewayId"]
    assert created["directConnectGateway"]["directConnectGatewayState"] == "pending"
    gateway_state = "directConnectGatewayState"
    assert waited(lambda: find_gateway(dx, gateway_id), gateway_state, {"pending"}, {"available"}) == [
        "pending", "available"]

    made = dx.create_direct_connect_gateway_association(directConnectGatewayId=gateway_id, gatewayId=TGW,
                                                        addAllowedPrefixesToDirectConnectGateway=cidrs({"10.0.0.0/16"}))
    association_id = made["directConnectGatewayAssociation"]["associationId"]

    def association() -> Any:
        return find_gateway_association(dx, associationId=association_id)

    assert waited(association, "associationState", {"associating"}, {"associated"}) == ["associating", "associated"]
    dx.update_direct_connect_gateway_association(associationId=association_id,
                                                 addAllowedPrefixesToDirectConnectGateway=cidrs({"10.1.0.0/16"}))
    assert waited(association, "associationState", {"updating"}, {"associated"}) == ["updating", "associated"]
    dx.delete_direct_connect_gateway_association(associationId=association_id)
    assert waited(association, "associationState", ASSOCIATION_DELETE_PENDING, set()) == ["disassociating", "gone"]
    dx.delete_direct_connect_gateway(directConnectGatewayId=gateway_id)
    assert waited(lambda: find_gateway(dx, gateway_id), gateway_state, GATEWAY_DELETE_PENDING, set()) == [
        "deleting", "gone"]
