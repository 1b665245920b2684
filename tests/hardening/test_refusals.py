"""Request-level refusals boto3's own checks would stop before they left the client."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.inprocess import Harness, harness


@pytest.fixture
def h() -> Iterator[Harness]:
    with harness() as recorder:
        yield recorder


BAD_TOKEN = ("The nextToken is not valid for this request: pass back a nextToken from the previous answer to the "
             "same request")


@pytest.mark.parametrize(("operation", "params", "message"), [
    # Tokens and page sizes that once made a 500 (int("²"), a 5,000-digit number) or a token refused later.
    *[("ListVirtualInterfaceTestHistory", {"nextToken": token}, BAD_TOKEN) for token in ("page-2", "²", "9" * 500)],
    ("ListVirtualInterfaceTestHistory", {"nextToken": "9" * 5000}, "nextToken must be at most 512 characters long"),
    ("ListVirtualInterfaceTestHistory", {"maxResults": -1}, "maxResults must be at least 1; -1 was given"),
    ("ListVirtualInterfaceTestHistory", {"maxResults": 0}, "maxResults must be at least 1; 0 was given"),
    ("TagResource", {"tags": [{"key": "k"}]}, "resourceArn is required"),
    # Ids and strings past any key or item limit: refused as input, never a DynamoDB validation 500.
    ("DescribeVirtualInterfaces", {"virtualInterfaceId": "dxvif-" + "a" * 2000},
     "virtualInterfaceId must be at most 256 characters long; 2006 were given"),
    ("DeleteBGPPeer", {"bgpPeerId": "dxpeer-" + "a" * 300}, "bgpPeerId must be at most 256 characters long"),
    ("CreateConnection", {"location": "x" * 4000, "bandwidth": "1Gbps", "connectionName": "c"},
     "location must be at most 256 characters long; 4000 were given"),
    ("CreateConnection", {"location": "EqDC2", "bandwidth": "1Gbps", "connectionName": "n" * 257},
     "connectionName must be at most 256 characters long"),
    ("CreateConnection", {"location": "EqDC2", "bandwidth": "1Gbps", "connectionName": "c",
                          "tags": [{"key": "k", "value": "v" * 257}]}, "tags[0].value must be at most 256"),
    ("DescribeTags", {"resourceArns": []}, "resourceArns must hold 1 to 20 ARNs; 0 were given"),
    ("DescribeTags", {"resourceArns": ["arn"] * 21}, "resourceArns must hold 1 to 20 ARNs; 21 were given"),
])
def test_refused(h: Harness, operation: str, params: dict[str, object], message: str) -> None:
    answer = h.send(operation, params)
    assert (answer.status, answer.body["__type"]) == (400, "DirectConnectClientException")
    assert answer.body["message"].startswith(message)


def test_a_token_is_good_only_for_its_own_request(h: Harness) -> None:
    conn = h.call("CreateConnection", {"location": "EqDC2", "bandwidth": "10Gbps", "connectionName": "c"})
    vif = h.call("CreatePrivateVirtualInterface", {"connectionId": conn["connectionId"], "newPrivateVirtualInterface": {
        "virtualInterfaceName": "v", "vlan": 1, "asn": 65000, "virtualGatewayId": "vgw-1"}})
    vif_id = vif["virtualInterfaceId"]
    for _ in range(2):
        h.call("StartBgpFailoverTest", {"virtualInterfaceId": vif_id, "testDurationInMinutes": 1})
        h.call("StopBgpFailoverTest", {"virtualInterfaceId": vif_id})
    token = h.call("ListVirtualInterfaceTestHistory", {"virtualInterfaceId": vif_id, "maxResults": 1})["nextToken"]
    assert len(h.call("ListVirtualInterfaceTestHistory", {"virtualInterfaceId": vif_id, "nextToken": token})[
        "virtualInterfaceTestHistory"]) == 1
    for other, account in (({"nextToken": token}, "111122223333"), ({"virtualInterfaceId": vif_id, "nextToken": token,
                                                                     "status": "completed"}, "111122223333"),
                           ({"virtualInterfaceId": vif_id, "nextToken": token}, "999988887777")):
        answer = h.send("ListVirtualInterfaceTestHistory", other, account=account)
        assert (answer.status, answer.body["message"]) == (400, BAD_TOKEN)



@pytest.mark.parametrize("cbor", [False, True], ids=["json", "cbor"])
def test_an_id_that_cannot_be_a_key_names_nothing(h: Harness, cbor: bool) -> None:
    # Under the string bound but over what any id can be: "does not exist", not a DynamoDB error.
    answer = h.send("DescribeConnections", {"connectionId": "dxcon-" + "z" * 200}, cbor=cbor)
    assert answer.status == 400
    assert answer.body["message"] == "Could not find Connection with ID dxcon-" + "z" * 200


def test_a_lone_surrogate_is_refused_and_never_stored(h: Harness) -> None:
    body = b'{"location": "EqDC2", "bandwidth": "1Gbps", "connectionName": "\\ud800"}'
    answer = h.send("CreateConnection", raw=body)
    assert (answer.status, answer.body) == (400, {"__type": "SerializationException", "message": (
        "The request body holds a string that is not valid Unicode (a lone surrogate)")})
    assert h.writes() == []
    # The account still reads over CBOR (a stored surrogate once made every CBOR read a 500).
    assert h.send("DescribeConnections", {}, cbor=True).status == 200


@pytest.mark.parametrize("key", ["bad\nkey!", "tab\there", "\u00e9t\u00e9key"])
def test_an_auth_key_must_be_printable_ascii(h: Harness, key: str) -> None:
    conn = h.call("CreateConnection", {"location": "EqDC2", "bandwidth": "1Gbps", "connectionName": "c"})
    answer = h.send("CreatePrivateVirtualInterface", {"connectionId": conn["connectionId"],
                                                      "newPrivateVirtualInterface": {
        "virtualInterfaceName": "v", "vlan": 1, "asn": 65000, "virtualGatewayId": "vgw-1", "authKey": key}})
    assert (answer.status, answer.body["message"]) == (400, "authKey must hold printable ASCII characters only")
