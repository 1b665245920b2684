"""Verifying AWS Signature Version 4 on incoming requests, for hosted endpoints that only let the
team in. API Gateway's own IAM auth cannot do it: SDKs sign for service ``directconnect``, API
Gateway demands ``execute-api``.

The expected signature is recomputed by botocore's own ``SigV4Auth`` (the signer every Python
client uses) over the received method, path, query, the headers the client lists in
``SignedHeaders`` and the SHA-256 of the body *as received*. A request whose signature would not
cover what the emulator acts on is refused before any signature is computed: ``host`` and every
``x-amz-*`` header sent (the operation in ``X-Amz-Target``, the date, the payload hash, a security
token) must be signed, and a ``X-Amz-Content-Sha256`` header must be the body's hash. Errors are
AWS's own shapes and words.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, quote, unquote

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from ..errors import (
    IncompleteSignatureException,
    InvalidSignatureException,
    MissingAuthenticationTokenException,
    UnrecognizedClientException,
    XAmzContentSHA256Mismatch,
)
from ..protocol.wire import header
from ..records import record
from ..scope import valid_region

ALGORITHM = "AWS4-HMAC-SHA256"
SERVICE = "directconnect"
MAX_SKEW = timedelta(minutes=5)  # AWS's allowed clock difference
_AUTHORIZATION = re.compile(
    r"AWS4-HMAC-SHA256\s+Credential=(?P<key>[^/,\s]{1,128})/(?P<date>\d{8})/(?P<region>[^/,\s]+)"
    r"/(?P<service>[^/,\s]{1,64})/aws4_request,\s*SignedHeaders=(?P<headers>[a-z0-9;._-]{1,1024}),"
    r"\s*Signature=(?P<signature>[0-9a-f]{64})\s*$"
)
_TIME_FORMAT = "%Y%m%dT%H%M%SZ"


INVALID_TOKEN = "The security token included in the request is invalid."  # noqa: S105 - AWS's message
MISMATCH = ("The request signature we calculated does not match the signature you provided. Check your AWS "
            "Secret Access Key and signing method. Consult the service documentation for details.")


@record
class Signed:
    """Who signed a request that verified."""

    access_key_id: str
    region: str


@record
class Request:
    method: str
    path: str
    query: str
    headers: Mapping[str, str]
    body: bytes


def _request_time(request: Request) -> tuple[str, datetime]:
    stamp = header(request.headers, "X-Amz-Date")
    if stamp is None:
        raise IncompleteSignatureException("Authorization header requires existence of either a 'X-Amz-Date' or "
                                           "a 'Date' header.")
    try:
        return stamp, datetime.strptime(stamp, _TIME_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        raise IncompleteSignatureException(f"X-Amz-Date {stamp[:32]} is not in the form YYYYMMDDTHHMMSSZ") from None


def _check_time(stamp: str, moment: datetime, now: datetime) -> None:
    if moment < now - MAX_SKEW:
        raise InvalidSignatureException(f"Signature expired: {stamp} is now earlier than "
                                        f"{(now - MAX_SKEW).strftime(_TIME_FORMAT)} "
                                        f"({now.strftime(_TIME_FORMAT)} - 5 min.)")
    if moment > now + MAX_SKEW:
        raise InvalidSignatureException(f"Signature not yet current: {stamp} is still later than "
                                        f"{(now + MAX_SKEW).strftime(_TIME_FORMAT)} "
                                        f"({now.strftime(_TIME_FORMAT)} + 5 min.)")


def _check_coverage(request: Request, signed_headers: list[str]) -> None:
    """What the emulator acts on must be under the signature: otherwise a captured request could
    be replayed with another operation or another body."""
    if "host" not in signed_headers:
        raise InvalidSignatureException("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.")
    for name in request.headers:
        lowered = name.lower()
        # CloudFront adds X-Amz-Cf-Id on its way to an origin; the emulator never reads it.
        if lowered.startswith("x-amz-") and lowered != "x-amz-cf-id" and lowered not in signed_headers:
            shown = "-".join(part.capitalize() for part in lowered.split("-"))  # front ends lowercase names
            raise InvalidSignatureException(f"'{shown}' must be a 'SignedHeader' in the AWS Authorization.")
    for name in signed_headers:
        if header(request.headers, name) is None:
            raise IncompleteSignatureException(f"Signed header {name} is missing from the request")


def _check_payload(request: Request) -> None:
    claimed = header(request.headers, "X-Amz-Content-Sha256")
    # UNSIGNED-PAYLOAD (S3's streaming shortcut) would leave the body outside the signature.
    if claimed is not None and claimed != hashlib.sha256(request.body).hexdigest():
        raise XAmzContentSHA256Mismatch("The provided 'x-amz-content-sha256' header does not match what was "
                                        "computed.")


def _expected_signature(request: Request, signed_headers: list[str], signer: SigV4Auth, stamp: str,
                        query: str | None = None) -> str:
    headers = {name: header(request.headers, name) or "" for name in signed_headers}
    # The path as it arrived, encoded once, whatever the front end decoded; botocore encodes it once
    # more, as every SDK signs non-S3 paths.
    path = quote(unquote(request.path or "/"), safe="/~")
    query = request.query if query is None else query
    url = f"https://{headers['host']}{path}" + (f"?{query}" if query else "")
    aws_request = AWSRequest(method=request.method.upper(), url=url, data=request.body, headers=headers)
    aws_request.context["timestamp"] = stamp
    canonical = signer.canonical_request(aws_request)
    return str(signer.signature(signer.string_to_sign(aws_request, canonical), aws_request))


def verify(request: Request, secrets: Mapping[str, str], now: datetime, service: str = SERVICE) -> Signed:
    """The signer, or the error AWS would answer. ``secrets`` maps access key ids to secret keys;
    ``service`` is the one the request must be signed for (``directconnect``, or ``sts``)."""
    authorization = header(request.headers, "Authorization")
    if not authorization:
        raise MissingAuthenticationTokenException("Missing Authentication Token")
    match = _AUTHORIZATION.match(authorization)
    if match is None:
        raise IncompleteSignatureException(
            "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters in the "
            f"form {ALGORITHM} Credential=KEY/DATE/REGION/{SERVICE}/aws4_request, SignedHeaders=..., Signature=..."
        )
    if match["service"] != service:
        raise InvalidSignatureException(f"Credential should be scoped to correct service: '{service}'.")
    if not valid_region(match["region"]):
        raise InvalidSignatureException("Credential should be scoped to a valid region.")
    secret = secrets.get(match["key"])
    # The endpoint issues no session credentials: a token it cannot verify is refused, not ignored.
    if secret is None or header(request.headers, "X-Amz-Security-Token") is not None:
        raise UnrecognizedClientException(INVALID_TOKEN)
    stamp, moment = _request_time(request)
    _check_time(stamp, moment, now)
    if not stamp.startswith(match["date"]):
        raise InvalidSignatureException("Date in Credential scope does not match YYYYMMDD from X-Amz-Date.")
    signed_headers = match["headers"].split(";")
    _check_coverage(request, signed_headers)
    _check_payload(request)
    signer = SigV4Auth(Credentials(match["key"], secret), service, match["region"])
    expected = _expected_signature(request, signed_headers, signer, stamp)
    if not hmac.compare_digest(expected, match["signature"]):
        raise InvalidSignatureException(MISMATCH)
    return Signed(match["key"], match["region"])


MAX_PRESIGNED_EXPIRY = 3600  # a dashboard link lives an hour at most [choice: AWS allows 7 days]
_CREDENTIAL = re.compile(r"(?P<key>[^/]{1,128})/(?P<date>\d{8})/(?P<region>[^/]+)/(?P<service>[^/]{1,64})/aws4_request")


def presigned(query: str) -> bool:
    """Whether a request carries SigV4 query authentication (a presigned URL) instead of a header."""
    return "X-Amz-Signature=" in query


def verify_presigned(request: Request, secrets: Mapping[str, str], now: datetime, service: str = SERVICE) -> Signed:
    """A presigned URL's signer (SigV4 query authentication, as botocore's SigV4QueryAuth makes it),
    or the error AWS would answer: the link must be signed for ``service``, unexpired, and signed over
    ``host``; it may live at most ``MAX_PRESIGNED_EXPIRY`` seconds."""
    params = dict(parse_qsl(request.query, keep_blank_values=True))
    credential = _CREDENTIAL.fullmatch(params.get("X-Amz-Credential", ""))
    if params.get("X-Amz-Algorithm") != ALGORITHM or credential is None:
        raise IncompleteSignatureException("A presigned URL needs X-Amz-Algorithm=AWS4-HMAC-SHA256 and an "
                                           "X-Amz-Credential of KEY/DATE/REGION/SERVICE/aws4_request")
    if credential["service"] != service:
        raise InvalidSignatureException(f"Credential should be scoped to correct service: '{service}'.")
    if not valid_region(credential["region"]):
        raise InvalidSignatureException("Credential should be scoped to a valid region.")
    secret = secrets.get(credential["key"])
    if secret is None or "X-Amz-Security-Token" in params:
        raise UnrecognizedClientException(INVALID_TOKEN)
    stamp = params.get("X-Amz-Date", "")
    try:
        moment = datetime.strptime(stamp, _TIME_FORMAT).replace(tzinfo=UTC)
        expires = int(params.get("X-Amz-Expires", ""))
    except ValueError:
        raise IncompleteSignatureException("X-Amz-Date must be YYYYMMDDTHHMMSSZ and X-Amz-Expires seconds") from None
    if not 0 < expires <= MAX_PRESIGNED_EXPIRY:
        raise InvalidSignatureException(f"X-Amz-Expires must be between 1 and {MAX_PRESIGNED_EXPIRY} seconds")
    if moment > now + MAX_SKEW:
        raise InvalidSignatureException(f"Signature not yet current: {stamp} is still later than "
                                        f"{(now + MAX_SKEW).strftime(_TIME_FORMAT)}")
    if now > moment + timedelta(seconds=expires):
        raise InvalidSignatureException(f"Signature expired: {stamp} + {expires} s is now earlier than "
                                        f"{now.strftime(_TIME_FORMAT)}. Ask for a new link.")
    if not stamp.startswith(credential["date"]):
        raise InvalidSignatureException("Date in Credential scope does not match YYYYMMDD from X-Amz-Date.")
    signed_headers = params.get("X-Amz-SignedHeaders", "").split(";")
    if "host" not in signed_headers or any(header(request.headers, name) is None for name in signed_headers):
        raise InvalidSignatureException("'Host' must be a 'SignedHeader' in the presigned URL.")
    # The query as it arrived (botocore canonicalises the encoded pairs as they are), less the signature.
    unsigned = "&".join(pair for pair in request.query.split("&") if not pair.startswith("X-Amz-Signature="))
    signer = SigV4Auth(Credentials(credential["key"], secret), service, credential["region"])
    expected = _expected_signature(request, signed_headers, signer, stamp, unsigned)
    if not hmac.compare_digest(expected, params.get("X-Amz-Signature", "")):
        raise InvalidSignatureException(MISMATCH)
    return Signed(credential["key"], credential["region"])


def presigned_key(query: str) -> tuple[str, str] | None:
    """The access key id and region a presigned URL names (unverified: for open endpoints)."""
    credential = _CREDENTIAL.fullmatch(dict(parse_qsl(query, keep_blank_values=True)).get("X-Amz-Credential", ""))
    return None if credential is None else (credential["key"], credential["region"])
