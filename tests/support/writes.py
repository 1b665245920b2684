"""Every write path, each as (operation, params) on a small world built through the API: the
catalogue the fault tests drive (a failure at any step, an answer lost after the write)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from tests.support.inprocess import Harness

REDUNDANT = [{"key": "dx-emulator:logical-redundancy", "value": "yes"}]


def world(h: Harness, account: str) -> dict[str, Any]:
    def call(operation: str, params: dict[str, Any]) -> Any:
        return h.call(operation, params, account=account)

    conn = call("CreateConnection", {"location": "EqDC2", "bandwidth": "10Gbps", "connectionName": "c",
                                     "tags": REDUNDANT})
    spare = call("CreateConnection", {"location": "EqDC2", "bandwidth": "10Gbps", "connectionName": "spare"})
    lag = call("CreateLag", {"numberOfConnections": 2, "location": "EqDC2", "connectionsBandwidth": "10Gbps",
                             "lagName": "l"})
    empty = call("CreateLag", {"numberOfConnections": 1, "location": "EqDC2", "connectionsBandwidth": "1Gbps",
                               "lagName": "empty"})
    call("DeleteConnection", {"connectionId": empty["connections"][0]["connectionId"]})
    vif = call("CreatePrivateVirtualInterface", {"connectionId": conn["connectionId"], "newPrivateVirtualInterface": {
        "virtualInterfaceName": "v", "vlan": 1, "asn": 65000, "virtualGatewayId": "vgw-1"}})
    two = call("CreateBGPPeer", {"virtualInterfaceId": vif["virtualInterfaceId"],
                                 "newBGPPeer": {"asn": 65001, "addressFamily": "ipv6"}})
    tested = call("CreatePrivateVirtualInterface", {"connectionId": conn["connectionId"],
                                                    "newPrivateVirtualInterface": {
        "virtualInterfaceName": "t", "vlan": 2, "asn": 65000, "virtualGatewayId": "vgw-1"}})
    call("StartBgpFailoverTest", {"virtualInterfaceId": tested["virtualInterfaceId"]})
    # A gateway on an ASN apart from 64512, so the account's undeclared transit gateways may join it.
    dxgw = call("CreateDirectConnectGateway", {"directConnectGatewayName": "g", "amazonSideAsn": 64600})[
        "directConnectGateway"]["directConnectGatewayId"]
    idle = call("CreateDirectConnectGateway", {"directConnectGatewayName": "idle"})["directConnectGateway"]
    association = call("CreateDirectConnectGatewayAssociation", {
        "directConnectGatewayId": dxgw, "gatewayId": "tgw-1",
        "addAllowedPrefixesToDirectConnectGateway": [{"cidr": "10.0.0.0/16"}]})["directConnectGatewayAssociation"]
    proposal = call("CreateDirectConnectGatewayAssociationProposal", {
        "directConnectGatewayId": dxgw, "directConnectGatewayOwnerAccount": account, "gatewayId": "tgw-2",
        "addAllowedPrefixesToDirectConnectGateway": [{"cidr": "10.2.0.0/16"}],
    })["directConnectGatewayAssociationProposal"]
    group = call("CreateResiliencyGroup", {"resiliencyGroupName": "g", "intendedResiliencyModel": "high-resiliency",
                                           "clientToken": "world"})["resiliencyGroup"]["resiliencyGroupId"]
    call("AssociateConnectionsToResiliencyGroup", {"resiliencyGroupId": group,
                                                   "connectionIdentifiers": [conn["connectionId"]]})
    return {"gateway": dxgw, "idle": idle["directConnectGatewayId"], "association": association["associationId"],
            "proposal": proposal["proposalId"], "group": group,
            "account": account, "conn": conn, "spare": spare, "lag": lag, "empty": empty, "vif": vif,
            "tested": tested, "ipv6": two["virtualInterface"]["bgpPeers"][1], **_hosted(h, account, conn)}


def other(account: str) -> str:
    """The account this one allocates to: derived, so a copied world's counterpart is its own too."""
    return f"{(int(account) + 1) % 10**12:012d}"


def _hosted(h: Harness, account: str, conn: dict[str, Any]) -> dict[str, Any]:
    """The account as a partner and connection owner allocating to ``other(account)``, and as the
    customer of an ally (an account outside the copied world) that allocates to it."""
    ally = f"{(int(account) + 500) % 10**12:012d}"
    for partner in (account, ally):
        h.admin("PUT", "world", {"nniPartnerType": "v2"}, partner)

    def call(operation: str, params: dict[str, Any], caller: str = account) -> Any:
        return h.call(operation, params, account=caller)

    interconnect = call("CreateInterconnect", {"interconnectName": "i", "bandwidth": "10Gbps", "location": "EqDC2"})
    spare = call("CreateInterconnect", {"interconnectName": "spare", "bandwidth": "1Gbps", "location": "EqDC2"})
    hosted = call("AllocateHostedConnection", {"connectionId": interconnect["interconnectId"],
                                               "ownerAccount": other(account), "bandwidth": "100Mbps",
                                               "connectionName": "h", "vlan": 10})
    allocation = {"virtualInterfaceName": "a", "vlan": 3, "asn": 65000}
    allocated = call("AllocatePrivateVirtualInterface", {"connectionId": conn["connectionId"],
                                                         "ownerAccount": other(account),
                                                         "newPrivateVirtualInterfaceAllocation": allocation})
    ally_conn = call("CreateConnection", {"location": "EqDC2", "bandwidth": "1Gbps", "connectionName": "a"}, ally)
    offered = call("AllocatePrivateVirtualInterface", {"connectionId": ally_conn["connectionId"],
                                                       "ownerAccount": account,
                                                       "newPrivateVirtualInterfaceAllocation": allocation}, ally)
    ally_port = call("CreateInterconnect", {"interconnectName": "a", "bandwidth": "1Gbps", "location": "EqDC2"}, ally)
    ordered = call("AllocateHostedConnection", {"connectionId": ally_port["interconnectId"], "ownerAccount": account,
                                                "bandwidth": "50Mbps", "connectionName": "o", "vlan": 12}, ally)
    secured = call("CreateConnection", {"location": "EqDC2", "bandwidth": "10Gbps", "connectionName": "m",
                                        "requestMACSec": True})
    keyed = call("AssociateMacSecKey", {"connectionId": secured["connectionId"], "ckn": "ab" * 32, "cak": "cd" * 32})
    return {"secured": secured["connectionId"], "secret": keyed["macSecKeys"][0]["secretARN"],
            "interconnect": interconnect["interconnectId"], "spare interconnect": spare["interconnectId"],
            "hosted": hosted["connectionId"], "allocated": allocated["virtualInterfaceId"],
            "offered": offered["virtualInterfaceId"], "ordered": ordered["connectionId"]}


def partitions(account: str) -> list[str]:
    return [f"{owner}#{where}" for owner in (account, other(account)) for where in ("us-east-1", "global")]


def _arn(w: dict[str, Any]) -> str:
    return f"arn:aws:directconnect:us-east-1:{w['account']}:dxcon/{w['conn']['connectionId']}"


WRITES: dict[str, Callable[[dict[str, Any]], tuple[str, dict[str, Any]]]] = {
    "create connection": lambda w: ("CreateConnection", {"location": "EqDC2", "bandwidth": "1Gbps",
                                                         "connectionName": "n"}),
    "create connection in a LAG": lambda w: ("CreateConnection", {"location": "EqDC2", "bandwidth": "10Gbps",
                                                                  "connectionName": "n", "lagId": w["lag"]["lagId"]}),
    "delete connection": lambda w: ("DeleteConnection", {"connectionId": w["spare"]["connectionId"]}),
    "delete LAG member": lambda w: ("DeleteConnection", {"connectionId": w["lag"]["connections"][0]["connectionId"]}),
    "create LAG": lambda w: ("CreateLag", {"numberOfConnections": 1, "location": "EqDC2",
                                           "connectionsBandwidth": "1Gbps", "lagName": "n"}),
    "create LAG from a connection": lambda w: ("CreateLag", {
        "numberOfConnections": 2, "location": "EqDC2", "connectionsBandwidth": "10Gbps", "lagName": "n",
        "connectionId": w["spare"]["connectionId"]}),
    "delete LAG": lambda w: ("DeleteLag", {"lagId": w["empty"]["lagId"]}),
    "create VIF": lambda w: ("CreateTransitVirtualInterface", {"connectionId": w["lag"]["lagId"],
                                                               "newTransitVirtualInterface": {
        "virtualInterfaceName": "t", "vlan": 2, "asn": 65000, "directConnectGatewayId": w["gateway"]}}),
    "update VIF": lambda w: ("UpdateVirtualInterfaceAttributes", {"virtualInterfaceId": w["vif"]["virtualInterfaceId"],
                                                                  "mtu": 9001}),
    "delete VIF": lambda w: ("DeleteVirtualInterface", {"virtualInterfaceId": w["vif"]["virtualInterfaceId"]}),
    # Its failover test's record is set to expire with it, in the same commit.
    "delete VIF with a failover test": lambda w: ("DeleteVirtualInterface", {
        "virtualInterfaceId": w["tested"]["virtualInterfaceId"]}),
    "create peer": lambda w: ("CreateBGPPeer", {"virtualInterfaceId": w["vif"]["virtualInterfaceId"],
                                                "newBGPPeer": {"asn": 65002, "addressFamily": "ipv4",
                                                               "amazonAddress": "10.0.0.1/31",
                                                               "customerAddress": "10.0.0.0/31"}}),
    "delete peer": lambda w: ("DeleteBGPPeer", {"bgpPeerId": w["ipv6"]["bgpPeerId"]}),
    "delete peer by ASN": lambda w: ("DeleteBGPPeer", {"virtualInterfaceId": w["vif"]["virtualInterfaceId"],
                                                       "asn": 65001}),
    "start failover test": lambda w: ("StartBgpFailoverTest", {"virtualInterfaceId": w["vif"]["virtualInterfaceId"]}),
    "stop failover test": lambda w: ("StopBgpFailoverTest", {"virtualInterfaceId": w["tested"]["virtualInterfaceId"]}),
    "create gateway": lambda w: ("CreateDirectConnectGateway", {"directConnectGatewayName": "n"}),
    "rename gateway": lambda w: ("UpdateDirectConnectGateway", {"directConnectGatewayId": w["gateway"],
                                                                "newDirectConnectGatewayName": "n"}),
    "delete gateway": lambda w: ("DeleteDirectConnectGateway", {"directConnectGatewayId": w["idle"]}),
    "associate": lambda w: ("CreateDirectConnectGatewayAssociation", {"directConnectGatewayId": w["idle"],
                                                                      "gatewayId": "vgw-1"}),
    "update association": lambda w: ("UpdateDirectConnectGatewayAssociation", {
        "associationId": w["association"], "addAllowedPrefixesToDirectConnectGateway": [{"cidr": "10.1.0.0/16"}]}),
    "disassociate": lambda w: ("DeleteDirectConnectGatewayAssociation", {"associationId": w["association"]}),
    "propose": lambda w: ("CreateDirectConnectGatewayAssociationProposal", {
        "directConnectGatewayId": w["gateway"], "directConnectGatewayOwnerAccount": w["account"],
        "gatewayId": "vgw-2"}),
    "accept proposal": lambda w: ("AcceptDirectConnectGatewayAssociationProposal", {
        "directConnectGatewayId": w["gateway"], "proposalId": w["proposal"],
        "associatedGatewayOwnerAccount": w["account"]}),
    "withdraw proposal": lambda w: ("DeleteDirectConnectGatewayAssociationProposal", {"proposalId": w["proposal"]}),
    "allocate VIF": lambda w: ("AllocateTransitVirtualInterface", {
        "connectionId": w["conn"]["connectionId"], "ownerAccount": other(w["account"]),
        "newTransitVirtualInterfaceAllocation": {"virtualInterfaceName": "n", "vlan": 30, "asn": 65000}}),
    "delete allocated VIF": lambda w: ("DeleteVirtualInterface", {"virtualInterfaceId": w["allocated"]}),
    "confirm VIF": lambda w: ("ConfirmPrivateVirtualInterface", {"virtualInterfaceId": w["offered"],
                                                                 "directConnectGatewayId": w["idle"]}),
    "decline VIF": lambda w: ("DeleteVirtualInterface", {"virtualInterfaceId": w["offered"]}),
    "create interconnect": lambda w: ("CreateInterconnect", {"interconnectName": "n", "bandwidth": "1Gbps",
                                                             "location": "EqDC2"}),
    "delete interconnect": lambda w: ("DeleteInterconnect", {"interconnectId": w["spare interconnect"]}),
    "allocate hosted connection": lambda w: ("AllocateHostedConnection", {
        "connectionId": w["interconnect"], "ownerAccount": other(w["account"]), "bandwidth": "1Gbps",
        "connectionName": "n", "vlan": 11}),
    "move hosted connection": lambda w: ("AssociateHostedConnection", {"connectionId": w["hosted"],
                                                                       "parentConnectionId": w["lag"]["lagId"]}),
    "delete hosted connection": lambda w: ("DeleteConnection", {"connectionId": w["hosted"]}),
    "confirm connection": lambda w: ("ConfirmConnection", {"connectionId": w["ordered"]}),
    "decline connection": lambda w: ("DeleteConnection", {"connectionId": w["ordered"]}),
    "confirm agreement": lambda w: ("ConfirmCustomerAgreement", {"agreementName": "n"}),
    "associate MACsec key": lambda w: ("AssociateMacSecKey", {"connectionId": w["secured"], "ckn": "ef" * 32,
                                                              "cak": "01" * 32}),
    # The secret's ARN names the account: the copy's, as its items do.
    "disassociate MACsec key": lambda w: ("DisassociateMacSecKey", {
        "connectionId": w["secured"], "secretARN": re.sub(r":\d{12}:", f":{w['account']}:", w["secret"], count=1)}),
    "move VIF": lambda w: ("AssociateVirtualInterface", {"virtualInterfaceId": w["vif"]["virtualInterfaceId"],
                                                         "connectionId": w["lag"]["lagId"]}),
    "join LAG": lambda w: ("AssociateConnectionWithLag", {"connectionId": w["spare"]["connectionId"],
                                                          "lagId": w["lag"]["lagId"]}),
    "leave LAG": lambda w: ("DisassociateConnectionFromLag", {"connectionId": w["lag"]["connections"][0][
        "connectionId"], "lagId": w["lag"]["lagId"]}),
    "update connection": lambda w: ("UpdateConnection", {"connectionId": w["secured"], "connectionName": "n",
                                                         "encryptionMode": "must_encrypt"}),
    "update LAG": lambda w: ("UpdateLag", {"lagId": w["lag"]["lagId"], "minimumLinks": 1, "lagName": "n"}),
    "billing mode": lambda w: ("UpdateConnectionsBillingMode", {
        "connectionIds": [w["spare"]["connectionId"], w["conn"]["connectionId"]], "billingMode": "FlatRateTier3"}),
    "create resiliency group": lambda w: ("CreateResiliencyGroup", {"resiliencyGroupName": "n",
                                                                    "intendedResiliencyModel": "basic-resiliency"}),
    "create resiliency group with a token": lambda w: ("CreateResiliencyGroup", {
        "resiliencyGroupName": "n", "intendedResiliencyModel": "basic-resiliency", "clientToken": "t"}),
    "rename resiliency group": lambda w: ("UpdateResiliencyGroup", {"resiliencyGroupId": w["group"],
                                                                    "resiliencyGroupName": "n", "clientToken": "u"}),
    "associate with resiliency group": lambda w: ("AssociateConnectionsToResiliencyGroup", {
        "resiliencyGroupId": w["group"], "connectionIdentifiers": [w["spare"]["connectionId"]]}),
    "disassociate from resiliency group": lambda w: ("DisassociateConnectionsFromResiliencyGroup", {
        "resiliencyGroupId": w["group"], "connectionIdentifiers": [w["conn"]["connectionId"]], "clientToken": "v"}),
    "delete resiliency group": lambda w: ("DeleteResiliencyGroup", {"resiliencyGroupId": w["group"]}),
    "tag": lambda w: ("TagResource", {"resourceArn": _arn(w), "tags": [{"key": "k"}]}),
    "untag": lambda w: ("UntagResource", {"resourceArn": _arn(w), "tagKeys": ["dx-emulator:logical-redundancy"]}),
}


class WorldTemplate:
    """One world built through the API, copied item for item into fresh accounts: the fault tests
    need a fresh world per run, and building one costs a dozen calls."""

    def __init__(self, h: Harness, account: str) -> None:
        self.h = h
        self.world = world(h, account)
        dynamodb = self._client()
        self.account = account
        # The account's and its counterpart's regional partitions and global ones (gateways, worlds).
        self.items = [item for partition in partitions(account)
                      for item in dynamodb.query(TableName=h.table, ConsistentRead=True,
                                                 KeyConditionExpression="pk = :pk",
                                                 ExpressionAttributeValues={":pk": {"S": partition}})["Items"]]

    def _client(self) -> Any:
        import boto3

        return boto3.client("dynamodb", region_name="us-east-1", endpoint_url=self.h.endpoint)

    def copy(self, account: str) -> dict[str, Any]:
        """The world again, in ``account`` (which must be empty)."""
        dynamodb = self._client()
        for item in self.items:
            # The accounts are in keys, owners and the slots and records that name another account.
            text = json.dumps(item).replace(self.account, account).replace(other(self.account), other(account))
            dynamodb.put_item(TableName=self.h.table, Item=json.loads(text))
        return {**self.world, "account": account}
