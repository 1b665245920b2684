"""The emulator's own routes, ``/_dx-emulator/<name>``: JSON in and out, signed like an API call
(SigV4, service ``directconnect``) and acting on the signer's account only. Each is an operation of
the table (``<Method><Name>``: PUT /_dx-emulator/world is PutWorld), not a side door."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any

from ..errors import DirectConnectError, SerializationException
from . import json_protocol
from .wire import Decoded, Encoded

MARK = "/_dx-emulator/"
CONTENT_TYPE = "application/json"
SERVICE = "dx-emulator"


def handles(path: str) -> bool:
    return MARK in path  # behind a stage or proxy prefix too


def decode(method: str, path: str, headers: Mapping[str, str], body: bytes) -> Decoded:
    name = path.split(MARK, 1)[1].strip("/")
    operation = method.capitalize() + "".join(part.capitalize() for part in name.split("-"))
    if not body.strip():
        return Decoded(operation, {}, SERVICE)
    try:
        params = json.loads(body)
    except (ValueError, RecursionError):
        raise SerializationException("The request body is not valid JSON") from None
    if not isinstance(params, dict):
        raise SerializationException("The request body must be a JSON object")
    return Decoded(operation, params, SERVICE)


def _timestamp(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def encode_result(result: Mapping[str, Any], request_id: str = "") -> Encoded:
    return Encoded(200, CONTENT_TYPE, json.dumps(result, default=_timestamp))


def encode_error(error: DirectConnectError, request_id: str = "") -> Encoded:
    # JSON 1.1's error shape, as plain JSON.
    return replace(json_protocol.encode_error(error), content_type=CONTENT_TYPE)
