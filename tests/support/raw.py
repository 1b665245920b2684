"""Raw HTTP to the emulator, for what an SDK would never send."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any


@dataclass
class RawResponse:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


def post(url: str, body: bytes, headers: dict[str, str], path: str = "/", method: str = "POST") -> RawResponse:
    request = urllib.request.Request(url + path, data=body if method == "POST" else None, headers=headers,
                                     method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return RawResponse(response.status, {k.lower(): v for k, v in response.headers.items()}, response.read())
    except urllib.error.HTTPError as error:
        return RawResponse(error.code, {k.lower(): v for k, v in error.headers.items()}, error.read())


def json_call(url: str, target: str | None, body: bytes, account: str = "123456789012",
              region: str = "us-east-1") -> RawResponse:
    headers = {
        "Content-Type": "application/x-amz-json-1.1",
        "Authorization": f"AWS4-HMAC-SHA256 Credential={account}/20261125/{region}/directconnect/aws4_request, "
                         "SignedHeaders=host;x-amz-date, Signature=0",
    }
    if target is not None:
        headers["X-Amz-Target"] = target
    return post(url, body, headers)
