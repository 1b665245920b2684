"""Parity with AWS's published answers: every AWS CLI example of a served operation, run through the
CLI against the emulator, must answer as the example documents.

Each example gets the world its command assumes (built through the API, named as in the example),
its ids swapped for ours, and its region. Values AWS draws or that record time or hardware (ids,
devices, keys, allocated addresses; the states of resources the example shows after days) are
compared by kind; everything else, including states right after a create or delete, the layout of
customerRouterConfig and the members present, must match.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from dx_emulator.operations.table import OPERATIONS
from tests.conftest import REMOTE
from tests.support.cli_examples import EXAMPLES, Example, Scene, Setup, World, differences, examples, run_cli
from tests.support.cli_gateway_worlds import GATEWAY_SCENARIOS, MID_COURSE, ON_THE_WAY, gateway
from tests.support.cli_hosted_worlds import HOSTED_SCENARIOS
from tests.support.server import RunningServer, client, new_account, start_server


def _lag(dx: Any, name: str, location: str, bandwidth: str, count: int) -> dict[str, Any]:
    return dict(dx.create_lag(numberOfConnections=count, location=location, connectionsBandwidth=bandwidth,
                              lagName=name))


def _connection(dx: Any, name: str, location: str, bandwidth: str = "1Gbps", **more: Any) -> str:
    return str(dx.create_connection(connectionName=name, location=location, bandwidth=bandwidth, **more)[
        "connectionId"])


def _tivit_vifs(dx: Any) -> World:
    conn = _connection(dx, "TIVIT connection", "TIVIT")
    private = dx.create_private_virtual_interface(connectionId=conn, newPrivateVirtualInterface={
        "virtualInterfaceName": "PrivateVirtualInterface", "vlan": 101, "asn": 65000, "authKey": "asdf34example",
        "amazonAddress": "192.168.1.1/30", "customerAddress": "192.168.1.2/30", "virtualGatewayId": "vgw-aba37db6"})
    public = dx.create_public_virtual_interface(connectionId=conn, newPublicVirtualInterface={
        "virtualInterfaceName": "PublicVirtualInterface", "vlan": 2000, "asn": 65000, "authKey": "asdf34example",
        "amazonAddress": "203.0.113.1/30", "customerAddress": "203.0.113.2/30",
        "routeFilterPrefixes": [{"cidr": "203.0.113.0/30"}, {"cidr": "203.0.113.4/30"}]})
    # The private VIF's gateway is a pre-2018 one (Amazon ASN 7224): ours is a new gateway's default.
    ids = {"dxcon-ffjrkx17": conn, "dxvif-ffhhk74f": private["virtualInterfaceId"],
           "dxvif-fgh0hcrk": public["virtualInterfaceId"]}
    return World(ids, frozenset({"virtualInterfaceState", "amazonSideAsn"}))


def _vif_with_ipv6(dx: Any, ipv6: bool) -> World:
    conn = _connection(dx, "My connection", "EqDC2")
    vif = dx.create_private_virtual_interface(connectionId=conn, newPrivateVirtualInterface={
        "virtualInterfaceName": "Test", "vlan": 125, "asn": 65000, "authKey": "0xC_ukbCerl6EYA0example",
        "amazonAddress": "169.254.255.1/30", "customerAddress": "169.254.255.2/30",
        "virtualGatewayId": "vgw-f9eb0c90"})
    world = World({"dxcon-fguhmqlc": conn, "dxvif-fg1vuj3d": vif["virtualInterfaceId"]},
                  frozenset({"amazonSideAsn", "bgpStatus"}))
    if ipv6:
        added = dx.create_bgp_peer(virtualInterfaceId=vif["virtualInterfaceId"],
                                   newBGPPeer={"asn": 64600, "addressFamily": "ipv6"})["virtualInterface"]
        [peer] = [p for p in added["bgpPeers"] if p["addressFamily"] == "ipv6"]
        world.ids["2001:db8:1100:2f0:0:1:9cb4:4216/125"] = peer["customerAddress"]
    return world


def _tagged_connection(dx: Any, tagged: bool) -> World:
    tags: dict[str, Any] = {"tags": [{"key": "Name", "value": "VAConnection"}]} if tagged else {}
    conn = _connection(dx, "VAConnection", "EqDC2", **tags)
    return World({"dxcon-abcabc12": conn})


def _transit_lag(dx: Any, with_vif: bool) -> World:
    lag = _lag(dx, "example lag", "loc1", "10Gbps", 1)
    # The example's VIF had been down for a while (its peer available, its session down).
    world = World({"dxlag-fEXAMPLE": lag["lagId"]}, frozenset({"virtualInterfaceState", "bgpPeerState", "bgpStatus"}))
    if with_vif:
        dxgw = gateway(dx, "879b76a1-403d-4700-8b53-4a56ed85436e", world)
        vif = dx.create_transit_virtual_interface(connectionId=lag["lagId"], newTransitVirtualInterface={
            "virtualInterfaceName": "example transit virtual interface", "vlan": 125, "asn": 650001,
            "amazonAddress": "169.254.248.1/30", "customerAddress": "169.254.248.2/30",
            "directConnectGatewayId": dxgw})["virtualInterface"]
        world.ids["dxvif-fEXAMPLE"] = vif["virtualInterfaceId"]
    else:
        # The example's gateway was made with the Amazon ASN 4200000000, which its VIF shows.
        gateway(dx, "8384da05-13ce-4a91-aada-5a1baEXAMPLE", world, amazonSideAsn=4200000000)
    return world


def _migrating_lag(dx: Any) -> World:
    return World({"dxcon-fgk145dr": _connection(dx, "VAConn1", "EqDC2")},
                 frozenset({"connectionState"}))  # the example's connection had been down for a while


def _empty_lag(dx: Any) -> World:
    lag = _lag(dx, "TestLAG", "EqDC2", "1Gbps", 1)
    dx.delete_connection(connectionId=lag["connections"][0]["connectionId"])
    return World({"dxlag-ffrhowd9": lag["lagId"]})


def _connection_in_a_lag(dx: Any) -> World:
    conn = _connection(dx, "My_Connection", "EqDC2")
    dx.create_lag(numberOfConnections=1, location="EqDC2", connectionsBandwidth="1Gbps", lagName="lag",
                  connectionId=conn)
    return World({"dxcon-fguhmqlc": conn}, frozenset({"connectionState"}))


def _loa_connection(dx: Any, flat: bool = False) -> World:
    world = World({"dxcon-fh6ayh1d": _connection(dx, "LOA connection", "EqDC2")})
    if flat:
        # DescribeLoa answers loaContent flat [doc: the model]; its example queries loa.loaContent, as
        # DescribeConnectionLoa's does, and would decode "None". The example's query is the one thing
        # changed.
        world.ids["loa.loaContent"] = "loaContent"
    return world


def _vif_to_move(scene: Scene) -> World:
    """A VIF on a connection at CSVA1, to move onto a LAG there; its VGW predates 2018 (ASN 7224)."""
    scene.declare(vgws=[{"virtualGatewayId": "vgw-38e90b51", "region": "us-east-1", "amazonSideAsn": 7224}])
    lag_id = _lag(scene.dx, "l", "CSVA1", "1Gbps", 1)["lagId"]
    conn = _connection(scene.dx, "VIF1A's connection", "CSVA1")
    vif = scene.dx.create_private_virtual_interface(connectionId=conn, newPrivateVirtualInterface={
        "virtualInterfaceName": "VIF1A", "vlan": 123, "asn": 65000, "authKey": "0x123pK5_VBqv.UQ3kJ4123_",
        "amazonAddress": "169.254.255.1/30", "customerAddress": "169.254.255.2/30",
        "virtualGatewayId": "vgw-38e90b51"})
    return World({"dxlag-ffjhj9lx": lag_id, "dxvif-fgputw0j": vif["virtualInterfaceId"]})


def _member_leaving(dx: Any) -> World:
    lag_id = _lag(dx, "l", "EqDC2", "1Gbps", 1)["lagId"]
    conn = _connection(dx, "Con2ForLag", "EqDC2", lagId=lag_id)
    return World({"dxlag-fhccu14t": lag_id, "dxcon-fg9607vm": conn}, frozenset({"connectionState"}))


SA_EAST_1 = "sa-east-1"  # where the examples at the TIVIT location run
# Each example: its region, and the world its command assumes.
SCENARIOS: dict[str, tuple[str, Setup]] = {
    **GATEWAY_SCENARIOS,
    **HOSTED_SCENARIOS,
    "create-connection#1": (SA_EAST_1, lambda s: World()),
    "describe-connections#1": ("us-east-1", lambda s: _connection_in_a_lag(s.dx)),
    "delete-connection#1": (SA_EAST_1, lambda s: World({
        "dxcon-fg31dyv6": _connection(s.dx, "Connection to AWS", "TIVIT")})),
    "create-lag#1": ("us-east-1", lambda s: World()),
    "create-lag#2": ("us-east-1", lambda s: _migrating_lag(s.dx)),
    "describe-lags#1": ("us-east-1", lambda s: World({"dxlag-fgsu9erb": _lag(s.dx, "DA-LAG", "EqDC2", "10Gbps", 2)[
        "lagId"]}, frozenset({"lagState", "connectionState"}))),
    "delete-lag#1": ("us-east-1", lambda s: _empty_lag(s.dx)),
    # Its members were still requested (the LAG down) when AWS ran it.
    "update-lag#1": ("us-east-1", lambda s: World({"dxlag-ffjhj9lx": _lag(s.dx, "l", "CSVA1", "1Gbps", 2)["lagId"]},
                                                  frozenset({"lagState", "connectionState"}))),
    "describe-locations#1": (SA_EAST_1, lambda s: World()),
    "associate-virtual-interface#1": ("us-east-1", _vif_to_move),
    # The connection was still requested when AWS ran these; here it is available at once.
    "associate-connection-with-lag#1": ("us-east-1", lambda s: World({
        "dxlag-fhccu14t": _lag(s.dx, "l", "EqDC2", "1Gbps", 1)["lagId"],
        "dxcon-fg9607vm": _connection(s.dx, "Con2ForLag", "EqDC2")}, frozenset({"connectionState"}))),
    "disassociate-connection-from-lag#1": ("us-east-1", lambda s: _member_leaving(s.dx)),
    "describe-connection-loa#1": ("us-east-1", lambda s: _loa_connection(s.dx)),
    "describe-connection-loa#2": ("us-east-1", lambda s: _loa_connection(s.dx)),
    "describe-loa#1": ("us-east-1", lambda s: _loa_connection(s.dx, flat=True)),
    "describe-loa#2": ("us-east-1", lambda s: _loa_connection(s.dx, flat=True)),
    "create-private-virtual-interface#1": (SA_EAST_1, lambda s: World({
        "dxcon-ffjrkx17": _connection(s.dx, "TIVIT connection", "TIVIT")}, frozenset({"amazonSideAsn"}))),
    "create-public-virtual-interface#1": (SA_EAST_1, lambda s: World({
        "dxcon-ffjrkx17": _connection(s.dx, "TIVIT connection", "TIVIT")})),
    "create-transit-virtual-interface#1": (SA_EAST_1, lambda s: _transit_lag(s.dx, with_vif=False)),
    "describe-virtual-interfaces#1": (SA_EAST_1, lambda s: _tivit_vifs(s.dx)),
    "delete-virtual-interface#1": (SA_EAST_1, lambda s: _tivit_vifs(s.dx)),
    "update-virtual-interface-attributes#1": (SA_EAST_1, lambda s: _transit_lag(s.dx, with_vif=True)),
    "create-bgp-peer#1": ("us-east-1", lambda s: _vif_with_ipv6(s.dx, ipv6=False)),
    "delete-bgp-peer#1": ("us-east-1", lambda s: _vif_with_ipv6(s.dx, ipv6=True)),
    "describe-tags#1": ("us-east-1", lambda s: _tagged_connection(s.dx, tagged=True)),
    "tag-resource#1": ("us-east-1", lambda s: _tagged_connection(s.dx, tagged=False)),
    "untag-resource#1": ("us-east-1", lambda s: _tagged_connection(s.dx, tagged=True)),
}


def _operation(stem: str) -> str:
    return "".join(word.capitalize() for word in stem.split("-")).replace("Bgp", "BGP")


SERVED_EXAMPLES = [example for path in sorted(EXAMPLES.glob("*.rst")) if _operation(path.stem) in OPERATIONS
                   for example in examples(path.stem)]


def test_every_example_of_a_served_operation_has_a_scenario() -> None:
    assert sorted(example.name for example in SERVED_EXAMPLES) == sorted(SCENARIOS)


def _substituted(command: list[str], ids: dict[str, str], their_account: str, account: str) -> list[str]:
    replaced = []
    for argument in command:
        text = argument
        for theirs, ours in ids.items():
            text = text.replace(theirs, ours)
        replaced.append(text.replace(their_account, account))
    return replaced


@pytest.fixture(scope="module")
def mid_course_server() -> Iterator[RunningServer]:
    if REMOTE:
        pytest.fail("examples caught mid-course need their own server: deselect them with -m 'not timed'")
    running = start_server(None, table=f"dx-cli-{uuid.uuid4().hex[:8]}", extra=MID_COURSE)
    yield running
    running.stop()


@pytest.mark.parametrize("example", [
    pytest.param(example, marks=[pytest.mark.timed] if example.name in ON_THE_WAY else [])
    for example in SERVED_EXAMPLES], ids=lambda example: example.name)
def test_the_cli_example_answers_as_documented(embedded_server: RunningServer, example: Example,
                                               request: pytest.FixtureRequest) -> None:
    """Run once: the answers do not depend on the store."""
    server = request.getfixturevalue("mid_course_server") if example.name in ON_THE_WAY else embedded_server
    account = new_account()
    region, setup = SCENARIOS[example.name]
    world = setup(Scene(client(server.url, account, region=region), server.url, account))
    ours = run_cli(server.url, account, region, _substituted(example.command, world.ids, world.account, account))
    if example.output is None:  # "If the command succeeds, no output is returned."
        assert ours is None
        return
    # Our account reads as the example's, so ARNs and owners compare.
    ours = json.loads(json.dumps(ours).replace(account, world.account))
    assert differences(example.output, ours, volatile=world.volatile, absent=world.absent) == []
