"""The worlds the AWS CLI's Direct Connect gateway examples assume: gateways named as in the example,
the EC2 gateways it names declared in the region it shows, associations and proposals made through
the API. Several examples are written as account 111122223333, owning both sides."""

from __future__ import annotations

from typing import Any

from tests.support.cli_examples import Scene, Setup, World

PROPOSER = "111122223333"  # the account the proposal examples are written as
US_EAST_2 = "us-east-2"  # where the VGW examples' gateways are


def gateway(dx: Any, theirs: str, world: World, name: str = "DxGateway1", **more: Any) -> str:
    """A Direct Connect gateway that stands for the example's ``theirs``."""
    ours = str(dx.create_direct_connect_gateway(directConnectGatewayName=name, **more)["directConnectGateway"][
        "directConnectGatewayId"])
    world.ids[theirs] = ours
    return ours


def _associate(dx: Any, dxgw: str, gateway_id: str, *prefixes: str) -> str:
    params: dict[str, Any] = {"addAllowedPrefixesToDirectConnectGateway": [{"cidr": p} for p in prefixes]} if prefixes \
        else {}
    return str(dx.create_direct_connect_gateway_association(directConnectGatewayId=dxgw, gatewayId=gateway_id,
                                                            **params)["directConnectGatewayAssociation"][
        "associationId"])


def _propose(scene: Scene, dxgw: str, gateway_id: str, add: tuple[str, ...] = (), remove: tuple[str, ...] = ()) -> str:
    return str(scene.dx.create_direct_connect_gateway_association_proposal(
        directConnectGatewayId=dxgw, directConnectGatewayOwnerAccount=scene.account, gatewayId=gateway_id,
        addAllowedPrefixesToDirectConnectGateway=[{"cidr": cidr} for cidr in add],
        removeAllowedPrefixesToDirectConnectGateway=[{"cidr": cidr} for cidr in remove],
    )["directConnectGatewayAssociationProposal"]["proposalId"])


def _tgws(scene: Scene, *ids: str) -> None:
    """Transit gateways of the account in us-east-1, on ASNs apart from a gateway's default 64512."""
    scene.declare(tgws=[{"transitGatewayId": tgw, "region": "us-east-1", "amazonSideAsn": 64513 + index}
                        for index, tgw in enumerate(ids)])


def _vgws(scene: Scene, *ids: str) -> None:
    scene.declare(vgws=[{"virtualGatewayId": vgw, "region": US_EAST_2} for vgw in ids])


def _proposal_world(scene: Scene, proposed: bool) -> World:
    """A gateway and a transit gateway of account 111122223333; ``proposed``: the proposal to associate them."""
    world = World(account=PROPOSER)
    _tgws(scene, "tgw-02f776b1a7EXAMPLE")
    dxgw = gateway(scene.dx, "11460968-4ac1-4fd3-bdb2-00599EXAMPLE", world)
    if proposed:
        world.ids["cb7f41cb-8128-43a5-93b1-dcaedEXAMPLE"] = _propose(scene, dxgw, "tgw-02f776b1a7EXAMPLE",
                                                                     add=("192.168.1.0/30",))
    return world


def _tgw_association(scene: Scene, theirs: str, tgw: str, *prefixes: str, account: str = PROPOSER) -> World:
    world = World(account=account)
    _tgws(scene, tgw)
    dxgw = gateway(scene.dx, "11460968-4ac1-4fd3-bdb2-00599EXAMPLE", world)
    world.ids[theirs] = _associate(scene.dx, dxgw, tgw, *prefixes)
    return world


# Examples that caught their resources on the way (associating, disassociating, attaching): they run
# on a server whose associations and VIFs take an hour to get there.
MID_COURSE = ("--association-delay", "3600", "--disassociation-delay", "3600", "--vif-delay", "3600")


def _vgw_associations(scene: Scene) -> World:
    world = World(absent=frozenset({"nextToken"}))
    _vgws(scene, "vgw-6efe725e", "vgw-ebaa27db")
    dxgw = gateway(scene.dx, "5f294f92-bafb-4011-916d-9b0bexample", world)
    _associate(scene.dx, dxgw, "vgw-6efe725e")
    scene.dx.delete_direct_connect_gateway_association(associationId=_associate(scene.dx, dxgw, "vgw-ebaa27db"))
    return world


def _attachment(scene: Scene) -> World:
    world = World(absent=frozenset({"nextToken"}))
    dxgw = gateway(scene.dx, "5f294f92-bafb-4011-916d-9b0bexample", world)
    connection = scene.dx.create_connection(connectionName="c", location="EqDC2", bandwidth="1Gbps")["connectionId"]
    world.ids["dxvif-fg9zyabc"] = scene.dx.create_private_virtual_interface(
        connectionId=connection, newPrivateVirtualInterface={"virtualInterfaceName": "v", "vlan": 101, "asn": 65000,
                                                             "directConnectGatewayId": dxgw})["virtualInterfaceId"]
    return world


def _proposals(scene: Scene) -> World:
    """One proposal to narrow an association, requested; another, accepted."""
    world = World(account=PROPOSER)
    _tgws(scene, "tgw-02f776b1a7EXAMPLE", "tgw-045776b1a7EXAMPLE")
    first = gateway(scene.dx, "11460968-4ac1-4fd3-bdb2-00599EXAMPLE", world)
    second = gateway(scene.dx, "11560968-4ac1-4fd3-bcb2-00599EXAMPLE", world, name="DxGateway2")
    _associate(scene.dx, first, "tgw-02f776b1a7EXAMPLE", "192.168.2.0/30", "192.168.1.0/30")
    _propose(scene, first, "tgw-02f776b1a7EXAMPLE", remove=("192.168.2.0/30",))
    _associate(scene.dx, second, "tgw-045776b1a7EXAMPLE", "192.168.4.0/30", "192.168.5.0/30")
    accepted = _propose(scene, second, "tgw-045776b1a7EXAMPLE", remove=("192.168.4.0/30",))
    scene.dx.accept_direct_connect_gateway_association_proposal(
        directConnectGatewayId=second, proposalId=accepted, associatedGatewayOwnerAccount=scene.account)
    return world


def _named_gateways(scene: Scene, *names: str) -> World:
    world = World()
    for index, name in enumerate(names):
        gateway(scene.dx, f"gateway {index}", world, name=name)
    return world


def _declared_vgw(scene: Scene) -> World:
    scene.declare(vgws=[{"virtualGatewayId": "vgw-aba37db6", "region": "us-east-1"}])
    return World()


def _vgw_world(scene: Scene) -> World:
    _vgws(scene, "vgw-6efe725e")
    world = World()
    gateway(scene.dx, "5f294f92-bafb-4011-916d-9b0bexample", world)
    return world


ON_THE_WAY = frozenset({"describe-direct-connect-gateway-associations#1",
                        "describe-direct-connect-gateway-attachments#1"})
GATEWAY_SCENARIOS: dict[str, tuple[str, Setup]] = {
    "create-direct-connect-gateway#1": ("us-east-1", lambda scene: World()),
    "describe-direct-connect-gateways#1": ("us-east-1", lambda scene: _named_gateways(scene, "DxGateway1",
                                                                                      "DxGateway2")),
    "delete-direct-connect-gateway#1": ("us-east-1", _vgw_world),
    "create-direct-connect-gateway-association#1": (US_EAST_2, _vgw_world),
    "describe-direct-connect-gateway-associations#1": (US_EAST_2, _vgw_associations),
    "update-direct-connect-gateway-association#1": ("us-east-1", lambda scene: _tgw_association(
        scene, "820a6e4f-5374-4004-8317-3f64bEXAMPLE", "tgw-02f776b1a7EXAMPLE", "192.168.1.0/30")),
    "delete-direct-connect-gateway-association#1": ("us-east-1", lambda scene: _tgw_association(
        scene, "be85116d-46eb-4b43-a27a-da0c2ad648de", "tgw-095b3b0b54EXAMPLE", "192.0.1.0/28",
        account="123456789012")),
    "describe-direct-connect-gateway-attachments#1": (US_EAST_2, _attachment),
    "create-direct-connect-gateway-association-proposal#1": ("us-east-1", lambda scene: _proposal_world(
        scene, proposed=False)),
    "accept-direct-connect-gateway-association-proposal#1": ("us-east-1", lambda scene: _proposal_world(
        scene, proposed=True)),
    "describe-direct-connect-gateway-association-proposals#1": ("us-east-1", _proposals),
    "describe-virtual-gateways#1": ("us-east-1", _declared_vgw),
}

