"""One log line per request, each with its own request id, also when requests are served at once."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.conftest import dynamodb_local_endpoint
from tests.support.server import RunningServer, client, new_account, start_server


@pytest.fixture(scope="module")
def logging_server() -> Iterator[RunningServer]:
    # On DynamoDB Local `serve` answers requests concurrently: where one process-wide correlation id
    # once gave every line the last request's id.
    running = start_server(dynamodb_local_endpoint(), table=f"dx-logs-{uuid.uuid4().hex[:8]}",
                           env={"POWERTOOLS_LOG_LEVEL": "INFO"})
    yield running
    running.stop()


@pytest.mark.dynamodb_local
def test_concurrent_requests_log_their_own_request_ids(logging_server: RunningServer) -> None:
    clients = [client(logging_server.url, new_account()) for _ in range(16)]

    def describe(index: int) -> str:
        answer = clients[index].describe_connections()
        return str(answer["ResponseMetadata"]["RequestId"])

    with ThreadPoolExecutor(max_workers=16) as pool:
        answered = set(pool.map(describe, range(16)))
    time.sleep(0.5)  # the last lines on their way through the pipe
    lines = [json.loads(line) for line in logging_server.output if line.startswith("{")]
    logged = [line["correlation_id"] for line in lines if line.get("message") == "request"]
    assert sorted(logged) == sorted(answered)
