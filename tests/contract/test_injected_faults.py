"""Injected faults: boto3's standard retry mode rides over them; without retries a client sees
them as AWS errors that wrote nothing. Each test has its own seeded server, so its draws repeat."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.support.server import RunningServer, client, new_account, start_server

pytestmark = pytest.mark.timed  # a server of its own: not for a deployed endpoint
FAULTS = [
    {"operations": ["CreateConnection"], "error": "DirectConnectServerException", "rate": 0.5},
    {"operations": ["DescribeConnections"], "error": "ThrottlingException", "rate": 0.5},
]


@pytest.fixture
def faulty() -> Iterator[RunningServer]:
    running = start_server(table=f"dx-faults-{uuid.uuid4().hex[:8]}",
                           extra=("--faults", json.dumps(FAULTS), "--faults-seed", "7"))
    yield running
    running.stop()


def test_standard_retries_ride_over_injected_faults(faulty: RunningServer) -> None:
    dx = client(faulty.url, new_account(), retries={"mode": "standard", "max_attempts": 10})
    created = [dx.create_connection(location="EqDC2", bandwidth="1Gbps", connectionName=f"c{n}") for n in range(12)]
    retried = sum(answer["ResponseMetadata"]["RetryAttempts"] for answer in created)
    listed = dx.describe_connections()
    assert retried > 0  # faults were injected, and boto3 retried them away
    assert sorted(c["connectionId"] for c in listed["connections"]) == sorted(c["connectionId"] for c in created)


def test_without_retries_the_faults_show_and_write_nothing(faulty: RunningServer) -> None:
    dx = client(faulty.url, new_account())  # max_attempts 1
    succeeded, failed = [], []
    for n in range(12):
        try:
            succeeded.append(dx.create_connection(location="EqDC2", bandwidth="1Gbps", connectionName=f"c{n}"))
        except ClientError as error:
            failed.append(error.response)
    assert succeeded
    assert failed
    for response in failed:
        assert response["Error"] == {"Code": "DirectConnectServerException", "Message":
                                     "Injected fault (dx-emulator): CreateConnection failed with "
                                     "DirectConnectServerException"}
        assert response["ResponseMetadata"]["HTTPStatusCode"] == 500
    throttled = 0
    for _ in range(6):
        try:
            listed = dx.describe_connections()
        except ClientError as error:
            assert error.response["Error"]["Code"] == "ThrottlingException"
            throttled += 1
        else:
            assert len(listed["connections"]) == len(succeeded)  # failed creates wrote nothing
    assert 0 < throttled < 6


def test_the_same_seed_gives_the_same_faults() -> None:
    outcomes = []
    for _ in range(2):
        running = start_server(table=f"dx-seeded-{uuid.uuid4().hex[:8]}",
                               extra=("--faults", json.dumps(FAULTS), "--faults-seed", "11"))
        try:
            dx = client(running.url, "121212121212")
            run = []
            for _ in range(10):
                try:
                    dx.create_connection(location="EqDC2", bandwidth="1Gbps", connectionName="c")
                    run.append("ok")
                except ClientError as error:
                    run.append(error.response["Error"]["Code"])
            outcomes.append(run)
        finally:
            running.stop()
    assert outcomes[0] == outcomes[1]
    assert set(outcomes[0]) == {"ok", "DirectConnectServerException"}


@pytest.mark.parametrize(("setting", "message"), [
    ("{not json", "DX_EMULATOR_FAULTS is not JSON"),
    ('[{"error": "Oops"}]', "DX_EMULATOR_FAULTS[0]: error must be one of DirectConnectServerException"),
    ('[{"rate": 0.5}]', "DX_EMULATOR_FAULTS[0]: give an error, a latencyMs, or both"),
    ('[{"error": "ThrottlingException", "rate": 2}]', "DX_EMULATOR_FAULTS[0]: rate must be between 0 and 1"),
])
def test_a_bad_setting_stops_serve_with_its_reason(setting: str, message: str) -> None:
    result = subprocess.run([sys.executable, "-m", "dx_emulator.cli", "serve", "--port", "0", "--faults", setting],
                            capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode != 0
    assert message in result.stderr


def test_latency_and_limit_faults_are_logged_as_injected(monkeypatch: pytest.MonkeyPatch,
                                                         caplog: pytest.LogCaptureFixture) -> None:
    from dx_emulator import handler
    from dx_emulator.faults import Injector, parse
    from tests.support.inprocess import harness

    rules = parse(json.dumps([{"operations": ["CreateBGPPeer"], "error": "LimitExceededException", "rate": 1},
                              {"operations": ["DescribeConnections"], "latencyMs": 5, "rate": 1}]))
    monkeypatch.setattr(handler, "injector", Injector(rules, seed=1))
    with harness() as h:
        answer = h.send("CreateBGPPeer", {"virtualInterfaceId": "dxvif-00000000"})
        assert (answer.status, answer.body) == (400, {
            "__type": "LimitExceededException",
            "message": "Injected fault (dx-emulator): CreateBGPPeer failed with LimitExceededException"})
        assert h.writes() == []
        assert h.call("DescribeConnections") == {"connections": []}
    injected: list[Any] = [r for r in caplog.records if r.getMessage() == "injected fault"]
    assert [(r.operation, r.injected_error, r.injected_latency_ms) for r in injected] == [
        ("CreateBGPPeer", "LimitExceededException", 0.0), ("DescribeConnections", None, 5.0)]
