"""SigV4 verification against requests signed by botocore's own signer, and the malformed ones."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from dx_emulator.auth.sigv4 import Request, Signed, verify
from dx_emulator.errors import (
    IncompleteSignatureException,
    InvalidSignatureException,
    MissingAuthenticationTokenException,
    UnrecognizedClientException,
    XAmzContentSHA256Mismatch,
)

KEY, SECRET = "AKIDEXAMPLE00000001", "secret"
NOW = datetime(2026, 11, 25, 12, 0, 0, tzinfo=UTC)


def signed(at: datetime = NOW, body: bytes = b"{}") -> Request:
    request = AWSRequest(method="POST", url="https://dx.example.com/prod/?b=2&a=1", data=body, headers={
        "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "OvertureService.DescribeConnections",
        "Host": "dx.example.com"})
    signer = SigV4Auth(Credentials(KEY, SECRET), "directconnect", "eu-west-1")
    stamp = at.strftime("%Y%m%dT%H%M%SZ")
    request.context["timestamp"] = stamp
    request.headers["X-Amz-Date"] = stamp
    canonical = signer.canonical_request(request)
    signature = signer.signature(signer.string_to_sign(request, canonical), request)
    headers = signer.signed_headers(signer.headers_to_sign(request))
    request.headers["Authorization"] = (f"AWS4-HMAC-SHA256 Credential={KEY}/{stamp[:8]}/eu-west-1/directconnect/"
                                        f"aws4_request, SignedHeaders={headers}, Signature={signature}")
    return Request("POST", "/prod/", "b=2&a=1", dict(request.headers.items()), body)


def with_headers(request: Request, **changes: str | None) -> Request:
    headers = {k: v for k, v in request.headers.items() if k not in changes}
    headers.update({k: v for k, v in changes.items() if v is not None})
    return Request(request.method, request.path, request.query, headers, request.body)


def test_a_botocore_signature_verifies() -> None:
    assert verify(signed(), {KEY: SECRET}, NOW) == Signed(KEY, "eu-west-1")


@pytest.mark.parametrize(("changes", "error", "message"), [
    ({"Authorization": None}, MissingAuthenticationTokenException, "Missing Authentication Token"),
    ({"Authorization": "AWS4-HMAC-SHA256 Credential=nonsense"}, IncompleteSignatureException,
     "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters"),
    ({"X-Amz-Date": None}, IncompleteSignatureException,
     "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."),
    ({"X-Amz-Date": "2026-11-25T12:00:00Z"}, IncompleteSignatureException,
     "X-Amz-Date 2026-11-25T12:00:00Z is not in the form YYYYMMDDTHHMMSSZ"),
    ({"X-Amz-Date": "20261124T235959Z"}, InvalidSignatureException, "Signature expired: 20261124T235959Z"),
    ({"X-Amz-Target": None}, IncompleteSignatureException, "Signed header x-amz-target is missing from the request"),
])
def test_malformed_requests(changes: dict[str, str | None], error: type[Exception], message: str) -> None:
    with pytest.raises(error) as caught:
        verify(with_headers(signed(), **changes), {KEY: SECRET}, NOW)
    assert message in str(caught.value)


def test_a_time_ahead_and_a_scope_date_that_does_not_match() -> None:
    ahead = NOW + timedelta(minutes=6)
    with pytest.raises(InvalidSignatureException, match="Signature not yet current: 20261125T120600Z is still later"):
        verify(signed(at=ahead), {KEY: SECRET}, NOW)
    request = signed()
    within_skew_next_day = with_headers(request, **{"X-Amz-Date": "20261126T000100Z"})
    with pytest.raises(InvalidSignatureException, match="Date in Credential scope does not match YYYYMMDD"):
        verify(within_skew_next_day, {KEY: SECRET}, datetime(2026, 11, 26, 0, 0, tzinfo=UTC))


def sign_only(headers: dict[str, str], body: bytes = b"{}", at: datetime = NOW) -> dict[str, str]:
    """Headers signed by botocore over exactly ``headers`` (plus X-Amz-Date), as a minimal signer would."""
    request = AWSRequest(method="POST", url="https://dx.example.com/", data=body, headers=headers)
    signer = SigV4Auth(Credentials(KEY, SECRET), "directconnect", "eu-west-1")
    stamp = at.strftime("%Y%m%dT%H%M%SZ")
    request.context["timestamp"] = stamp
    request.headers["X-Amz-Date"] = stamp
    canonical = signer.canonical_request(request)
    signature = signer.signature(signer.string_to_sign(request, canonical), request)
    names = signer.signed_headers(signer.headers_to_sign(request))
    request.headers["Authorization"] = (f"AWS4-HMAC-SHA256 Credential={KEY}/{stamp[:8]}/eu-west-1/directconnect/"
                                        f"aws4_request, SignedHeaders={names}, Signature={signature}")
    return dict(request.headers.items())


def test_a_body_swapped_under_its_original_hash_is_refused() -> None:
    # The replay seen in the wild: a captured signed request, another body, the original body's
    # hash in X-Amz-Content-Sha256. The body received is what is hashed, and the header must match it.
    original = b'{"virtualInterfaceId": "dxvif-aaaaaaaa"}'
    headers = sign_only({"Host": "dx.example.com", "X-Amz-Target": "OvertureService.DeleteVirtualInterface",
                         "X-Amz-Content-Sha256": hashlib.sha256(original).hexdigest()}, original)
    swapped = Request("POST", "/", "", headers, b'{"virtualInterfaceId": "dxvif-bbbbbbbb"}')
    with pytest.raises(XAmzContentSHA256Mismatch) as caught:
        verify(swapped, {KEY: SECRET}, NOW)
    assert caught.value.message == "The provided 'x-amz-content-sha256' header does not match what was computed."
    assert caught.value.status == 400
    # The untouched request still verifies, and so does UNSIGNED-PAYLOAD never.
    assert verify(Request("POST", "/", "", headers, original), {KEY: SECRET}, NOW).access_key_id == KEY
    unsigned = sign_only({"Host": "dx.example.com", "X-Amz-Target": "OvertureService.DescribeConnections",
                          "X-Amz-Content-Sha256": "UNSIGNED-PAYLOAD"})
    with pytest.raises(XAmzContentSHA256Mismatch):
        verify(Request("POST", "/", "", unsigned, b"{}"), {KEY: SECRET}, NOW)


def test_an_unsigned_payload_hash_header_added_after_signing_is_refused() -> None:
    original = b'{"virtualInterfaceId": "dxvif-aaaaaaaa"}'
    headers = sign_only({"Host": "dx.example.com", "X-Amz-Target": "OvertureService.DeleteVirtualInterface"},
                        original)
    headers["X-Amz-Content-Sha256"] = hashlib.sha256(original).hexdigest()
    with pytest.raises(InvalidSignatureException) as caught:
        verify(Request("POST", "/", "", headers, b'{"virtualInterfaceId": "dxvif-bbbbbbbb"}'), {KEY: SECRET}, NOW)
    assert caught.value.message == "'X-Amz-Content-Sha256' must be a 'SignedHeader' in the AWS Authorization."


def test_the_operation_must_be_signed() -> None:
    # Signed over host and the date alone, the operation could be changed at will.
    headers = sign_only({"Host": "dx.example.com"})
    headers["X-Amz-Target"] = "OvertureService.DeleteConnection"
    with pytest.raises(InvalidSignatureException) as caught:
        verify(Request("POST", "/", "", headers, b"{}"), {KEY: SECRET}, NOW)
    assert caught.value.message == "'X-Amz-Target' must be a 'SignedHeader' in the AWS Authorization."
    assert caught.value.status == 403


def test_host_must_be_signed() -> None:
    request = signed()
    authorization = request.headers["Authorization"].replace("SignedHeaders=content-type;host;", "SignedHeaders="
                                                              "content-type;")
    with pytest.raises(InvalidSignatureException) as caught:
        verify(with_headers(request, Authorization=authorization), {KEY: SECRET}, NOW)
    assert caught.value.message == "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."


@pytest.mark.parametrize("signed_token", [True, False])
def test_a_security_token_is_refused_signed_or_not(signed_token: bool) -> None:
    # The endpoint issues no session credentials, so no token can be verified: refused, not ignored.
    token = {"X-Amz-Security-Token": "FwoGZXIvYXdzEXAMPLE"}
    headers = sign_only({"Host": "dx.example.com", "X-Amz-Target": "OvertureService.DescribeConnections",
                         **(token if signed_token else {})})
    headers.update(token)
    with pytest.raises(UnrecognizedClientException) as caught:
        verify(Request("POST", "/", "", headers, b"{}"), {KEY: SECRET}, NOW)
    assert caught.value.message == "The security token included in the request is invalid."


@pytest.mark.parametrize("region", ["x" * 3000, "EU-WEST-1", "eu_west_1", "moon"])
def test_the_scope_must_name_a_region(region: str) -> None:
    request = signed()
    authorization = request.headers["Authorization"].replace("/eu-west-1/", f"/{region}/")
    with pytest.raises(InvalidSignatureException) as caught:
        verify(with_headers(request, Authorization=authorization), {KEY: SECRET}, NOW)
    assert caught.value.message == "Credential should be scoped to a valid region."


def test_a_changed_path_or_query_does_not_verify() -> None:
    request = signed()
    for changed in (Request("POST", "/other/", request.query, request.headers, request.body),
                    Request("POST", request.path, "b=3&a=1", request.headers, request.body)):
        with pytest.raises(InvalidSignatureException, match="does not match the signature you provided"):
            verify(changed, {KEY: SECRET}, NOW)
