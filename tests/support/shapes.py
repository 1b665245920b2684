"""Strict checks of raw responses against the botocore service model.

boto3's parser drops members it does not know and coerces nothing, so a wrong member name or type
would pass a plain boto3 test unnoticed. Every contract-test client runs these on every response.
"""

from __future__ import annotations

import base64
import json
from datetime import datetime
from typing import Any

import cbor2
from botocore.model import OperationModel, Shape, StructureShape


def check_value(value: Any, shape: Shape, path: str) -> None:
    kind = shape.type_name
    if kind == "structure":
        assert isinstance(value, dict), f"{path} should be an object, is {value!r}"
        assert isinstance(shape, StructureShape)
        for name, member in value.items():
            assert name in shape.members, f"{path}.{name} is not a member of {shape.name} in the model"
            assert member is not None, f"{path}.{name} is null: AWS leaves empty members out"
            check_value(member, shape.members[name], f"{path}.{name}")
    elif kind == "list":
        assert isinstance(value, list), f"{path} should be a list"
        for index, element in enumerate(value):
            check_value(element, shape.member, f"{path}[{index}]")
    elif kind in ("integer", "long"):
        assert isinstance(value, int) and not isinstance(value, bool), f"{path} should be an integer: {value!r}"
    elif kind == "boolean":
        assert isinstance(value, bool), f"{path} should be a boolean: {value!r}"
    elif kind == "string":
        assert isinstance(value, str), f"{path} should be a string: {value!r}"
        if shape.enum:
            assert value in shape.enum, f"{path} = {value!r} is not one of {shape.enum}"
    elif kind == "timestamp":
        # JSON: epoch seconds; CBOR: tag 1, which cbor2 reads as a datetime.
        assert isinstance(value, (int, float, datetime)), f"{path} should be a timestamp: {value!r}"
    elif kind == "blob":
        # JSON: base64 text; CBOR: a byte string.
        if isinstance(value, str):
            assert base64.b64decode(value, validate=True), f"{path} should be base64: {value!r}"
        else:
            assert isinstance(value, bytes), f"{path} should be bytes: {value!r}"
    else:
        raise AssertionError(f"{path}: no check for shape type {kind}")


def check_response(operation_model: OperationModel, response_dict: dict[str, Any], **_: Any) -> None:
    """botocore ``before-parse`` hook."""
    headers = {name.lower(): value for name, value in response_dict["headers"].items()}
    assert headers.get("x-amzn-requestid"), "every response carries x-amzn-RequestId"
    cbor = operation_model.service_model.resolved_protocol == "smithy-rpc-v2-cbor"
    if cbor:
        assert headers.get("smithy-protocol") == "rpc-v2-cbor"
        assert headers.get("content-type") == "application/cbor"
        body = cbor2.loads(response_dict["body"])
    else:
        assert headers.get("content-type") == "application/x-amz-json-1.1"
        body = json.loads(response_dict["body"])
    if response_dict["status_code"] == 200:
        check_value(body, operation_model.output_shape, operation_model.name)
        return
    assert set(body) == {"__type", "message"}, f"error body {body}"
    if cbor:
        assert body["__type"].startswith("com.amazonaws.directconnect#"), body["__type"]
    else:
        assert headers.get("x-amzn-errortype") == body["__type"], "X-Amzn-ErrorType matches __type"
    # 403: the signature errors of an endpoint that verifies them; 413: a body over the limit.
    assert response_dict["status_code"] in (400, 403, 413, 500), response_dict["status_code"]
