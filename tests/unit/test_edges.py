"""The small pieces at the edges: scope parsing, settings, typed inputs, API Gateway events."""

from __future__ import annotations

import base64

import pytest

from dx_emulator.config import Settings
from dx_emulator.errors import SerializationException
from dx_emulator.local.events import http_api_event
from dx_emulator.operations.inputs import Members
from dx_emulator.protocol.wire import event_body
from dx_emulator.scope import Scope, scope_from_authorization

SIGNED = ("AWS4-HMAC-SHA256 Credential={key}/20261125/{region}/directconnect/aws4_request, "
          "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=abc")


@pytest.mark.parametrize(("header", "scope"), [
    (SIGNED.format(key="210987654321", region="eu-west-1"), Scope("210987654321", "eu-west-1")),
    (SIGNED.format(key="AKIAIOSFODNN7EXAMPLE", region="ap-south-1"), Scope("123456789012", "ap-south-1")),
    (SIGNED.format(key="1234567890123", region="us-west-2"), Scope("123456789012", "us-west-2")),
    (None, Scope("123456789012", "us-east-1")),
    ("Bearer token", Scope("123456789012", "us-east-1")),
])
def test_scope(header: str | None, scope: Scope) -> None:
    assert scope_from_authorization(header, "123456789012", "us-east-1") == scope


def test_settings_treat_empty_strings_as_unset() -> None:
    settings = Settings.from_environment({"AWS_ENDPOINT_URL_DYNAMODB": "", "DX_EMULATOR_TABLE": "",
                                          "DX_EMULATOR_PUBLIC_ASN_ALLOW_LIST": "7224, 16509"})
    assert settings.dynamodb_endpoint is None
    assert settings.table_name == "dx-emulator"
    assert settings.public_asn_allow_list == frozenset({7224, 16509})
    with pytest.raises(ValueError, match="comma-separated ASNs"):
        Settings.from_environment({"DX_EMULATOR_PUBLIC_ASN_ALLOW_LIST": "7224;16509"})


@pytest.mark.parametrize(("value", "getter", "message"), [
    (1.5, "integer", "x must be an integer"),
    (2**31, "integer", "x is out of range for its type"),
    (2**63, "long", "x is out of range for its type"),
    ("true", "boolean", "x must be a boolean"),
    ({"a": 1}, "string", "x must be a string"),
])
def test_typed_inputs(value: object, getter: str, message: str) -> None:
    with pytest.raises(SerializationException, match=message):
        getattr(Members({"x": value}), getter)("x")


def test_events_encode_bodies_as_api_gateway_does() -> None:
    binary = http_api_event("POST", "/?a=1", [("Content-Type", "application/x-amz-json-1.1"), ("X-A", "1")], b"{}")
    assert binary["isBase64Encoded"] is True
    assert base64.b64decode(binary["body"]) == b"{}"
    assert event_body(binary) == b"{}"
    assert binary["headers"] == {"content-type": "application/x-amz-json-1.1", "x-a": "1"}
    assert (binary["rawPath"], binary["rawQueryString"]) == ("/", "a=1")
    text = http_api_event("POST", "/", [("Content-Type", "application/json")], b'{"a": 1}')
    assert (text["isBase64Encoded"], text["body"]) == (False, '{"a": 1}')
    assert event_body(text) == b'{"a": 1}'
