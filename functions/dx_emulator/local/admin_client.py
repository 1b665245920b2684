"""A client of the emulator's own routes (/_dx-emulator/...), signed with SigV4 like an API call, so
the endpoint knows whose account to act on: `dx-emulator seed` and `dx-emulator admin` use it."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from botocore.auth import SigV4Auth
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

    def call(self, method: str, name: str, body: Any = None) -> Any:
        data = b"" if body is None else json.dumps(body).encode()
        request = AWSRequest(method=method, url=f"{self.endpoint.rstrip('/')}/_dx-emulator/{name}", data=data,
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
