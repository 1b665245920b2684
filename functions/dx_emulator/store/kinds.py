"""Where each kind of resource lives in the one table: its partition and its sort key.

``pk`` = ``<account>#<region>`` for regional resources, ``<account>#global`` for the account-global
ones (Direct Connect gateways and what hangs on them). ``sk`` = the resource id for the kinds whose
ids name their kind (``dxcon-``, ``dxlag-``, ``dxvif-``), else a kind prefix and the id. Every
lookup is then a key read or a query on a key prefix, never a filter over an account.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeAlias

from ..lazy import load
from ..records import record

if TYPE_CHECKING:
    from ..domain.account import Account
    from ..domain.failover_records import FailoverRecord
    from ..domain.gateways.associations import Ec2GatewayLinks, GatewayAssociation
    from ..domain.gateways.ec2 import World
    from ..domain.gateways.gateways import DirectConnectGateway, GatewayRegistry
    from ..domain.gateways.proposals import AssociationProposal
    from ..domain.hosted.model import Allocation, Interconnect
    from ..domain.model import Connection, Lag, VirtualInterface
    from ..domain.resiliency import ResiliencyGroup
    from ..domain.resiliency_tokens import ResiliencyClientToken
    from .items import BaseItem

    Entity: TypeAlias = (Connection | Lag | VirtualInterface | DirectConnectGateway | GatewayRegistry | World
                         | GatewayAssociation | AssociationProposal | Ec2GatewayLinks | Allocation | Interconnect
                         | ResiliencyGroup | ResiliencyClientToken | Account | FailoverRecord)

GLOBAL = "global"
# Every id the emulator issues is far shorter (``dxvif-`` + 8, a UUID); clients may send anything.
MAX_ID_LENGTH = 128


@record
class Kind:
    """Where a kind of entity is stored. Its item class is named, not imported: a Lambda instance
    imports the modules of the kinds its requests touch (gateways, hosted, resiliency...) when they
    first touch them, not all of them at its cold start (docs/cold-start.md)."""

    item: str  # "<module in store>:<class>"
    sk_prefix: str = ""  # before the id in the sort key; "" where the id carries its kind
    id_prefix: str = ""  # what every id of the kind starts with
    regional: bool = True  # in the account's partition for a region, or in its global one

    @property
    def item_class(self) -> type[BaseItem]:
        item_class: type[BaseItem] = load(f".{self.item}", __name__)
        return item_class

    def sort_key(self, resource_id: str) -> str | None:
        """The sort key of an id, or None for an id no resource of the kind can have."""
        if not 0 < len(resource_id) <= MAX_ID_LENGTH or not resource_id.startswith(self.id_prefix):
            return None
        return self.sk_prefix + resource_id

    @property
    def query_prefix(self) -> str:
        return self.sk_prefix or self.id_prefix


# By the entity class's name: the domain classes are imported by whoever holds an entity, not here.
KINDS: dict[str, Kind] = {
    "Connection": Kind("items:ConnectionItem", id_prefix="dxcon-"),
    "Lag": Kind("items:LagItem", id_prefix="dxlag-"),
    "VirtualInterface": Kind("items:VirtualInterfaceItem", id_prefix="dxvif-"),
    "DirectConnectGateway": Kind("gateway_items:GatewayItem", "dxgw#", regional=False),
    "GatewayRegistry": Kind("gateway_items:GatewayRegistryItem", "dxgw-registry#", regional=False),
    "World": Kind("gateway_items:WorldItem", "world#", regional=False),
    "GatewayAssociation": Kind("gateway_items:AssociationItem", "dxgw-association#", regional=False),
    "AssociationProposal": Kind("gateway_items:ProposalItem", "dxgw-proposal#"),
    "Ec2GatewayLinks": Kind("gateway_items:Ec2GatewayLinksItem", "ec2-gateway#"),
    "Allocation": Kind("hosted_items:AllocationItem", "allocation#"),
    "Interconnect": Kind("hosted_items:InterconnectItem", "interconnect#", id_prefix="dxcon-"),
    "ResiliencyGroup": Kind("resiliency_items:ResiliencyGroupItem", id_prefix="dxrg-"),
    # Not "dxrg-…": a query on the groups' prefix must not meet their clientTokens.
    "ResiliencyClientToken": Kind("resiliency_items:ResiliencyClientTokenItem", "resiliency-token#"),
    # The account's own record: regions used, activity, runtime settings (domain/account.py).
    "Account": Kind("account_items:AccountItem", "account#", regional=False),
    # A failover test's place in its account's history, newest first (domain/failover_records.py).
    "FailoverRecord": Kind("failover_items:FailoverRecordItem", "failover-test#"),
}


def kind_of(entity_class: type[Any]) -> Kind:
    return KINDS[entity_class.__name__]


def partition(kind: Kind, account: str, region: str) -> str:
    return f"{account}#{region if kind.regional else GLOBAL}"


def key_of(entity: Entity) -> tuple[str, str]:
    kind = kind_of(type(entity))
    region = getattr(entity, "region", GLOBAL)
    return partition(kind, entity.owner_account, region), kind.sk_prefix + entity.resource_id
