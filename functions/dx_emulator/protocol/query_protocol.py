"""The AWS Query protocol, for the one STS call clients make before anything else.

Terraform's AWS provider (and other tools) learn the caller's account from
``sts:GetCallerIdentity`` before building ARNs: ``POST /`` with the form body
``Action=GetCallerIdentity&Version=2011-06-15``, signed for service ``sts``, answered in XML. Serving
it on the emulator's own endpoint lets such a client point its STS endpoint here too.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qs

from ..errors import DirectConnectError, SerializationException
from .wire import Decoded, Encoded, header

CONTENT_TYPE = "text/xml"
FORM = "application/x-www-form-urlencoded"
NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/"
SERVICE = "sts"
# STS's own codes for what the emulator's signature check calls otherwise [seen: STS error answers].
STS_CODES = {
    "InvalidSignatureException": "SignatureDoesNotMatch",
    "UnrecognizedClientException": "InvalidClientTokenId",
    "IncompleteSignatureException": "IncompleteSignature",
    "MissingAuthenticationTokenException": "MissingAuthenticationToken",
}


def handles(headers: Mapping[str, str]) -> bool:
    content_type = header(headers, "Content-Type") or ""
    return content_type.startswith(FORM) and header(headers, "X-Amz-Target") is None


def decode(method: str, path: str, query: str, headers: Mapping[str, str], body: bytes) -> Decoded:
    try:
        form = parse_qs(body.decode("utf-8"), strict_parsing=bool(body), max_num_fields=50)
    except (UnicodeDecodeError, ValueError):
        raise SerializationException("The request body is not a form") from None
    action = form.get("Action", [""])[0]
    return Decoded(action, {name: values[0] for name, values in form.items() if name != "Action"}, SERVICE)


def _escape(text: str) -> str:
    # Imported here: only STS's calls use it, and xml.sax costs every cold start ~3 ms otherwise.
    from xml.sax.saxutils import escape  # noqa: PLC0415

    return escape(text)


def _element(name: str, value: Any) -> str:
    if isinstance(value, Mapping):
        inner = "".join(_element(child, member) for child, member in value.items())
        return f"<{name}>{inner}</{name}>"
    return f"<{name}>{_escape(str(value))}</{name}>"


def encode_result(result: Mapping[str, Any], request_id: str) -> Encoded:
    """``result`` is ``{"<Action>Result": {...}}``; the answer wraps it as ``<Action>Response``."""
    [(result_name, members)] = result.items()
    response = result_name.removesuffix("Result") + "Response"
    body = (f'<{response} xmlns="{NAMESPACE}">{_element(result_name, members)}'
            f"<ResponseMetadata><RequestId>{request_id}</RequestId></ResponseMetadata></{response}>")
    return Encoded(200, CONTENT_TYPE, body)


def encode_error(error: DirectConnectError, request_id: str) -> Encoded:
    code = STS_CODES.get(error.code, error.code)
    kind = "Receiver" if error.status >= 500 else "Sender"
    body = (f'<ErrorResponse xmlns="{NAMESPACE}"><Error><Type>{kind}</Type><Code>{code}</Code>'
            f"<Message>{_escape(error.message)}</Message></Error><RequestId>{request_id}</RequestId></ErrorResponse>")
    return Encoded(error.status, CONTENT_TYPE, body)
