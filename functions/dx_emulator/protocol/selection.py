"""Which wire protocol a request speaks, from its path alone, so even a malformed request is answered
in the protocol its client will parse."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import DirectConnectError
from . import cbor_protocol, json_protocol
from .wire import Decoded, Encoded


@dataclass(frozen=True, slots=True)
class WireProtocol:
    name: str
    decode: Callable[[str, Mapping[str, str], bytes], Decoded]
    encode_result: Callable[[Mapping[str, Any]], Encoded]
    encode_error: Callable[[DirectConnectError], Encoded]


JSON = WireProtocol("json", json_protocol.decode, json_protocol.encode_result, json_protocol.encode_error)
CBOR = WireProtocol("rpc-v2-cbor", cbor_protocol.decode, cbor_protocol.encode_result, cbor_protocol.encode_error)


def protocol_for(path: str) -> WireProtocol:
    return CBOR if cbor_protocol.handles(path) else JSON
