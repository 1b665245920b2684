"""The Lambda handler called in-process with API Gateway events, on moto's DynamoDB, with every
DynamoDB call recorded (and, for fault tests, interceptable)."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import botocore.client
import cbor2
import pytest
from moto import mock_aws

from dx_emulator.local.events import http_api_event
from dx_emulator.local.server import InvocationContext
from dx_emulator.store import items
from dx_emulator.store.schema import ensure_table

WRITES = frozenset({"PutItem", "UpdateItem", "DeleteItem", "TransactWriteItems", "BatchWriteItem"})
Interceptor = Callable[[str, dict[str, Any]], None]


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: Any


@dataclass
class Harness:
    handler: Callable[[dict[str, Any], Any], dict[str, Any]]
    calls: list[str] = field(default_factory=list)
    interceptors: list[Interceptor] = field(default_factory=list)

    def writes(self) -> list[str]:
        return [call for call in self.calls if call in WRITES]

    def send(self, operation: str, params: Any = None, *, account: str = "111122223333", cbor: bool = False,
             raw: bytes | None = None, target: str | None = None, signature: str = "0") -> Answer:
        if raw is not None:
            body = raw
        elif cbor:
            body = cbor2.dumps(params if params is not None else {})
        else:
            body = json.dumps(params if params is not None else {}).encode()
        auth = (f"AWS4-HMAC-SHA256 Credential={account}/20261125/us-east-1/directconnect/aws4_request, "
                f"SignedHeaders=host;x-amz-date, Signature={signature}")
        if cbor:
            headers = [("Content-Type", "application/cbor"), ("Smithy-Protocol", "rpc-v2-cbor")]
            path = f"/service/OvertureService/operation/{operation}"
        else:
            headers = [("Content-Type", "application/x-amz-json-1.1"),
                       ("X-Amz-Target", target or f"OvertureService.{operation}")]
            path = "/"
        response = self.handler(http_api_event("POST", path, [*headers, ("Authorization", auth)], body),
                                InvocationContext())
        data = base64.b64decode(response["body"]) if response["isBase64Encoded"] else response["body"].encode()
        decoded = cbor2.loads(data) if cbor else json.loads(data)
        return Answer(response["statusCode"], response["headers"], decoded)

    def call(self, operation: str, params: Any = None, **options: Any) -> Any:
        answer = self.send(operation, params, **options)
        assert answer.status == 200, answer
        return answer.body


@contextmanager
def harness(monkeypatch: pytest.MonkeyPatch) -> Iterator[Harness]:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    from dx_emulator.handler import lambda_handler

    recorder = Harness(lambda_handler)
    original = botocore.client.BaseClient._make_api_call

    def recording(client: Any, operation: str, params: dict[str, Any]) -> Any:
        if client.meta.service_model.service_name == "dynamodb":
            recorder.calls.append(operation)
            for intercept in recorder.interceptors:
                intercept(operation, params)
        return original(client, operation, params)

    monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", recording)
    with mock_aws():
        items.configure("dx-inprocess", None, "us-east-1")
        ensure_table()
        yield recorder
    items.configure("dx-emulator", None, "us-east-1")
