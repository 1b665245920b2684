"""The emulator's own routes, ``/_dx-emulator/<name>``: JSON in and out, signed like an API call
(SigV4, service ``directconnect``) and acting on the signer's account only. Each is an operation of
the table (``<Method><Name>``: PUT /_dx-emulator/world is PutWorld), not a side door."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl

from ..errors import DirectConnectError, SerializationException
from . import json_protocol
from .wire import Decoded, Encoded

MARK = "/_dx-emulator/"
CONTENT_TYPE = "application/json"
SERVICE = "dx-emulator"


def handles(path: str) -> bool:
    return MARK in path  # behind a stage or proxy prefix too


# The dashboard's page, for a browser; the same URL asked for JSON answers the state it shows.
DASHBOARD = "dashboard"
HTML = "text/html; charset=utf-8"
# The page holds its own script and style and talks to its own URL only; the URL carries a signature,
# so no referrer may take it elsewhere.
PAGE_HEADERS = {"Content-Security-Policy": "default-src 'none'; script-src 'unsafe-inline'; "
                                           "style-src 'unsafe-inline'; connect-src 'self'; img-src data:",
                "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY", "Cache-Control": "no-store",
                "X-Content-Type-Options": "nosniff"}


def is_health(method: str, path: str) -> bool:
    """GET /_dx-emulator/health: the one route that needs no signature."""
    return method in ("GET", "HEAD") and handles(path) and path.split(MARK, 1)[1].strip("/") == "health"


def encode_health(status: int, answer: Mapping[str, Any]) -> Encoded:
    return Encoded(status, CONTENT_TYPE, json.dumps(answer), {"Cache-Control": "no-store"})


def _wants_page(headers: Mapping[str, str]) -> bool:
    accept = next((value for key, value in headers.items() if key.lower() == "accept"), "") or ""
    return "application/json" not in accept


def decode(method: str, path: str, query: str, headers: Mapping[str, str], body: bytes) -> Decoded:
    """The query's parameters (less a presigned URL's X-Amz-*) are the GET routes' parameters."""
    name = path.split(MARK, 1)[1].strip("/")
    if method == "GET" and name == DASHBOARD:
        name = "dashboard" if _wants_page(headers) else "state"
    operation = method.capitalize() + "".join(part.capitalize() for part in name.split("-"))
    if not body.strip():
        params = {key: value for key, value in parse_qsl(query) if not key.startswith("X-Amz-")}
        return Decoded(operation, params, SERVICE)
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
    if set(result) == {"page"}:
        return Encoded(200, HTML, result["page"], dict(PAGE_HEADERS))
    return Encoded(200, CONTENT_TYPE, json.dumps(result, default=_timestamp), {"Cache-Control": "no-store"})


def encode_error(error: DirectConnectError, request_id: str = "") -> Encoded:
    # JSON 1.1's error shape, as plain JSON.
    return replace(json_protocol.encode_error(error), content_type=CONTENT_TYPE)
