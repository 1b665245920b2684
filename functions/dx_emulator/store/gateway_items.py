"""The Direct Connect gateway family as PynamoDB models (attribute names are the domain's fields).

Gateways, their associations and the registry of an account's gateways live in the account's
global partition (``<account>#global``): a gateway is visible from every region. Proposals and the
links of an EC2 gateway live where that gateway is: its owner's partition for its region.
"""

from __future__ import annotations

from typing import Any

from pynamodb.attributes import ListAttribute, MapAttribute, NumberAttribute, UnicodeAttribute, UnicodeSetAttribute

from .items import BaseItem, TagAttribute


def _slots() -> MapAttribute[str, Any]:
    # Keyed by the slot's id, so one entry can go with an update that needs no read.
    return MapAttribute(default=dict)  # type: ignore[no-untyped-call]


class Ec2GatewayAttribute(MapAttribute[str, Any]):
    gateway_id = UnicodeAttribute()
    gateway_type = UnicodeAttribute()
    owner_account = UnicodeAttribute()
    region = UnicodeAttribute()
    asn = NumberAttribute()
    cidrs = ListAttribute(of=UnicodeAttribute, default=list)


class GatewayItem(BaseItem):
    owner_account = UnicodeAttribute()
    gateway_id = UnicodeAttribute()
    gateway_name = UnicodeAttribute()
    amazon_side_asn = NumberAttribute()
    gateway_state = UnicodeAttribute()
    created_at = NumberAttribute()
    tags = ListAttribute(of=TagAttribute, default=list)
    attachments = _slots()
    associations = _slots()
    proposals = _slots()


class GatewayRegistryItem(BaseItem):
    owner_account = UnicodeAttribute()
    gateway_ids = UnicodeSetAttribute(null=True)


class WorldItem(BaseItem):
    owner_account = UnicodeAttribute()
    gateways = ListAttribute(of=Ec2GatewayAttribute, default=list)
    nni_partner_type = UnicodeAttribute(null=True)
    signed_agreements = ListAttribute(of=UnicodeAttribute, default=list)


class AssociationItem(BaseItem):
    owner_account = UnicodeAttribute()
    association_id = UnicodeAttribute()
    gateway_id = UnicodeAttribute()
    associated_gateway_id = UnicodeAttribute()
    associated_gateway_type = UnicodeAttribute()
    associated_owner = UnicodeAttribute()
    associated_region = UnicodeAttribute()
    allowed_prefixes = ListAttribute(of=UnicodeAttribute, default=list)
    association_state = UnicodeAttribute()
    created_at = NumberAttribute()
    updated_at = NumberAttribute(null=True)


class ProposalItem(BaseItem):
    owner_account = UnicodeAttribute()
    region = UnicodeAttribute()
    proposal_id = UnicodeAttribute()
    gateway_id = UnicodeAttribute()
    gateway_owner = UnicodeAttribute()
    associated_gateway_id = UnicodeAttribute()
    associated_gateway_type = UnicodeAttribute()
    associated_asn = NumberAttribute()
    requested_prefixes = ListAttribute(of=UnicodeAttribute, default=list)
    existing_prefixes = ListAttribute(of=UnicodeAttribute, default=list)
    proposal_state = UnicodeAttribute()
    created_at = NumberAttribute()
    decided_at = NumberAttribute(null=True)


class Ec2GatewayLinksItem(BaseItem):
    owner_account = UnicodeAttribute()
    region = UnicodeAttribute()
    gateway_id = UnicodeAttribute()
    association_links = _slots()
    proposal_links = _slots()
