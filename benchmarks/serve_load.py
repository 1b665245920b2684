"""`dx-emulator serve` (its in-memory store) against moto's own server, answering Direct Connect
CreateConnection and DescribeConnections (the closest thing moto serves) to 1, 8 and 32 concurrent
boto3 clients. Both servers run as their own processes on loopback; the clients share this one.

Every connection gets a name of its own: moto makes a connection's id from its name and the current
second, so with one name its list would stop growing (a new connection replacing the last one
made in the same second) while the emulator's grew, and DescribeConnections would not compare."""

from __future__ import annotations

import functools
import socket
import subprocess
import sys
import threading
import time
from typing import Any

import boto3
from botocore.config import Config

from .common import Timing, percentile

ACCOUNT = "303030303030"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait(port: int, process: subprocess.Popen[bytes]) -> None:
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return
        except OSError:
            if process.poll() is not None:
                raise RuntimeError("the server exited") from None
            time.sleep(0.05)
    raise RuntimeError("the server did not start")


def start(kind: str) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    if kind == "dx-emulator":
        command = [sys.executable, "-m", "dx_emulator.cli", "serve", "--port", str(port)]
    else:
        command = [sys.executable, "-m", "moto.server", "-p", str(port)]
    env = {"POWERTOOLS_LOG_LEVEL": "WARNING", "PATH": "/usr/bin:/bin"}
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _wait(port, process)
    return process, f"http://127.0.0.1:{port}"


def _client(session: boto3.session.Session, url: str) -> Any:
    return session.client("directconnect", endpoint_url=url, region_name="us-east-1", aws_access_key_id=ACCOUNT,
                          aws_secret_access_key="x", config=Config(retries={"mode": "standard", "max_attempts": 1},
                                                                   max_pool_connections=64))


def run_level(url: str, clients: int, requests: int) -> dict[str, float]:
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
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    samples = [ms for t in timings for ms in t.samples_ms]
    return {"throughput": len(samples) / elapsed, "p50": percentile(samples, 0.5), "p99": percentile(samples, 0.99)}


def measure(levels: tuple[int, ...] = (1, 8, 32), requests: int = 320) -> dict[str, dict[int, dict[str, float]]]:
    results: dict[str, dict[int, dict[str, float]]] = {}
    for kind in ("dx-emulator", "moto"):
        process, url = start(kind)
        try:
            # Each level starts from a fresh server, so DescribeConnections answers the same list sizes.
            results[kind] = {}
            for clients in levels:
                results[kind][clients] = run_level(url, clients, requests)
                process.terminate()
                process.wait(10)
                process, url = start(kind)
        finally:
            process.terminate()
            process.wait(10)
    return results
