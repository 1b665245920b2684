"""Autonomous system numbers: which field wins, which ranges are valid, which are private."""

from __future__ import annotations

from ..errors import ClientException

ASN_LONG_MAX = 4_294_967_294
# `asn` is a signed 32-bit member: AWS takes 1-2147483646 in it [doc], and answers it for any ASN
# in that range (Terraform sends 131072 in `asn`; AWS's answers carry such values) [seen].
ASN_MAX = 2_147_483_646
PRIVATE_RANGES = ((64_512, 65_534), (4_200_000_000, 4_294_967_294))


def resolve_asn(asn: int | None, asn_long: int | None) -> int:
    """The ASN a request asks for. AWS: "If you provide a value in the same API call for both asn
    and asnLong, the API will only accept the value for asnLong" [doc]."""
    if asn_long is not None:
        if not 1 <= asn_long <= ASN_LONG_MAX:
            raise ClientException(f"BGP ASN {asn_long} must be between 1 and {ASN_LONG_MAX} (asnLong)")
        return asn_long
    if asn is None:
        raise ClientException(f"An ASN is required: give asn (1-{ASN_MAX}) or asnLong (1-{ASN_LONG_MAX})")
    if asn < 1:
        # AWS's words, as old Terraform providers meet them when a 4-byte ASN overflows int32 [seen].
        raise ClientException(f"BGP ASN {asn} must have value greater than or equal to 1")
    if asn > ASN_MAX:
        raise ClientException(f"BGP ASN {asn} is out of range for asn (1-{ASN_MAX}): use asnLong")
    return asn


def is_private(asn: int) -> bool:
    return any(low <= asn <= high for low, high in PRIVATE_RANGES)


def as_fields(asn: int) -> tuple[int, int]:
    """(asn, asnLong) as AWS answers them: both for an ASN that fits ``asn``, else ``asn`` 0 [doc]."""
    return (asn if asn <= ASN_MAX else 0), asn
