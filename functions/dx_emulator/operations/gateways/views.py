"""The Direct Connect gateway family rendered as the model's output shapes."""

from __future__ import annotations

from typing import Any

from ...domain.gateways.associations import GatewayAssociation
from ...domain.gateways.gateways import VIRTUAL_PRIVATE_GATEWAY, DirectConnectGateway
from ...domain.gateways.proposals import AssociationProposal
from ...domain.gateways.states import ATTACHMENT_STATE
from ...domain.model import PRIVATE, VirtualInterface
from ..views import compact, tags


def gateway(item: DirectConnectGateway) -> dict[str, Any]:
    return compact({
        "directConnectGatewayId": item.gateway_id,
        "directConnectGatewayName": item.gateway_name,
        "amazonSideAsn": item.amazon_side_asn,
        "ownerAccount": item.owner_account,
        "directConnectGatewayState": item.gateway_state,
        # Terraform's newest aws_dx_gateway reads tags from here, not from DescribeTags [seen].
        "tags": tags(item.tags) or None,
    })


def _prefixes(prefixes: tuple[str, ...]) -> list[dict[str, str]]:
    return [{"cidr": prefix} for prefix in prefixes]


def _associated(gateway_id: str, gateway_type: str, owner: str, region: str) -> dict[str, str]:
    return {"id": gateway_id, "type": gateway_type, "ownerAccount": owner, "region": region}


def association(item: GatewayAssociation) -> dict[str, Any]:
    answer = {
        "directConnectGatewayId": item.gateway_id,
        "directConnectGatewayOwnerAccount": item.owner_account,
        "associationState": item.association_state,
        "associatedGateway": _associated(item.associated_gateway_id, item.associated_gateway_type,
                                         item.associated_owner, item.associated_region),
        "associationId": item.association_id,
        "allowedPrefixesToDirectConnectGateway": _prefixes(item.allowed_prefixes),
    }
    if item.associated_gateway_type == VIRTUAL_PRIVATE_GATEWAY:
        # The legacy members, which AWS still answers for a virtual private gateway [doc].
        answer.update(virtualGatewayId=item.associated_gateway_id, virtualGatewayRegion=item.associated_region,
                      virtualGatewayOwnerAccount=item.associated_owner)
    return answer


def proposal(item: AssociationProposal) -> dict[str, Any]:
    return {
        "proposalId": item.proposal_id,
        "directConnectGatewayId": item.gateway_id,
        "directConnectGatewayOwnerAccount": item.gateway_owner,
        "proposalState": item.proposal_state,
        "associatedGateway": _associated(item.associated_gateway_id, item.associated_gateway_type,
                                         item.owner_account, item.region),
        "existingAllowedPrefixesToDirectConnectGateway": _prefixes(item.existing_prefixes),
        "requestedAllowedPrefixesToDirectConnectGateway": _prefixes(item.requested_prefixes),
    }


def attachment(vif: VirtualInterface) -> dict[str, Any]:
    return {
        "directConnectGatewayId": vif.direct_connect_gateway_id,
        "virtualInterfaceId": vif.virtual_interface_id,
        "virtualInterfaceRegion": vif.region,
        "virtualInterfaceOwnerAccount": vif.owner_account,
        "attachmentState": ATTACHMENT_STATE.get(vif.virtual_interface_state, "attached"),
        "attachmentType": "PrivateVirtualInterface" if vif.virtual_interface_type == PRIVATE
        else "TransitVirtualInterface",
    }
