"""SigV4 verification against requests signed by botocore's own signer, and the malformed ones."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from dx_emulator.auth.sigv4 import (
    IncompleteSignatureException,
    InvalidSignatureException,
    MissingAuthenticationTokenException,
    Request,
    Signed,
    verify,
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
