"""`dx-emulator seed`: a known world from a file, through the public API."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.support.server import RunningServer, client, new_account

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "world.yaml"


def run_seed(server: RunningServer, account: str, file: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "dx_emulator.cli", "seed", "--endpoint", server.url, "--account", account,
               "--region", "eu-west-1", str(file)]
    return subprocess.run(command, capture_output=True, text=True, check=False, timeout=60)


def test_the_example_world(server: RunningServer) -> None:
    account = new_account()
    result = run_seed(server, account, EXAMPLE)
    assert result.returncode == 0, result.stderr
    ids = json.loads(result.stdout)
    dx = client(server.url, account, region="eu-west-1")
    vifs = {v["virtualInterfaceName"]: v for v in dx.describe_virtual_interfaces()["virtualInterfaces"]}
    assert {name: v["virtualInterfaceId"] for name, v in vifs.items()} == ids["virtualInterfaces"]
    assert [p["addressFamily"] for p in vifs["prod"]["bgpPeers"]] == ["ipv4", "ipv6"]
    assert [p["addressFamily"] for p in vifs["transit-core"]["bgpPeers"]] == ["ipv4", "ipv4"]
    assert vifs["transit-core"]["connectionId"] == ids["lags"]["core"]
    [lag] = dx.describe_lags()["lags"]
    assert (lag["hasLogicalRedundancy"], lag["numberOfConnections"]) == ("yes", 2)
    # The gateway, its association with the declared transit gateway, and the VIFs' Amazon ASNs.
    gateway_id = ids["directConnectGateways"]["core-gateway"]
    [association] = dx.describe_direct_connect_gateway_associations(directConnectGatewayId=gateway_id)[
        "directConnectGatewayAssociations"]
    assert (association["associatedGateway"]["id"], association["allowedPrefixesToDirectConnectGateway"]) == (
        "tgw-0a1b2c3d4e5f60718", [{"cidr": "10.0.0.0/16"}])
    transit = vifs["transit-core"]
    assert (transit["directConnectGatewayId"], transit["amazonSideAsn"]) == (gateway_id, 64600)
    assert vifs["prod"]["amazonSideAsn"] == 64512  # the declared virtual private gateway's


def test_a_partner_world(server: RunningServer, tmp_path: Path) -> None:
    account = new_account()
    partner = tmp_path / "partner.yaml"
    partner.write_text("nniPartnerType: v1\ninterconnects:\n"
                       "  - {interconnectName: port, bandwidth: 10Gbps, location: EqDC2, providerName: Example}\n")
    result = run_seed(server, account, partner)
    assert result.returncode == 0, result.stderr
    ids = json.loads(result.stdout)
    dx = client(server.url, account, region="eu-west-1")
    assert dx.describe_customer_metadata()["nniPartnerType"] == "v1"
    [interconnect] = dx.describe_interconnects()["interconnects"]
    assert (interconnect["interconnectId"], interconnect["providerName"]) == (ids["interconnects"]["port"], "Example")


def test_a_world_the_api_refuses(server: RunningServer, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("connections:\n  - {connectionName: c, location: EqDC2, bandwidth: 3Gbps}\n")
    result = run_seed(server, new_account(), bad)
    assert result.returncode == 1
    assert "Bandwidth 3Gbps is not available for a dedicated connection" in result.stderr


def test_a_virtual_interface_of_no_known_type(server: RunningServer, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("connections:\n  - connectionName: c\n    location: EqDC2\n    bandwidth: 1Gbps\n"
                   "    virtualInterfaces:\n      - {type: hosted, virtualInterfaceName: h, vlan: 1, asn: 65000}\n")
    result = run_seed(server, new_account(), bad)
    assert result.returncode == 1
    assert "virtual interface h: type must be private, public or transit, not hosted" in result.stderr


def test_a_file_that_is_not_a_world(server: RunningServer, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("vifs: []\n")
    result = run_seed(server, new_account(), bad)
    assert result.returncode == 1
    assert ("expected a mapping of 'virtualGateways', 'transitGateways', 'nniPartnerType', 'directConnectGateways', "
            "'interconnects', 'connections', 'lags'") in result.stderr
