"""Associations of Direct Connect gateways with virtual private gateways and transit gateways.

Those gateways are EC2's, which the emulator does not own. An account declares the ones it knows in
its world (World): owner, region, ASN, VPC CIDRs; an undeclared well-formed id is taken as a gateway
of the caller's account and region with AWS's defaults [choice]. Each EC2 gateway that takes part in
an association or a proposal has a links item in its owner's account and region, which holds them:
the uniqueness of a VGW's association and the other account's view are decided there, under one
condition, not read from a copy.
"""

from __future__ import annotations

import ipaddress
from dataclasses import replace
from typing import Any

from ...errors import ClientException, LimitExceededException, NotFoundException
from ...records import record
from ..context import Context
from ..model import GONE_STATES
from ..stored import Deletable, Stored
from .ec2 import EC2_GATEWAY_ID, Ec2Gateway, World
from .gateways import (
    ASSOCIATIONS_PER_GATEWAY,
    TRANSIT_GATEWAY,
    VIF_KIND_FOR,
    VIRTUAL_PRIVATE_GATEWAY,
    AssociationSlot,
    DirectConnectGateway,
    check_carries,
)

PREFIXES_PER_TRANSIT_ASSOCIATION = 200  # [doc: the current quota; the archived guide says 20]
KIND_NAME = {VIRTUAL_PRIVATE_GATEWAY: "VirtualGateway", TRANSIT_GATEWAY: "TransitGateway"}
KIND_WORDS = {VIRTUAL_PRIVATE_GATEWAY: "virtual private gateway", TRANSIT_GATEWAY: "transit gateway"}


@record
class LinkSlot:
    """An association or proposal of an EC2 gateway, and the Direct Connect gateway it is with."""

    link_id: str
    gateway_id: str
    gateway_owner: str
    gone_at: float | None = None  # as AssociationSlot's


def _kept(slots: tuple[Any, ...], now: float) -> tuple[Any, ...]:
    """Slots still listed: live ones, and those whose association has not yet gone for good."""
    return tuple(slot for slot in slots if slot.gone_at is None or slot.gone_at > now)


def _live(slots: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(slot for slot in slots if slot.gone_at is None)


@record
class Ec2GatewayLinks(Stored):
    owner_account: str
    region: str
    gateway_id: str
    association_links: tuple[LinkSlot, ...] = ()
    proposal_links: tuple[LinkSlot, ...] = ()

    @property
    def resource_id(self) -> str:
        return self.gateway_id


@record
class GatewayAssociation(Deletable):
    owner_account: str  # the Direct Connect gateway's owner
    association_id: str
    gateway_id: str
    associated_gateway_id: str
    associated_gateway_type: str
    associated_owner: str
    associated_region: str
    allowed_prefixes: tuple[str, ...]
    association_state: str
    created_at: float
    updated_at: float | None = None

    @property
    def resource_id(self) -> str:
        return self.association_id

    @property
    def state(self) -> str:
        return self.association_state


def resolve(gateway_id: str | None, world: World, account: str, region: str) -> Ec2Gateway:
    """The EC2 gateway an id names: as declared, or else the caller's own with AWS's defaults."""
    if not gateway_id:
        raise ClientException("gatewayId is required: a virtual private gateway or transit gateway id")
    declared = next((gateway for gateway in world.gateways if gateway.gateway_id == gateway_id), None)
    if declared is not None:
        return declared
    if not EC2_GATEWAY_ID.fullmatch(gateway_id):
        raise ClientException(f"{gateway_id} is not a virtual private gateway (vgw-) or transit gateway (tgw-) id")
    kind = VIRTUAL_PRIVATE_GATEWAY if gateway_id.startswith("vgw-") else TRANSIT_GATEWAY
    return Ec2Gateway(gateway_id, kind, account, region)


def own(gateway: Ec2Gateway, account: str, region: str) -> Ec2Gateway:
    """Only the owner, in the gateway's region, sees it [seen: "The VirtualGateway vgw-... does not exist."]."""
    if (gateway.owner_account, gateway.region) != (account, region):
        raise NotFoundException(f"The {KIND_NAME[gateway.gateway_type]} {gateway.gateway_id} does not exist.")
    return gateway


def checked_prefixes(prefixes: tuple[str, ...], gateway_type: str) -> tuple[str, ...]:
    """Allowed prefixes, kept as given (Terraform compares them as it sent them), each once."""
    prefixes = tuple(dict.fromkeys(prefixes))
    for prefix in prefixes:
        try:
            network = ipaddress.ip_network(prefix, strict=False)
        except ValueError:
            raise ClientException(f"Allowed prefix {prefix} is not a valid CIDR") from None
        if network.version == 6 and network.prefixlen > 64:
            raise ClientException(f"Allowed prefix {prefix}: an IPv6 CIDR must use /64 or shorter")
    if gateway_type == TRANSIT_GATEWAY:
        if not prefixes:
            raise ClientException("Allowed prefixes are required for an association with a transit gateway")
        if len(prefixes) > PREFIXES_PER_TRANSIT_ASSOCIATION:
            raise LimitExceededException(f"An association with a transit gateway takes at most "
                                         f"{PREFIXES_PER_TRANSIT_ASSOCIATION} allowed prefixes; "
                                         f"{len(prefixes)} were given")
    return prefixes


def check_single_association(ec2: Ec2Gateway, links: Ec2GatewayLinks) -> None:
    """[doc] "You cannot associate a virtual private gateway with more than one Direct Connect gateway"."""
    live = _live(links.association_links)
    if ec2.gateway_type == VIRTUAL_PRIVATE_GATEWAY and live:
        raise ClientException(f"{ec2.gateway_id} is already associated with Direct Connect gateway "
                              f"{live[0].gateway_id}")


def _check_new_pair(dxgw: DirectConnectGateway, ec2: Ec2Gateway, links: Ec2GatewayLinks) -> None:
    if dxgw.gateway_state in GONE_STATES:
        raise ClientException(f"Direct Connect gateway {dxgw.gateway_id} is {dxgw.gateway_state}")
    if any(slot.associated_gateway_id == ec2.gateway_id for slot in dxgw.live_associations):
        raise ClientException(f"{ec2.gateway_id} is already associated with Direct Connect gateway {dxgw.gateway_id}")
    check_single_association(ec2, links)
    check_carries(dxgw, VIF_KIND_FOR[ec2.gateway_type], f"{KIND_WORDS[ec2.gateway_type]} {ec2.gateway_id}")
    limit = ASSOCIATIONS_PER_GATEWAY[ec2.gateway_type]
    if sum(slot.associated_gateway_type == ec2.gateway_type for slot in dxgw.live_associations) >= limit:
        raise LimitExceededException(f"Direct Connect gateway {dxgw.gateway_id} already has {limit} {ec2.gateway_type} "
                                     "associations, the most allowed")
    if ec2.gateway_type == TRANSIT_GATEWAY and ec2.asn == dxgw.amazon_side_asn:
        # [doc] "the ASN used by the transit gateway and the Direct Connect gateway must be different"
        raise ClientException(f"The transit gateway {ec2.gateway_id} and Direct Connect gateway {dxgw.gateway_id} "
                              f"have the same ASN ({ec2.asn}): their ASNs must differ")


def associate(dxgw: DirectConnectGateway, ec2: Ec2Gateway, links: Ec2GatewayLinks, prefixes: tuple[str, ...] | None,
              ctx: Context) -> tuple[GatewayAssociation, DirectConnectGateway, Ec2GatewayLinks]:
    """A new association, ``associating``; the gateway and the EC2 gateway's links that now hold it."""
    # The request's own input is judged before the state it meets, as AWS validates parameters first.
    # A VGW's allowed prefixes default to its VPC's CIDRs [doc: "we provision entire VPC CIDR"].
    allowed = checked_prefixes(ec2.cidrs if prefixes is None else prefixes, ec2.gateway_type)
    _check_new_pair(dxgw, ec2, links)
    association = GatewayAssociation(
        owner_account=dxgw.owner_account, association_id=ctx.new_uuid("association"), gateway_id=dxgw.gateway_id,
        associated_gateway_id=ec2.gateway_id, associated_gateway_type=ec2.gateway_type,
        associated_owner=ec2.owner_account, associated_region=ec2.region, allowed_prefixes=allowed,
        association_state="associating", created_at=ctx.now,
    )
    slot = AssociationSlot(association.association_id, ec2.gateway_id, ec2.gateway_type)
    link = LinkSlot(association.association_id, dxgw.gateway_id, dxgw.owner_account)
    return (association, replace(dxgw, associations=(*_kept(dxgw.associations, ctx.now), slot)),
            replace(links, association_links=(*_kept(links.association_links, ctx.now), link)))


def reprefixed(association: GatewayAssociation, allowed: tuple[str, ...], ctx: Context) -> GatewayAssociation:
    """The association with new allowed prefixes: ``updating``, then ``associated``."""
    if association.association_state in ("disassociating", "disassociated"):
        raise ClientException(f"Association {association.association_id} is {association.association_state}")
    checked = checked_prefixes(allowed, association.associated_gateway_type)
    return replace(association, allowed_prefixes=checked, association_state="updating", updated_at=ctx.now)


def updated_prefixes(current: tuple[str, ...], add: tuple[str, ...], remove: tuple[str, ...]) -> tuple[str, ...]:
    removed = set(remove)
    return tuple(prefix for prefix in dict.fromkeys((*current, *add)) if prefix not in removed)


def disassociate(association: GatewayAssociation, dxgw: DirectConnectGateway | None, links: Ec2GatewayLinks | None,
                 ctx: Context) -> tuple[GatewayAssociation, DirectConnectGateway | None, Ec2GatewayLinks | None]:
    """The association ``disassociating``, and the gateways free of it (idempotent once gone)."""
    if association.association_state in ("disassociating", "disassociated"):
        return association, dxgw, links
    gone = replace(association, association_state="disassociating", deleted_at=ctx.now, expires_at=ctx.expires_at)

    def leaving(slot: Any) -> Any:
        ours = getattr(slot, "association_id", getattr(slot, "link_id", None)) == association.association_id
        return replace(slot, gone_at=ctx.expires_at) if ours else slot

    freed = None if dxgw is None else replace(dxgw, associations=tuple(
        leaving(slot) for slot in _kept(dxgw.associations, ctx.now)))
    unlinked = None if links is None else replace(links, association_links=tuple(
        leaving(slot) for slot in _kept(links.association_links, ctx.now)))
    return gone, freed, unlinked
