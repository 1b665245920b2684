"""Smithy RPC v2 CBOR: ``POST .../service/<Service>/operation/<Operation>``.

The model lists it first; AWS moves the Go v2, Java 2.x, .NET v4, C++, Kotlin and Swift SDKs to it
service by service. Only the path's last four segments count, so a stage or proxy prefix is fine.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import DirectConnectError, SerializationException, UnknownOperationException
from .wire import Decoded, Encoded, header

CONTENT_TYPE = "application/cbor"
PROTOCOL = "rpc-v2-cbor"
SERVICE_NAMES = frozenset({"OvertureService", "com.amazonaws.directconnect.OvertureService"})
ERROR_NAMESPACE = "com.amazonaws.directconnect#"


def _segments(path: str) -> list[str]:
    return [segment for segment in path.split("/") if segment]


def handles(path: str) -> bool:
    segments = _segments(path)
    return len(segments) >= 4 and segments[-4] == "service" and segments[-2] == "operation"


def decode(method: str, path: str, query: str, headers: Mapping[str, str], body: bytes) -> Decoded:
    segments = _segments(path)
    service, operation = segments[-3], segments[-1]
    if service not in SERVICE_NAMES:
        raise UnknownOperationException(f"Unknown service {service}: expected OvertureService")
    if header(headers, "X-Amz-Target") is not None or header(headers, "X-Amzn-Target") is not None:
        # The RPC v2 spec: such a request is malformed and must be rejected.
        raise SerializationException("A Smithy RPC v2 CBOR request must not carry an X-Amz-Target header")
    if header(headers, "Smithy-Protocol") != PROTOCOL:
        raise SerializationException(f"A request on this path needs the header Smithy-Protocol: {PROTOCOL}")
    if not body:
        return Decoded(operation, {})
    import cbor2  # noqa: PLC0415 - JSON requests never need it (~3 ms of cold start)

    try:
        params = cbor2.loads(body)
    except Exception:  # cbor2 raises several types for malformed input; all mean the same here
        raise SerializationException("The request body is not valid CBOR") from None
    if not isinstance(params, dict):
        raise SerializationException("The request body must be a CBOR map")
    return Decoded(operation, params)


def _encoded(status: int, body: Mapping[str, Any]) -> Encoded:
    import cbor2  # noqa: PLC0415

    # RPC v2 CBOR timestamps are tag 1 (epoch seconds), which cbor2 writes for a datetime with this.
    return Encoded(status, CONTENT_TYPE, cbor2.dumps(body, datetime_as_timestamp=True), {"Smithy-Protocol": PROTOCOL})


def encode_result(result: Mapping[str, Any], request_id: str = "") -> Encoded:
    return _encoded(200, result)


def encode_error(error: DirectConnectError, request_id: str = "") -> Encoded:
    # Errors name the absolute shape id; SDKs keep what follows the '#'.
    return _encoded(error.status, {"__type": ERROR_NAMESPACE + error.code, "message": error.message})
