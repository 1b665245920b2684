"""The worlds the AWS CLI's hosted examples assume: what one account provisions for another.

The allocating examples (a hosted VIF on the caller's connection or LAG, a hosted connection on a
partner's interconnect) hand it to account 123456789012, which must then be another account than
the caller's: they are written as ``HOST``, and 123456789012 stands for a fresh account. The
confirming examples run as 123456789012, the owner, and a fresh account allocated what they confirm.
Partners declare themselves through their world; their interconnects are at TIVIT with that
provider's name, which hosted connections show as their ``partnerName``."""

from __future__ import annotations

from typing import Any

from tests.support.cli_examples import EXAMPLE_ACCOUNT, Scene, Setup, World
from tests.support.cli_gateway_worlds import gateway
from tests.support.server import client, new_account

HOST = "111122223333"  # the account the allocating examples are written as: not the one they allocate to
SA_EAST_1 = "sa-east-1"  # where the examples at TIVIT and loc1 run
VIF_ALLOCATION = {"private": "newPrivateVirtualInterfaceAllocation", "public": "newPublicVirtualInterfaceAllocation",
                  "transit": "newTransitVirtualInterfaceAllocation"}


def _other(scene: Scene, partner: bool = False) -> Scene:
    """Another account, in the scene's region; ``partner``: declared a Direct Connect partner."""
    account = new_account()
    other = Scene(client(scene.url, account, region=scene.dx.meta.region_name), scene.url, account)
    if partner:
        other.declare(partner="v2")
    return other


def _tivit_connection(dx: Any) -> str:
    return str(dx.create_connection(connectionName="TIVIT connection", location="TIVIT", bandwidth="1Gbps")[
        "connectionId"])


def _loc1_lag(dx: Any) -> str:
    return str(dx.create_lag(numberOfConnections=1, location="loc1", connectionsBandwidth="10Gbps",
                             lagName="example lag")["lagId"])


def _allocating_vif(scene: Scene, transit: bool = False, volatile: frozenset[str] = frozenset()) -> World:
    """The caller's connection at TIVIT (transit: its LAG at loc1), and a fresh account to allocate to."""
    world = World(account=HOST, volatile=volatile)
    if transit:
        world.ids["dxlag-fEXAMPLE"] = _loc1_lag(scene.dx)
    else:
        world.ids["dxcon-ffjrkx17"] = _tivit_connection(scene.dx)
    world.ids[EXAMPLE_ACCOUNT] = new_account()
    return world


def _allocated_vif(scene: Scene, kind: str, theirs: str, **peering: Any) -> World:
    """A VIF of ``kind`` another account allocated to the caller, still ``confirming``."""
    allocator = _other(scene)
    parent = _loc1_lag(allocator.dx) if kind == "transit" else _tivit_connection(allocator.dx)
    allocation = {"virtualInterfaceName": f"{kind} virtual interface", "vlan": 1000, "asn": 65000, **peering}
    allocate = getattr(allocator.dx, f"allocate_{kind}_virtual_interface")
    answer = allocate(connectionId=parent, ownerAccount=scene.account, **{VIF_ALLOCATION[kind]: allocation})
    vif = answer.get("virtualInterface", answer)  # the transit answer is wrapped
    return World({theirs: vif["virtualInterfaceId"]})


def _confirming_private(scene: Scene) -> World:
    scene.declare(vgws=[{"virtualGatewayId": "vgw-e4a47df9", "region": SA_EAST_1}])
    return _allocated_vif(scene, "private", "dxvif-fgy8orxu")


def _confirming_transit(scene: Scene) -> World:
    world = _allocated_vif(scene, "transit", "dxvif-fEXAMPLE")
    gateway(scene.dx, "4112ccf9-25e9-4111-8237-b6c5dEXAMPLE", world)
    return world


def _interconnect(scene: Scene, world: World, theirs: str = "dxcon-fgktov66") -> str:
    """The example's interconnect: the caller's, a 1Gbps one at TIVIT of the provider TIVIT."""
    ours = str(scene.dx.create_interconnect(interconnectName="1G Interconnect to AWS", bandwidth="1Gbps",
                                            location="TIVIT", providerName="TIVIT")["interconnectId"])
    world.ids[theirs] = ours
    return ours


def _hosted(partner: Scene, interconnect: str, owner: str) -> str:
    """The examples' hosted connection: 500Mbps on VLAN 101, named ``mydcinterconnect``."""
    return str(partner.dx.allocate_hosted_connection(connectionId=interconnect, ownerAccount=owner,
                                                     bandwidth="500Mbps", connectionName="mydcinterconnect",
                                                     vlan=101)["connectionId"])


def _partner(scene: Scene, account: str = EXAMPLE_ACCOUNT, *, volatile: frozenset[str] = frozenset()) -> World:
    """The caller, a partner, with its interconnect dxcon-fgktov66."""
    scene.declare(partner="v2")
    world = World(account=account, volatile=volatile)
    _interconnect(scene, world)
    return world


def _allocating_connection(scene: Scene) -> World:
    """A partner's interconnect, and a fresh customer to allocate a hosted connection to."""
    world = _partner(scene, HOST)
    world.ids[EXAMPLE_ACCOUNT] = new_account()
    return world


def _hosting(scene: Scene) -> World:
    """A partner's interconnect with the example's hosted connection on it, ordered by a customer."""
    world = _partner(scene, HOST)
    world.ids["dxcon-ffzc51m1"] = _hosted(scene, world.ids["dxcon-fgktov66"], new_account())
    return world


def _moving(scene: Scene) -> World:
    """A partner's hosted connection on its interconnect, and its LAG at the same location."""
    world = _partner(scene, HOST)
    world.ids["dxcon-fg9607vm"] = _hosted(scene, world.ids["dxcon-fgktov66"], new_account())
    world.ids["dxlag-fhccu14t"] = str(scene.dx.create_lag(numberOfConnections=1, location="TIVIT",
                                                          connectionsBandwidth="1Gbps", lagName="TIVIT LAG")["lagId"])
    return world


def _ordered(scene: Scene) -> World:
    """A hosted connection a partner allocated to the caller, ``ordering``."""
    partner = _other(scene, partner=True)
    world = World()
    world.ids["dxcon-fg2wi7hy"] = _hosted(partner, _interconnect(partner, world), scene.account)
    return world


def _loa(scene: Scene) -> World:
    scene.declare(partner="v2")
    world = World()
    _interconnect(scene, world, "dxcon-fh6ayh1d")
    return world


def _new_partner(scene: Scene) -> World:
    scene.declare(partner="v2")
    return World()


HOSTED_SCENARIOS: dict[str, tuple[str, Setup]] = {
    # The example's customerRouterConfig alone indents its <logical_connection> line (NOTES.md, 10): its
    # layout is compared by allocate-public's, the same router configuration of a sibling VIF.
    "allocate-private-virtual-interface#1": (SA_EAST_1, lambda scene: _allocating_vif(
        scene, volatile=frozenset({"customerRouterConfig"}))),
    "allocate-public-virtual-interface#1": (SA_EAST_1, _allocating_vif),
    "allocate-transit-virtual-interface#1": (SA_EAST_1, lambda scene: _allocating_vif(scene, transit=True)),
    "confirm-private-virtual-interface#1": (SA_EAST_1, _confirming_private),
    "confirm-public-virtual-interface#1": (SA_EAST_1, lambda scene: _allocated_vif(
        scene, "public", "dxvif-fg9xo9vp", amazonAddress="203.0.113.1/30", customerAddress="203.0.113.2/30",
        routeFilterPrefixes=[{"cidr": "203.0.113.0/30"}])),
    "confirm-transit-virtual-interface#1": (SA_EAST_1, _confirming_transit),
    "allocate-hosted-connection#1": (SA_EAST_1, _allocating_connection),
    "allocate-connection-on-interconnect#1": (SA_EAST_1, _allocating_connection),
    "confirm-connection#1": (SA_EAST_1, _ordered),
    "describe-hosted-connections#1": (SA_EAST_1, _hosting),
    "describe-connections-on-interconnect#1": (SA_EAST_1, _hosting),
    "associate-hosted-connection#1": (SA_EAST_1, _moving),
    "create-interconnect#1": (SA_EAST_1, _new_partner),
    # The example's interconnect had been down for a while.
    "describe-interconnects#1": (SA_EAST_1, lambda scene: _partner(scene, volatile=frozenset({"interconnectState"}))),
    "delete-interconnect#1": (SA_EAST_1, _partner),
    "describe-interconnect-loa#1": (SA_EAST_1, _loa),
    "describe-interconnect-loa#2": (SA_EAST_1, _loa),
}
