"""Direct Connect gateways: global to their account, holding what is attached to and associated with
them, so every rule that spans a gateway is decided on its one item.

A gateway's item keeps a slot for each VIF attached to it, each association (with a virtual private
or transit gateway) and each open proposal; the account's registry lists its gateways, for the
quota and for listings without a filter.
"""

from __future__ import annotations

from dataclasses import replace

from ...errors import ClientException, LimitExceededException
from ...records import record
from ..connections import required
from ..context import Context
from ..model import GONE_STATES, PRIVATE, TRANSIT, Tag
from ..stored import Deletable, Stored
from ..tags import checked_tags
from .ec2 import DEFAULT_ASN

# [doc] The private ASN ranges, default 64512; the quotas of the user guide (current figures, where
# the archived guide is lower: 10 VGWs and 3 TGWs per gateway, 20 prefixes per TGW association).
ASN_RANGES = ((64_512, 65_534), (4_200_000_000, 4_294_967_294))
GATEWAYS_PER_ACCOUNT = 200
VIFS_PER_GATEWAY = 30
VIRTUAL_PRIVATE_GATEWAY = "virtualPrivateGateway"
TRANSIT_GATEWAY = "transitGateway"
ASSOCIATIONS_PER_GATEWAY = {VIRTUAL_PRIVATE_GATEWAY: 20, TRANSIT_GATEWAY: 6}
# A gateway carries private VIFs and virtual private gateways, or transit VIFs and transit gateways.
VIF_KIND_FOR = {VIRTUAL_PRIVATE_GATEWAY: PRIVATE, TRANSIT_GATEWAY: TRANSIT}


@record
class AttachmentSlot:
    virtual_interface_id: str
    virtual_interface_type: str
    region: str
    owner_account: str


@record
class AssociationSlot:
    association_id: str
    associated_gateway_id: str
    associated_gateway_type: str
    # Set once the association is disassociating: it no longer counts for any rule, and is listed
    # with the gateway until then [seen: AWS lists disassociating associations with their gateway].
    gone_at: float | None = None


@record
class ProposalSlot:
    """Where the proposal lives: with the account that made it, in its gateway's region."""

    proposal_id: str
    owner_account: str
    region: str


@record
class DirectConnectGateway(Deletable):
    owner_account: str
    gateway_id: str
    gateway_name: str
    amazon_side_asn: int
    gateway_state: str
    created_at: float
    tags: tuple[Tag, ...] = ()
    attachments: tuple[AttachmentSlot, ...] = ()
    associations: tuple[AssociationSlot, ...] = ()
    proposals: tuple[ProposalSlot, ...] = ()

    @property
    def resource_id(self) -> str:
        return self.gateway_id

    @property
    def state(self) -> str:
        return self.gateway_state

    @property
    def live_associations(self) -> tuple[AssociationSlot, ...]:
        return tuple(slot for slot in self.associations if slot.gone_at is None)

    @property
    def vif_kind(self) -> str | None:
        """What this gateway carries now: private or transit, or None while it carries nothing."""
        kinds = {slot.virtual_interface_type for slot in self.attachments}
        kinds |= {VIF_KIND_FOR[slot.associated_gateway_type] for slot in self.live_associations}
        return next(iter(kinds), None)


@record
class GatewayRegistry(Stored):
    """The gateways of one account."""

    owner_account: str
    gateway_ids: tuple[str, ...] = ()

    @property
    def resource_id(self) -> str:
        return "registry"


def checked_asn(asn: int | None) -> int:
    if asn is None:
        return DEFAULT_ASN
    if not any(low <= asn <= high for low, high in ASN_RANGES):
        raise ClientException(f"amazonSideAsn {asn} is not valid: use a private ASN, 64512-65534 or "
                              "4200000000-4294967294")
    return asn


def create_gateway(name: str | None, asn: int | None, tags: tuple[Tag, ...], registry: GatewayRegistry,
                   ctx: Context) -> tuple[DirectConnectGateway, GatewayRegistry]:
    gateway = DirectConnectGateway(
        owner_account=ctx.account,
        gateway_id=ctx.new_uuid("dxgw"),
        gateway_name=required(name, "directConnectGatewayName"),
        amazon_side_asn=checked_asn(asn),
        gateway_state="pending",
        created_at=ctx.now,
        tags=checked_tags(tags),
    )
    if len(registry.gateway_ids) >= GATEWAYS_PER_ACCOUNT:
        raise LimitExceededException(f"Account {ctx.account} already has {GATEWAYS_PER_ACCOUNT} Direct Connect "
                                     "gateways, the most allowed")
    return gateway, replace(registry, gateway_ids=(*registry.gateway_ids, gateway.gateway_id))


def rename_gateway(gateway: DirectConnectGateway, name: str | None) -> DirectConnectGateway:
    _check_live(gateway)
    return replace(gateway, gateway_name=required(name, "newDirectConnectGatewayName"))


def delete_gateway(gateway: DirectConnectGateway, registry: GatewayRegistry,
                   ctx: Context) -> tuple[DirectConnectGateway, GatewayRegistry]:
    """Refused while VIFs are attached or gateways associated [doc: "You must first delete all virtual
    interfaces ... and disassociate all virtual private gateways"]: at once, where AWS accepts the
    call and reverts to available minutes later [choice]."""
    if gateway.gateway_state in GONE_STATES:
        return gateway, registry
    if gateway.attachments:
        raise ClientException(f"Direct Connect gateway {gateway.gateway_id} has virtual interfaces attached: "
                              "delete them first")
    if gateway.live_associations:
        raise ClientException(f"Direct Connect gateway {gateway.gateway_id} has associations: disassociate its "
                              "gateways first")
    deleted = replace(gateway, gateway_state="deleting", deleted_at=ctx.now, expires_at=ctx.expires_at)
    return deleted, replace(registry, gateway_ids=tuple(g for g in registry.gateway_ids if g != gateway.gateway_id))


def _check_live(gateway: DirectConnectGateway) -> None:
    if gateway.gateway_state in GONE_STATES:
        raise ClientException(f"Direct Connect gateway {gateway.gateway_id} is {gateway.gateway_state}")


CARRIED = {PRIVATE: "virtual private gateways and private virtual interfaces",
           TRANSIT: "transit gateways and transit virtual interfaces"}


def check_carries(gateway: DirectConnectGateway, vif_kind: str, what: str) -> None:
    """A gateway carries private or transit traffic, never both [doc: "You cannot attach a Direct
    Connect gateway to a transit gateway when [it] is already associated with a virtual private
    gateway or is attached to a private virtual interface", and the reverse]."""
    carried = gateway.vif_kind
    if carried not in (None, vif_kind):
        raise ClientException(f"Direct Connect gateway {gateway.gateway_id} is used by {CARRIED[carried]}: "
                              f"{what} cannot use it as well")


def attach(gateway: DirectConnectGateway, slot: AttachmentSlot) -> DirectConnectGateway:
    """A VIF attached to the gateway, within its quota and the kind it carries."""
    _check_live(gateway)
    check_carries(gateway, slot.virtual_interface_type, f"a {slot.virtual_interface_type} virtual interface")
    if len(gateway.attachments) >= VIFS_PER_GATEWAY:
        raise LimitExceededException(f"Direct Connect gateway {gateway.gateway_id} already has {VIFS_PER_GATEWAY} "
                                     "virtual interfaces attached, the most allowed")
    return replace(gateway, attachments=(*gateway.attachments, slot))
