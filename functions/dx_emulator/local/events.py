"""An HTTP request turned into the API Gateway HTTP API payload 2.0 event Lambda would receive."""

from __future__ import annotations

import base64
import time
import uuid
from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qsl

# HTTP APIs pass these bodies as text and base64-encode every other content type.
_TEXT_TYPES = ("text/", "application/json", "application/xml", "application/javascript")


def http_api_event(method: str, target: str, headers: Iterable[tuple[str, str]], body: bytes,
                   source_ip: str = "127.0.0.1") -> dict[str, Any]:
    path, _, query = target.partition("?")
    merged: dict[str, str] = {}
    for name, value in headers:
        key = name.lower()  # API Gateway lowercases header names
        merged[key] = f"{merged[key]},{value}" if key in merged else value
    is_text = merged.get("content-type", "").startswith(_TEXT_TYPES)
    if is_text:
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            is_text = False  # not text after all: passed on as bytes, for the protocol to refuse
    now = time.time()
    event: dict[str, Any] = {
        "version": "2.0",
        "routeKey": "$default",
        "rawPath": path,
        "rawQueryString": query,
        "headers": merged,
        "requestContext": {
            "accountId": "anonymous",
            "apiId": "local",
            "domainName": merged.get("host", "localhost"),
            "domainPrefix": "local",
            "http": {
                "method": method,
                "path": path,
                "protocol": "HTTP/1.1",
                "sourceIp": source_ip,
                "userAgent": merged.get("user-agent", ""),
            },
            "requestId": str(uuid.uuid4()),
            "routeKey": "$default",
            "stage": "$default",
            "time": time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime(now)),
            "timeEpoch": int(now * 1000),
        },
        "isBase64Encoded": bool(body) and not is_text,
    }
    if query:
        event["queryStringParameters"] = dict(parse_qsl(query))
    if body:
        event["body"] = text if is_text else base64.b64encode(body).decode("ascii")
    return event
