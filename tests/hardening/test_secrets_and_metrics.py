"""BGP auth keys and signatures never reach the logs, however verbose; every request leaves one
structured log line (with the request id as correlation id) and one EMF metric blob."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from aws_lambda_powertools.logging.formatter import LambdaPowertoolsFormatter

from dx_emulator.observability import Outcome, logger, metrics, record
from dx_emulator.store.repository import Repository
from tests.support.inprocess import Harness, harness

ACCOUNT = "555566667777"
SIGNATURE = "a1" * 32


class Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.setFormatter(LambdaPowertoolsFormatter())
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture
def logs() -> Iterator[Collect]:
    """Everything logged anywhere, at DEBUG: as if the operator turned every level all the way up."""
    collect = Collect()
    root = logging.getLogger()
    previous = root.level
    root.addHandler(collect)
    root.setLevel(logging.DEBUG)
    app = logging.getLogger("dx-emulator")
    app_level = app.level
    app.setLevel(logging.DEBUG)
    yield collect
    root.removeHandler(collect)
    root.setLevel(previous)
    app.setLevel(app_level)


@pytest.fixture
def h() -> Iterator[Harness]:
    with harness() as recorder:
        yield recorder


def scenario(h: Harness) -> list[str]:
    """A user's whole day, returning every auth key the emulator handled."""
    def send(operation: str, params: dict[str, Any], cbor: bool = False) -> Any:
        return h.send(operation, params, account=ACCOUNT, signature=SIGNATURE, cbor=cbor)

    conn = send("CreateConnection", {"location": "EqDC2", "bandwidth": "1Gbps", "connectionName": "c"}).body
    vif = send("CreatePrivateVirtualInterface", {"connectionId": conn["connectionId"], "newPrivateVirtualInterface": {
        "virtualInterfaceName": "v", "vlan": 9, "asn": 65000, "authKey": "given-Secret-Key-1",
        "virtualGatewayId": "vgw-1"}}).body
    vif_id = vif["virtualInterfaceId"]
    peered = send("CreateBGPPeer", {"virtualInterfaceId": vif_id, "newBGPPeer": {"asn": 65001,
                                                                                  "addressFamily": "ipv6"}}, cbor=True)
    keys = ["given-Secret-Key-1", peered.body["virtualInterface"]["bgpPeers"][1]["authKey"]]
    refused = send("CreateBGPPeer", {"virtualInterfaceId": vif_id, "newBGPPeer": {
        "asn": 65002, "addressFamily": "ipv4", "authKey": "Tiny5", "amazonAddress": "10.0.0.1/31",
        "customerAddress": "10.0.0.0/31"}})
    assert refused.status == 400
    keys.append("Tiny5")
    send("DescribeVirtualInterfaces", {"virtualInterfaceId": vif_id})
    send("DeleteBGPPeer", {"virtualInterfaceId": vif_id, "asn": 65001,
                           "customerAddress": peered.body["virtualInterface"]["bgpPeers"][1]["customerAddress"]})
    # A MACsec CAK, accepted and refused: never in a log, nor in any answer.
    secured = send("CreateConnection", {"location": "EqDC2", "bandwidth": "10Gbps", "connectionName": "m",
                                        "requestMACSec": True}).body
    cak, refused_cak = "c0ffee" * 10 + "c0de", "c0ffee" * 10 + "beef"
    answer = send("AssociateMacSecKey", {"connectionId": secured["connectionId"], "ckn": "ab" * 32, "cak": cak})
    assert answer.status == 200 and cak not in str(answer.body)
    assert send("AssociateMacSecKey", {"connectionId": conn["connectionId"], "ckn": "cd" * 32,
                                       "cak": refused_cak}).status == 400
    assert cak not in str(send("DescribeConnections", {}).body)
    return [*keys, cak, refused_cak]


def test_auth_keys_and_signatures_never_reach_the_logs(h: Harness, logs: Collect, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    keys = scenario(h)

    def broken(*_: Any, **__: Any) -> None:
        raise RuntimeError("unexpected")

    monkeypatch.setattr(Repository, "get", broken)  # and an unexpected failure, logged with its trace
    assert h.send("DescribeVirtualInterfaces", {"virtualInterfaceId": "dxvif-00000000"}, account=ACCOUNT,
                  signature=SIGNATURE).status == 500
    text = "\n".join(logs.lines) + capsys.readouterr().out
    assert len(logs.lines) >= 10  # the scenario was logged (one line a request, and the failure's trace)
    assert "Traceback" in text
    for secret in [*keys, SIGNATURE]:
        assert secret not in text, f"{secret} reached the logs"


def test_one_log_line_and_one_metric_blob_per_request(h: Harness, capsys: pytest.CaptureFixture[str]) -> None:
    handler = logger.registered_handler
    assert isinstance(handler, logging.StreamHandler)
    output = io.StringIO()
    previous = handler.setStream(output)  # what the function really writes to CloudWatch
    try:
        answer = h.send("DescribeConnections", {"connectionId": "dxcon-00000000"}, account=ACCOUNT)
    finally:
        handler.setStream(previous)
    request_id = answer.headers["x-amzn-RequestId"]
    [line] = [json.loads(line) for line in output.getvalue().splitlines()]
    assert line["correlation_id"] == request_id
    assert {k: line[k] for k in ("operation", "account", "region", "status", "error_code", "protocol")} == {
        "operation": "DescribeConnections", "account": ACCOUNT, "region": "us-east-1", "status": 400,
        "error_code": "DirectConnectClientException", "protocol": "json"}
    assert line["latency_ms"] >= 0
    [blob] = [json.loads(out) for out in capsys.readouterr().out.splitlines() if out.startswith('{"_aws"')]
    [directive] = blob["_aws"]["CloudWatchMetrics"]
    assert directive["Namespace"] == "DxEmulator"
    assert sorted(directive["Dimensions"][0]) == ["operation", "outcome", "service"]
    assert (blob["operation"], blob["outcome"], blob["Requests"]) == (
        "DescribeConnections", "DirectConnectClientException", [1.0])
    assert {m["Name"]: m["Unit"] for m in directive["Metrics"]} == {"Requests": "Count", "Latency": "Milliseconds"}


@pytest.mark.parametrize("disabled", ["false", "true"])
def test_metrics_never_pile_up(monkeypatch: pytest.MonkeyPatch, disabled: str, capsys: pytest.CaptureFixture[str],
                               recwarn: pytest.WarningsRecorder) -> None:
    """`dx-emulator serve` runs with metrics disabled, where a flush alone clears nothing."""
    monkeypatch.setenv("POWERTOOLS_METRICS_DISABLED", disabled)
    for operation in ("CreateConnection", "DescribeConnections", "CreateConnection"):
        record(Outcome("r", "json", operation, ACCOUNT, "us-east-1", 200, None, 1.0))
        assert metrics.metric_set == {}
        assert metrics.dimension_set == {}
    emitted = [line for line in capsys.readouterr().out.splitlines() if line.startswith('{"_aws"')]
    assert len(emitted) == (0 if disabled == "true" else 3)
    assert not [w for w in recwarn if "has already been added" in str(w.message)]
