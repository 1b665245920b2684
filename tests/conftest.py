"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.support.server import PROTOCOLS, RunningServer, client, new_account, start_server


def dynamodb_local_endpoint() -> str:
    endpoint = os.environ.get("DX_TEST_DYNAMODB_ENDPOINT")
    if not endpoint:
        pytest.fail("DynamoDB Local is not running: run `make test` (or scripts/with-dynamodb-local pytest ...)")
    return endpoint


@pytest.fixture(scope="session")
def dynamodb_local() -> str:
    return dynamodb_local_endpoint()


# DX_TEST_ENDPOINT_URL points the contract suite at a running emulator (a PR stack, the hosted
# endpoint) instead of the servers it starts itself. Deploy it with PublicAsnAllowList=7224.
REMOTE = os.environ.get("DX_TEST_ENDPOINT_URL")
STORES = [pytest.param("remote", id="remote")] if REMOTE else [
    pytest.param("embedded", id="embedded"),
    pytest.param("dynamodb-local", id="dynamodb-local", marks=pytest.mark.dynamodb_local),
]


@pytest.fixture(scope="session")
def embedded_server() -> Iterator[RunningServer]:
    """`dx-emulator serve` on its embedded store (or the remote endpoint): for the tests whose answers
    do not depend on the store, which run once."""
    if REMOTE:
        yield RunningServer(str(REMOTE), None, "remote")
        return
    running = start_server(None, table=f"dx-test-{uuid.uuid4().hex[:8]}")
    yield running
    running.stop()


@pytest.fixture(scope="session", params=STORES)
def server(request: pytest.FixtureRequest) -> Iterator[RunningServer]:
    """`dx-emulator serve` on the embedded store and on DynamoDB Local: every contract test runs on both."""
    if request.param in ("remote", "embedded"):
        yield request.getfixturevalue("embedded_server")
        return
    running = start_server(dynamodb_local_endpoint(), table=f"dx-test-{uuid.uuid4().hex[:8]}")
    yield running
    running.stop()


# Delays short enough for a test to watch every transition (seconds).
TIMED = ("--connection-delay", "1", "--vif-delay", "1", "--peer-delay", "1", "--delete-delay", "1",
         "--deleted-retention", "2", "--bgp-up-delay", "1")


@pytest.fixture(scope="session", params=STORES)
def timed_server(request: pytest.FixtureRequest) -> Iterator[RunningServer]:
    """A server whose states move after a second, and whose deleted resources go after two more."""
    if request.param == "remote":
        pytest.fail("timed tests need their own server: deselect them with -m 'not timed'")
    endpoint = None if request.param == "embedded" else dynamodb_local_endpoint()
    running = start_server(endpoint, table=f"dx-timed-{uuid.uuid4().hex[:8]}", extra=TIMED)
    yield running
    running.stop()


@pytest.fixture(scope="session", params=STORES)
def drill_server(request: pytest.FixtureRequest) -> Iterator[RunningServer]:
    """A server on which one minute of a failover test lasts one second."""
    if request.param == "remote":
        pytest.fail("failover drills need their own server: deselect them with -m 'not timed'")
    endpoint = None if request.param == "embedded" else dynamodb_local_endpoint()
    running = start_server(endpoint, table=f"dx-drill-{uuid.uuid4().hex[:8]}", extra=("--failover-minute", "1"))
    yield running
    running.stop()


@pytest.fixture
def account() -> str:
    return new_account()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """The wire protocol a client-driven test speaks: AWS JSON 1.1, and also Smithy RPC v2 CBOR for
    tests marked ``every_protocol``. The protocol layer knows nothing of Direct Connect, so the rules
    are tested once over JSON; CBOR is proven on every operation by tests/contract/test_cbor_protocol.py
    and the marked tests (signatures, timestamps, tags), and both protocols are fuzzed in-process."""
    if "protocol" in metafunc.fixturenames:
        every = metafunc.definition.get_closest_marker("every_protocol") is not None
        metafunc.parametrize("protocol", PROTOCOLS if every else ("json",))


@pytest.fixture
def dx(server: RunningServer, account: str, protocol: str) -> Any:
    """A real boto3 directconnect client in a fresh account of its own."""
    return client(server.url, account, protocol=protocol)


@pytest.fixture
def raw_dx(server: RunningServer, account: str, protocol: str) -> Any:
    """Like ``dx`` but without boto3's client-side checks, as a raw caller or another SDK would send."""
    return client(server.url, account, protocol=protocol, parameter_validation=False)


@pytest.fixture
def make_client(server: RunningServer, protocol: str) -> Callable[..., Any]:
    def make(account: str | None = None, region: str = "us-east-1", **config: Any) -> Any:
        return client(server.url, account, region, protocol, **config)

    return make
