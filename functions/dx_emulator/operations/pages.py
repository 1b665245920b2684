"""``maxResults`` and ``nextToken``, as the model defines them for every Describe/List operation.

A page is the items after the last one already returned, in a stable order (keyset paging), so
resources created or deleted between two calls never shift a page. The token is opaque to clients:
the last sort key returned, bound to the account, region, operation and filters it was issued for.
A token from another caller, another filter, or no token of ours at all is refused; it carries no
secret, so there is nothing to forge (a forged token could only page through the caller's own view).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar

from ..errors import ClientException
from ..records import record
from .call import Call

T = TypeVar("T")

# AWS: "If MaxResults is given a value larger than 100, only 100 results are returned."
PAGE_MAX = 100
MAX_TOKEN = 512
# Lambda answers at most 6 MB, and API Gateway passes CBOR base64-encoded (4/3 the size): a page
# ends before its items pass this many bytes of JSON, whatever maxResults asked [choice].
MAX_PAGE_BYTES = 4 * 1024 * 1024


@record
class PageRequest:
    size: int | None  # None: everything (the caller gave no maxResults and the operation allows it)
    after: str | None  # the sort key of the last item already returned
    binding: str  # what the token is valid for


# What ``str`` makes of a UTC datetime (views.py's timestamps), with and without microseconds:
# "2026-11-25 10:00:00.123456+00:00" and "2026-11-25 10:00:00+00:00". Only the length is measured.
_UTC_TIME = "0" * 32
_UTC_SECOND = "0" * 25


def _measured(value: object) -> str:
    """A value JSON has no type for, as the page's size is measured: ``str(value)``, or for a UTC
    datetime a stand-in of the same length, as formatting one costs ~2 µs (a third of measuring a
    connection) to count a length that depends only on its microseconds."""
    if type(value) is datetime and value.tzinfo is UTC:
        return _UTC_TIME if value.microsecond else _UTC_SECOND
    return str(value)


# json.dumps(..., default=_measured) as one encoder: the same text, but without the check for
# circular references (a view is a tree the operations build), ~8% of a page's measure.
_MEASURE = json.JSONEncoder(default=_measured, check_circular=False)


def _binding(call: Call, operation: str, filters: Sequence[object]) -> str:
    text = json.dumps([call.scope.account, call.scope.region, operation, *filters], default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _decode(token: str, binding: str) -> str:
    try:
        document = json.loads(base64.urlsafe_b64decode(token.encode("ascii") + b"=" * (-len(token) % 4)))
    except (ValueError, UnicodeError, binascii.Error):
        document = None
    if not isinstance(document, dict) or not isinstance(document.get("k"), str) or document.get("b") != binding:
        raise ClientException("The nextToken is not valid for this request: pass back a nextToken from the previous "
                              "answer to the same request")
    return str(document["k"])


def _encode(last_key: str, binding: str) -> str:
    raw = json.dumps({"b": binding, "k": last_key}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def page_request(call: Call, operation: str, *filters: object, default: int | None = None) -> PageRequest:
    """The page a request asks for; ``default`` is the page size without ``maxResults``."""
    size = call.params.integer("maxResults")
    if size is not None and size < 1:
        raise ClientException(f"maxResults must be at least 1; {size} was given")
    size = default if size is None else min(size, PAGE_MAX)
    binding = _binding(call, operation, filters)
    token = call.params.string("nextToken", max_length=MAX_TOKEN)
    return PageRequest(size, None if token is None else _decode(token, binding), binding)


def paged(items: Sequence[T], key: Callable[[T], str], request: PageRequest,
          render: Callable[[T], dict[str, Any]]) -> tuple[list[dict[str, Any]], str | None]:
    """The requested page of ``items`` (in ``key`` order) as ``render`` shows them, and the token for
    the next page if any. A page also ends before its answer would pass ``MAX_PAGE_BYTES``."""
    ordered = sorted(items, key=key)
    if request.after is not None:
        ordered = [item for item in ordered if key(item) > request.after]
    limit = len(ordered) if request.size is None else request.size
    views = [render(item) for item in ordered[:limit]]
    # Most pages are far below the bound: one measure of the whole page says so; only a page that
    # passes it is measured item by item, to end before the item that passes it.
    if len(_MEASURE.encode(views)) <= MAX_PAGE_BYTES:
        shown = views
    else:
        shown, size = [], 0
        for view in views:
            size += len(_MEASURE.encode(view))
            if shown and size > MAX_PAGE_BYTES:
                break
            shown.append(view)
    if len(shown) == len(ordered):
        return shown, None
    return shown, _encode(key(ordered[len(shown) - 1]), request.binding)


def page_of(member: str, items: Sequence[T], key: Callable[[T], str], request: PageRequest,
            render: Callable[[T], dict[str, Any]]) -> dict[str, Any]:
    """An answer ``{member: [...], "nextToken": ...}`` holding the requested page."""
    shown, token = paged(items, key, request, render)
    return {member: shown, **({"nextToken": token} if token is not None else {})}
