"""Resiliency groups' ``clientToken``: a token names one request per account and region for a day
[choice]. The same token with the same parameters answers as the first request did; with other
parameters (or in another operation) it is refused. Its record is an item keyed by the token, written
in the same commit as the group it acted on."""

from __future__ import annotations

import hashlib
import json

from ..errors import ClientException
from ..records import record
from .context import Context
from .stored import Expiring

MAX_TOKEN = 128
TOKEN_LIFETIME = 86_400.0  # [choice: a day]


@record
class ResiliencyClientToken(Expiring):
    """What a clientToken named: the request (by fingerprint) and the group it acted on."""

    owner_account: str
    region: str
    client_token: str
    fingerprint: str
    resiliency_group_id: str

    @property
    def resource_id(self) -> str:
        return self.client_token


def checked_token(value: str | None) -> str | None:
    if value is not None and not 1 <= len(value) <= MAX_TOKEN:
        raise ClientException(f"clientToken must be 1 to {MAX_TOKEN} characters long")
    return value


def fingerprint(operation: str, *parameters: object) -> str:
    """What makes two requests with one clientToken the same request."""
    text = json.dumps([operation, *parameters], sort_keys=True, default=list)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def token_record(token: str, print_: str, group_id: str, ctx: Context,
                 earlier: ResiliencyClientToken | None) -> ResiliencyClientToken:
    """The record of a token's first use (over an expired one's item, whose version it keeps)."""
    return ResiliencyClientToken(ctx.account, ctx.region, token, print_, group_id, expires_at=ctx.now + TOKEN_LIFETIME,
                                 version=None if earlier is None else earlier.version)


def used_token(record: ResiliencyClientToken | None, print_: str, now: float) -> ResiliencyClientToken | None:
    """The record if this request was already made with its token; a token used for another request
    is refused [choice of words: AWS documents none]."""
    if record is None or (record.expires_at is not None and record.expires_at <= now):
        return None
    if record.fingerprint != print_:
        raise ClientException(f"Client token {record.client_token} was already used for a different request: use a "
                              "new clientToken for a new request")
    return record
