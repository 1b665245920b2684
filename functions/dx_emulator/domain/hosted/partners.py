"""Direct Connect partners and their customers' agreements.

Which accounts are partners is configuration: the deployment's list (``DX_EMULATOR_PARTNERS``, the
``Partners`` template parameter, ``serve --partners``) or the account's own world document
(``"nniPartnerType": "v1"``). AWS's partner types [doc: DescribeCustomerMetadata.nniPartnerType]:
``v1`` allocates sub-gigabit hosted connections (50 to 500 Mbps); ``v2`` has "met specific
requirements" for 1 Gbps and more and, here, allocates every hosted speed [choice].
"""

from __future__ import annotations

from collections.abc import Mapping

from ...errors import ClientException

V1, V2, NON_PARTNER = "v1", "v2", "nonPartner"
PARTNER_TYPES = (V1, V2)
# AWS's hosted speeds [doc: AllocateHostedConnection.bandwidth]; the deprecated
# AllocateConnectionOnInterconnect lists them without 25Gbps [doc].
SUB_GIGABIT = ("50Mbps", "100Mbps", "200Mbps", "300Mbps", "400Mbps", "500Mbps")
HOSTED_BANDWIDTHS = (*SUB_GIGABIT, "1Gbps", "2Gbps", "5Gbps", "10Gbps", "25Gbps")
# No agreement's real name is published; the emulator lists one until others are confirmed [choice].
DEFAULT_AGREEMENT = "DirectConnectCustomerAgreement"
MAX_AGREEMENT_NAME = 100  # [doc: AgreementName]
MAX_AGREEMENTS = 20  # so the account's world stays one small item [choice]


def parse_partners(raw: str | None) -> dict[str, str]:
    """``"111122223333:v1,444455556666"``: accounts, each with its type (default v2)."""
    partners: dict[str, str] = {}
    for entry in (raw or "").replace(" ", "").split(","):
        if not entry:
            continue
        account, _, kind = entry.partition(":")
        if not (len(account) == 12 and account.isdigit()) or (kind or V2) not in PARTNER_TYPES:
            raise ValueError(f"DX_EMULATOR_PARTNERS takes 12-digit accounts, each optionally :v1 or :v2: {entry!r}")
        partners[account] = kind or V2
    return partners


def partner_type(account: str, configured: Mapping[str, str], declared: str | None) -> str:
    return configured.get(account) or declared or NON_PARTNER


def checked_partner(account: str, region: str, kind: str) -> str:
    if kind not in PARTNER_TYPES:
        raise ClientException(f"Account {account} is not an authorized Direct Connect partner in {region}.")  # [seen]
    return kind


def checked_hosted_bandwidth(bandwidth: str | None, kind: str, account: str,
                             allowed: tuple[str, ...] = HOSTED_BANDWIDTHS) -> str:
    if not bandwidth:
        raise ClientException("bandwidth is required")
    if bandwidth not in allowed:
        raise ClientException(f"Bandwidth {bandwidth} is not available for a hosted connection: use one of "
                              + ", ".join(allowed))
    if kind == V1 and bandwidth not in SUB_GIGABIT:
        raise ClientException(f"Account {account} is a v1 Direct Connect partner: it allocates hosted connections "
                              f"of 50Mbps to 500Mbps, not {bandwidth}")
    return bandwidth


def checked_agreement(name: str | None) -> str:
    name = DEFAULT_AGREEMENT if name is None else name
    if not 0 < len(name) <= MAX_AGREEMENT_NAME:
        raise ClientException(f"agreementName must be 1 to {MAX_AGREEMENT_NAME} characters")
    return name


def signed(agreements_signed: tuple[str, ...], name: str) -> tuple[str, ...]:
    if name in agreements_signed:
        return agreements_signed
    if len(agreements_signed) >= MAX_AGREEMENTS:
        raise ClientException(f"An account confirms at most {MAX_AGREEMENTS} agreements")
    return (*agreements_signed, name)


def agreements(signed: tuple[str, ...]) -> list[tuple[str, str]]:
    """Every agreement the account has, with its status: the default one (unsigned until confirmed)
    and each it confirmed."""
    names = sorted({DEFAULT_AGREEMENT, *signed})
    return [(name, "signed" if name in signed else "unsigned") for name in names]
