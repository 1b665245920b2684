"""The artifact `sam build` produces answers every event in events/, on DynamoDB Local.

The runner imports the handler from .aws-sam/build alone (function + layer, no site-packages), with
the runtime's own Python (3.13) when this machine has one. `make test` builds first.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.support.runtime import python313

pytestmark = [pytest.mark.dynamodb_local, pytest.mark.artifact]

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / ".aws-sam" / "build"
RUNNER = Path(__file__).with_name("run_events.py")


def runtime_python() -> str:
    """python3.13 (Lambda's runtime) when this machine has one; else this interpreter [fallback]."""
    return python313() or sys.executable


def error(code: str, text: str) -> Callable[[dict[str, Any]], bool]:
    return lambda body: body["__type"].endswith(code) and text in body["message"]


# By event name without its number (scripts/make-events numbers them by position).
EXPECTED: dict[str, tuple[int, Callable[[dict[str, Any]], bool]]] = {
    "create-connection": (200, lambda b: b["connectionState"] == "requested" and b["hasLogicalRedundancy"] == "no"),
    "describe-connections": (200, lambda b: len(b["connections"]) == 1),
    "create-lag": (200, lambda b: len(b["connections"]) == 2),
    "describe-lags": (200, lambda b: len(b["lags"]) == 1),
    "update-lag": (200, lambda b: (b["lagName"], b["minimumLinks"]) == ("core-renamed", 1)),
    "update-connection": (200, lambda b: b["connectionName"] == "renamed"),
    "update-connections-billing-mode": (200, lambda b: [c["billingMode"] for c in b["connections"]] == [
        "FlatRateTier1"]),
    "describe-loa": (200, lambda b: base64.b64decode(b["loaContent"]).startswith(b"%PDF")),
    "describe-connection-loa": (200, lambda b: b["loa"]["loaContentType"] == "application/pdf"),
    "create-private-virtual-interface": (200, lambda b: b["bgpPeers"][0]["customerAddress"] == "192.168.100.2/30"),
    "create-public-virtual-interface": (200, lambda b: b["virtualInterfaceState"] == "verifying"),
    "create-direct-connect-gateway": (200, lambda b: b["directConnectGateway"]["amazonSideAsn"] == 64600),
    "create-transit-virtual-interface": (200, lambda b: (
        b["virtualInterface"]["virtualInterfaceType"], b["virtualInterface"]["amazonSideAsn"]) == ("transit", 64600)),
    "describe-direct-connect-gateways": (200, lambda b: [g["directConnectGatewayState"] for g in b[
        "directConnectGateways"]] == ["available"]),
    "update-direct-connect-gateway": (200, lambda b: b["directConnectGateway"]["directConnectGatewayName"]
                                      == "core-renamed"),
    "describe-direct-connect-gateway-attachments": (200, lambda b: [a["attachmentType"] for a in b[
        "directConnectGatewayAttachments"]] == ["TransitVirtualInterface"]),
    "create-direct-connect-gateway-association": (200, lambda b: b["directConnectGatewayAssociation"][
        "associationState"] == "associating"),
    "describe-direct-connect-gateway-associations": (200, lambda b: [a["associatedGateway"]["type"] for a in b[
        "directConnectGatewayAssociations"]] == ["transitGateway"]),
    "update-direct-connect-gateway-association": (200, lambda b: b["directConnectGatewayAssociation"][
        "allowedPrefixesToDirectConnectGateway"] == [{"cidr": "10.0.0.0/16"}, {"cidr": "10.1.0.0/16"}]),
    "list-virtual-interface-routes": (200, lambda b: sorted(r["cidr"] for r in b["routes"]) == [
        "10.0.0.0/16", "10.1.0.0/16"]),
    "create-direct-connect-gateway-association-proposal": (200, lambda b: b[
        "directConnectGatewayAssociationProposal"]["proposalState"] == "requested"),
    "describe-direct-connect-gateway-association-proposals": (200, lambda b: len(b[
        "directConnectGatewayAssociationProposals"]) == 1),
    "accept-direct-connect-gateway-association-proposal": (200, lambda b: b["directConnectGatewayAssociation"][
        "associatedGateway"]["id"] == "tgw-1a2b3c4d5e6f70819"),
    "accept-accepted-proposal": (400, error("DirectConnectClientException", "has been accepted!")),
    "create-second-association-proposal": (200, lambda b: b["directConnectGatewayAssociationProposal"][
        "proposalState"] == "requested"),
    "delete-direct-connect-gateway-association-proposal": (200, lambda b: b[
        "directConnectGatewayAssociationProposal"]["proposalState"] == "deleted"),
    "delete-direct-connect-gateway-association": (200, lambda b: b["directConnectGatewayAssociation"][
        "associationState"] == "disassociating"),
    "delete-direct-connect-gateway-with-vifs": (400, error("DirectConnectClientException",
                                                           "has virtual interfaces attached")),
    "describe-virtual-gateways": (200, lambda b: b == {"virtualGateways": []}),
    "describe-virtual-interfaces": (200, lambda b: len(b["virtualInterfaces"]) == 2),
    "create-bgp-peer": (200, lambda b: [p["addressFamily"] for p in b["virtualInterface"]["bgpPeers"]] == [
        "ipv4", "ipv6"]),
    "create-bgp-peer-same-family": (400, error("DirectConnectClientException", "address family ipv6")),
    "describe-router-configuration": (200, lambda b: b["router"]["vendor"] == "Cisco Systems, Inc."
                                      and "router bgp" in b["customerRouterConfig"]),
    "describe-locations": (200, lambda b: b["locations"][0]["locationCode"] == "EqDC2"),
    "update-virtual-interface-attributes": (200, lambda b: b["mtu"] == 9001 and b["jumboFrameCapable"]),
    "tag-resource": (200, lambda b: b == {}),
    "describe-tags": (200, lambda b: b["resourceTags"][0]["tags"] == [{"key": "team", "value": "network"}]),
    "untag-resource": (200, lambda b: b == {}),
    "delete-bgp-peer": (200, lambda b: b["virtualInterface"]["bgpPeers"][0]["bgpPeerState"] == "deleting"),
    "delete-last-bgp-peer": (400, error("DirectConnectClientException",
                                           "The last BGP Peer on a Virtual Interface cannot be deleted")),
    "delete-virtual-interface": (200, lambda b: b == {"virtualInterfaceState": "deleting"}),
    "delete-connection-with-vifs": (400, error("DirectConnectClientException", "delete them first")),
    "delete-lag-with-connections": (400, error("DirectConnectClientException", "has 2 connections")),
    "describe-unknown-virtual-interface": (200, lambda b: b == {"virtualInterfaces": []}),
    "cbor-describe-connections": (200, lambda b: len(b["connections"]) == 3),
    "body-not-json": (400, error("SerializationException", "not valid JSON")),
    "unknown-operation": (400, error("UnknownOperationException", "LaunchRocket")),
    "start-bgp-failover-test": (200, lambda b: b["virtualInterfaceTest"]["status"] == "in progress"),
    "list-virtual-interface-test-history": (200, lambda b: [t["status"] for t in b["virtualInterfaceTestHistory"]]
                                               == ["in progress"]),
    "stop-bgp-failover-test": (200, lambda b: b["virtualInterfaceTest"]["status"] == "completed"),
    "allocate-private-virtual-interface": (200, lambda b: (b["virtualInterfaceState"], b["ownerAccount"]) == (
        "confirming", "444455556666")),
    "allocate-public-virtual-interface": (200, lambda b: b["virtualInterfaceState"] == "confirming"),
    "allocate-transit-virtual-interface": (200, lambda b: b["virtualInterface"]["virtualInterfaceState"]
                                           == "confirming"),
    "create-customer-direct-connect-gateway": (200, lambda b: b["directConnectGateway"]["ownerAccount"]
                                               == "444455556666"),
    "confirm-private-virtual-interface": (200, lambda b: b == {"virtualInterfaceState": "pending"}),
    "confirm-public-virtual-interface": (200, lambda b: b == {"virtualInterfaceState": "verifying"}),
    "confirm-transit-virtual-interface": (200, lambda b: b == {"virtualInterfaceState": "pending"}),
    "describe-interconnects-not-a-partner": (400, error("DirectConnectClientException",
                                                        "not an authorized Direct Connect partner in us-east-1.")),
    "put-world-partner": (200, lambda b: b["nniPartnerType"] == "v2"),
    "describe-customer-metadata": (200, lambda b: b["nniPartnerType"] == "v2"),
    "confirm-customer-agreement": (200, lambda b: b == {"status": "signed"}),
    "create-interconnect": (200, lambda b: b["interconnectState"] == "requested"),
    "describe-interconnects": (200, lambda b: [i["interconnectName"] for i in b["interconnects"]] == ["partner port"]),
    "describe-interconnect-loa": (200, lambda b: b["loa"]["loaContentType"] == "application/pdf" and base64.b64decode(
        b["loa"]["loaContent"]).startswith(b"%PDF")),
    "allocate-hosted-connection": (200, lambda b: (b["connectionState"], b["vlan"], b["partnerName"]) == (
        "ordering", 4092, "Example")),
    "describe-hosted-connections": (200, lambda b: [c["connectionState"] for c in b["connections"]] == ["ordering"]),
    "confirm-connection": (200, lambda b: b == {"connectionState": "pending"}),
    "allocate-connection-on-interconnect": (200, lambda b: b["bandwidth"] == "500Mbps"),
    "describe-connections-on-interconnect": (200, lambda b: len(b["connections"]) == 2),
    "create-partner-lag": (200, lambda b: b["lagState"] == "pending"),
    "associate-hosted-connection": (200, lambda b: b["lagId"].startswith("dxlag-")),
    "delete-connection-while-ordering": (200, lambda b: b["connectionState"] == "rejected"),
    "delete-interconnect-with-hosted-connections": (400, error("DirectConnectClientException",
                                                               "has 1 hosted connection: delete them first")),
    "create-connection-for-lag": (200, lambda b: b["connectionName"] == "third member"),
    "associate-connection-with-lag": (200, lambda b: b["lagId"].startswith("dxlag-")),
    "disassociate-connection-from-lag": (200, lambda b: "lagId" not in b),
    "associate-virtual-interface": (200, lambda b: [p["bgpPeerState"] for p in b["bgpPeers"]] == [
        "deleting", "verifying"]),
    "create-macsec-connection": (200, lambda b: b["macSecCapable"] is True),
    "associate-mac-sec-key": (200, lambda b: [k["state"] for k in b["macSecKeys"]] == ["associating"]),
    "disassociate-unknown-mac-sec-key": (400, error("DirectConnectClientException", "is not associated with")),
    "create-resiliency-group": (200, lambda b: b["resiliencyGroup"]["state"] == "pending"),
    "create-resiliency-group-token-reused": (400, error("DirectConnectClientException",
                                                        "Client token example-token was already used")),
    "associate-connections-to-resiliency-group": (200, lambda b: [a["state"] for a in b[
        "resiliencyGroupAssociations"]] == ["associating"]),
    "list-resiliency-group-associations": (200, lambda b: [a["state"] for a in b["items"]] == ["associated"]),
    "update-resiliency-group": (200, lambda b: b["resiliencyGroup"]["resiliencyGroupName"] == "core-renamed"),
    "get-resiliency-group": (200, lambda b: b["resiliencyGroup"]["state"] == "available"),
    "list-resiliency-groups": (200, lambda b: [g["resiliencyGroupName"] for g in b["items"]] == [
        "core-renamed"]),
    "disassociate-connections-from-resiliency-group": (200, lambda b: [a["state"] for a in b[
        "resiliencyGroupAssociations"]] == ["disassociating"]),
    "delete-resiliency-group": (200, lambda b: b["resiliencyGroup"]["state"] == "deleting"),
    "sts-get-caller-identity": (200, lambda b: "<Account>123456789012</Account>" in b["xml"]),
    "admin-health": (200, lambda b: (b["status"], b["store"]) == ("ok", "ok")),
    "admin-put-settings": (200, lambda b: b["delays"]["vifAvailable"] == 5),
    "admin-get-state": (200, lambda b: b["account"] == "123456789012" and "****" in json.dumps(b)
                        and len(b["regions"]["us-east-1"]["virtualInterfaces"]) >= 3),
    "admin-dashboard": (200, lambda b: "<html" in b["html"].lower()),
    "admin-reset": (200, lambda b: b["removed"]["connections"] >= 5 and b["removed"]["settings"] == 1),
    "idle-expiry": (200, lambda b: b == {"batchItemFailures": []}),
    # The partner's world went with its account: it is no partner any more.
    "describe-interconnects-after-expiry": (400, error("ClientException", "is not an authorized Direct Connect "
                                                                           "partner")),
}


def test_every_event_is_answered(dynamodb_local: str) -> None:
    if not (BUILD / "Function" / "dx_emulator" / "handler.py").exists():
        pytest.fail("no built artifact: run `make build` (make test does) first")
    env = {"PATH": os.environ["PATH"], "AWS_ENDPOINT_URL_DYNAMODB": dynamodb_local, "AWS_REGION": "us-east-1",
           "AWS_ACCESS_KEY_ID": "local", "AWS_SECRET_ACCESS_KEY": "local", "POWERTOOLS_LOG_LEVEL": "WARNING",
           "DX_EMULATOR_TABLE": f"dx-artifact-{uuid.uuid4().hex[:8]}"}
    python = runtime_python()
    result = subprocess.run([python, "-I", "-S", str(RUNNER), str(BUILD), str(ROOT / "events")], env=env,
                            capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    # The runner's own lines; the handler's EMF metric blobs share its stdout.
    parsed = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    *lines, footer = [line for line in parsed if "event" in line or "python" in line]
    answers = {line["event"].split("-", 1)[1]: line for line in lines}
    # Every event ran, in the order EXPECTED tells their story.
    assert [line["event"] for line in lines] == sorted(path.stem for path in (ROOT / "events").glob("*.json"))
    assert list(answers) == list(EXPECTED)
    for name, (status, check) in EXPECTED.items():
        answer = answers[name]
        assert answer["status"] == status, (name, answer)
        assert check(answer["body"]), (name, answer["body"])
        if name != "idle-expiry":  # a stream batch's answer has no HTTP headers
            assert answer["headers"]["x-amzn-RequestId"] == "artifact-test"
    # Nothing but the artifact was importable.
    assert footer["path"] == [str(BUILD / "Function"), str(BUILD / "DependenciesLayer" / "python")]
    if python != sys.executable:
        assert footer["python"].startswith("3.13")
