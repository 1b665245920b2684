"""Partners and their interconnects, customer metadata and agreements: which accounts are partners
is configuration (the deployment's list, or the account's world); others get AWS's refusal."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.support.admin import declare
from tests.support.errors import expect_error
from tests.support.server import RunningServer, new_account

CLIENT, NOT_FOUND = "DirectConnectClientException", "DirectConnectClientException"
CONFIGURED_PARTNER = "999900001111"  # a v1 partner in every test server's DX_EMULATOR_PARTNERS


def interconnect(dx: Any, **overrides: Any) -> dict[str, Any]:
    params = {"interconnectName": "partner port", "bandwidth": "10Gbps", "location": "EqDC2", **overrides}
    return dict(dx.create_interconnect(**params))


@pytest.fixture
def partner_account(server: RunningServer) -> str:
    account = new_account()
    declare(server.url, account, partner="v2")
    return account


@pytest.fixture
def partner(partner_account: str, make_client: Callable[..., Any]) -> Any:
    return make_client(partner_account)


def test_a_customer_is_not_a_partner(dx: Any, account: str) -> None:
    refused = f"Account {account} is not an authorized Direct Connect partner in us-east-1."
    expect_error(dx.describe_interconnects, CLIENT, refused)
    expect_error(interconnect, CLIENT, refused, dx=dx)
    expect_error(dx.allocate_hosted_connection, CLIENT, refused, connectionId="dxcon-fguhmqlc", ownerAccount=account,
                 bandwidth="100Mbps", connectionName="hosted", vlan=101)
    metadata = dx.describe_customer_metadata()
    assert metadata["nniPartnerType"] == "nonPartner"
    assert metadata["agreements"] == [{"agreementName": "DirectConnectCustomerAgreement", "status": "unsigned"}]


def test_agreements_are_signed_by_confirming_them(dx: Any) -> None:
    assert dx.confirm_customer_agreement(agreementName="DirectConnectCustomerAgreement")["status"] == "signed"
    assert dx.confirm_customer_agreement()["status"] == "signed"  # the same one, again
    assert dx.confirm_customer_agreement(agreementName="Partner NNI terms")["status"] == "signed"
    assert dx.describe_customer_metadata()["agreements"] == [
        {"agreementName": "DirectConnectCustomerAgreement", "status": "signed"},
        {"agreementName": "Partner NNI terms", "status": "signed"}]
    expect_error(dx.confirm_customer_agreement, CLIENT, "agreementName must be 1 to 100 characters",
                 agreementName="x" * 101)
    for number in range(18):  # 20 in all, the most an account confirms
        dx.confirm_customer_agreement(agreementName=f"terms {number}")
    expect_error(dx.confirm_customer_agreement, CLIENT, "An account confirms at most 20 agreements",
                 agreementName="one too many")


def test_partners_from_the_deployment_and_from_the_world(make_client: Callable[..., Any], partner: Any) -> None:
    configured = make_client(CONFIGURED_PARTNER)
    assert configured.describe_customer_metadata()["nniPartnerType"] == "v1"
    assert partner.describe_customer_metadata()["nniPartnerType"] == "v2"


def test_an_interconnect_over_time(partner: Any, partner_account: str) -> None:
    created = interconnect(partner, providerName="TIVIT", tags=[{"key": "team", "value": "net"}])
    assert created["interconnectState"] == "requested"
    assert created["interconnectId"].startswith("dxcon-")
    assert (created["bandwidth"], created["location"], created["providerName"]) == ("10Gbps", "EqDC2", "TIVIT")
    interconnect_id = created["interconnectId"]
    [listed] = partner.describe_interconnects()["interconnects"]
    assert (listed["interconnectId"], listed["interconnectState"]) == (interconnect_id, "available")
    assert listed["tags"] == [{"key": "team", "value": "net"}]
    # Not a connection: DescribeConnections does not list it.
    assert partner.describe_connections()["connections"] == []
    arn = f"arn:aws:directconnect:us-east-1:{partner_account}:dxcon/{interconnect_id}"
    partner.tag_resource(resourceArn=arn, tags=[{"key": "stage", "value": "test"}])
    [tagged] = partner.describe_tags(resourceArns=[arn])["resourceTags"]
    assert tagged["tags"] == [{"key": "team", "value": "net"}, {"key": "stage", "value": "test"}]
    assert partner.delete_interconnect(interconnectId=interconnect_id)["interconnectState"] == "deleted"
    [gone] = partner.describe_interconnects(interconnectId=interconnect_id)["interconnects"]
    assert gone["interconnectState"] == "deleted"
    expect_error(partner.describe_interconnects, NOT_FOUND, "Could not find Interconnect with ID dxcon-ffffffff",
                 interconnectId="dxcon-ffffffff")


def test_an_interconnect_into_a_lag_is_not_emulated(partner: Any) -> None:
    expect_error(interconnect, CLIENT, "Creating an interconnect into a LAG is not emulated: create it alone",
                 dx=partner, lagId="dxlag-ffffffff")
    assert partner.describe_interconnects()["interconnects"] == []


def test_interconnect_bandwidths(partner: Any) -> None:
    for bandwidth in ("1Gbps", "100Gbps"):
        assert interconnect(partner, bandwidth=bandwidth)["bandwidth"] == bandwidth
    expect_error(interconnect, CLIENT,
                 "Bandwidth 400Gbps is not available for an interconnect: use one of 1Gbps, 10Gbps, 100Gbps",
                 dx=partner, bandwidth="400Gbps")


def test_the_letter_of_authorization_is_a_pdf(partner: Any) -> None:
    created = interconnect(partner, interconnectName="loa port")
    loa = partner.describe_interconnect_loa(interconnectId=created["interconnectId"], providerName="TIVIT")["loa"]
    assert loa["loaContentType"] == "application/pdf"
    content = loa["loaContent"]
    assert content.startswith(b"%PDF-1.4") and content.rstrip().endswith(b"%%EOF")
    assert created["interconnectId"].encode() in content and b"TIVIT" in content
    expect_error(partner.describe_interconnect_loa, CLIENT,
                 "loaContentType text/plain is not supported: the only supported value is application/pdf",
                 interconnectId=created["interconnectId"], loaContentType="text/plain")
