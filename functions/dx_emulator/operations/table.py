"""The operation table: every AWS operation the emulator serves, by its wire name."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import (
    admin,
    bgp_peers,
    connections,
    failover,
    identity,
    lag_members,
    lags,
    loa,
    locations,
    macsec,
    resiliency,
    router_configuration,
    routes,
    tags,
    vif_association,
    virtual_interfaces,
)
from .call import Call
from .gateways import associations, gateways, proposals
from .hosted import connections as hosted_connections
from .hosted import customers, interconnects
from .hosted import virtual_interfaces as hosted_vifs

Operation = Callable[[Call], dict[str, Any]]

OPERATIONS: dict[str, Operation] = {
    "CreateConnection": connections.create,
    "DescribeConnections": connections.describe,
    "DeleteConnection": connections.delete,
    "CreateLag": lags.create,
    "DescribeLags": lags.describe,
    "DeleteLag": lags.delete,
    "CreatePrivateVirtualInterface": virtual_interfaces.create_private,
    "CreatePublicVirtualInterface": virtual_interfaces.create_public,
    "CreateTransitVirtualInterface": virtual_interfaces.create_transit,
    "DescribeVirtualInterfaces": virtual_interfaces.describe,
    "DeleteVirtualInterface": virtual_interfaces.delete,
    "UpdateVirtualInterfaceAttributes": virtual_interfaces.update,
    "CreateBGPPeer": bgp_peers.create,
    "DeleteBGPPeer": bgp_peers.delete,
    "StartBgpFailoverTest": failover.start,
    "StopBgpFailoverTest": failover.stop,
    "ListVirtualInterfaceTestHistory": failover.list_history,
    "TagResource": tags.tag,
    "UntagResource": tags.untag,
    "DescribeTags": tags.describe,
    "CreateDirectConnectGateway": gateways.create,
    "DescribeDirectConnectGateways": gateways.describe,
    "UpdateDirectConnectGateway": gateways.update,
    "DeleteDirectConnectGateway": gateways.delete,
    "DescribeDirectConnectGatewayAttachments": gateways.describe_attachments,
    "DescribeVirtualGateways": gateways.describe_virtual_gateways,
    "CreateDirectConnectGatewayAssociation": associations.create,
    "DescribeDirectConnectGatewayAssociations": associations.describe,
    "UpdateDirectConnectGatewayAssociation": associations.update,
    "DeleteDirectConnectGatewayAssociation": associations.delete,
    "CreateDirectConnectGatewayAssociationProposal": proposals.create,
    "DescribeDirectConnectGatewayAssociationProposals": proposals.describe,
    "AcceptDirectConnectGatewayAssociationProposal": proposals.accept_proposal,
    "DeleteDirectConnectGatewayAssociationProposal": proposals.delete,
    "AllocatePrivateVirtualInterface": hosted_vifs.allocate_private,
    "AllocatePublicVirtualInterface": hosted_vifs.allocate_public,
    "AllocateTransitVirtualInterface": hosted_vifs.allocate_transit,
    "ConfirmPrivateVirtualInterface": hosted_vifs.confirm_private,
    "ConfirmPublicVirtualInterface": hosted_vifs.confirm_public,
    "ConfirmTransitVirtualInterface": hosted_vifs.confirm_transit,
    "AllocateHostedConnection": hosted_connections.allocate_hosted,
    "AllocateConnectionOnInterconnect": hosted_connections.allocate_on_interconnect,
    "ConfirmConnection": hosted_connections.confirm,
    "DescribeHostedConnections": hosted_connections.describe_hosted,
    "DescribeConnectionsOnInterconnect": hosted_connections.describe_on_interconnect,
    "AssociateHostedConnection": hosted_connections.associate,
    "CreateInterconnect": interconnects.create,
    "DescribeInterconnects": interconnects.describe,
    "DeleteInterconnect": interconnects.delete,
    "DescribeInterconnectLoa": interconnects.describe_loa,
    "UpdateConnection": connections.update,
    "UpdateConnectionsBillingMode": connections.update_billing_mode,
    "UpdateLag": lags.update,
    "AssociateVirtualInterface": vif_association.associate,
    "AssociateConnectionWithLag": lag_members.associate,
    "DisassociateConnectionFromLag": lag_members.disassociate,
    "AssociateMacSecKey": macsec.associate,
    "DisassociateMacSecKey": macsec.disassociate,
    "DescribeLoa": loa.describe_loa,
    "DescribeLocations": locations.describe,
    "DescribeRouterConfiguration": router_configuration.describe,
    "DescribeConnectionLoa": loa.describe_connection_loa,
    "DescribeCustomerMetadata": customers.describe_metadata,
    "ConfirmCustomerAgreement": customers.confirm_agreement,
    "CreateResiliencyGroup": resiliency.create,
    "GetResiliencyGroup": resiliency.get,
    "ListResiliencyGroups": resiliency.list_groups,
    "UpdateResiliencyGroup": resiliency.update,
    "DeleteResiliencyGroup": resiliency.delete,
    "AssociateConnectionsToResiliencyGroup": resiliency.associate_connections,
    "DisassociateConnectionsFromResiliencyGroup": resiliency.disassociate_connections,
    "ListResiliencyGroupAssociations": resiliency.list_associations,
    "ListVirtualInterfaceRoutes": routes.list_routes,
}

# Everything the endpoint serves, by the service a request is signed for: Direct Connect's
# operations, and the STS call clients make to learn their account (query_protocol.py).
SERVED: dict[str, dict[str, Operation]] = {
    "directconnect": OPERATIONS,
    "sts": {"GetCallerIdentity": identity.get_caller_identity},
    # The emulator's own routes, /_dx-emulator/<name> (protocol/admin_protocol.py).
    "dx-emulator": {"GetWorld": admin.get_world, "PutWorld": admin.put_world,
                    "GetSettings": admin.get_settings, "PutSettings": admin.put_settings,
                    "PostAdvance": admin.post_advance, "PostReset": admin.post_reset,
                    "GetState": admin.get_state, "GetDashboard": admin.get_dashboard},
}
