"""A hosted endpoint that verifies SigV4: only configured keys get in, each acting in its account."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials
from botocore.exceptions import ClientError

from tests.support.raw import RawResponse, post
from tests.support.server import RunningServer, client, start_verifying

KEY, SECRET, ACCOUNT = "AKIDTEAMMEMBER00001", "s3cret/Key+with=signs", "444455556666"
KEYS = {KEY: {"secretAccessKey": SECRET, "account": ACCOUNT}}
MISMATCH = ("The request signature we calculated does not match the signature you provided. Check your AWS "
            "Secret Access Key and signing method. Consult the service documentation for details.")

pytestmark = pytest.mark.every_protocol


@pytest.fixture(scope="module")
def guarded() -> Iterator[RunningServer]:
    running = start_verifying(KEYS, "signed")
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


def captured_delete(guarded: RunningServer, vif_id: str, *, sign_payload_hash: bool) -> AWSRequest:
    """A DeleteVirtualInterface as a client signed it (with the payload hash header signed, as some SDKs do)."""
    body = json.dumps({"virtualInterfaceId": vif_id}).encode()
    headers = {"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "OvertureService.DeleteVirtualInterface"}
    if sign_payload_hash:
        headers["X-Amz-Content-Sha256"] = hashlib.sha256(body).hexdigest()
    request = AWSRequest(method="POST", url=guarded.url + "/", data=body, headers=headers)
    SigV4Auth(Credentials(KEY, SECRET), "directconnect", "us-east-1").add_auth(request)
    return request


@pytest.mark.parametrize("sign_payload_hash", [True, False])
def test_a_captured_delete_cannot_be_replayed_on_another_vif(guarded: RunningServer, sign_payload_hash: bool) -> None:
    dx = client(guarded.url, KEY, secret=SECRET)
    conn = dx.create_connection(location="EqDC2", bandwidth="1Gbps", connectionName="replayed")
    first, second = (dx.create_private_virtual_interface(connectionId=conn["connectionId"], newPrivateVirtualInterface={
        "virtualInterfaceName": name, "vlan": vlan, "asn": 65000, "virtualGatewayId": "vgw-0123456789"})
        for name, vlan in (("first", 101), ("second", 102)))
    request = captured_delete(guarded, first["virtualInterfaceId"], sign_payload_hash=sign_payload_hash)
    original_hash = hashlib.sha256(request.body).hexdigest()
    if not sign_payload_hash:
        request.headers["X-Amz-Content-Sha256"] = original_hash  # the attacker's addition
    tampered = json.dumps({"virtualInterfaceId": second["virtualInterfaceId"]}).encode()
    response = send(guarded, request, body=tampered)
    if sign_payload_hash:
        assert response.status == 400
        assert response.json() == {"__type": "XAmzContentSHA256Mismatch", "message": "The provided "
                                   "'x-amz-content-sha256' header does not match what was computed."}
    else:
        assert_refused(response, "InvalidSignatureException",
                       "'X-Amz-Content-Sha256' must be a 'SignedHeader' in the AWS Authorization.")
    assert dx.describe_virtual_interfaces(virtualInterfaceId=second["virtualInterfaceId"])[
        "virtualInterfaces"][0]["virtualInterfaceState"] != "deleting"
    if not sign_payload_hash:
        del request.headers["X-Amz-Content-Sha256"]
    assert send(guarded, request).status == 200  # the request as it was signed still goes through


def test_an_operation_outside_the_signature_is_refused(guarded: RunningServer) -> None:
    # Signed over host alone, a request's operation could be swapped for another.
    request = AWSRequest(method="POST", url=guarded.url + "/", data=b"{}",
                         headers={"Content-Type": "application/x-amz-json-1.1"})
    SigV4Auth(Credentials(KEY, SECRET), "directconnect", "us-east-1").add_auth(request)
    request.headers["X-Amz-Target"] = "OvertureService.DescribeConnections"
    assert_refused(send(guarded, request), "InvalidSignatureException",
                   "'X-Amz-Target' must be a 'SignedHeader' in the AWS Authorization.")


def test_a_session_token_is_refused(guarded: RunningServer, protocol: str) -> None:
    dx = client(guarded.url, KEY, protocol=protocol, secret=SECRET, token="FwoGZXIvYXdzEXAMPLE")
    refused(dx.describe_connections, "UnrecognizedClientException",
            "The security token included in the request is invalid.")


def test_sts_answers_the_verified_keys_account(guarded: RunningServer) -> None:
    identity = boto3.client("sts", endpoint_url=guarded.url, region_name="us-east-1", aws_access_key_id=KEY,
                            aws_secret_access_key=SECRET).get_caller_identity()
    assert identity["Account"] == ACCOUNT  # the account configured for the key, not the key id
    wrong = boto3.client("sts", endpoint_url=guarded.url, region_name="us-east-1", aws_access_key_id=KEY,
                         aws_secret_access_key="not-the-secret", config=Config(retries={"max_attempts": 1}))
    with pytest.raises(ClientError) as caught:
        wrong.get_caller_identity()
    assert (caught.value.response["Error"]["Code"], caught.value.response["Error"]["Message"]) == (
        "SignatureDoesNotMatch", MISMATCH)
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403


def test_a_directconnect_signature_is_not_an_sts_one(guarded: RunningServer) -> None:
    body = b"Action=GetCallerIdentity&Version=2011-06-15"
    request = AWSRequest(method="POST", url=guarded.url + "/", data=body,
                         headers={"Content-Type": "application/x-www-form-urlencoded"})
    SigV4Auth(Credentials(KEY, SECRET), "directconnect", "us-east-1").add_auth(request)
    response = send(guarded, request)
    assert response.status == 403
    assert "<Code>SignatureDoesNotMatch</Code><Message>Credential should be scoped to correct service: 'sts'." \
           "</Message>" in response.body.decode()
