"""serve_load.py's workload end to end: through boto3 clients, one thread each, all in this process.
What a test suite of boto3 calls sees; bound by the clients' own CPU (3-6 ms a call), not the servers'."""

from __future__ import annotations

import functools
import threading
import time
from typing import Any

import boto3
from botocore.config import Config

from .common import Timing, percentile
from .serve_load import ACCOUNT, Process, Results, Row, levels, server_cpu
from .signed import REGION


def _client(session: boto3.session.Session, url: str) -> Any:
    return session.client("directconnect", endpoint_url=url, region_name=REGION, aws_access_key_id=ACCOUNT,
                          aws_secret_access_key="x", config=Config(retries={"mode": "standard", "max_attempts": 1},
                                                                   max_pool_connections=64))


def run_level(process: Process, url: str, clients: int, requests: int) -> Row:
    session = boto3.session.Session()
    pool = [_client(session, url) for _ in range(clients)]
    for dx in pool[:2]:  # warm both paths
        dx.describe_connections()
    per_client = requests // clients
    timings = [Timing() for _ in pool]
    barrier = threading.Barrier(clients + 1)

    def work(client: int, dx: Any, timing: Timing) -> None:
        barrier.wait()
        for n in range(per_client):
            if n % 2 == 0:
                timing.measure(functools.partial(dx.create_connection, location="EqDC2", bandwidth="1Gbps",
                                                 connectionName=f"bench-{client}-{n}"))
            else:
                timing.measure(dx.describe_connections)

    threads = [threading.Thread(target=work, args=(client, dx, t))
               for client, (dx, t) in enumerate(zip(pool, timings, strict=True))]
    for thread in threads:
        thread.start()
    cpu = server_cpu(process)
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    samples = [ms for t in timings for ms in t.samples_ms]
    return {"throughput": len(samples) / elapsed, "p50": percentile(samples, 0.5), "p99": percentile(samples, 0.99),
            "server_cpu_ms": (server_cpu(process) - cpu) * 1000 / len(samples)}


def measure(clients_per_level: tuple[int, ...] = (1, 8, 32), requests: int = 320, rounds: int = 1) -> Results:
    return levels(run_level, clients_per_level, requests, rounds)
