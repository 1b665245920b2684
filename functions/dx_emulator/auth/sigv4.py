"""Verifying AWS Signature Version 4 on incoming requests, for hosted endpoints that only let the
team in. API Gateway's own IAM auth cannot do it: SDKs sign for service ``directconnect``, API
Gateway demands ``execute-api``.

The canonical request is rebuilt from exactly the headers the client lists in ``SignedHeaders``
(whatever its SDK chose to sign), the raw path and query, and the body's SHA-256. Errors are
AWS's own shapes and words.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, quote

from ..errors import DirectConnectError
from ..protocol.wire import header

ALGORITHM = "AWS4-HMAC-SHA256"
SERVICE = "directconnect"
MAX_SKEW = timedelta(minutes=5)  # AWS's allowed clock difference
_AUTHORIZATION = re.compile(
    r"AWS4-HMAC-SHA256\s+Credential=(?P<key>[^/,\s]+)/(?P<date>\d{8})/(?P<region>[^/,\s]+)/(?P<service>[^/,\s]+)"
    r"/aws4_request,\s*SignedHeaders=(?P<headers>[a-z0-9;._-]+),\s*Signature=(?P<signature>[0-9a-f]{64})\s*$"
)


class MissingAuthenticationTokenException(DirectConnectError):
    code = "MissingAuthenticationTokenException"
    status = 403


class IncompleteSignatureException(DirectConnectError):
    code = "IncompleteSignatureException"
    status = 400


class UnrecognizedClientException(DirectConnectError):
    code = "UnrecognizedClientException"
    status = 403


class InvalidSignatureException(DirectConnectError):
    code = "InvalidSignatureException"
    status = 403


@dataclass(frozen=True, slots=True)
class Signed:
    """Who signed a request that verified."""

    access_key_id: str
    region: str


@dataclass(frozen=True, slots=True)
class Request:
    method: str
    path: str
    query: str
    headers: Mapping[str, str]
    body: bytes


def _canonical_query(query: str) -> str:
    pairs = sorted((quote(k, safe="-_.~"), quote(v, safe="-_.~")) for k, v in parse_qsl(query, keep_blank_values=True))
    return "&".join(f"{k}={v}" for k, v in pairs)


def _canonical_request(request: Request, signed_headers: list[str]) -> str:
    lines = []
    for name in signed_headers:
        value = header(request.headers, name)
        if value is None:
            raise IncompleteSignatureException(f"Signed header {name} is missing from the request")
        lines.append(f"{name}:{' '.join(value.split())}\n")
    payload = header(request.headers, "X-Amz-Content-Sha256") or hashlib.sha256(request.body).hexdigest()
    # Services other than S3 encode the path's segments once more (as every SDK signs them).
    path = quote(quote(request.path or "/", safe="/~"), safe="/~")
    return "\n".join([request.method.upper(), path, _canonical_query(request.query), "".join(lines),
                      ";".join(signed_headers), payload])


def _signature(secret: str, date: str, region: str, string_to_sign: str) -> str:
    key = f"AWS4{secret}".encode()
    for part in (date, region, SERVICE, "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    return hmac.new(key, string_to_sign.encode(), hashlib.sha256).hexdigest()


def _request_time(request: Request) -> tuple[str, datetime]:
    stamp = header(request.headers, "X-Amz-Date")
    if stamp is None:
        raise IncompleteSignatureException("Authorization header requires existence of either a 'X-Amz-Date' or "
                                           "a 'Date' header.")
    try:
        return stamp, datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    except ValueError:
        raise IncompleteSignatureException(f"X-Amz-Date {stamp} is not in the form YYYYMMDDTHHMMSSZ") from None


def verify(request: Request, secrets: Mapping[str, str], now: datetime) -> Signed:
    """The signer, or the error AWS would answer. ``secrets`` maps access key ids to secret keys."""
    authorization = header(request.headers, "Authorization")
    if not authorization:
        raise MissingAuthenticationTokenException("Missing Authentication Token")
    match = _AUTHORIZATION.match(authorization)
    if match is None:
        raise IncompleteSignatureException(
            "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters in the "
            f"form {ALGORITHM} Credential=KEY/DATE/REGION/{SERVICE}/aws4_request, SignedHeaders=..., Signature=..."
        )
    if match["service"] != SERVICE:
        raise InvalidSignatureException(f"Credential should be scoped to correct service: '{SERVICE}'.")
    secret = secrets.get(match["key"])
    if secret is None:
        raise UnrecognizedClientException("The security token included in the request is invalid.")
    stamp, moment = _request_time(request)
    if moment < now - MAX_SKEW:
        earliest = (now - MAX_SKEW).strftime("%Y%m%dT%H%M%SZ")
        raise InvalidSignatureException(f"Signature expired: {stamp} is now earlier than {earliest} "
                                        f"({now.strftime('%Y%m%dT%H%M%SZ')} - 5 min.)")
    if moment > now + MAX_SKEW:
        latest = (now + MAX_SKEW).strftime("%Y%m%dT%H%M%SZ")
        raise InvalidSignatureException(f"Signature not yet current: {stamp} is still later than {latest} "
                                        f"({now.strftime('%Y%m%dT%H%M%SZ')} + 5 min.)")
    if not stamp.startswith(match["date"]):
        raise InvalidSignatureException("Date in Credential scope does not match YYYYMMDD from X-Amz-Date.")
    signed_headers = match["headers"].split(";")
    canonical = _canonical_request(request, signed_headers)
    scope = f"{match['date']}/{match['region']}/{SERVICE}/aws4_request"
    string_to_sign = "\n".join([ALGORITHM, stamp, scope, hashlib.sha256(canonical.encode()).hexdigest()])
    if not hmac.compare_digest(_signature(secret, match["date"], match["region"], string_to_sign),
                               match["signature"]):
        raise InvalidSignatureException(
            "The request signature we calculated does not match the signature you provided. Check your AWS "
            "Secret Access Key and signing method. Consult the service documentation for details."
        )
    return Signed(match["key"], match["region"])
