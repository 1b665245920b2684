"""Presigned URLs (SigV4 query authentication, the dashboard's links): each refusal with AWS's code and
the message that says what is wrong, and botocore's own presigned URL verifying."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest
from botocore.auth import SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from dx_emulator.auth.sigv4 import Request, verify_presigned
from dx_emulator.errors import (
    IncompleteSignatureException,
    InvalidSignatureException,
    UnrecognizedClientException,
)

KEY, SECRET = "AKIDPRESIGNED0000001", "presigned/secret"
HOST = "dx.example.com"


def presigned(expires: int = 300, service: str = "directconnect", region: str = "us-east-1") -> tuple[str, datetime]:
    """A botocore presigned query for GET /_dx-emulator/dashboard, and when it was signed."""
    request = AWSRequest(method="GET", url=f"https://{HOST}/_dx-emulator/dashboard")
    SigV4QueryAuth(Credentials(KEY, SECRET), service, region, expires=expires).add_auth(request)
    query = urlsplit(request.url).query
    stamp = next(part.split("=", 1)[1] for part in query.split("&") if part.startswith("X-Amz-Date="))
    return query, datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)


def check(query: str, now: datetime, headers: dict[str, str] | None = None) -> str:
    request = Request("GET", "/_dx-emulator/dashboard", query, headers if headers is not None else {"host": HOST}, b"")
    return verify_presigned(request, {KEY: SECRET}, now).access_key_id


def refused(query: str, now: datetime, error: type[Exception], message: str,
            headers: dict[str, str] | None = None) -> None:
    with pytest.raises(error) as caught:
        check(query, now, headers)
    assert str(caught.value) == message


def test_botocores_presigned_url_verifies_until_it_expires() -> None:
    query, signed = presigned(expires=300)
    assert check(query, signed) == KEY
    assert check(query, signed + timedelta(seconds=300)) == KEY
    refused(query, signed + timedelta(seconds=301), InvalidSignatureException,
            f"Signature expired: {signed:%Y%m%dT%H%M%SZ} + 300 s is now earlier than "
            f"{signed + timedelta(seconds=301):%Y%m%dT%H%M%SZ}. Ask for a new link.")


def test_a_link_from_the_future_is_refused() -> None:
    query, signed = presigned()
    now = signed - timedelta(minutes=6)
    refused(query, now, InvalidSignatureException, f"Signature not yet current: {signed:%Y%m%dT%H%M%SZ} is still "
            f"later than {now + timedelta(minutes=5):%Y%m%dT%H%M%SZ}")


def test_a_link_lives_an_hour_at_most() -> None:
    query, signed = presigned(expires=3601)
    refused(query, signed, InvalidSignatureException, "X-Amz-Expires must be between 1 and 3600 seconds")


def test_what_the_link_is_signed_for_and_by() -> None:
    query, signed = presigned(service="execute-api")
    refused(query, signed, InvalidSignatureException, "Credential should be scoped to correct service: "
            "'directconnect'.")
    query, signed = presigned(region="nowhere")
    refused(query, signed, InvalidSignatureException, "Credential should be scoped to a valid region.")
    query, signed = presigned()
    refused(query.replace(KEY, "AKIDSOMEONEELSE00001"), signed, UnrecognizedClientException,
            "The security token included in the request is invalid.")
    refused(query + "&X-Amz-Security-Token=abc", signed, UnrecognizedClientException,
            "The security token included in the request is invalid.")


def test_malformed_links() -> None:
    query, signed = presigned()
    refused(query.replace("X-Amz-Algorithm=AWS4-HMAC-SHA256", "X-Amz-Algorithm=AWS4-HMAC-SHA1"), signed,
            IncompleteSignatureException, "A presigned URL needs X-Amz-Algorithm=AWS4-HMAC-SHA256 and an "
            "X-Amz-Credential of KEY/DATE/REGION/SERVICE/aws4_request")
    stamp = f"{signed:%Y%m%dT%H%M%SZ}"
    refused(query.replace(stamp, "yesterday"), signed, IncompleteSignatureException,
            "X-Amz-Date must be YYYYMMDDTHHMMSSZ and X-Amz-Expires seconds")
    scope_day = f"%2F{signed:%Y%m%d}%2F"
    refused(query.replace(scope_day, f"%2F{signed - timedelta(days=1):%Y%m%d}%2F"), signed,
            InvalidSignatureException, "Date in Credential scope does not match YYYYMMDD from X-Amz-Date.")
    refused(query, signed, InvalidSignatureException, "'Host' must be a 'SignedHeader' in the presigned URL.",
            headers={})
    refused(query.replace("X-Amz-Signature=", "X-Amz-Signature=0"), signed, InvalidSignatureException,
            "The request signature we calculated does not match the signature you provided. Check your AWS "
            "Secret Access Key and signing method. Consult the service documentation for details.")
