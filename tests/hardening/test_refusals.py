"""Request-level refusals boto3's own checks would stop before they left the client."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.inprocess import Harness, harness


@pytest.fixture
def h() -> Iterator[Harness]:
    with harness() as recorder:
        yield recorder


@pytest.mark.parametrize(("operation", "params", "message"), [
    ("ListVirtualInterfaceTestHistory", {"nextToken": "page-2"}, "nextToken is not one this endpoint issued"),
    ("TagResource", {"tags": [{"key": "k"}]}, "resourceArn is required"),
    ("DescribeTags", {"resourceArns": []}, "resourceArns must hold 1 to 20 ARNs; 0 were given"),
    ("DescribeTags", {"resourceArns": ["arn"] * 21}, "resourceArns must hold 1 to 20 ARNs; 21 were given"),
])
def test_refused(h: Harness, operation: str, params: dict[str, object], message: str) -> None:
    answer = h.send(operation, params)
    assert (answer.status, answer.body) == (400, {"__type": "DirectConnectClientException", "message": message})
