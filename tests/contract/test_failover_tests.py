"""StartBgpFailoverTest, StopBgpFailoverTest, ListVirtualInterfaceTestHistory, on a server where a
test minute lasts one second, so a test runs its course within the test."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import pytest

from tests.support.errors import expect_error
from tests.support.polling import poll
from tests.support.server import RunningServer, client, new_account
from tests.support.world import connection, private_vif

pytestmark = [pytest.mark.timed, pytest.mark.every_protocol]
CLIENT = "DirectConnectClientException"


@pytest.fixture
def drill(drill_server: RunningServer, protocol: str) -> Any:
    return client(drill_server.url, new_account(), protocol=protocol)


def vif_with_two_peers(dx: Any) -> tuple[str, str, str]:
    vif_id = private_vif(dx, connection(dx)["connectionId"])["virtualInterfaceId"]
    both = dx.create_bgp_peer(virtualInterfaceId=vif_id, newBGPPeer={"asn": 65001, "addressFamily": "ipv6"})
    ipv4, ipv6 = (peer["bgpPeerId"] for peer in both["virtualInterface"]["bgpPeers"])
    return vif_id, ipv4, ipv6


def state(dx: Any, vif_id: str) -> tuple[str, dict[str, str]]:
    [vif] = dx.describe_virtual_interfaces(virtualInterfaceId=vif_id)["virtualInterfaces"]
    return vif["virtualInterfaceState"], {peer["bgpPeerId"]: peer["bgpStatus"] for peer in vif["bgpPeers"]}


def test_a_failover_test_runs_its_course(drill: Any) -> None:
    dx = drill
    vif_id, ipv4, ipv6 = vif_with_two_peers(dx)
    assert state(dx, vif_id) == ("available", {ipv4: "up", ipv6: "up"})
    started = dx.start_bgp_failover_test(virtualInterfaceId=vif_id, bgpPeers=[ipv4], testDurationInMinutes=2)
    test = started["virtualInterfaceTest"]
    assert (test["virtualInterfaceId"], test["bgpPeers"], test["status"], test["testDurationInMinutes"]) == (
        vif_id, [ipv4], "in progress", 2)
    assert isinstance(test["startTime"], datetime)
    parsed = uuid.UUID(test["testId"])  # a valid RFC 4122 random UUID, as AWS's test ids are
    assert (str(parsed), parsed.version, parsed.variant) == (test["testId"], 4, uuid.RFC_4122)
    assert (test["endTime"] - test["startTime"]).total_seconds() == pytest.approx(2, abs=0.01)  # 2 "minutes"
    assert state(dx, vif_id) == ("testing", {ipv4: "down", ipv6: "up"})
    expect_error(dx.start_bgp_failover_test, CLIENT,
                 f"A failover test ({test['testId']}) is already running on virtual interface {vif_id}",
                 virtualInterfaceId=vif_id)
    poll(lambda: state(dx, vif_id), lambda now: now == ("available", {ipv4: "up", ipv6: "up"}))
    [done] = dx.list_virtual_interface_test_history(virtualInterfaceId=vif_id)["virtualInterfaceTestHistory"]
    assert (done["testId"], done["status"], done["testDurationInMinutes"]) == (test["testId"], "completed", 2)


def test_stopping_early_and_every_peer_by_default(drill: Any) -> None:
    dx = drill
    vif_id, ipv4, ipv6 = vif_with_two_peers(dx)
    started = dx.start_bgp_failover_test(virtualInterfaceId=vif_id)  # all peers, 180 minutes
    assert sorted(started["virtualInterfaceTest"]["bgpPeers"]) == sorted([ipv4, ipv6])
    assert started["virtualInterfaceTest"]["testDurationInMinutes"] == 180
    assert state(dx, vif_id) == ("testing", {ipv4: "down", ipv6: "down"})
    stopped = dx.stop_bgp_failover_test(virtualInterfaceId=vif_id)["virtualInterfaceTest"]
    assert (stopped["status"], stopped["testDurationInMinutes"]) == ("completed", 1)
    assert state(dx, vif_id) == ("available", {ipv4: "up", ipv6: "up"})
    expect_error(dx.stop_bgp_failover_test, CLIENT, f"No failover test is running on virtual interface {vif_id}",
                 virtualInterfaceId=vif_id)


@pytest.mark.parametrize(("request_", "message"), [
    ({"testDurationInMinutes": 0}, "testDurationInMinutes must be 1 to 4320; 0 was given"),
    ({"testDurationInMinutes": 4321}, "testDurationInMinutes must be 1 to 4320; 4321 was given"),
    ({"bgpPeers": ["dxpeer-00000000"]}, "BGP peer dxpeer-00000000 is not a live peer of virtual interface"),
])
def test_refusals(drill: Any, request_: dict[str, Any], message: str) -> None:
    vif_id, _, _ = vif_with_two_peers(drill)
    expect_error(drill.start_bgp_failover_test, CLIENT, message, virtualInterfaceId=vif_id, **request_)
    expect_error(drill.start_bgp_failover_test, CLIENT, "Virtual interface dxvif-00000000 does not exist",
                 virtualInterfaceId="dxvif-00000000")


def test_history_filters_and_pages(drill: Any) -> None:
    dx = drill
    vif_id, ipv4, ipv6 = vif_with_two_peers(dx)
    first = dx.start_bgp_failover_test(virtualInterfaceId=vif_id, bgpPeers=[ipv4], testDurationInMinutes=30)
    dx.stop_bgp_failover_test(virtualInterfaceId=vif_id)
    second = dx.start_bgp_failover_test(virtualInterfaceId=vif_id, bgpPeers=[ipv6], testDurationInMinutes=30)
    first_id, second_id = first["virtualInterfaceTest"]["testId"], second["virtualInterfaceTest"]["testId"]

    def ids(**filters: Any) -> list[str]:
        found = dx.list_virtual_interface_test_history(**filters)["virtualInterfaceTestHistory"]
        return [item["testId"] for item in found]

    assert ids(virtualInterfaceId=vif_id) == [second_id, first_id]  # newest first
    assert ids() == [second_id, first_id]  # the whole account
    assert ids(testId=first_id) == [first_id]
    assert ids(status="in progress") == [second_id]
    assert ids(status="completed") == [first_id]
    assert ids(bgpPeers=[ipv4]) == [first_id]
    page = dx.list_virtual_interface_test_history(virtualInterfaceId=vif_id, maxResults=1)
    assert [item["testId"] for item in page["virtualInterfaceTestHistory"]] == [second_id]
    rest = dx.list_virtual_interface_test_history(virtualInterfaceId=vif_id, maxResults=1,
                                                  nextToken=page["nextToken"])
    assert [item["testId"] for item in rest["virtualInterfaceTestHistory"]] == [first_id]
    assert "nextToken" not in rest
    dx.stop_bgp_failover_test(virtualInterfaceId=vif_id)
