"""`make bench`: every figure, measured side by side in one run, printed and written to
docs/benchmarks.md. Needs DynamoDB Local (make bench starts it) and, for the cold start on the
runtime's Python, the built artifact (make bench builds it)."""

from __future__ import annotations

import datetime
import os
import platform
import subprocess
import sys
import uuid
from pathlib import Path

from tests.support.inprocess import Harness, harness

from . import cold_start, dynamodb, scaling, serve_load

ROOT = Path(__file__).resolve().parent.parent
FLOOR_CALLS = {"CreateBGPPeer": 1}


def machine() -> str:
    lines = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next((line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")), platform.processor())
    system = f"{platform.system()} {platform.release()}"
    return f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, {system}"


def main() -> int:
    endpoint = os.environ["DX_TEST_DYNAMODB_ENDPOINT"]
    with harness(endpoint, table=f"dx-bench-{uuid.uuid4().hex[:8]}", quiet=True) as dx:
        return report(dx, endpoint)


def report(dx: Harness, endpoint: str) -> int:
    out: list[str] = []

    def emit(line: str = "") -> None:
        print(line, flush=True)
        out.append(line)

    emit(f"# Benchmarks\n\n{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, {machine()}.")
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT,
                            check=False).stdout.strip()
    emit(f"Commit {commit}. DynamoDB: Amazon DynamoDB Local on loopback.\n")

    emit("## DynamoDB requests per operation (happy path)\n\n| operation | requests | calls |\n| --- | --- | --- |")
    for name, calls in dynamodb.calls_per_operation(dx):
        floor = FLOOR_CALLS.get(name)
        ratio = f" ({len(calls) / floor:.1f}x the floor of {floor})" if floor else ""
        emit(f"| {name} | {len(calls)}{ratio} | {' + '.join(calls)} |")

    handler, raw = dynamodb.handler_against_raw(dx, endpoint)
    emit("\n## CreateBGPPeer through the handler vs the raw calls it stands for\n")
    emit("| path | median ms | p99 ms |\n| --- | --- | --- |")
    emit(f"| handler (event -> JSON -> rules -> GetItem + conditional PutItem -> JSON, logs, metrics) | "
         f"{handler.median:.2f} | {handler.p99:.2f} |")
    emit(f"| raw GetItem + conditional PutItem of the same item (boto3) | {raw.median:.2f} | {raw.p99:.2f} |")
    emit(f"\nRatio of medians: **{handler.median / raw.median:.2f}x** (aim: at most 1.25x), "
         f"{len(handler.samples_ms)} samples each.")

    cold = cold_start.measure()
    emit("\n## Cold start: importing the handler in a fresh interpreter\n")
    emit(f"| import | median ms |\n| --- | --- |\n| dx_emulator.handler | {cold['handler_ms']:.0f} |\n"
         f"| botocore.session (the floor) | {cold['floor_ms']:.0f} |")
    emit(f"\nRatio: **{cold['ratio']:.2f}x** (aim: at most 1.4x); {cold['where']}; median of {cold['runs']}.")

    load = serve_load.measure()
    emit("\n## `dx-emulator serve` (embedded store) vs moto's server\n")
    emit("CreateConnection and DescribeConnections alternating, 320 requests a level, boto3 clients in one process.\n")
    emit("| clients | dx-emulator req/s | p50 ms | p99 ms | moto req/s | p50 ms | p99 ms | throughput ratio |")
    emit("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for clients, ours in load["dx-emulator"].items():
        theirs = load["moto"][clients]
        emit(f"| {clients} | {ours['throughput']:.0f} | {ours['p50']:.1f} | {ours['p99']:.1f} | "
             f"{theirs['throughput']:.0f} | {theirs['p50']:.1f} | {theirs['p99']:.1f} | "
             f"{ours['throughput'] / theirs['throughput']:.2f}x |")

    emit("\n## How the cost grows (handler on DynamoDB Local)\n")
    emit("| VIFs on the connection | CreateBGPPeer median ms | DescribeVirtualInterfaces(connectionId) median ms |")
    emit("| --- | --- | --- |")
    for size, row in scaling.per_connection(dx).items():
        emit(f"| {size} | {row['create_bgp_peer_ms']:.2f} | {row['describe_ms']:.2f} |")
    median, calls = scaling.account_wide(dx)
    emit(f"\nDescribeVirtualInterfaces for an account with 1000 VIFs: median {median:.1f} ms, DynamoDB calls: "
         f"{' + '.join(calls)} (a query of the account's partition, paginated; no Scan: {'Scan' not in calls}).")
    (ROOT / "docs" / "benchmarks.md").write_text("\n".join(out) + "\n")
    print(f"\nwritten to {ROOT / 'docs' / 'benchmarks.md'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
