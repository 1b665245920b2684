"""Every operation of botocore's Direct Connect model is served, over AWS JSON 1.1 and Smithy RPC v2
CBOR: each, called with an empty request, answers an AWS-shaped result or client error of its own,
never UnknownOperationException and never a 500."""

from __future__ import annotations

import json

import botocore.session
import cbor2
import pytest

from dx_emulator.operations.table import OPERATIONS
from tests.contract.test_cbor_protocol import cbor_call
from tests.support.raw import json_call
from tests.support.server import RunningServer

MODEL = botocore.session.get_session().get_service_model("directconnect")


def test_the_table_serves_exactly_the_models_operations() -> None:
    assert sorted(MODEL.operation_names) == sorted(OPERATIONS)


@pytest.mark.parametrize("operation", sorted(MODEL.operation_names))
def test_each_operation_answers_over_both_protocols(embedded_server: RunningServer, operation: str) -> None:
    """Run once, on the embedded store: whether an operation is served does not depend on the store."""
    for response, body in (
        (json_call(embedded_server.url, f"OvertureService.{operation}", b"{}"), None),
        (cbor_call(embedded_server.url, operation, {}), "cbor"),
    ):
        assert response.status in (200, 400), (operation, body, response.status, response.body[:300])
        decoded = cbor2.loads(response.body) if body else json.loads(response.body)
        if response.status == 400:
            assert not decoded["__type"].endswith("UnknownOperationException"), (operation, decoded)
            assert decoded["message"], (operation, decoded)
