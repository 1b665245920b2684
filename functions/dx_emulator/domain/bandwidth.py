"""Bandwidths as AWS writes them ("50Mbps", "1.2Gbps", "1Tbps"), VIF rate limits, billing modes."""

from __future__ import annotations

import re

from ..errors import ClientException
from ..records import record

_BANDWIDTH = re.compile(r"(\d+(?:\.\d+)?)(Mbps|Gbps|Tbps)")
_UNIT_MBPS = {"Mbps": 1, "Gbps": 1000, "Tbps": 1_000_000}

# The rate limits a VIF may take [doc: VirtualInterface.rateLimit in the service model].
RATE_LIMITS = frozenset((
    "50Mbps", "100Mbps", "200Mbps", "300Mbps", "400Mbps", "500Mbps", "600Mbps", "700Mbps", "800Mbps",
    "900Mbps", "1Gbps", "1.2Gbps", "1.5Gbps", "1.8Gbps", "2Gbps", "2.1Gbps", "2.4Gbps", "2.7Gbps", "3Gbps",
    "3.2Gbps", "3.6Gbps", "4Gbps", "5Gbps", "6Gbps", "7Gbps", "8Gbps", "9Gbps", "10Gbps", "12Gbps", "15Gbps",
    "18Gbps", "20Gbps", "21Gbps", "24Gbps", "27Gbps", "30Gbps", "32Gbps", "36Gbps", "40Gbps", "50Gbps",
    "60Gbps", "70Gbps", "80Gbps", "100Gbps", "120Gbps", "150Gbps", "180Gbps", "200Gbps", "210Gbps", "240Gbps",
    "270Gbps", "300Gbps", "320Gbps", "360Gbps", "400Gbps", "450Gbps", "480Gbps", "500Gbps", "540Gbps",
    "600Gbps", "700Gbps", "800Gbps", "900Gbps", "1Tbps", "1.1Tbps", "1.2Tbps", "1.3Tbps", "1.4Tbps",
    "1.5Tbps", "1.6Tbps",
))
# What a request may ask for; the port-pair tiers appear only in answers [doc].
BILLING_MODES = ("PayAsYouGo", "FlatRateTier1", "FlatRateTier2", "FlatRateTier3", "FlatRateTier4", "FlatRateTier5")
# AWS documents no bound on a VIF's inbound prefix allocation beyond min 0; its announcement speaks
# of up to 1,000 prefixes per family per VIF [seen] [choice].
MAX_PREFIX_POOL = 1000


def mbps(bandwidth: str) -> float:
    match = _BANDWIDTH.fullmatch(bandwidth)
    if match is None:
        raise ValueError(bandwidth)
    return float(match[1]) * _UNIT_MBPS[match[2]]


def checked_rate_limit(rate_limit: str | None, parent_mbps: float, parent_id: str) -> str | None:
    if rate_limit is None:
        return None
    if rate_limit not in RATE_LIMITS:
        raise ClientException(f"rateLimit {rate_limit} is not a supported bandwidth value (50Mbps to 1.6Tbps)")
    if mbps(rate_limit) > parent_mbps:
        raise ClientException(f"rateLimit {rate_limit} exceeds the bandwidth of {parent_id}")
    return rate_limit


def checked_billing_mode(billing_mode: str | None) -> str | None:
    if billing_mode is not None and billing_mode not in BILLING_MODES:
        raise ClientException(f"billingMode {billing_mode} is not valid: use one of {', '.join(BILLING_MODES)}")
    return billing_mode


def checked_prefix_pool(count: int | None, name: str) -> int | None:
    if count is not None and not 0 <= count <= MAX_PREFIX_POOL:
        raise ClientException(f"{name} must be 0 to {MAX_PREFIX_POOL}; {count} was given")
    return count


@record
class Ordering:
    """What a connection or LAG is ordered with besides its ports: who provides it, how it is billed."""

    provider_name: str | None = None
    billing_mode: str | None = None
    request_macsec: bool = False

    def checked(self) -> Ordering:
        checked_billing_mode(self.billing_mode)
        return self


# MACsec's encryption modes [doc: UpdateConnection.encryptionMode].
ENCRYPTION_MODES = ("no_encrypt", "should_encrypt", "must_encrypt")


def checked_encryption_mode(mode: str | None) -> str | None:
    if mode is not None and mode not in ENCRYPTION_MODES:
        raise ClientException(f"encryptionMode {mode} is not valid: use one of {', '.join(ENCRYPTION_MODES)}")
    return mode
