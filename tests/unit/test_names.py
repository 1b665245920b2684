"""Account ids and region names, as every layer checks them (domain/names.py)."""

from __future__ import annotations

import pytest

from dx_emulator.domain.names import is_account, is_region


@pytest.mark.parametrize(("value", "expected"), [
    ("111122223333", True), ("11112222333", False), ("1111222233334", False), (111122223333, False),
    ("١١١١٢٢٢٢٣٣٣٣", False),  # twelve Arabic-Indic digits: "\d" would take them
    ("11112222333a", False),
])
def test_an_account_id_is_twelve_ascii_digits(value: object, expected: bool) -> None:
    assert is_account(value) is expected


@pytest.mark.parametrize(("value", "expected"), [
    ("us-east-1", True), ("eu-central-2", True), ("us-gov-west-1", True), ("us-isob-east-1", True),
    ("useast1", False), ("us-east", False), ("US-EAST-1", False), ("moon-base-9x", False), (None, False),
])
def test_a_region_name_has_aws_form(value: object, expected: bool) -> None:
    assert is_region(value) is expected
