"""The Lambda handler called directly with API Gateway payload-2.0 events (base64 bodies, as API
Gateway sends non-text content types), on moto's in-process DynamoDB."""

from __future__ import annotations

import base64
import json
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import cbor2
import pytest
from moto import mock_aws

from dx_emulator.local.events import http_api_event
from dx_emulator.local.server import InvocationContext
from dx_emulator.store import items
from dx_emulator.store.schema import ensure_table

AUTH = "AWS4-HMAC-SHA256 Credential=444455556666/20261125/eu-west-1/directconnect/aws4_request, Signature=0"


@pytest.fixture
def handler(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    from dx_emulator.handler import lambda_handler

    with mock_aws():
        items.configure("dx-unit", None, "us-east-1")
        ensure_table()
        yield lambda_handler
    items.configure("dx-emulator", None, "us-east-1")


def test_json_event(handler: Any) -> None:
    body = json.dumps({"location": "EqDC2", "bandwidth": "1Gbps", "connectionName": "c"}).encode()
    event = http_api_event("POST", "/", [("Content-Type", "application/x-amz-json-1.1"), ("Authorization", AUTH),
                                         ("X-Amz-Target", "OvertureService.CreateConnection")], body)
    assert event["isBase64Encoded"] is True
    response = handler(event, InvocationContext(aws_request_id="req-1"))
    assert response["statusCode"] == 200
    assert response["isBase64Encoded"] is False
    assert response["headers"]["x-amzn-RequestId"] == "req-1"
    created = json.loads(response["body"])
    assert (created["ownerAccount"], created["region"]) == ("444455556666", "eu-west-1")


def test_cbor_event_round_trips_base64(handler: Any) -> None:
    event = http_api_event("POST", "/service/OvertureService/operation/DescribeConnections",
                           [("Content-Type", "application/cbor"), ("Smithy-Protocol", "rpc-v2-cbor"),
                            ("Authorization", AUTH)], cbor2.dumps({}))
    assert event["isBase64Encoded"] is True
    response = handler(event, InvocationContext())
    assert (response["statusCode"], response["isBase64Encoded"]) == (200, True)
    assert response["headers"]["Smithy-Protocol"] == "rpc-v2-cbor"
    assert cbor2.loads(base64.b64decode(response["body"])) == {"connections": []}


def test_unexpected_failure_is_an_aws_shaped_500_without_a_trace(handler: Any, monkeypatch: pytest.MonkeyPatch,
                                                                 caplog: pytest.LogCaptureFixture) -> None:
    from dx_emulator.store.repository import Repository

    def broken(*_: Any, **__: Any) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(Repository, "query", broken)
    event = http_api_event("POST", "/", [("Content-Type", "application/x-amz-json-1.1"),
                                         ("X-Amz-Target", "OvertureService.DescribeConnections")], b"{}")
    response = handler(event, InvocationContext(aws_request_id="req-500"))
    assert response["statusCode"] == 500
    assert response["headers"]["X-Amzn-ErrorType"] == "DirectConnectServerException"
    assert json.loads(response["body"]) == {"__type": "DirectConnectServerException",
                                            "message": "An internal error occurred (request id req-500)"}
    # Logged with its trace for the operator; the client got only the request id.
    [logged] = [record for record in caplog.records if record.getMessage() == "unexpected error"]
    assert logged.exc_info is not None
    assert str(logged.exc_info[1]) == "disk on fire"


def test_concurrent_invocations_each_answer_their_own_event(handler: Any) -> None:
    """`serve` on DynamoDB calls the handler from many threads at once, as Lambda never does: each
    request must get its own answer and request id (Powertools keeps its current event per class)."""
    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads often, so an interleaving shows at once

    def caller(index: int) -> list[tuple[bool, bool]]:
        account = f"9000000000{index:02d}"
        auth = f"AWS4-HMAC-SHA256 Credential={account}/20261125/us-east-1/sts/aws4_request, Signature=0"
        event = http_api_event("POST", "/", [("Content-Type", "application/x-www-form-urlencoded"),
                                             ("Authorization", auth)], b"Action=GetCallerIdentity&Version=2011-06-15")
        answers = []
        for attempt in range(25):
            request_id = f"req-{index}-{attempt}"
            response = handler(event, InvocationContext(aws_request_id=request_id))
            answers.append((f"<Account>{account}</Account>" in response["body"],
                            response["headers"]["x-amzn-RequestId"] == request_id))
        return answers

    try:
        with ThreadPoolExecutor(16) as pool:
            answers = [answer for answered in pool.map(caller, range(16)) for answer in answered]
    finally:
        sys.setswitchinterval(switch)
    assert answers == [(True, True)] * 16 * 25
