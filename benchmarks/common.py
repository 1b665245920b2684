"""Shared pieces: timing statistics, and the handler in-process on DynamoDB Local."""

from __future__ import annotations

import contextlib
import io
import json
import os
import statistics
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import botocore.client


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


@dataclass
class Timing:
    samples_ms: list[float] = field(default_factory=list)

    def measure(self, action: Callable[[], Any]) -> Any:
        started = time.perf_counter()
        result = action()
        self.samples_ms.append((time.perf_counter() - started) * 1000)
        return result

    @property
    def median(self) -> float:
        return statistics.median(self.samples_ms)

    @property
    def p99(self) -> float:
        return percentile(self.samples_ms, 0.99)


class InProcess:
    """The Lambda handler called in this process with API Gateway events, on DynamoDB Local,
    counting the DynamoDB calls it makes. Logs and EMF metrics are produced (their cost counts)
    but written nowhere."""

    def __init__(self, endpoint: str) -> None:
        os.environ.update({"AWS_ACCESS_KEY_ID": "local", "AWS_SECRET_ACCESS_KEY": "local", "AWS_REGION": "us-east-1",
                           "POWERTOOLS_LOG_LEVEL": "INFO"})
        from dx_emulator.handler import lambda_handler
        from dx_emulator.observability import logger
        from dx_emulator.store import items
        from dx_emulator.store.schema import ensure_table

        self.table = f"dx-bench-{uuid.uuid4().hex[:8]}"
        items.configure(self.table, endpoint, "us-east-1")
        ensure_table()
        handler = logger.registered_handler
        if hasattr(handler, "setStream"):
            handler.setStream(io.StringIO())  # the log lines are formatted, then dropped
        self.handler = lambda_handler
        self.calls: list[str] = []
        original = botocore.client.BaseClient._make_api_call

        def counting(client: Any, operation: str, params: dict[str, Any]) -> Any:
            if client.meta.service_model.service_name == "dynamodb":
                self.calls.append(operation)
            return original(client, operation, params)

        botocore.client.BaseClient._make_api_call = counting

    def call(self, operation: str, params: dict[str, Any], account: str = "101010101010") -> dict[str, Any]:
        from dx_emulator.local.events import http_api_event
        from dx_emulator.local.server import InvocationContext

        headers = [("Content-Type", "application/x-amz-json-1.1"), ("X-Amz-Target", f"OvertureService.{operation}"),
                   ("Authorization", f"AWS4-HMAC-SHA256 Credential={account}/20261125/us-east-1/directconnect/"
                                     "aws4_request, SignedHeaders=host, Signature=0")]
        with contextlib.redirect_stdout(io.StringIO()):  # the EMF blob
            response = self.handler(http_api_event("POST", "/", headers, json.dumps(params).encode()),
                                    InvocationContext())
        body: dict[str, Any] = json.loads(response["body"])
        if response["statusCode"] != 200:
            raise RuntimeError(f"{operation}: {body}")
        return body

    @contextlib.contextmanager
    def counting(self) -> Iterator[list[str]]:
        self.calls.clear()
        seen: list[str] = []
        yield seen
        seen.extend(self.calls)


def new_vif(dx: InProcess, connection_id: str, vlan: int, account: str = "101010101010") -> dict[str, Any]:
    return dx.call("CreatePrivateVirtualInterface", {"connectionId": connection_id, "newPrivateVirtualInterface": {
        "virtualInterfaceName": f"v{vlan}", "vlan": vlan, "asn": 65000, "virtualGatewayId": "vgw-1"}}, account)


def new_connection(dx: InProcess, account: str = "101010101010") -> str:
    conn = dx.call("CreateConnection", {"location": "EqDC2", "bandwidth": "10Gbps", "connectionName": "bench"},
                   account)
    return str(conn["connectionId"])
