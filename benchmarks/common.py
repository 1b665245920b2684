"""Shared pieces: timing statistics, and building resources through the in-process handler
(tests/support/inprocess.py, the same harness the tests use)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.support.inprocess import Harness


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


def new_vif(dx: Harness, connection_id: str, vlan: int, account: str) -> dict[str, Any]:
    created: dict[str, Any] = dx.call("CreatePrivateVirtualInterface", {
        "connectionId": connection_id, "newPrivateVirtualInterface": {
            "virtualInterfaceName": f"v{vlan}", "vlan": vlan, "asn": 65000, "virtualGatewayId": "vgw-1"}},
        account=account)
    return created


def new_connection(dx: Harness, account: str) -> str:
    conn = dx.call("CreateConnection", {"location": "EqDC2", "bandwidth": "10Gbps", "connectionName": "bench"},
                   account=account)
    return str(conn["connectionId"])
