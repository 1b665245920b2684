"""Members added to the model since the first operations: accepted where the model takes them,
checked as documented, answered back as AWS does."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.errors import expect_error
from tests.support.world import connection, private_vif, public_vif, transit_vif

CLIENT = "DirectConnectClientException"


def test_rate_limit_on_create_update_and_describe(dx: Any) -> None:
    conn_id = connection(dx, bandwidth="10Gbps")["connectionId"]
    vif = private_vif(dx, conn_id, rateLimit="1.2Gbps")
    assert vif["rateLimit"] == "1.2Gbps"
    vif_id = vif["virtualInterfaceId"]
    updated = dx.update_virtual_interface_attributes(virtualInterfaceId=vif_id, rateLimit="10Gbps")
    assert updated["rateLimit"] == "10Gbps"
    [described] = dx.describe_virtual_interfaces(virtualInterfaceId=vif_id)["virtualInterfaces"]
    assert described["rateLimit"] == "10Gbps"
    expect_error(dx.update_virtual_interface_attributes, CLIENT, f"rateLimit 12Gbps exceeds the bandwidth of {conn_id}",
                 virtualInterfaceId=vif_id, rateLimit="12Gbps")
    expect_error(private_vif, CLIENT, "rateLimit 1.3Gbps is not a supported bandwidth value", dx=dx,
                 connection_id=conn_id, vlan=7, rateLimit="1.3Gbps")


def test_a_lags_rate_limit_is_bounded_by_all_its_ports(dx: Any) -> None:
    lag = dx.create_lag(numberOfConnections=2, location="EqDC2", connectionsBandwidth="10Gbps", lagName="l")
    assert transit_vif(dx, lag["lagId"], rateLimit="20Gbps")["rateLimit"] == "20Gbps"
    expect_error(transit_vif, CLIENT, "rateLimit 21Gbps exceeds the bandwidth", dx=dx, connection_id=lag["lagId"],
                 vlan=302, rateLimit="21Gbps")


def test_inbound_prefix_allocations(dx: Any) -> None:
    conn_id = connection(dx)["connectionId"]
    vif = private_vif(dx, conn_id, prefixPoolAllocatedCountIpv4=100, prefixPoolAllocatedCountIpv6=20)
    assert (vif["prefixPoolAllocatedCountIpv4"], vif["prefixPoolAllocatedCountIpv6"]) == (100, 20)
    updated = dx.update_virtual_interface_attributes(virtualInterfaceId=vif["virtualInterfaceId"],
                                                     prefixPoolAllocatedCountIpv6=40)
    assert (updated["prefixPoolAllocatedCountIpv4"], updated["prefixPoolAllocatedCountIpv6"]) == (100, 40)
    expect_error(private_vif, CLIENT, "prefixPoolAllocatedCountIpv4 must be 0 to 1000; 1001 was given", dx=dx,
                 connection_id=conn_id, vlan=9, prefixPoolAllocatedCountIpv4=1001)
    public = public_vif(dx, conn_id)
    assert "prefixPoolAllocatedCountIpv4" not in public  # "Not applicable to public virtual interfaces"


@pytest.mark.parametrize("create", ["connection", "lag"])
def test_provider_name_and_billing_mode_are_echoed(dx: Any, create: str) -> None:
    ordered = {"providerName": "Equinix", "billingMode": "FlatRateTier2"}
    if create == "connection":
        made = connection(dx, **ordered)
        [listed] = dx.describe_connections(connectionId=made["connectionId"])["connections"]
    else:
        made = dx.create_lag(numberOfConnections=1, location="EqDC2", connectionsBandwidth="1Gbps", lagName="l",
                             **ordered)
        [listed] = dx.describe_lags(lagId=made["lagId"])["lags"]
        assert listed["connections"][0]["providerName"] == "Equinix"
    for answer in (made, listed):
        assert (answer["providerName"], answer["billingMode"]) == ("Equinix", "FlatRateTier2")
    # Not given, not invented: Terraform's tests expect provider_name "" (absent).
    assert "providerName" not in connection(dx)


def test_billing_modes_are_the_models(dx: Any) -> None:
    expect_error(connection, CLIENT, "billingMode PortPairFlatRateTier1 is not valid: use one of PayAsYouGo",
                 dx=dx, billingMode="PortPairFlatRateTier1")
