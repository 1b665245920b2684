"""Autonomous system numbers: which field wins, which ranges are valid, which are private."""

from __future__ import annotations

from ..errors import ClientException

ASN_LONG_MAX = 4_294_967_294
TWO_BYTE_MAX = 65_535
PRIVATE_RANGES = ((64_512, 65_534), (4_200_000_000, 4_294_967_294))


def resolve_asn(asn: int | None, asn_long: int | None) -> int:
    """The ASN a request asks for.

    AWS: if both are given only ``asnLong`` counts; a 4-byte ASN in ``asn`` is an error. The
    model's older sentence allows ``asn`` up to 2147483646; we follow the newer rule and refuse
    anything above 65535 in ``asn`` with a pointer to ``asnLong`` [choice].
    """
    if asn_long is not None:
        if not 1 <= asn_long <= ASN_LONG_MAX:
            raise ClientException(f"asnLong {asn_long} is out of range: the valid range is 1-{ASN_LONG_MAX}")
        return asn_long
    if asn is None:
        raise ClientException("An ASN is required: give asn (1-65535) or asnLong (1-4294967294)")
    if TWO_BYTE_MAX < asn <= ASN_LONG_MAX:
        raise ClientException(f"ASN {asn} is a 4-byte ASN: use asnLong for ASNs above {TWO_BYTE_MAX}")
    if not 1 <= asn <= TWO_BYTE_MAX:
        raise ClientException(
            f"ASN {asn} is out of range: the valid range is 1-{TWO_BYTE_MAX} (asnLong: 1-{ASN_LONG_MAX})"
        )
    return asn


def is_private(asn: int) -> bool:
    return any(low <= asn <= high for low, high in PRIVATE_RANGES)


def as_fields(asn: int) -> tuple[int, int]:
    """(asn, asnLong) as AWS shows them: a 2-byte ASN in both, a 4-byte one only in asnLong."""
    return (asn if asn <= TWO_BYTE_MAX else 0), asn
