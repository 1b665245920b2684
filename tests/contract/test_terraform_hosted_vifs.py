"""Terraform's aws_dx_hosted_{private,public,transit}_virtual_interface (the connection owner's, which
allocates the VIF) and their _accepter resources (the account it is allocated to, which confirms it),
across two accounts, replayed call by call: create and wait, read, accept and wait, tags, refresh,
import reads, destroy in dependency order (the accepter's is a no-op), CheckDestroy from both
accounts; and the owner who declines instead. Taken from the provider's
hosted_*_virtual_interface{,_accepter}.go; as in test_terraform_vifs.py, the waiters' 10 s Delay
is skipped."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import boto3
import pytest

from tests.support.admin import declare
from tests.support.errors import expect_error
from tests.support.server import RunningServer, new_account
from tests.support.terraform import (
    GONE,
    VIF_DELETE_PENDING,
    create_gateway,
    destroy_gateway,
    find_gateway,
    find_vif,
    ignoring,
    read_tags,
    regional_arn,
    update_tags,
    wait,
)
from tests.support.world import connection

CLIENT = "DirectConnectClientException"
VGW = "vgw-0a0b0c0d0e0f05678"
NAME, ASN, VLAN = "tf-testacc-hosted-vif", 65351, 2049
ROUTE_FILTERS = {"210.52.109.0/24", "175.45.176.0/22"}


@dataclass(frozen=True)
class Kind:
    member: str  # the allocation's request member
    allocated: set[str]  # the hosted VIF's create waiter targets (pending: "pending")
    accepted: set[str]  # the accepter's waiter targets (pending: confirming, pending), and the states its Read keeps
    configured: dict[str, Any]  # what the configuration adds to the allocation
    confirmed: str  # Confirm*'s answer


KINDS = {
    "private": Kind("newPrivateVirtualInterfaceAllocation", {"available", "confirming", "down"},
                    {"available", "down"}, {"mtu": 1500}, "pending"),  # mtu: Default 1500, always sent
    "public": Kind("newPublicVirtualInterfaceAllocation", {"available", "confirming", "down", "verifying"},
                   {"available", "down", "verifying"},
                   {"amazonAddress": "175.45.176.1/30", "customerAddress": "175.45.176.2/30",
                    "routeFilterPrefixes": [{"cidr": cidr} for cidr in sorted(ROUTE_FILTERS)]}, "verifying"),
    "transit": Kind("newTransitVirtualInterfaceAllocation", {"available", "confirming", "down"},
                    {"available", "down"}, {"mtu": 8500}, "pending"),
}


@dataclass
class Party:
    dx: Any
    account: str  # the provider's AccountID: sts:GetCallerIdentity's answer


def caller(server: RunningServer, key: str) -> str:
    """The provider's first call: sts:GetCallerIdentity, for the account its ARNs use."""
    sts = boto3.client("sts", endpoint_url=server.url, region_name="us-east-1", aws_access_key_id=key,
                       aws_secret_access_key="x")
    return str(sts.get_caller_identity()["Account"])


@pytest.fixture
def parties(server: RunningServer, dx: Any, account: str, make_client: Callable[..., Any]) -> tuple[Party, Party]:
    """The default provider (the connection owner, which allocates) and "awsalternate" (the owner)."""
    owner = new_account()
    return Party(dx, caller(server, account)), Party(make_client(owner), caller(server, owner))


def allocate(dx: Any, kind: str, connection_id: str, owner_account: str) -> str:
    """resourceHosted*VirtualInterfaceCreate: Allocate*; the ID from the answer (transit: nested, unchecked)."""
    new = {"addressFamily": "ipv4", "asn": ASN, "virtualInterfaceName": NAME, "vlan": VLAN, **KINDS[kind].configured}
    answer = getattr(dx, f"allocate_{kind}_virtual_interface")(
        connectionId=connection_id, ownerAccount=owner_account, **{KINDS[kind].member: new})
    return str((answer["virtualInterface"] if kind == "transit" else answer)["virtualInterfaceId"])


def read_hosted(allocator: Party, kind: str, vif_id: str) -> Any:
    """resourceHosted*VirtualInterfaceRead: what Terraform keeps (no state check, no tags)."""
    vif = find_vif(allocator.dx, vif_id)
    if vif is GONE:
        return GONE
    state = {"address_family": vif["addressFamily"], "amazon_address": vif["amazonAddress"],
             "amazon_side_asn": str(vif.get("amazonSideAsn", 0)), "aws_device": vif["awsDeviceV2"],
             "arn": regional_arn("us-east-1", allocator.account, "dxvif", vif_id), "bgp_asn": vif["asn"],
             "bgp_auth_key": vif["authKey"], "connection_id": vif["connectionId"],
             "customer_address": vif["customerAddress"], "name": vif["virtualInterfaceName"],
             "owner_account_id": vif["ownerAccount"], "vlan": vif["vlan"]}
    if kind == "public":
        state["route_filter_prefixes"] = {prefix["cidr"] for prefix in vif.get("routeFilterPrefixes", [])}
    else:
        state |= {"jumbo_frame_capable": vif["jumboFrameCapable"], "mtu": vif["mtu"]}
    return state


def destroy_hosted(dx: Any, vif_id: str) -> None:
    """virtualInterfaceDelete, by the allocator: "does not exist" is done; otherwise the delete waiter."""
    if ignoring("does not exist", dx.delete_virtual_interface, virtualInterfaceId=vif_id):
        wait(lambda: find_vif(dx, vif_id), "virtualInterfaceState", VIF_DELETE_PENDING, set())


def confirm(owner: Party, kind: str, vif_id: str, gateway: dict[str, str]) -> str:
    """Confirm*: private with exactly one of VirtualGatewayId / DirectConnectGatewayId; transit with its
    DirectConnectGatewayId; public with the VIF alone."""
    operation = getattr(owner.dx, f"confirm_{kind}_virtual_interface")
    return str(operation(virtualInterfaceId=vif_id, **gateway)["virtualInterfaceState"])


def read_accepter(owner: Party, kind: str, vif_id: str) -> Any:
    """resourceHosted*VirtualInterfaceAccepterRead: NotFound, or a state its waiter does not target,
    removes it from state; then the tagging interceptor's DescribeTags on the owner's ARN."""
    vif = find_vif(owner.dx, vif_id)
    if vif is GONE or vif["virtualInterfaceState"] not in KINDS[kind].accepted:
        return GONE
    state: dict[str, Any] = {"virtual_interface_id": vif["virtualInterfaceId"]}
    if kind != "public":
        state["dx_gateway_id"] = vif.get("directConnectGatewayId", "")
    if kind == "private":
        state["vpn_gateway_id"] = vif.get("virtualGatewayId", "")
    state["tags"] = read_tags(owner.dx, regional_arn("us-east-1", owner.account, "dxvif", vif_id))
    return state


def create_accepter(owner: Party, kind: str, vif_id: str, gateway: dict[str, str], tags: dict[str, str]) -> Any:
    """Confirm*, the waiter, createTags (TagResource only when configured), Update (nothing), Read."""
    assert confirm(owner, kind, vif_id, gateway) == KINDS[kind].confirmed
    wait(lambda: find_vif(owner.dx, vif_id), "virtualInterfaceState", {"confirming", "pending"}, KINDS[kind].accepted)
    if tags:
        owner.dx.tag_resource(resourceArn=regional_arn("us-east-1", owner.account, "dxvif", vif_id),
                              tags=[{"key": key, "value": value} for key, value in tags.items()])
    return read_accepter(owner, kind, vif_id)


def imported(dx: Any, kind: str, vif_id: str) -> None:
    """resource*Import: the finder, then "virtual interface (%s) has incorrect type" unless it matches."""
    found = find_vif(dx, vif_id)
    assert found is not GONE and found["virtualInterfaceType"] == kind


CASES = {  # the accepter's gateway: an aws_vpn_gateway or an aws_dx_gateway of the owner's, or none (public)
    "private-vpn-gateway": ("private", "vgw"), "private-dx-gateway": ("private", "dxgw"),
    "public": ("public", None), "transit": ("transit", "dxgw"),
}


def owners_gateway(server: RunningServer, owner: Party, case: str) -> tuple[dict[str, str], int]:
    """The accepter's gateway argument, and the Amazon-side ASN the confirmed VIF takes from it."""
    gateway = CASES[case][1]
    if gateway == "vgw":
        declare(server.url, owner.account, vgws=[{"virtualGatewayId": VGW, "region": "us-east-1",
                                                  "amazonSideAsn": 64601}])
        return {"virtualGatewayId": VGW}, 64601
    if gateway == "dxgw":
        return {"directConnectGatewayId": create_gateway(owner.dx, "tf-dxgw", 64602)["directConnectGatewayId"]}, 64602
    return {}, 7224  # public: the region's Amazon ASN


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_hosted_vif_and_its_accepter(server: RunningServer, parties: tuple[Party, Party], case: str) -> None:
    allocator, owner = parties
    kind = CASES[case][0]
    gateway, gateway_asn = owners_gateway(server, owner, case)
    connection_id = connection(allocator.dx)["connectionId"]

    # The allocator's resource: confirming is a target of its create waiter.
    vif_id = allocate(allocator.dx, kind, connection_id, owner.account)
    assert wait(lambda: find_vif(allocator.dx, vif_id), "virtualInterfaceState", {"pending"},
                KINDS[kind].allocated)["virtualInterfaceState"] == "confirming"
    state = read_hosted(allocator, kind, vif_id)
    assert state["arn"] == f"arn:aws:directconnect:us-east-1:{allocator.account}:dxvif/{vif_id}"
    assert (state["address_family"], state["bgp_asn"], state["connection_id"], state["name"], state["vlan"]) == (
        "ipv4", ASN, connection_id, NAME, VLAN)
    assert state["owner_account_id"] == owner.account  # ForceNew: must echo ownerAccount
    for attribute in ("amazon_address", "amazon_side_asn", "aws_device", "bgp_auth_key", "customer_address"):
        assert state[attribute], attribute
    if kind == "public":
        assert (state["amazon_address"], state["customer_address"]) == ("175.45.176.1/30", "175.45.176.2/30")
        assert state["route_filter_prefixes"] == ROUTE_FILTERS
    else:
        assert (state["mtu"], state["jumbo_frame_capable"]) == (KINDS[kind].configured["mtu"], True)

    # The accepter, by the owner; tags (accepterTags) on the private VIF accepted onto a VPN gateway.
    tags = {"Name": NAME, "Key1": "Value1", "Key2": "Value2a"} if case == "private-vpn-gateway" else {}
    accepter = create_accepter(owner, kind, vif_id, gateway, tags)
    expected: dict[str, Any] = {"virtual_interface_id": vif_id, "tags": tags}
    if kind != "public":
        expected["dx_gateway_id"] = gateway.get("directConnectGatewayId", "")
    if kind == "private":
        expected["vpn_gateway_id"] = gateway.get("virtualGatewayId", "")
    assert accepter == expected

    # The allocator's refresh: no diff (amazon_side_asn, computed, is now the gateway's).
    refreshed = read_hosted(allocator, kind, vif_id)
    assert refreshed == {**state, "amazon_side_asn": str(gateway_asn)}
    if tags:  # accepterTagsUpdated: the interceptor's untag, then tag; then Read
        arn = regional_arn("us-east-1", owner.account, "dxvif", vif_id)
        update_tags(owner.dx, arn, tags, {"Name": NAME, "Key2": "Value2b", "Key3": "Value3"})
        expected["tags"] = {"Name": NAME, "Key2": "Value2b", "Key3": "Value3"}
        assert read_accepter(owner, kind, vif_id) == expected

    # terraform import of each (ImportStateVerify: the read after import matches the state).
    imported(allocator.dx, kind, vif_id)
    assert read_hosted(allocator, kind, vif_id) == refreshed
    imported(owner.dx, kind, vif_id)
    assert read_accepter(owner, kind, vif_id) == expected

    # Destroy, in dependency order: the accepter (a no-op), the hosted VIF, then the owner's gateway.
    destroy_hosted(allocator.dx, vif_id)
    assert read_accepter(owner, kind, vif_id) is GONE  # the owner's next refresh drops the accepter
    if "directConnectGatewayId" in gateway:  # its attachment went with the VIF: the gateway deletes
        destroy_gateway(owner.dx, gateway["directConnectGatewayId"])
        assert find_gateway(owner.dx, gateway["directConnectGatewayId"]) is GONE
    assert find_vif(allocator.dx, vif_id) is GONE and find_vif(owner.dx, vif_id) is GONE  # CheckDestroy
    assert read_hosted(allocator, kind, vif_id) is GONE
    destroy_hosted(allocator.dx, vif_id)  # destroying what is already gone


def gateway_for(owner: Party, kind: str) -> dict[str, str]:
    if kind == "public":
        return {}
    return {"directConnectGatewayId": create_gateway(owner.dx, "tf-dxgw", 64603)["directConnectGatewayId"]}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_the_owner_declines_it(parties: tuple[Party, Party], kind: str) -> None:
    """The owner deletes the VIF while confirming (the console's or CLI's "reject"): the allocator's
    refresh keeps it, rejected; the accepter cannot be created; the allocator's destroy completes."""
    allocator, owner = parties
    vif_id = allocate(allocator.dx, kind, connection(allocator.dx)["connectionId"], owner.account)
    wait(lambda: find_vif(allocator.dx, vif_id), "virtualInterfaceState", {"pending"}, KINDS[kind].allocated)
    state = read_hosted(allocator, kind, vif_id)
    assert owner.dx.delete_virtual_interface(virtualInterfaceId=vif_id)["virtualInterfaceState"] == "rejected"

    assert find_vif(allocator.dx, vif_id)["virtualInterfaceState"] == "rejected"
    assert read_hosted(allocator, kind, vif_id) == state  # its Read has no state check: no diff
    assert read_accepter(owner, kind, vif_id) is GONE  # rejected: an accepter's Read (an import's) drops it
    gateway = gateway_for(owner, kind)
    operation = f"Confirm{kind.capitalize()}VirtualInterface"
    expect_error(getattr(owner.dx, f"confirm_{kind}_virtual_interface"), CLIENT,
                 f"{operation} failed. {vif_id} is in state rejected", virtualInterfaceId=vif_id, **gateway)

    destroy_hosted(allocator.dx, vif_id)  # "rejected" is one of the delete waiter's pending states
    assert find_vif(allocator.dx, vif_id) is GONE and find_vif(owner.dx, vif_id) is GONE  # CheckDestroy
    if gateway:
        destroy_gateway(owner.dx, gateway["directConnectGatewayId"])  # nothing ever attached to it


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_the_allocator_destroys_it_unaccepted(parties: tuple[Party, Party], kind: str) -> None:
    """terraform destroy before the owner's accepter ran: "confirming" is a pending state of the delete
    waiter; the owner's accepter then fails at Confirm."""
    allocator, owner = parties
    vif_id = allocate(allocator.dx, kind, connection(allocator.dx)["connectionId"], owner.account)
    wait(lambda: find_vif(allocator.dx, vif_id), "virtualInterfaceState", {"pending"}, KINDS[kind].allocated)
    assert find_vif(owner.dx, vif_id)["virtualInterfaceState"] == "confirming"
    destroy_hosted(allocator.dx, vif_id)
    assert find_vif(allocator.dx, vif_id) is GONE and find_vif(owner.dx, vif_id) is GONE  # CheckDestroy
    gateway = gateway_for(owner, kind)
    operation = f"Confirm{kind.capitalize()}VirtualInterface"
    expect_error(getattr(owner.dx, f"confirm_{kind}_virtual_interface"), CLIENT,
                 f"{operation} failed. {vif_id} is in state deleted", virtualInterfaceId=vif_id, **gateway)
