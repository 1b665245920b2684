"""A hosted endpoint that verifies SigV4: only configured keys get in, each acting in its account."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.exceptions import ClientError

from tests.support.raw import RawResponse, post
from tests.support.server import RunningServer, client, start_server

KEY, SECRET, ACCOUNT = "AKIDTEAMMEMBER00001", "s3cret/Key+with=signs", "444455556666"
KEYS = {KEY: {"secretAccessKey": SECRET, "account": ACCOUNT}}
MISMATCH = ("The request signature we calculated does not match the signature you provided. Check your AWS "
            "Secret Access Key and signing method. Consult the service documentation for details.")


@pytest.fixture(scope="module")
def guarded() -> Iterator[RunningServer]:
    running = start_server(table=f"dx-signed-{uuid.uuid4().hex[:8]}", env={
        "DX_EMULATOR_VERIFY_SIGNATURES": "true", "DX_EMULATOR_ACCESS_KEYS": json.dumps(KEYS)})
    yield running
    running.stop()


def refused(call: Any, code: str, message: str, **params: Any) -> None:
    with pytest.raises(ClientError) as caught:
        call(**params)
    assert caught.value.response["Error"]["Code"] == code
    assert caught.value.response["Error"]["Message"] == message
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403


def test_a_configured_key_acts_in_its_account(guarded: RunningServer, protocol: str) -> None:
    dx = client(guarded.url, KEY, region="eu-west-3", protocol=protocol, secret=SECRET)
    conn = dx.create_connection(location="EqDC2", bandwidth="1Gbps", connectionName="signed")
    assert (conn["ownerAccount"], conn["region"]) == (ACCOUNT, "eu-west-3")
    assert conn["connectionId"] in {c["connectionId"] for c in dx.describe_connections()["connections"]}


def test_a_wrong_secret(guarded: RunningServer, protocol: str) -> None:
    dx = client(guarded.url, KEY, protocol=protocol, secret="not-the-secret")
    refused(dx.describe_connections, "InvalidSignatureException", MISMATCH)


def test_an_unknown_key(guarded: RunningServer, protocol: str) -> None:
    dx = client(guarded.url, "AKIDSOMEONEELSE0001", protocol=protocol, secret=SECRET)
    refused(dx.describe_connections, "UnrecognizedClientException",
            "The security token included in the request is invalid.")


def signed(url: str, body: bytes, *, when: datetime | None = None, service: str = "directconnect",
           secret: str = SECRET) -> AWSRequest:
    """A JSON 1.1 request signed by botocore's own signer (at ``when`` if given)."""
    request = AWSRequest(method="POST", url=url + "/", data=body, headers={
        "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "OvertureService.DescribeConnections"})
    signer = SigV4Auth(Credentials(KEY, secret), service, "us-east-1")
    if when is None:
        signer.add_auth(request)
        return request
    stamp = when.strftime("%Y%m%dT%H%M%SZ")
    request.context["timestamp"] = stamp
    request.headers["X-Amz-Date"] = stamp
    request.headers["Host"] = url.split("//", 1)[1]
    canonical = signer.canonical_request(request)
    signature = signer.signature(signer.string_to_sign(request, canonical), request)
    scope = f"{KEY}/{stamp[:8]}/us-east-1/{service}/aws4_request"
    request.headers["Authorization"] = (f"AWS4-HMAC-SHA256 Credential={scope}, "
                                        f"SignedHeaders={signer.signed_headers(signer.headers_to_sign(request))}, "
                                        f"Signature={signature}")
    return request


def send(guarded: RunningServer, request: AWSRequest, body: bytes | None = None) -> RawResponse:
    data = request.body if body is None else body
    return post(guarded.url, data if isinstance(data, bytes) else data.encode(), dict(request.headers.items()))


def assert_refused(response: RawResponse, code: str, message: str) -> None:
    assert response.status == 403
    assert response.json() == {"__type": code, "message": message}


def test_botocore_signed_raw_request_passes(guarded: RunningServer) -> None:
    response = send(guarded, signed(guarded.url, b"{}"))
    assert (response.status, set(response.json())) == (200, {"connections"})


def test_unsigned(guarded: RunningServer) -> None:
    response = post(guarded.url, b"{}", {"Content-Type": "application/x-amz-json-1.1",
                                          "X-Amz-Target": "OvertureService.DescribeConnections"})
    assert_refused(response, "MissingAuthenticationTokenException", "Missing Authentication Token")


def test_tampered_body_and_header(guarded: RunningServer) -> None:
    request = signed(guarded.url, b'{"connectionId": "dxcon-aaaaaaaa"}')
    assert_refused(send(guarded, request, body=b'{"connectionId": "dxcon-bbbbbbbb"}'),
                   "InvalidSignatureException", MISMATCH)
    request = signed(guarded.url, b"{}")
    request.headers.replace_header("X-Amz-Target", "OvertureService.DescribeVirtualInterfaces")
    assert_refused(send(guarded, request), "InvalidSignatureException", MISMATCH)


def test_clock_skew(guarded: RunningServer) -> None:
    old = datetime.now(UTC) - timedelta(minutes=6)
    response = send(guarded, signed(guarded.url, b"{}", when=old))
    assert response.status == 403
    assert response.json()["__type"] == "InvalidSignatureException"
    assert response.json()["message"].startswith(f"Signature expired: {old.strftime('%Y%m%dT%H%M%SZ')} is now "
                                                 "earlier than ")
    future = datetime.now(UTC) + timedelta(minutes=6)
    assert response.json()["__type"] == send(guarded, signed(guarded.url, b"{}", when=future)).json()["__type"]
    within = datetime.now(UTC) - timedelta(minutes=4)
    assert send(guarded, signed(guarded.url, b"{}", when=within)).status == 200


def test_scoped_to_another_service(guarded: RunningServer) -> None:
    response = send(guarded, signed(guarded.url, b"{}", when=datetime.now(UTC), service="execute-api"))
    assert_refused(response, "InvalidSignatureException", "Credential should be scoped to correct service: "
                                                          "'directconnect'.")
