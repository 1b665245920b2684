"""Where each kind of resource lives in the one table: its partition and its sort key.

``pk`` = ``<account>#<region>`` for regional resources, ``<account>#global`` for the account-global
ones (Direct Connect gateways and what hangs on them). ``sk`` = the resource id for the kinds whose
ids name their kind (``dxcon-``, ``dxlag-``, ``dxvif-``), else a kind prefix and the id. Every
lookup is then a key read or a query on a key prefix, never a filter over an account.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..domain.account import Account
from ..domain.gateways.associations import Ec2GatewayLinks, GatewayAssociation, World
from ..domain.gateways.gateways import DirectConnectGateway, GatewayRegistry
from ..domain.gateways.proposals import AssociationProposal
from ..domain.hosted.model import Allocation, Interconnect
from ..domain.model import Connection, Lag, VirtualInterface
from ..domain.resiliency import ResiliencyGroup
from ..domain.resiliency_tokens import ResiliencyClientToken
from .account_items import AccountItem
from .gateway_items import (
    AssociationItem,
    Ec2GatewayLinksItem,
    GatewayItem,
    GatewayRegistryItem,
    ProposalItem,
    WorldItem,
)
from .hosted_items import AllocationItem, InterconnectItem
from .items import BaseItem, ConnectionItem, LagItem, VirtualInterfaceItem
from .resiliency_items import ResiliencyClientTokenItem, ResiliencyGroupItem

GLOBAL = "global"
# Every id the emulator issues is far shorter (``dxvif-`` + 8, a UUID); clients may send anything.
MAX_ID_LENGTH = 128

Entity = (Connection | Lag | VirtualInterface | DirectConnectGateway | GatewayRegistry | World | GatewayAssociation
          | AssociationProposal | Ec2GatewayLinks | Allocation | Interconnect | ResiliencyGroup | ResiliencyClientToken
          | Account)


@dataclass(frozen=True, slots=True)
class Kind:
    item_class: type[BaseItem]
    sk_prefix: str = ""  # before the id in the sort key; "" where the id carries its kind
    id_prefix: str = ""  # what every id of the kind starts with
    regional: bool = True  # in the account's partition for a region, or in its global one

    def sort_key(self, resource_id: str) -> str | None:
        """The sort key of an id, or None for an id no resource of the kind can have."""
        if not 0 < len(resource_id) <= MAX_ID_LENGTH or not resource_id.startswith(self.id_prefix):
            return None
        return self.sk_prefix + resource_id

    @property
    def query_prefix(self) -> str:
        return self.sk_prefix or self.id_prefix


KINDS: dict[type[Any], Kind] = {
    Connection: Kind(ConnectionItem, id_prefix="dxcon-"),
    Lag: Kind(LagItem, id_prefix="dxlag-"),
    VirtualInterface: Kind(VirtualInterfaceItem, id_prefix="dxvif-"),
    DirectConnectGateway: Kind(GatewayItem, "dxgw#", regional=False),
    GatewayRegistry: Kind(GatewayRegistryItem, "dxgw-registry#", regional=False),
    World: Kind(WorldItem, "world#", regional=False),
    GatewayAssociation: Kind(AssociationItem, "dxgw-association#", regional=False),
    AssociationProposal: Kind(ProposalItem, "dxgw-proposal#"),
    Ec2GatewayLinks: Kind(Ec2GatewayLinksItem, "ec2-gateway#"),
    Allocation: Kind(AllocationItem, "allocation#"),
    Interconnect: Kind(InterconnectItem, "interconnect#", id_prefix="dxcon-"),
    ResiliencyGroup: Kind(ResiliencyGroupItem, id_prefix="dxrg-"),
    # Not "dxrg-…": a query on the groups' prefix must not meet their clientTokens.
    ResiliencyClientToken: Kind(ResiliencyClientTokenItem, "resiliency-token#"),
    # The account's own record: regions used, activity, runtime settings (domain/account.py).
    Account: Kind(AccountItem, "account#", regional=False),
}
ITEM_CLASSES: tuple[type[BaseItem], ...] = (BaseItem, *(kind.item_class for kind in KINDS.values()))


def partition(kind: Kind, account: str, region: str) -> str:
    return f"{account}#{region if kind.regional else GLOBAL}"


def key_of(entity: Entity) -> tuple[str, str]:
    kind = KINDS[type(entity)]
    region = getattr(entity, "region", GLOBAL)
    return partition(kind, entity.owner_account, region), kind.sk_prefix + entity.resource_id
