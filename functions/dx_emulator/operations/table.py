"""The operation table: every AWS operation the emulator serves, by its wire name, and where its
code is (``module:function`` under operations/).

The table names its functions rather than importing them: an instance imports an operation's module
(and the domain and store modules behind it) when a request first calls it, so a Lambda instance
serving BGP peers never pays at its cold start for gateways, hosted connections, resiliency groups
or the dashboard (lazy.py, docs/cold-start.md).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeAlias, cast

from ..lazy import load

if TYPE_CHECKING:
    from .call import Call

Operation: TypeAlias = "Callable[[Call], dict[str, Any]]"

OPERATIONS: dict[str, str] = {
    "CreateConnection": "connections:create",
    "DescribeConnections": "connections:describe",
    "DeleteConnection": "connections:delete",
    "CreateLag": "lags:create",
    "DescribeLags": "lags:describe",
    "DeleteLag": "lags:delete",
    "CreatePrivateVirtualInterface": "virtual_interfaces:create_private",
    "CreatePublicVirtualInterface": "virtual_interfaces:create_public",
    "CreateTransitVirtualInterface": "virtual_interfaces:create_transit",
    "DescribeVirtualInterfaces": "virtual_interfaces:describe",
    "DeleteVirtualInterface": "virtual_interfaces:delete",
    "UpdateVirtualInterfaceAttributes": "virtual_interfaces:update",
    "CreateBGPPeer": "bgp_peers:create",
    "DeleteBGPPeer": "bgp_peers:delete",
    "StartBgpFailoverTest": "failover:start",
    "StopBgpFailoverTest": "failover:stop",
    "ListVirtualInterfaceTestHistory": "failover:list_history",
    "TagResource": "tags:tag",
    "UntagResource": "tags:untag",
    "DescribeTags": "tags:describe",
    "CreateDirectConnectGateway": "gateways.gateways:create",
    "DescribeDirectConnectGateways": "gateways.gateways:describe",
    "UpdateDirectConnectGateway": "gateways.gateways:update",
    "DeleteDirectConnectGateway": "gateways.gateways:delete",
    "DescribeDirectConnectGatewayAttachments": "gateways.gateways:describe_attachments",
    "DescribeVirtualGateways": "gateways.gateways:describe_virtual_gateways",
    "CreateDirectConnectGatewayAssociation": "gateways.associations:create",
    "DescribeDirectConnectGatewayAssociations": "gateways.associations:describe",
    "UpdateDirectConnectGatewayAssociation": "gateways.associations:update",
    "DeleteDirectConnectGatewayAssociation": "gateways.associations:delete",
    "CreateDirectConnectGatewayAssociationProposal": "gateways.proposals:create",
    "DescribeDirectConnectGatewayAssociationProposals": "gateways.proposals:describe",
    "AcceptDirectConnectGatewayAssociationProposal": "gateways.proposals:accept_proposal",
    "DeleteDirectConnectGatewayAssociationProposal": "gateways.proposals:delete",
    "AllocatePrivateVirtualInterface": "hosted.virtual_interfaces:allocate_private",
    "AllocatePublicVirtualInterface": "hosted.virtual_interfaces:allocate_public",
    "AllocateTransitVirtualInterface": "hosted.virtual_interfaces:allocate_transit",
    "ConfirmPrivateVirtualInterface": "hosted.virtual_interfaces:confirm_private",
    "ConfirmPublicVirtualInterface": "hosted.virtual_interfaces:confirm_public",
    "ConfirmTransitVirtualInterface": "hosted.virtual_interfaces:confirm_transit",
    "AllocateHostedConnection": "hosted.connections:allocate_hosted",
    "AllocateConnectionOnInterconnect": "hosted.connections:allocate_on_interconnect",
    "ConfirmConnection": "hosted.connections:confirm",
    "DescribeHostedConnections": "hosted.connections:describe_hosted",
    "DescribeConnectionsOnInterconnect": "hosted.connections:describe_on_interconnect",
    "AssociateHostedConnection": "hosted.connections:associate",
    "CreateInterconnect": "hosted.interconnects:create",
    "DescribeInterconnects": "hosted.interconnects:describe",
    "DeleteInterconnect": "hosted.interconnects:delete",
    "DescribeInterconnectLoa": "hosted.interconnects:describe_loa",
    "UpdateConnection": "connections:update",
    "UpdateConnectionsBillingMode": "connections:update_billing_mode",
    "UpdateLag": "lags:update",
    "AssociateVirtualInterface": "vif_association:associate",
    "AssociateConnectionWithLag": "lag_members:associate",
    "DisassociateConnectionFromLag": "lag_members:disassociate",
    "AssociateMacSecKey": "macsec:associate",
    "DisassociateMacSecKey": "macsec:disassociate",
    "DescribeLoa": "loa:describe_loa",
    "DescribeLocations": "locations:describe",
    "DescribeRouterConfiguration": "router_configuration:describe",
    "DescribeConnectionLoa": "loa:describe_connection_loa",
    "DescribeCustomerMetadata": "hosted.customers:describe_metadata",
    "ConfirmCustomerAgreement": "hosted.customers:confirm_agreement",
    "CreateResiliencyGroup": "resiliency:create",
    "GetResiliencyGroup": "resiliency:get",
    "ListResiliencyGroups": "resiliency:list_groups",
    "UpdateResiliencyGroup": "resiliency:update",
    "DeleteResiliencyGroup": "resiliency:delete",
    "AssociateConnectionsToResiliencyGroup": "resiliency:associate_connections",
    "DisassociateConnectionsFromResiliencyGroup": "resiliency:disassociate_connections",
    "ListResiliencyGroupAssociations": "resiliency:list_associations",
    "ListVirtualInterfaceRoutes": "routes:list_routes",
}

# Everything the endpoint serves, by the service a request is signed for: Direct Connect's
# operations, and the STS call clients make to learn their account (query_protocol.py).
SERVED: dict[str, dict[str, str]] = {
    "directconnect": OPERATIONS,
    "sts": {"GetCallerIdentity": "identity:get_caller_identity"},
    # The emulator's own routes, /_dx-emulator/<name> (protocol/admin_protocol.py).
    "dx-emulator": {"GetWorld": "admin:get_world", "PutWorld": "admin:put_world",
                    "GetSettings": "admin:get_settings", "PutSettings": "admin:put_settings",
                    "PostAdvance": "admin:post_advance", "PostReset": "admin:post_reset",
                    "GetState": "admin:get_state", "GetDashboard": "admin:get_dashboard"},
}


def resolve(service: str, operation: str) -> Operation | None:
    """The function serving ``operation`` for requests signed for ``service``, or None."""
    where = SERVED[service].get(operation)
    return None if where is None else cast(Operation, load(f".{where}", __name__))
