"""AWS JSON 1.1: ``POST /`` with ``X-Amz-Target: OvertureService.<Operation>``."""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from ..errors import DirectConnectError, SerializationException, UnknownOperationException
from .wire import Decoded, Encoded, header

CONTENT_TYPE = "application/x-amz-json-1.1"
TARGET_PREFIX = "OvertureService."


def decode(method: str, path: str, query: str, headers: Mapping[str, str], body: bytes) -> Decoded:
    """JSON 1.1 is ``POST /``; behind a prefix (a stage, a proxy) the target header still decides."""
    target = header(headers, "X-Amz-Target")
    if not target:
        raise UnknownOperationException("Missing X-Amz-Target header: expected OvertureService.<Operation>")
    if not target.startswith(TARGET_PREFIX):
        raise UnknownOperationException(f"Unknown target {target}: expected OvertureService.<Operation>")
    if not body.strip():
        return Decoded(target.removeprefix(TARGET_PREFIX), {})
    try:
        params = json.loads(body)
    except (ValueError, RecursionError):
        raise SerializationException("The request body is not valid JSON") from None
    if not isinstance(params, dict):
        raise SerializationException("The request body must be a JSON object")
    try:
        # JSON's \ud800 escapes decode to lone surrogates, which no other encoding (UTF-8, CBOR) can
        # carry: stored, they would break every later read of the account over CBOR.
        json.dumps(params, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise SerializationException("The request body holds a string that is not valid Unicode (a lone "
                                     "surrogate)") from None
    return Decoded(target.removeprefix(TARGET_PREFIX), params)


def _timestamp(value: Any) -> float | str:
    # The JSON protocol's timestamps are epoch seconds, its blobs base64 text.
    if isinstance(value, datetime):
        return value.timestamp()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def encode_result(result: Mapping[str, Any], request_id: str = "") -> Encoded:
    return Encoded(200, CONTENT_TYPE, json.dumps(result, separators=(",", ":"), default=_timestamp))


def encode_error(error: DirectConnectError, request_id: str = "") -> Encoded:
    # botocore reads the body's __type, the Go SDK prefers the header: send both.
    body = json.dumps({"__type": error.code, "message": error.message})
    return Encoded(error.status, CONTENT_TYPE, body, {"X-Amzn-ErrorType": error.code})
