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

from . import account_size, cold_start, dynamodb, scaling, serve_load

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
    emit(f"| handler (event -> JSON -> rules -> BatchGetItem + conditional PutItem -> JSON, logs, metrics) | "
         f"{handler.median:.2f} | {handler.p99:.2f} |")
    emit(f"| raw BatchGetItem (record + VIF) + conditional PutItem of the same items (boto3) | {raw.median:.2f} | "
         f"{raw.p99:.2f} |")
    emit(f"\nRatio of medians: **{handler.median / raw.median:.2f}x** (aim: at most 1.25x), "
         f"{len(handler.samples_ms)} samples each.")

    cold = cold_start.measure()
    emit("\n## Cold start: importing the handler in a fresh interpreter\n")
    emit("The floor is every import the design requires: botocore, PynamoDB's model layer, Powertools' "
         "APIGatewayHttpResolver, Logger and Metrics (see docs/cold-start.md).\n")
    floor_ms = cold["floor_ms"]
    emit("| import | median ms | / the floor |\n| --- | --- | --- |")
    for key, label in [("handler_ms", "dx_emulator.handler"),
                       ("first_request_ms", "the handler + what a first CreateBGPPeer imports"),
                       ("every_operation_ms", "the handler + every operation's modules"),
                       ("floor_ms", "the floor"), ("botocore_ms", "botocore.session")]:
        emit(f"| {label} | {cold[key]:.0f} | {cold[key] / floor_ms:.2f}x |")
    emit(f"\nOur own share, handler / floor: **{cold['ratio']:.2f}x** (aim: below 1.15x); with a first "
         f"CreateBGPPeer's modules {cold['first_request_ratio']:.2f}x; an operation family's modules load with its "
         f"first request (lazy.py). Handler / botocore.session {cold['botocore_ratio']:.2f}x; {cold['where']}; "
         f"median of {cold['runs']}, interleaved.")

    emit("\n## `dx-emulator serve` (embedded store) vs moto's server\n")
    for line in serve_load.report():
        emit(line)

    emit("\n## How the cost grows (handler on DynamoDB Local)\n")
    emit("| VIFs on the connection | CreateBGPPeer median ms | DescribeVirtualInterfaces(connectionId) median ms |")
    emit("| --- | --- | --- |")
    for size, row in scaling.per_connection(dx).items():
        emit(f"| {size} | {row['create_bgp_peer_ms']:.2f} | {row['describe_ms']:.2f} |")
    by_size = account_size.measure(dx)
    sizes = list(by_size)
    emit("\n## The same operations as the account grows (handler on DynamoDB Local)\n")
    emit("The measured account holds one connection with 50 VIFs, and 0, 1,000 or 10,000 other VIFs (with a "
         "connection for every five). Median ms, its ratio to the empty account's; the DynamoDB calls and "
         "request units of one call (the account's record is read first, or with the resource the request names "
         "in one BatchGetItem); what 1,000 such calls cost on the hosted endpoint's on-demand table "
         "(us-east-1: $0.125 per million read units, $0.625 per million write units; transactional writes count "
         "twice).\n")
    emit("| operation | " + " | ".join(f"{size:,} other: ms, read units" for size in sizes)
         + " | calls | write units | $ per 1,000 |")
    emit("| --- |" + " --- |" * (len(sizes) + 3))
    for name in by_size[sizes[0]]:
        rows = [by_size[size][name] for size in sizes]
        last = rows[-1]
        cells = [f"{rows[0]['ms']:.2f}, {rows[0]['read']:g}",
                 *(f"{row['ms']:.2f} ({row['ms'] / rows[0]['ms']:.2f}x), {row['read']:g}" for row in rows[1:])]
        emit(f"| {name} | " + " | ".join(cells) + f" | {' + '.join(last['calls'])} | {last['write']:g} | "
             f"{account_size.cost_per_thousand(last):.5f} |")
    emit("\nRequest units are what DynamoDB bills and do not depend on the machine; DynamoDB Local's own "
         "query time grows with its table (it is a SQLite file), which AWS's does not.")
    (ROOT / "docs" / "benchmarks.md").write_text("\n".join(out) + "\n")
    print(f"\nwritten to {ROOT / 'docs' / 'benchmarks.md'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
