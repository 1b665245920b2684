"""PUT /_dx-emulator/settings: an account's faults, delays and manual mode take effect on its very next
request, on both stores, without a restart, and touch no other account."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from dx_emulator.local.admin_client import AdminError
from tests.support.admin import admin
from tests.support.server import RunningServer, client, new_account


def _connection(dx: Any) -> str:
    return str(dx.create_connection(location="EqDC2", bandwidth="1Gbps", connectionName="c")["connectionId"])


def _state(dx: Any, connection_id: str) -> str:
    return str(dx.describe_connections(connectionId=connection_id)["connections"][0]["connectionState"])


def test_a_fault_rule_applies_to_the_next_request_of_that_account_only(server: RunningServer) -> None:
    mine, other = new_account(), new_account()
    dx, theirs = client(server.url, mine), client(server.url, other)
    answer = admin(server.url, mine).call("PUT", "settings", {"faults": [
        {"operations": ["DescribeConnections"], "error": "ThrottlingException", "rate": 1}]})
    assert answer["settings"]["faults"][0]["error"] == "ThrottlingException"
    with pytest.raises(ClientError) as caught:
        dx.describe_connections()
    assert caught.value.response["Error"]["Code"] == "ThrottlingException"
    assert "Injected fault (dx-emulator): DescribeConnections" in caught.value.response["Error"]["Message"]
    assert dx.describe_lags()["lags"] == []  # other operations answer
    assert theirs.describe_connections()["connections"] == []  # other accounts answer
    admin(server.url, mine).call("PUT", "settings", {})
    assert dx.describe_connections()["connections"] == []


def test_a_delay_applies_to_the_next_read_and_returns_to_the_default(server: RunningServer) -> None:
    mine = new_account()
    dx = client(server.url, mine)
    admin(server.url, mine).call("PUT", "settings", {"delays": {"connectionAvailable": 3600}})
    connection_id = _connection(dx)
    assert _state(dx, connection_id) == "requested"  # the deployment's 0 would make it available
    other = client(server.url, new_account())
    assert _state(other, _connection(other)) == "available"
    assert admin(server.url, mine).call("GET", "settings")["delays"]["connectionAvailable"] == 3600
    admin(server.url, mine).call("PUT", "settings", {})
    assert _state(dx, connection_id) == "available"


def test_manual_mode_holds_every_state_until_told(server: RunningServer) -> None:
    mine = new_account()
    dx, control = client(server.url, mine), admin(server.url, mine)
    control.call("PUT", "settings", {"manual": {}})
    connection_id = _connection(dx)
    for _ in range(3):
        assert _state(dx, connection_id) == "requested"
    vif = dx.create_private_virtual_interface(connectionId=connection_id, newPrivateVirtualInterface={
        "virtualInterfaceName": "v", "vlan": 101, "asn": 65000, "virtualGatewayId": "vgw-0a1b2c3d"})
    vif_id = vif["virtualInterfaceId"]
    assert control.call("POST", "advance", {"resourceIds": [connection_id, vif_id]})["advanced"] == [
        connection_id, vif_id]
    assert _state(dx, connection_id) == "available"
    found = dx.describe_virtual_interfaces(virtualInterfaceId=vif_id)["virtualInterfaces"][0]
    assert found["virtualInterfaceState"] == "available"
    assert [(p["bgpPeerState"], p["bgpStatus"]) for p in found["bgpPeers"]] == [("available", "up")]
    # A delete is held too: deleting until told, then deleted.
    dx.delete_virtual_interface(virtualInterfaceId=vif_id)
    assert dx.delete_connection(connectionId=connection_id)["connectionState"] == "deleting"
    assert _state(dx, connection_id) == "deleting"
    control.call("POST", "advance", {"resourceIds": [connection_id]})
    assert _state(dx, connection_id) == "deleted"


def test_manual_mode_with_reads_moves_a_resource_after_that_many_reads(server: RunningServer) -> None:
    mine = new_account()
    dx = client(server.url, mine)
    admin(server.url, mine).call("PUT", "settings", {"manual": {"reads": 2}})
    connection_id = _connection(dx)
    assert [_state(dx, connection_id) for _ in range(4)] == ["requested", "requested", "available", "available"]
    gateway = dx.create_direct_connect_gateway(directConnectGatewayName="g")["directConnectGateway"]
    assert gateway["directConnectGatewayState"] == "pending"  # not "available" as without manual mode
    states = [dx.describe_direct_connect_gateways(directConnectGatewayId=gateway["directConnectGatewayId"])
              ["directConnectGateways"][0]["directConnectGatewayState"] for _ in range(3)]
    assert states == ["pending", "pending", "available"]


@pytest.mark.parametrize(("document", "message"), [
    ({"faults": [{"operations": ["*"], "error": "NoSuchError"}]}, "faults[0]: error must be one of"),
    ({"delays": {"connectionDelay": 3}}, "delays: connectionDelay is not one of"),
    ({"delays": {"vifAvailable": -1}}, "delays.vifAvailable must be a number from 0 to 604800"),
    ({"manual": {"reads": "3"}}, "manual.reads must be an integer from 0 to 100"),
    ({"chaos": True}, "Settings have faults, faultsSeed, delays, manual, not chaos"),
    ({"faultsSeed": "7"}, "faultsSeed must be an integer"),
    ({"delays": [30]}, "delays must be an object of seconds by name"),
    ({"manual": True}, 'manual is an object: {} (advance when told) or {"reads": N}'),
])
def test_bad_settings_are_refused_with_the_reason_and_change_nothing(server: RunningServer,
                                                                      document: dict[str, Any],
                                                                      message: str) -> None:
    mine = new_account()
    control = admin(server.url, mine)
    control.call("PUT", "settings", {"delays": {"vifAvailable": 5}})
    with pytest.raises(AdminError) as caught:
        control.call("PUT", "settings", document)
    assert (caught.value.status, caught.value.code) == (400, "DirectConnectClientException")
    assert message in caught.value.message
    assert control.call("GET", "settings")["settings"] == {"delays": {"vifAvailable": 5}}


def test_advance_needs_manual_mode_and_1_to_100_ids(server: RunningServer) -> None:
    mine = new_account()
    with pytest.raises(AdminError) as caught:
        admin(server.url, mine).call("POST", "advance", {"resourceIds": ["dxcon-abcd1234"]})
    assert caught.value.message == ('Manual mode is off for this account: PUT /_dx-emulator/settings '
                                    '{"manual": {}} first')
    assert admin(server.url, mine).call("GET", "settings")["settings"] == {}
    admin(server.url, mine).call("PUT", "settings", {"manual": {}})
    for ids in ([], [f"dxcon-{n:08d}" for n in range(101)]):
        with pytest.raises(AdminError) as caught:
            admin(server.url, mine).call("POST", "advance", {"resourceIds": ids})
        assert (caught.value.code, caught.value.message) == (
            "DirectConnectClientException", "resourceIds lists 1 to 100 resource ids to advance")
