"""A client of the emulator's own routes (/_dx-emulator/...), signed with SigV4 like an API call, so
the endpoint knows whose account to act on: `dx-emulator seed` and `dx-emulator admin` use it."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from botocore.auth import SigV4Auth, SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


class AdminError(Exception):
    """The endpoint refused: its AWS-shaped error, as code and message."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.status, self.code, self.message = status, code, message


@dataclass(frozen=True)
class AdminClient:
    endpoint: str
    credentials: Credentials
    region: str = "us-east-1"

    def url(self, name: str) -> str:
        return f"{self.endpoint.rstrip('/')}/_dx-emulator/{name}"

    def presign(self, name: str, expires: int = 900, query: str = "") -> str:
        """A URL a browser can open without signing: SigV4 query authentication, ``expires`` seconds."""
        request = AWSRequest(method="GET", url=self.url(name) + (f"?{query}" if query else ""))
        SigV4QueryAuth(self.credentials, "directconnect", self.region, expires=expires).add_auth(request)
        return str(request.url)

    def call(self, method: str, name: str, body: Any = None) -> Any:
        data = b"" if body is None else json.dumps(body).encode()
        request = AWSRequest(method=method, url=self.url(name), data=data,
                             headers={"Content-Type": "application/json"})
        SigV4Auth(self.credentials, "directconnect", self.region).add_auth(request)
        sent = urllib.request.Request(request.url, data=data or None,  # noqa: S310 - the user's own endpoint
                                      headers=dict(request.headers.items()), method=method)
        try:
            with urllib.request.urlopen(sent, timeout=30) as response:  # noqa: S310 - the user's own endpoint
                text = response.read()
        except urllib.error.HTTPError as error:
            answer = json.loads(error.read() or b"{}")
            raise AdminError(error.code, answer.get("__type", "Error"), answer.get("message", "")) from None
        return json.loads(text) if text else None
