"""Which account and region a request acts in, read from its SigV4 credential scope.

``Authorization: AWS4-HMAC-SHA256 Credential=AKID/20261125/us-east-1/directconnect/aws4_request, ...``
The region is the scope's; the account is the access key id when that is 12 digits (moto's
convention, so tests pick an account by picking a key), otherwise the configured default.
The signature itself is not verified here (auth/sigv4.py does, when the endpoint is closed).
"""

from __future__ import annotations

import re

from .domain.names import is_account, is_region
from .errors import InvalidSignatureException
from .records import record

_CREDENTIAL = re.compile(r"Credential=([^/,\s]+)/\d{8}/([^/,\s]+)/[^/,\s]+/aws4_request")


def valid_region(region: str) -> bool:
    return is_region(region)


@record
class Scope:
    """The account and region a request acts in: the partition its resources live in."""

    account: str
    region: str

    @property
    def partition_key(self) -> str:
        return f"{self.account}#{self.region}"


def scope_from_authorization(header: str | None, default_account: str, default_region: str) -> Scope:
    match = _CREDENTIAL.search(header or "")
    if match is None:
        return Scope(default_account, default_region)
    access_key, region = match.groups()
    if not valid_region(region):
        raise InvalidSignatureException("Credential should be scoped to a valid region.")
    account = access_key if is_account(access_key) else default_account
    return Scope(account, region)
