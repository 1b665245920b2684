"""Direct Connect requests as boto3 puts them on the wire (JSON 1.1), built ahead of time from botocore's own
public pieces: the service model, its JSON serializer, ``AWSRequest`` and SigV4 signing, then the
retry headers botocore adds after signing. Sending them costs the load generator almost nothing, so a
benchmark measures the server, not the SDK (boto3 spends 3-6 ms of CPU building, signing and parsing
each call, more than either server takes to answer it)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import botocore.session
from botocore.auth import SigV4Auth
from botocore.awsrequest import create_request_object, prepare_request_dict
from botocore.credentials import Credentials
from botocore.serialize import create_serializer

REGION = "us-east-1"


@dataclass(frozen=True, slots=True)
class SignedRequest:
    method: str
    path: str
    headers: dict[str, str]  # Host included, as urllib3 sends it
    body: bytes


class Signer:
    """Builds signed requests for one endpoint and one account (its access key, moto's convention)."""

    def __init__(self, endpoint_url: str, access_key: str, secret_key: str = "x") -> None:
        session = botocore.session.get_session()
        self._model = session.get_service_model("directconnect")
        self._serializer = create_serializer(self._model.resolved_protocol)  # "json", as boto3 picks
        self._auth = SigV4Auth(Credentials(access_key, secret_key), self._model.signing_name or "directconnect",
                               REGION)
        self._url = endpoint_url
        self._host = urlsplit(endpoint_url).netloc
        self._user_agent = session.user_agent()

    def request(self, operation: str, params: dict[str, Any]) -> SignedRequest:
        request_dict = self._serializer.serialize_to_request(params, self._model.operation_model(operation))
        prepare_request_dict(request_dict, endpoint_url=self._url, user_agent=self._user_agent)
        request = create_request_object(request_dict)
        self._auth.add_auth(request)
        # botocore's retry handler adds these once the request is signed (they are not signed).
        request.headers["amz-sdk-invocation-id"] = str(uuid.uuid4())
        request.headers["amz-sdk-request"] = "attempt=1; max=1"
        prepared = request.prepare()
        body = prepared.body or b""
        headers = {"Host": self._host, "Accept-Encoding": "identity",
                   **{name: _text(value) for name, value in prepared.headers.items()}}
        path = urlsplit(prepared.url).path or "/"
        return SignedRequest(prepared.method, path, headers, body.encode() if isinstance(body, str) else body)


def _text(value: str | bytes) -> str:
    return value.decode("latin-1") if isinstance(value, bytes) else value
