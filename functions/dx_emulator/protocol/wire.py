"""What every protocol hands the handler, and gets back: bytes and headers, nothing Direct Connect."""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import field
from typing import Any

from ..errors import RequestEntityTooLargeException, SerializationException
from ..records import record

# The largest legitimate request is a public VIF with 1,000 IPv6 route filter prefixes (~55 KB).
# Twice that, and every item a request can produce stays far below DynamoDB's 400 KB [choice].
MAX_BODY_BYTES = 128 * 1024


@record
class Decoded:
    """A request as a protocol read it: the operation, its parameters and the service it belongs to."""

    operation: str
    params: Mapping[str, Any]
    service: str = "directconnect"  # whose operation: Direct Connect's, or STS's (query_protocol.py)


@record
class Encoded:
    """An answer as a protocol wrote it: status, content type, body and extra headers."""

    status: int
    content_type: str
    body: str | bytes
    headers: dict[str, str] = field(default_factory=dict)


def event_body(event: Mapping[str, Any], limit: int = MAX_BODY_BYTES) -> bytes:
    """The request body as bytes, refused over ``limit`` before it is decoded. API Gateway
    base64-encodes non-text content types, such as application/x-amz-json-1.1 and
    application/cbor; Powertools' decoded_body would also read the bytes as UTF-8, which CBOR is not."""
    body = event.get("body") or ""
    encoded = bool(event.get("isBase64Encoded"))
    if not encoded:
        # A text body is counted in bytes, as it arrived, not in characters.
        raw = body.encode("utf-8", "surrogatepass") if isinstance(body, str) else bytes(body)
        _check_size(len(raw), limit)
        return raw
    # The decoded size, from the base64 length and its padding, without decoding.
    _check_size(len(body) * 3 // 4 - (len(body) - len(body.rstrip("="))), limit)
    try:
        return base64.b64decode(body, validate=True)
    except ValueError:
        raise SerializationException("The request body is not valid base64") from None


def _check_size(size: int, limit: int) -> None:
    if size > limit:
        raise RequestEntityTooLargeException(f"The request body is {size} bytes; the limit is {limit}")


def header(headers: Mapping[str, str], name: str) -> str | None:
    """A header by name, whatever its case (API Gateway lowercases them; other callers may not)."""
    wanted = name.lower()
    return next((value for key, value in headers.items() if key.lower() == wanted), None)
