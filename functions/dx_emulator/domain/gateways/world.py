"""The world an account declares: the EC2 gateways the emulator does not own but whose owner,
region, ASN and VPC it must know for the strict rules (who may associate a gateway, from which
region, whose ASN clashes). The document is the one `dx-emulator seed` sends::

    {"virtualGateways": [{"virtualGatewayId": "vgw-0a1b2c3d", "region": "eu-west-1",
                          "amazonSideAsn": 64512, "vpcCidrs": ["10.0.0.0/16"], "ownerAccount": "111122223333"}],
     "transitGateways": [{"transitGatewayId": "tgw-0a1b2c3d", "region": "eu-west-1", "amazonSideAsn": 64513}]}

``ownerAccount`` defaults to the declaring account, ``amazonSideAsn`` to 64512 (AWS's default for new
gateways); ``region`` is required. ``"nniPartnerType": "v1"`` (or ``"v2"``) makes the account a
Direct Connect partner (domain/hosted/partners.py).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from ...errors import ClientException
from ..hosted.partners import PARTNER_TYPES
from ..names import is_account, is_region
from .ec2 import DEFAULT_ASN, EC2_GATEWAY_ID, Ec2Gateway, World
from .gateways import TRANSIT_GATEWAY, VIRTUAL_PRIVATE_GATEWAY

SECTIONS = {"virtualGateways": ("virtualGatewayId", VIRTUAL_PRIVATE_GATEWAY, "vgw-"),
            "transitGateways": ("transitGatewayId", TRANSIT_GATEWAY, "tgw-")}
PARTNER_TYPE = "nniPartnerType"
MAX_GATEWAYS = 200  # a bound, so the world stays one small item [choice]


def _gateway(entry: Any, section: str, account: str) -> Ec2Gateway:
    id_member, kind, prefix = SECTIONS[section]
    if not isinstance(entry, Mapping):
        raise ClientException(f"{section}: each gateway is an object")
    gateway_id, region = entry.get(id_member), entry.get("region")
    if not isinstance(gateway_id, str) or not gateway_id.startswith(prefix) or not EC2_GATEWAY_ID.fullmatch(gateway_id):
        raise ClientException(f"{section}: {id_member} must be {prefix} and 1 to 17 letters or digits")
    if not is_region(region):
        raise ClientException(f"{section}: {gateway_id} needs a region, such as eu-west-1")
    owner = entry.get("ownerAccount", account)
    if not is_account(owner):
        raise ClientException(f"{section}: {gateway_id}: ownerAccount must be a 12-digit account id")
    asn = entry.get("amazonSideAsn", DEFAULT_ASN)
    if isinstance(asn, bool) or not isinstance(asn, int) or not 1 <= asn <= 4_294_967_294:
        raise ClientException(f"{section}: {gateway_id}: amazonSideAsn must be an ASN")
    cidrs = entry.get("vpcCidrs", [])
    if kind == TRANSIT_GATEWAY and cidrs:
        raise ClientException(f"{section}: {gateway_id}: vpcCidrs are a virtual private gateway's")
    if not isinstance(cidrs, list) or not all(isinstance(c, str) for c in cidrs):
        raise ClientException(f"{section}: {gateway_id}: vpcCidrs must be a list of CIDRs")
    for cidr in cidrs:
        try:
            ipaddress.ip_network(cidr)
        except ValueError:
            raise ClientException(f"{section}: {gateway_id}: {cidr} is not a CIDR") from None
    return Ec2Gateway(gateway_id, kind, owner, region, asn, tuple(cidrs))


def declared(document: Mapping[str, Any], world: World) -> World:
    """``world`` with the gateways (and partner type) ``document`` declares, in place of those it had."""
    unknown = set(document) - {*SECTIONS, PARTNER_TYPE}
    if unknown:
        raise ClientException(f"A world declares {', '.join(SECTIONS)} and {PARTNER_TYPE}, "
                              f"not {', '.join(sorted(unknown))}")
    partner = document.get(PARTNER_TYPE)
    if partner is not None and partner not in PARTNER_TYPES:
        raise ClientException(f"{PARTNER_TYPE} is {' or '.join(PARTNER_TYPES)}: a partner's type")
    gateways: list[Ec2Gateway] = []
    for section in SECTIONS:
        entries = document.get(section) or []
        if not isinstance(entries, list):
            raise ClientException(f"{section} must be a list")
        gateways += [_gateway(entry, section, world.owner_account) for entry in entries]
    if len(gateways) > MAX_GATEWAYS:
        raise ClientException(f"A world declares at most {MAX_GATEWAYS} gateways")
    ids = [gateway.gateway_id for gateway in gateways]
    if len(ids) != len(set(ids)):
        raise ClientException("A world declares each gateway once")
    return replace(world, gateways=tuple(gateways), nni_partner_type=partner)


def document(world: World) -> dict[str, Any]:
    answer: dict[str, list[dict[str, Any]]] = {section: [] for section in SECTIONS}
    for gateway in world.gateways:
        section = next(name for name, (_, kind, _) in SECTIONS.items() if kind == gateway.gateway_type)
        entry: dict[str, Any] = {SECTIONS[section][0]: gateway.gateway_id, "region": gateway.region,
                                 "amazonSideAsn": gateway.asn, "ownerAccount": gateway.owner_account}
        if gateway.gateway_type == VIRTUAL_PRIVATE_GATEWAY:
            entry["vpcCidrs"] = list(gateway.cidrs)
        answer[section].append(entry)
    return {**answer, PARTNER_TYPE: world.nni_partner_type} if world.nni_partner_type else answer
