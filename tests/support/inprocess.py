"""The Lambda handler called in this process with API Gateway events, on moto's DynamoDB or on
DynamoDB Local, with every DynamoDB call recorded (and, for fault tests, interceptable).

Used by the hardening tests, the DynamoDB call counts and the benchmarks: one way to invoke.
"""

from __future__ import annotations

import base64
import contextlib
import io
import json
import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from unittest import mock

import botocore.client
import cbor2
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
    table: str
    quiet: bool = False
    endpoint: str | None = None  # DynamoDB Local's URL, None for moto
    calls: list[str] = field(default_factory=list)
    interceptors: list[Interceptor] = field(default_factory=list)

    def writes(self) -> list[str]:
        return [call for call in self.calls if call in WRITES]

    @contextlib.contextmanager
    def counting(self) -> Iterator[list[str]]:
        """The DynamoDB calls made inside the block."""
        self.calls.clear()
        seen: list[str] = []
        yield seen
        seen.extend(self.calls)

    def admin(self, method: str, route: str, body: Any, account: str) -> Any:
        """One of the emulator's own routes (/_dx-emulator/<route>), signed for ``account``."""
        auth = (f"AWS4-HMAC-SHA256 Credential={account}/20261125/us-east-1/directconnect/aws4_request, "
                "SignedHeaders=host;x-amz-date, Signature=0")
        event = http_api_event(method, f"/_dx-emulator/{route}", [("Content-Type", "application/json"),
                                                                  ("Authorization", auth)], json.dumps(body).encode())
        with contextlib.redirect_stdout(io.StringIO()) if self.quiet else contextlib.nullcontext():
            response = self.handler(event, InvocationContext())
        if response["statusCode"] != 200:
            raise AssertionError(f"{method} {route}: {response}")
        return json.loads(response["body"])

    def send(self, operation: str, params: Any = None, *, account: str = "111122223333", cbor: bool = False,
             raw: bytes | None = None, target: str | None = None, signature: str = "0",
             invocation: str | None = None, region: str = "us-east-1") -> Answer:
        """``invocation``: the amz-sdk-invocation-id an SDK repeats on every attempt of one call."""
        if raw is not None:
            body = raw
        elif cbor:
            body = cbor2.dumps(params if params is not None else {})
        else:
            body = json.dumps(params if params is not None else {}).encode()
        auth = (f"AWS4-HMAC-SHA256 Credential={account}/20261125/{region}/directconnect/aws4_request, "
                f"SignedHeaders=host;x-amz-date, Signature={signature}")
        if cbor:
            headers = [("Content-Type", "application/cbor"), ("Smithy-Protocol", "rpc-v2-cbor")]
            path = f"/service/OvertureService/operation/{operation}"
        else:
            headers = [("Content-Type", "application/x-amz-json-1.1"),
                       ("X-Amz-Target", target or f"OvertureService.{operation}")]
            path = "/"
        if invocation is not None:
            headers.append(("amz-sdk-invocation-id", invocation))
        event = http_api_event("POST", path, [*headers, ("Authorization", auth)], body)
        with contextlib.redirect_stdout(io.StringIO()) if self.quiet else contextlib.nullcontext():
            response = self.handler(event, InvocationContext())
        data = base64.b64decode(response["body"]) if response["isBase64Encoded"] else response["body"].encode()
        decoded = cbor2.loads(data) if cbor else json.loads(data)
        return Answer(response["statusCode"], response["headers"], decoded)

    def call(self, operation: str, params: Any = None, **options: Any) -> Any:
        answer = self.send(operation, params, **options)
        if answer.status != 200:
            raise AssertionError(f"{operation}: {answer}")
        return answer.body

    def _recording(self, original: Callable[..., Any]) -> Callable[..., Any]:
        def recording(client: Any, operation: str, params: dict[str, Any]) -> Any:
            if client.meta.service_model.service_name == "dynamodb":
                self.calls.append(operation)
                for intercept in self.interceptors:
                    intercept(operation, params)
            return original(client, operation, params)

        return recording


@contextlib.contextmanager
def harness(endpoint: str | None = None, table: str = "dx-inprocess", quiet: bool = False) -> Iterator[Harness]:
    """On moto's in-process DynamoDB, or on the DynamoDB at ``endpoint`` (DynamoDB Local).
    ``quiet``: log lines and EMF blobs are produced (their cost counts) but written nowhere."""
    with contextlib.ExitStack() as stack:
        # Any credentials do for moto and DynamoDB Local; botocore needs some to sign with.
        stack.enter_context(mock.patch.dict(os.environ, {"AWS_ACCESS_KEY_ID": "testing",
                                                         "AWS_SECRET_ACCESS_KEY": "testing"}))
        from dx_emulator.handler import lambda_handler
        from dx_emulator.observability import logger

        recorder = Harness(lambda_handler, table, quiet, endpoint)
        original = botocore.client.BaseClient._make_api_call
        stack.enter_context(mock.patch.object(botocore.client.BaseClient, "_make_api_call",
                                              recorder._recording(original)))
        if quiet and isinstance(logger.registered_handler, logging.StreamHandler):
            previous = logger.registered_handler.setStream(io.StringIO())
            stack.callback(logger.registered_handler.setStream, previous)
        if endpoint is None:
            stack.enter_context(mock_aws())
        items.configure(table, endpoint, "us-east-1")
        stack.callback(items.configure, "dx-emulator", None, "us-east-1")
        ensure_table()
        yield recorder
