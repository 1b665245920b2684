"""ASN precedence and ranges; auth key lengths and generation."""

from __future__ import annotations

import re

import pytest

from dx_emulator.domain import asns
from dx_emulator.domain.auth_keys import auth_key_for
from dx_emulator.errors import ClientException

from .domain_support import ctx


@pytest.mark.parametrize(("asn", "asn_long", "resolved"), [
    (1, None, 1), (65535, None, 65535), (131_072, None, 131_072), (2_147_483_646, None, 2_147_483_646),
    (None, 4_294_967_294, 4_294_967_294), (65000, 64999, 64999), (99_999_999_999, 7, 7),
])
def test_resolve(asn: int | None, asn_long: int | None, resolved: int) -> None:
    assert asns.resolve_asn(asn, asn_long) == resolved


@pytest.mark.parametrize(("asn", "asn_long", "message"), [
    (None, None, "An ASN is required"),
    (-94_967_296, None, "BGP ASN -94967296 must have value greater than or equal to 1"),
    (2_147_483_647, None, r"BGP ASN 2147483647 is out of range for asn \(1-2147483646\): use asnLong"),
    (None, 0, r"BGP ASN 0 must be between 1 and 4294967294 \(asnLong\)"),
    (None, 4_294_967_295, "BGP ASN 4294967295 must be between 1 and 4294967294"),
])
def test_refuse(asn: int | None, asn_long: int | None, message: str) -> None:
    with pytest.raises(ClientException, match=message):
        asns.resolve_asn(asn, asn_long)


@pytest.mark.parametrize(("asn", "private"), [
    (64511, False), (64512, True), (65534, True), (65535, False),
    (4_199_999_999, False), (4_200_000_000, True), (4_294_967_294, True),
])
def test_private_ranges(asn: int, private: bool) -> None:
    assert asns.is_private(asn) is private


def test_shown_fields() -> None:
    # AWS: an ASN that fits asn shows in both members; one that does not, in asnLong with asn 0.
    assert asns.as_fields(65535) == (65535, 65535)
    assert asns.as_fields(131_072) == (131_072, 131_072)
    assert asns.as_fields(2_147_483_646) == (2_147_483_646, 2_147_483_646)
    assert asns.as_fields(2_147_483_647) == (0, 2_147_483_647)


def test_generated_keys_have_aws_shape_and_differ() -> None:
    context = ctx()
    keys = {auth_key_for(None, context) for _ in range(50)}
    assert len(keys) == 50
    assert all(re.fullmatch(r"0x[A-Za-z0-9_-]{22}", key) for key in keys)


def test_key_length_message_does_not_echo_the_key() -> None:
    with pytest.raises(ClientException) as caught:
        auth_key_for("s3cr3", ctx())
    assert "s3cr3" not in caught.value.message
