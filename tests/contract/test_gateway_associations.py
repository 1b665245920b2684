"""Associations of Direct Connect gateways with virtual private and transit gateways, on the EC2
gateways an account declares (or takes by id, with AWS's defaults)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.admin import declare
from tests.support.errors import expect_error
from tests.support.server import RunningServer
from tests.support.world import gateway

CLIENT = "DirectConnectClientException"


def associate(dx: Any, gateway_id: str, gateway: str, *prefixes: str) -> dict[str, Any]:
    params: dict[str, Any] = {"directConnectGatewayId": gateway_id, "gatewayId": gateway}
    if prefixes:
        params["addAllowedPrefixesToDirectConnectGateway"] = [{"cidr": prefix} for prefix in prefixes]
    return dict(dx.create_direct_connect_gateway_association(**params)["directConnectGatewayAssociation"])


def associations(dx: Any, **filters: str) -> list[dict[str, Any]]:
    return list(dx.describe_direct_connect_gateway_associations(**filters)["directConnectGatewayAssociations"])


def test_a_declared_vgw_takes_its_vpc_as_allowed_prefixes(server: RunningServer, dx: Any, account: str) -> None:
    declare(server.url, account, vgws=[{"virtualGatewayId": "vgw-0a1b2c3d", "region": "us-east-1",
                                        "vpcCidrs": ["10.255.255.0/28"]}])
    gateway_id = gateway(dx)
    made = associate(dx, gateway_id, "vgw-0a1b2c3d")
    assert (made["associationState"], made["associatedGateway"]) == ("associating", {
        "id": "vgw-0a1b2c3d", "type": "virtualPrivateGateway", "ownerAccount": account, "region": "us-east-1"})
    # AWS fills an unconfigured VGW association with the VPC's CIDR (Terraform's test expects it).
    assert made["allowedPrefixesToDirectConnectGateway"] == [{"cidr": "10.255.255.0/28"}]
    assert (made["virtualGatewayId"], made["virtualGatewayRegion"]) == ("vgw-0a1b2c3d", "us-east-1")
    [read] = associations(dx, associationId=made["associationId"])
    assert read["associationState"] == "associated"
    assert associations(dx, associatedGatewayId="vgw-0a1b2c3d") == [read]  # the VGW owner's view
    assert associations(dx, virtualGatewayId="vgw-0a1b2c3d", directConnectGatewayId=gateway_id) == [read]


def test_a_vgw_goes_with_one_gateway(dx: Any) -> None:
    first, second = gateway(dx, directConnectGatewayName="a"), gateway(dx, directConnectGatewayName="b")
    associate(dx, first, "vgw-0a1b2c3d")
    expect_error(associate, CLIENT, f"vgw-0a1b2c3d is already associated with Direct Connect gateway {first}",
                 dx=dx, gateway_id=second, gateway="vgw-0a1b2c3d")


def test_transit_gateways_need_prefixes_and_their_own_asn(server: RunningServer, dx: Any, account: str) -> None:
    gateway_id = gateway(dx)
    expect_error(lambda: associate(dx, gateway_id, "tgw-0a1b2c3d"), CLIENT,
                 "Allowed prefixes are required for an association with a transit gateway")
    # Both on the default 64512: AWS's classic clash [doc].
    expect_error(lambda: associate(dx, gateway_id, "tgw-0a1b2c3d", "10.0.0.0/16"), CLIENT,
                 f"The transit gateway tgw-0a1b2c3d and Direct Connect gateway {gateway_id} have "
                 "the same ASN (64512): their ASNs must differ")
    declare(server.url, account, tgws=[{"transitGatewayId": "tgw-0a1b2c3d", "region": "us-east-1",
                                        "amazonSideAsn": 64513}])
    made = associate(dx, gateway_id, "tgw-0a1b2c3d", "10.0.0.0/16", "2600:1f26:74::/48")
    assert made["associatedGateway"]["type"] == "transitGateway"
    assert "virtualGatewayId" not in made
    assert made["allowedPrefixesToDirectConnectGateway"] == [{"cidr": "10.0.0.0/16"}, {"cidr": "2600:1f26:74::/48"}]
    expect_error(lambda: associate(dx, gateway_id, "vgw-0a1b2c3d"), CLIENT,
                 "virtual private gateway vgw-0a1b2c3d cannot use it as well")


def test_prefix_updates_and_disassociation(dx: Any) -> None:
    gateway_id = gateway(dx, directConnectGatewayName="g", amazonSideAsn=64600)
    association_id = associate(dx, gateway_id, "tgw-0a1b2c3d", "10.0.0.0/16")["associationId"]
    updated = dx.update_direct_connect_gateway_association(
        associationId=association_id, addAllowedPrefixesToDirectConnectGateway=[{"cidr": "10.1.0.0/16"}],
        removeAllowedPrefixesToDirectConnectGateway=[{"cidr": "10.0.0.0/16"}])["directConnectGatewayAssociation"]
    assert (updated["associationState"], updated["allowedPrefixesToDirectConnectGateway"]) == (
        "updating", [{"cidr": "10.1.0.0/16"}])
    assert associations(dx, associationId=association_id)[0]["associationState"] == "associated"
    expect_error(dx.delete_direct_connect_gateway, CLIENT, "has associations: disassociate its gateways first",
                 directConnectGatewayId=gateway_id)
    gone = dx.delete_direct_connect_gateway_association(associationId=association_id)["directConnectGatewayAssociation"]
    assert gone["associationState"] == "disassociating"
    # Disassociated: answered by its id (Terraform's "gone"), no longer listed with its gateway.
    assert associations(dx, associationId=association_id)[0]["associationState"] == "disassociated"
    assert associations(dx, directConnectGatewayId=gateway_id) == []
    dx.delete_direct_connect_gateway(directConnectGatewayId=gateway_id)  # nothing holds it now
    expect_error(dx.delete_direct_connect_gateway_association, CLIENT,
                 "Direct Connect gateway association 00000000-0000-4000-8000-000000000000 does not exist",
                 associationId="00000000-0000-4000-8000-000000000000")


@pytest.mark.parametrize(("owner", "region", "words"), [("other", "us-east-1", "VirtualGateway"),
                                                         ("mine", "eu-west-1", "VirtualGateway")])
def test_a_vgw_of_another_account_or_region_does_not_exist(server: RunningServer, dx: Any, account: str, owner: str,
                                                            region: str, words: str) -> None:
    declare(server.url, account, vgws=[{"virtualGatewayId": "vgw-0b0b0b0b", "region": region,
                                        "ownerAccount": "999999999999" if owner == "other" else account}])
    expect_error(associate, CLIENT, f"The {words} vgw-0b0b0b0b does not exist.", dx=dx, gateway_id=gateway(dx),
                 gateway="vgw-0b0b0b0b")


def test_a_world_is_checked_and_answered(server: RunningServer, account: str) -> None:
    from dx_emulator.local.admin_client import AdminError
    from tests.support.admin import admin

    with pytest.raises(AdminError) as caught:
        declare(server.url, account, vgws=[{"virtualGatewayId": "vgw-0a1b2c3d"}])
    assert (caught.value.status, caught.value.code, caught.value.message) == (
        400, "DirectConnectClientException", "virtualGateways: vgw-0a1b2c3d needs a region, such as eu-west-1")
    declare(server.url, account, tgws=[{"transitGatewayId": "tgw-1", "region": "eu-west-1"}])
    assert admin(server.url, account).call("GET", "world") == {"virtualGateways": [], "transitGateways": [
        {"transitGatewayId": "tgw-1", "region": "eu-west-1", "amazonSideAsn": 64512, "ownerAccount": account}]}


def test_associations_are_described_by_a_well_formed_id(dx: Any) -> None:
    # An unknown id answers an empty list (Terraform's finder takes only that for "gone"); one no
    # association could have is refused in AWS's words [seen].
    assert associations(dx, associationId="8d2bd5a1-1c5b-4a7f-9a52-0a1b2c3d4e5f") == []
    expect_error(dx.describe_direct_connect_gateway_associations, CLIENT, "Association ID ga-1 has an invalid format.",
                 associationId="ga-1")
    expect_error(dx.describe_direct_connect_gateway_associations, CLIENT,
                 "Specify associationId, directConnectGatewayId, associatedGatewayId or virtualGatewayId")
