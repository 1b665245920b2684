"""ListVirtualInterfaceTestHistory across an account's VIFs, as a client sees it, on the embedded store
and on DynamoDB Local: newest first, page after page by nextToken, filtered, by testId alone; a
deleted VIF's tests listed as long as the VIF is; a VIF's last 50 tests and no more."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.polling import poll
from tests.support.server import RunningServer, client, new_account
from tests.support.world import connection, private_vif


def listed(dx: Any, **params: Any) -> list[dict[str, Any]]:
    """Every test the history lists, page after page."""
    found: list[dict[str, Any]] = []
    while True:
        page = dx.list_virtual_interface_test_history(**params)
        found += page["virtualInterfaceTestHistory"]
        if "nextToken" not in page:
            return found
        params = {**params, "nextToken": page["nextToken"]}


def ids(tests: list[dict[str, Any]]) -> list[str]:
    return [test["testId"] for test in tests]


def vifs_with_tests(dx: Any, count: int = 3, rounds: int = 3) -> tuple[list[str], list[dict[str, Any]]]:
    """``count`` VIFs, each tested ``rounds`` times in turn; every test stopped but the last round's."""
    conn_id = connection(dx)["connectionId"]
    vifs = [private_vif(dx, conn_id, vlan=101 + number)["virtualInterfaceId"] for number in range(count)]
    started = []
    for round_ in range(rounds):
        for vif_id in vifs:
            started.append(dx.start_bgp_failover_test(virtualInterfaceId=vif_id, testDurationInMinutes=30)[
                "virtualInterfaceTest"])
            if round_ < rounds - 1:
                dx.stop_bgp_failover_test(virtualInterfaceId=vif_id)
    return vifs, started


def test_the_account_history_is_newest_first_across_vifs_and_pages(dx: Any) -> None:
    vifs, started = vifs_with_tests(dx)
    newest_first = ids(started)[::-1]
    whole = dx.list_virtual_interface_test_history()
    assert ids(whole["virtualInterfaceTestHistory"]) == newest_first and "nextToken" not in whole
    assert [test["virtualInterfaceId"] for test in whole["virtualInterfaceTestHistory"]] == vifs[::-1] * 3
    first = dx.list_virtual_interface_test_history(maxResults=4)
    assert ids(first["virtualInterfaceTestHistory"]) == newest_first[:4]
    second = dx.list_virtual_interface_test_history(maxResults=4, nextToken=first["nextToken"])
    assert ids(second["virtualInterfaceTestHistory"]) == newest_first[4:8]
    last = dx.list_virtual_interface_test_history(maxResults=4, nextToken=second["nextToken"])
    assert ids(last["virtualInterfaceTestHistory"]) == newest_first[8:] and "nextToken" not in last
    assert ids(listed(dx, maxResults=9)) == newest_first  # a page exactly as long as the rest: no token after
    assert "nextToken" not in dx.list_virtual_interface_test_history(maxResults=9)


def test_the_account_history_filters(dx: Any) -> None:
    vifs, started = vifs_with_tests(dx)
    newest_first = ids(started)[::-1]
    assert ids(listed(dx, status="in progress", maxResults=1)) == newest_first[:3]
    assert ids(listed(dx, status="completed", maxResults=2)) == newest_first[3:]
    [peer] = dx.describe_virtual_interfaces(virtualInterfaceId=vifs[1])["virtualInterfaces"][0]["bgpPeers"]
    assert ids(listed(dx, bgpPeers=[peer["bgpPeerId"]], maxResults=2)) == [
        test["testId"] for test in started[::-1] if test["virtualInterfaceId"] == vifs[1]]
    assert listed(dx, bgpPeers=["dxpeer-00000000"]) == []


def test_a_test_id_alone_finds_its_test_on_any_vif(dx: Any) -> None:
    _, started = vifs_with_tests(dx, rounds=2)
    for test in started:
        [found] = dx.list_virtual_interface_test_history(testId=test["testId"])["virtualInterfaceTestHistory"]
        assert (found["testId"], found["virtualInterfaceId"], found["startTime"]) == (
            test["testId"], test["virtualInterfaceId"], test["startTime"])
    assert listed(dx, testId=started[0]["testId"], status="in progress") == []  # stopped: completed
    assert listed(dx, testId="00000000-0000-4000-8000-000000000000") == []
    assert listed(dx, testId="not a test id") == []
    # Another account's test is not the caller's.
    other = client(dx.meta.endpoint_url, new_account())
    assert listed(other, testId=started[0]["testId"]) == []


def test_a_deleted_vifs_tests_stay_listed_as_long_as_it_is(dx: Any) -> None:
    vifs, started = vifs_with_tests(dx, count=2, rounds=2)
    dx.delete_virtual_interface(virtualInterfaceId=vifs[0])
    assert ids(listed(dx)) == ids(started)[::-1]
    [found] = listed(dx, testId=started[0]["testId"])
    assert found["virtualInterfaceId"] == vifs[0]


def test_a_vif_lists_its_last_50_tests(dx: Any) -> None:
    vif_id = private_vif(dx, connection(dx)["connectionId"])["virtualInterfaceId"]
    started = []
    for _ in range(53):
        started.append(dx.start_bgp_failover_test(virtualInterfaceId=vif_id)["virtualInterfaceTest"]["testId"])
        dx.stop_bgp_failover_test(virtualInterfaceId=vif_id)
    last_50 = started[::-1][:50]
    assert ids(listed(dx)) == last_50
    assert ids(listed(dx, maxResults=7)) == last_50 == ids(listed(dx, virtualInterfaceId=vif_id, maxResults=7))
    assert listed(dx, testId=started[0]) == []


@pytest.mark.timed
def test_a_deleted_vifs_tests_go_with_it(timed_server: RunningServer) -> None:
    dx = client(timed_server.url, new_account())
    conn_id = connection(dx)["connectionId"]
    vif_ids = [private_vif(dx, conn_id, vlan=vlan)["virtualInterfaceId"] for vlan in (101, 102)]

    def states() -> list[str]:
        return [vif["virtualInterfaceState"] for vif in dx.describe_virtual_interfaces()["virtualInterfaces"]]

    poll(states, lambda now: now == ["available", "available"])  # on this server, a second after their creation
    kept, gone = (dx.start_bgp_failover_test(virtualInterfaceId=vif_id)["virtualInterfaceTest"]["testId"]
                  for vif_id in vif_ids)
    dx.delete_virtual_interface(virtualInterfaceId=vif_ids[1])
    assert ids(listed(dx)) == [gone, kept]
    poll(lambda: ids(listed(dx)), lambda now: now == [kept])  # deleted, then past its retention
    assert listed(dx, testId=gone) == []
