"""GET /_dx-emulator/health: unauthenticated, 200 while the store answers, 503 while it does not."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator

import pytest

import dx_emulator
from tests.conftest import dynamodb_local_endpoint
from tests.support.proxy import Forwarder
from tests.support.server import RunningServer, start_server


def _health(url: str) -> tuple[int, dict[str, str]]:
    try:
        with urllib.request.urlopen(f"{url}/_dx-emulator/health", timeout=30) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_health_answers_without_a_signature(server: RunningServer) -> None:
    status, answer = _health(server.url)
    assert status == 200
    assert answer["status"] == "ok" and answer["store"] == "ok"
    assert answer["version"] == dx_emulator.__version__
    assert answer["serviceModel"] == "directconnect 2012-10-25"


def test_the_version_is_the_projects() -> None:
    import tomllib
    from pathlib import Path

    project = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())
    assert dx_emulator.__version__ == project["project"]["version"]


@pytest.fixture
def cuttable() -> Iterator[tuple[RunningServer, Forwarder]]:
    forwarder = Forwarder(dynamodb_local_endpoint())
    running = start_server(forwarder.url, table=f"dx-health-{uuid.uuid4().hex[:8]}")
    yield running, forwarder
    running.stop()
    forwarder.close()


@pytest.mark.dynamodb_local
def test_health_is_503_while_the_store_is_down_and_200_again_after(cuttable: tuple[RunningServer, Forwarder]) -> None:
    running, forwarder = cuttable
    assert _health(running.url)[0] == 200
    forwarder.cut()
    status, answer = _health(running.url)
    assert status == 503
    assert answer["status"] == "unavailable" and answer["store"] == "unavailable"
    forwarder.restore()
    assert _health(running.url) == (200, {**answer, "status": "ok", "store": "ok"})
