"""The racing clients every race test lines up."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.races import RACERS
from tests.support.server import RunningServer, client


@pytest.fixture
def racers(server: RunningServer, account: str, protocol: str) -> list[Any]:
    # One client per thread, built up front: building boto3 clients is not thread-safe.
    return [client(server.url, account, protocol=protocol) for _ in range(RACERS)]
