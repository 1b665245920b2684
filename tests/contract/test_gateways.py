"""Direct Connect gateways: global to their account, with AWS's ASN ranges, states and refusals."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.errors import expect_error
from tests.support.world import connection, gateway, private_vif

CLIENT = "DirectConnectClientException"


def describe(dx: Any, gateway_id: str | None = None) -> list[dict[str, Any]]:
    params = {} if gateway_id is None else {"directConnectGatewayId": gateway_id}
    return list(dx.describe_direct_connect_gateways(**params)["directConnectGateways"])


def test_a_gateway_is_global_to_its_account(dx: Any, account: str, make_client: Any) -> None:
    created = dx.create_direct_connect_gateway(directConnectGatewayName="DxGateway1")["directConnectGateway"]
    gateway_id = created["directConnectGatewayId"]
    # AWS's example answers the new gateway available, with the default ASN [the CLI's example].
    assert (created["amazonSideAsn"], created["ownerAccount"], created["directConnectGatewayState"]) == (
        64512, account, "available")
    elsewhere = make_client(account=account, region="ap-southeast-2")
    assert [g["directConnectGatewayId"] for g in describe(elsewhere)] == [gateway_id]
    assert describe(make_client(), gateway_id) == []  # another account sees nothing, and no error


@pytest.mark.parametrize("asn", [64512, 65534, 4_200_000_000, 4_294_967_294])
def test_private_asns_are_taken(dx: Any, asn: int) -> None:
    created = dx.create_direct_connect_gateway(directConnectGatewayName="g", amazonSideAsn=asn)
    assert created["directConnectGateway"]["amazonSideAsn"] == asn


@pytest.mark.parametrize("asn", [7224, 64511, 65535, 4_199_999_999])
def test_other_asns_are_refused(dx: Any, asn: int) -> None:
    expect_error(dx.create_direct_connect_gateway, CLIENT, f"amazonSideAsn {asn} is not valid: use a private ASN",
                 directConnectGatewayName="g", amazonSideAsn=asn)


def test_rename_tag_and_delete(dx: Any, account: str) -> None:
    gateway_id = gateway(dx, directConnectGatewayName="before")
    renamed = dx.update_direct_connect_gateway(directConnectGatewayId=gateway_id,
                                               newDirectConnectGatewayName="after")["directConnectGateway"]
    assert renamed["directConnectGatewayName"] == "after"
    arn = f"arn:aws:directconnect::{account}:dx-gateway/{gateway_id}"  # global: no region
    dx.tag_resource(resourceArn=arn, tags=[{"key": "Name", "value": "core"}])
    assert describe(dx, gateway_id)[0]["tags"] == [{"key": "Name", "value": "core"}]
    assert dx.describe_tags(resourceArns=[arn])["resourceTags"][0]["tags"] == [{"key": "Name", "value": "core"}]
    dx.untag_resource(resourceArn=arn, tagKeys=["Name"])
    assert "tags" not in describe(dx, gateway_id)[0]
    deleted = dx.delete_direct_connect_gateway(directConnectGatewayId=gateway_id)["directConnectGateway"]
    assert deleted["directConnectGatewayState"] == "deleting"
    assert describe(dx, gateway_id) == []  # "Deleted Direct Connect gateways are not returned" [doc]
    expect_error(dx.delete_direct_connect_gateway, CLIENT, f"Direct Connect gateway {gateway_id} does not exist",
                 directConnectGatewayId=gateway_id)


def test_a_vif_on_a_gateway_takes_its_asn_and_holds_it(dx: Any) -> None:
    gateway_id = gateway(dx, directConnectGatewayName="g", amazonSideAsn=4_200_000_000)
    vif = private_vif(dx, connection(dx)["connectionId"], virtualGatewayId=None, directConnectGatewayId=gateway_id)
    assert vif["amazonSideAsn"] == 4_200_000_000
    assert "<amazon_bgp_asn>4200000000</amazon_bgp_asn>" in vif["customerRouterConfig"]
    [attachment] = dx.describe_direct_connect_gateway_attachments(directConnectGatewayId=gateway_id)[
        "directConnectGatewayAttachments"]
    assert (attachment["virtualInterfaceId"], attachment["attachmentState"], attachment["attachmentType"]) == (
        vif["virtualInterfaceId"], "attached", "PrivateVirtualInterface")
    expect_error(dx.delete_direct_connect_gateway, CLIENT, "has virtual interfaces attached: delete them first",
                 directConnectGatewayId=gateway_id)
    dx.delete_virtual_interface(virtualInterfaceId=vif["virtualInterfaceId"])
    [detached] = dx.describe_direct_connect_gateway_attachments(virtualInterfaceId=vif["virtualInterfaceId"])[
        "directConnectGatewayAttachments"]
    assert detached["attachmentState"] == "detached"
    assert dx.delete_direct_connect_gateway(directConnectGatewayId=gateway_id)["directConnectGateway"][
        "directConnectGatewayState"] == "deleting"


def test_vifs_need_a_gateway_of_the_callers_own(dx: Any, make_client: Any) -> None:
    theirs = gateway(make_client())
    expect_error(private_vif, CLIENT, f"Direct Connect gateway {theirs} does not exist", dx=dx,
                 connection_id=connection(dx)["connectionId"], virtualGatewayId=None, directConnectGatewayId=theirs)


def test_a_gateway_carries_private_or_transit_traffic_not_both(dx: Any) -> None:
    gateway_id = gateway(dx, directConnectGatewayName="g")
    conn_id = connection(dx)["connectionId"]
    private_vif(dx, conn_id, vlan=1, virtualGatewayId=None, directConnectGatewayId=gateway_id)
    expect_error(dx.create_transit_virtual_interface, CLIENT, f"Direct Connect gateway {gateway_id} is used by "
                 "virtual private gateways and private virtual interfaces: a transit virtual interface cannot use "
                 "it as well", connectionId=conn_id, newTransitVirtualInterface={
                     "virtualInterfaceName": "t", "vlan": 2, "asn": 65000, "directConnectGatewayId": gateway_id})


def test_attachments_need_a_gateway_or_a_vif(dx: Any) -> None:
    expect_error(dx.describe_direct_connect_gateway_attachments, CLIENT,
                 "You must specify a Direct Connect gateway, a virtual interface, or both")
