"""Which wire protocol a request speaks, from its path and headers alone, so even a malformed
request is answered in the protocol its client will parse."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..errors import DirectConnectError
from ..records import record
from . import admin_protocol, cbor_protocol, json_protocol, query_protocol
from .wire import Decoded, Encoded


@record
class WireProtocol:
    """A wire protocol: how its requests are read and its answers and errors written."""

    name: str
    signing_name: str  # the service a request is signed for
    decode: Callable[[str, str, str, Mapping[str, str], bytes], Decoded]  # method, path, query, headers, body
    encode_result: Callable[[Mapping[str, Any], str], Encoded]
    encode_error: Callable[[DirectConnectError, str], Encoded]


JSON = WireProtocol("json", "directconnect", json_protocol.decode, json_protocol.encode_result,
                    json_protocol.encode_error)
CBOR = WireProtocol("rpc-v2-cbor", "directconnect", cbor_protocol.decode, cbor_protocol.encode_result,
                    cbor_protocol.encode_error)
QUERY = WireProtocol("query", query_protocol.SERVICE, query_protocol.decode, query_protocol.encode_result,
                     query_protocol.encode_error)
ADMIN = WireProtocol("admin", "directconnect", admin_protocol.decode, admin_protocol.encode_result,
                     admin_protocol.encode_error)


def protocol_for(path: str, headers: Mapping[str, str]) -> WireProtocol:
    if admin_protocol.handles(path):
        return ADMIN
    if cbor_protocol.handles(path):
        return CBOR
    return QUERY if query_protocol.handles(headers) else JSON
