"""`dx-emulator serve` (its in-memory store) against moto's own server (`python -m moto.server`),
answering Direct Connect CreateConnection and DescribeConnections (the closest thing moto serves)
alternately to 1, 8 and 32 concurrent clients, 320 requests a level, each level on a fresh server.
Both servers run as their own processes on loopback.

What the headline (``measure``) measures: how fast each server answers real SDK requests. Every
request is what boto3 sends (botocore's JSON serializer, SigV4-signed, its headers:
benchmarks/signed.py), built before the clock starts. Each client is a thread holding one keep-alive
``http.client.HTTPConnection``; it sends its requests one after another and reads every answer to its
end. Throughput is a level's requests over the time from the first request sent to the last answer
read; p50 and p99 are of each request's time from its send to its answer read; ``errors`` counts the
answers that were not 200. Each row also gives CPU ms per request: the server process's (from
/proc/PID/stat, every thread) and this process's, that is the clients' own. Each level is run
``rounds`` times, the two servers interleaved, and every figure is the median of its rounds, as the
machine is shared. Before the clock, one CreateConnection and one DescribeConnections warm each server.

Why not boto3 clients: they spend 3-6 ms of CPU on every call (building, signing, parsing the answer
into Python), more than either server takes to answer it, on the same two cores as the servers: the
clients were the bottleneck, and the ratio was compressed and noisy. The same workload through boto3
clients is still measured (serve_boto3.py): what a test suite of boto3 calls sees end to end.

Every connection gets a name of its own: moto makes a connection's id from its name and the current
second, so with one name its list would stop growing (a new connection replacing the last one
made in the same second) while the emulator's grew, and DescribeConnections would not compare."""

from __future__ import annotations

import http.client
import importlib.util
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from .common import percentile
from .signed import SignedRequest, Signer

ACCOUNT = "303030303030"
KINDS = ("dx-emulator", "moto")
Row = dict[str, float]
Results = dict[str, dict[int, Row]]
Process = subprocess.Popen[bytes]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait(port: int, process: Process) -> None:
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return
        except OSError:
            if process.poll() is not None:
                raise RuntimeError("the server exited") from None
            time.sleep(0.05)
    raise RuntimeError("the server did not start")


def start(kind: str) -> tuple[Process, str]:
    port = _free_port()
    if kind == "dx-emulator":
        command = [sys.executable, "-m", "dx_emulator.cli", "serve", "--port", str(port)]
    else:
        command = [sys.executable, "-m", "moto.server", "-p", str(port)]
    # The server runs the dx_emulator this process imports (a checkout's, not only the installed one).
    spec = importlib.util.find_spec("dx_emulator")
    source = str(Path(spec.origin).parent.parent) if spec is not None and spec.origin else ""
    env = {"POWERTOOLS_LOG_LEVEL": "WARNING", "PATH": "/usr/bin:/bin", "PYTHONPATH": source}
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _wait(port, process)
    return process, f"http://127.0.0.1:{port}"


def stop(process: Process) -> None:
    process.terminate()
    process.wait(10)


def server_cpu(process: Process) -> float:
    """Seconds of CPU the server process has used: user and system, all its threads, ended ones too."""
    fields = Path(f"/proc/{process.pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def create(signer: Signer, name: str) -> SignedRequest:
    return signer.request("CreateConnection", {"location": "EqDC2", "bandwidth": "1Gbps", "connectionName": name})


def workload(signer: Signer, client: int, count: int) -> list[SignedRequest]:
    """One client's requests: CreateConnection (a name of its own) and DescribeConnections in turn."""
    return [create(signer, f"bench-{client}-{n}") if n % 2 == 0 else signer.request("DescribeConnections", {})
            for n in range(count)]


def send(connection: http.client.HTTPConnection, request: SignedRequest) -> int:
    """Sends one request and reads its answer to the end; its status."""
    connection.request(request.method, request.path, request.body, request.headers)
    response = connection.getresponse()
    response.read()
    return response.status


def drive(url: str, batches: list[list[SignedRequest]]) -> tuple[list[float], int, float]:
    """Every batch on a client thread of its own, all started together: each request's ms, the
    non-200 count, and the seconds from the first request sent to the last answer read."""
    port = int(url.rsplit(":", 1)[1])
    connections = [http.client.HTTPConnection("127.0.0.1", port, timeout=120) for _ in batches]
    samples: list[list[float]] = [[] for _ in batches]
    errors = [0] * len(batches)
    barrier = threading.Barrier(len(batches) + 1)

    def work(index: int) -> None:
        connection, timed = connections[index], samples[index]
        connection.connect()  # before the clock, as the server's thread for it starts on accept
        connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # as urllib3 does
        barrier.wait()
        for request in batches[index]:
            started = time.perf_counter()
            status = send(connection, request)
            timed.append((time.perf_counter() - started) * 1000)
            errors[index] += status != 200

    threads = [threading.Thread(target=work, args=(index,)) for index in range(len(batches))]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    for connection in connections:
        connection.close()
    return [ms for timed in samples for ms in timed], sum(errors), elapsed


def run_level(process: Process, url: str, clients: int, requests: int) -> Row:
    signer = Signer(url, ACCOUNT)
    drive(url, [[create(signer, "warm"), signer.request("DescribeConnections", {})]])  # lazy imports
    batches = [workload(signer, client, requests // clients) for client in range(clients)]
    cpu, own = server_cpu(process), time.process_time()
    samples, errors, elapsed = drive(url, batches)
    cpu, own = server_cpu(process) - cpu, time.process_time() - own
    return {"throughput": len(samples) / elapsed, "p50": percentile(samples, 0.5), "p99": percentile(samples, 0.99),
            "server_cpu_ms": cpu * 1000 / len(samples), "client_cpu_ms": own * 1000 / len(samples),
            "errors": errors}


def levels(run: Callable[[Process, str, int, int], Row], clients_per_level: tuple[int, ...], requests: int,
           rounds: int) -> Results:
    """Every level on a fresh server of each kind (so DescribeConnections answers the same list
    sizes), the kinds interleaved, ``rounds`` times; each figure the median of its rounds."""
    runs: dict[str, dict[int, list[Row]]] = {kind: {clients: [] for clients in clients_per_level} for kind in KINDS}
    for _ in range(rounds):
        for clients in clients_per_level:
            for kind in KINDS:
                process, url = start(kind)
                try:
                    runs[kind][clients].append(run(process, url, clients, requests))
                finally:
                    stop(process)
    return {kind: {clients: {name: statistics.median(row[name] for row in rows) for name in rows[0]}
                   for clients, rows in by_level.items()} for kind, by_level in runs.items()}


def measure(clients_per_level: tuple[int, ...] = (1, 8, 32), requests: int = 320, rounds: int = 3) -> Results:
    """The headline: the servers under prepared, signed requests (the module's docstring)."""
    return levels(run_level, clients_per_level, requests, rounds)


def operation_cpu(kind: str, listed: int = 160, describes: int = 320, creates: int = 480) -> dict[str, float]:
    """Server CPU ms per request of each operation, one client, on a fresh server: DescribeConnections
    of ``listed`` connections (the workload's largest list), then CreateConnection. One account:
    moto's server keeps every access key's resources in one account, so a second would be listed too."""
    process, url = start(kind)
    try:
        signer = Signer(url, ACCOUNT)
        drive(url, [workload(signer, 0, 2 * listed)])  # the connections listed, not timed
        batches = {"DescribeConnections": [signer.request("DescribeConnections", {}) for _ in range(describes)],
                   "CreateConnection": [create(signer, f"cpu-{n}") for n in range(creates)]}
        figures = {}
        for operation, batch in batches.items():
            cpu = server_cpu(process)
            _, errors, _ = drive(url, [batch])
            if errors:
                raise RuntimeError(f"{kind} answered {errors} {operation} requests with an error")
            figures[operation] = (server_cpu(process) - cpu) * 1000 / len(batch)
        return figures
    finally:
        stop(process)


def report() -> list[str]:
    """Every figure of this benchmark as Markdown (run.py writes it into docs/benchmarks.md)."""
    from . import serve_boto3

    load = measure()
    lines = ["CreateConnection and DescribeConnections alternating, 320 requests a level on a fresh server, sent as "
             "boto3 sends them but built and signed before the clock starts, one keep-alive connection per client "
             "(benchmarks/serve_load.py). Median of 3 rounds, the servers interleaved. CPU: ms per request, the "
             "server process's; the load generator's is given apart.\n",
             "| clients | dx-emulator req/s | p50 ms | p99 ms | CPU ms | moto req/s | p50 ms | p99 ms | CPU ms | "
             "throughput ratio | load generator CPU ms (vs dx-emulator, vs moto) | non-200 |",
             "| --- " * 12 + "|"]
    for clients, ours in load["dx-emulator"].items():
        theirs = load["moto"][clients]
        lines.append(f"| {clients} | " + " | ".join(f"{row['throughput']:.0f} | {row['p50']:.1f} | {row['p99']:.1f} | "
                                                    f"{row['server_cpu_ms']:.2f}" for row in (ours, theirs))
                     + f" | **{ours['throughput'] / theirs['throughput']:.2f}x** | {ours['client_cpu_ms']:.2f}, "
                       f"{theirs['client_cpu_ms']:.2f} | {ours['errors'] + theirs['errors']:.0f} |")
    cpu = {kind: operation_cpu(kind) for kind in KINDS}
    lines += ["\nServer CPU ms per request, one client: DescribeConnections listing 160 connections, "
              "CreateConnection.\n", "| operation | dx-emulator | moto |", "| --- | --- | --- |"]
    lines += [f"| {operation} | {cpu['dx-emulator'][operation]:.2f} | {cpu['moto'][operation]:.2f} |"
              for operation in cpu["dx-emulator"]]
    end_to_end = serve_boto3.measure()
    lines += ["\nThe same workload through boto3 clients, all in the benchmark's process (one round): bound by "
              "the clients' CPU, not the servers'.\n",
              "| clients | dx-emulator req/s | p50 ms | p99 ms | moto req/s | p50 ms | p99 ms | throughput ratio |",
              "| --- " * 8 + "|"]
    for clients, ours in end_to_end["dx-emulator"].items():
        theirs = end_to_end["moto"][clients]
        lines.append(f"| {clients} | " + " | ".join(f"{row['throughput']:.0f} | {row['p50']:.1f} | {row['p99']:.1f}"
                                                    for row in (ours, theirs))
                     + f" | {ours['throughput'] / theirs['throughput']:.2f}x |")
    return lines


if __name__ == "__main__":
    print("\n".join(report()))
