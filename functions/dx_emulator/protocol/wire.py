"""What every protocol hands the handler, and gets back: bytes and headers, nothing Direct Connect."""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Decoded:
    operation: str
    params: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Encoded:
    status: int
    content_type: str
    body: str | bytes
    headers: dict[str, str] = field(default_factory=dict)


def event_body(event: Mapping[str, Any]) -> bytes:
    """The request body as bytes. API Gateway base64-encodes non-text content types, such as
    application/x-amz-json-1.1 and application/cbor; Powertools' decoded_body would also try to
    read the bytes as UTF-8, which CBOR is not."""
    body = event.get("body") or ""
    if event.get("isBase64Encoded"):
        return base64.b64decode(body)
    return body.encode("utf-8") if isinstance(body, str) else bytes(body)


def header(headers: Mapping[str, str], name: str) -> str | None:
    """A header by name, whatever its case (API Gateway lowercases them; other callers may not)."""
    wanted = name.lower()
    return next((value for key, value in headers.items() if key.lower() == wanted), None)
