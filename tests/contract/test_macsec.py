"""MAC Security: MACsec-capable ports (requestMACSec at 10/100/400 Gbps), keys associated by CKN and
CAK or by the secret an earlier association made, the encryption mode; never a CAK in an answer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.support.errors import expect_error
from tests.support.server import new_account
from tests.support.world import connection

CLIENT = "DirectConnectClientException"
CKN, CAK = "0123456789abcdef" * 4, "fedcba9876543210" * 4


def keys(dx: Any, conn_id: str) -> list[dict[str, Any]]:
    return list(dx.describe_connections(connectionId=conn_id)["connections"][0].get("macSecKeys", []))


def test_a_macsec_connection_and_its_keys(dx: Any) -> None:
    conn = connection(dx, requestMACSec=True)
    assert (conn["macSecCapable"], conn["encryptionMode"], conn["portEncryptionStatus"]) == (
        True, "no_encrypt", "Encryption Down")
    conn_id = conn["connectionId"]
    answer = dx.associate_mac_sec_key(connectionId=conn_id, ckn=CKN, cak=CAK)
    [key] = answer["macSecKeys"]
    assert (answer["connectionId"], key["ckn"], key["state"]) == (conn_id, CKN, "associating")
    assert key["secretARN"].startswith("arn:aws:secretsmanager:us-east-1:") and "_" not in key["secretARN"]
    assert CAK not in str(answer)
    [stored] = keys(dx, conn_id)
    assert (stored["secretARN"], stored["state"]) == (key["secretARN"], "associated")
    [seen] = dx.describe_connections(connectionId=conn_id)["connections"]
    assert seen["portEncryptionStatus"] == "Encryption Up" and CAK not in str(seen)
    expect_error(dx.associate_mac_sec_key, CLIENT, f"CKN {CKN} is already associated with Connection {conn_id}",
                 connectionId=conn_id, ckn=CKN, cak=CAK)
    dx.update_connection(connectionId=conn_id, encryptionMode="must_encrypt")
    gone = dx.disassociate_mac_sec_key(connectionId=conn_id, secretARN=key["secretARN"])
    assert [k["state"] for k in gone["macSecKeys"]] == ["disassociating"]
    # Terraform's CheckDestroy: the key disappears; with none left, must_encrypt falls back [doc].
    assert keys(dx, conn_id) == []
    assert dx.describe_connections(connectionId=conn_id)["connections"][0]["encryptionMode"] == "should_encrypt"
    # The secret an earlier association made can be associated again.
    again = dx.associate_mac_sec_key(connectionId=conn_id, secretARN=key["secretARN"])
    assert again["macSecKeys"][-1]["ckn"] == CKN


def test_what_macsec_refuses(dx: Any, account: str) -> None:
    plain = connection(dx)["connectionId"]
    expect_error(dx.associate_mac_sec_key, CLIENT, f"Connection {plain} is not MACsec capable", connectionId=plain,
                 ckn=CKN, cak=CAK)
    expect_error(dx.update_connection, CLIENT, f"Connection {plain} is not MACsec capable", connectionId=plain,
                 encryptionMode="should_encrypt")
    expect_error(connection, CLIENT, "MAC Security (MACsec) is not available on a 1Gbps connection", dx=dx,
                 bandwidth="1Gbps", requestMACSec=True)
    secured = connection(dx, requestMACSec=True)["connectionId"]
    expect_error(dx.associate_mac_sec_key, CLIENT, "cak must be 64 hexadecimal characters", connectionId=secured,
                 ckn=CKN, cak="xyz")
    expect_error(dx.associate_mac_sec_key, CLIENT, "Give either secretARN, or both ckn and cak",
                 connectionId=secured, ckn=CKN)
    expect_error(dx.associate_mac_sec_key, CLIENT, "Give either secretARN, or ckn and cak, not both",
                 connectionId=secured, ckn=CKN, cak=CAK, secretARN="arn:aws:secretsmanager:us-east-1:1:secret:x")
    assert dx.describe_connections(connectionId=secured)["connections"][0]["macSecKeys"] == []
    foreign = (f"arn:aws:secretsmanager:us-east-1:{account}:secret:my-own-secret-AbCdEf")
    expect_error(dx.associate_mac_sec_key, CLIENT, "is not a MACsec secret Direct Connect created",
                 connectionId=secured, secretARN=foreign)
    expect_error(dx.disassociate_mac_sec_key, CLIENT, "is not associated with", connectionId=secured,
                 secretARN=foreign)


def test_a_macsec_lag_takes_macsec_connections_only(dx: Any, make_client: Callable[..., Any]) -> None:
    lag = dx.create_lag(numberOfConnections=1, location="EqDC2", connectionsBandwidth="10Gbps", lagName="m",
                        requestMACSec=True)
    assert lag["macSecCapable"] and lag["connections"][0]["macSecCapable"]
    plain = connection(dx)["connectionId"]
    expect_error(dx.associate_connection_with_lag, CLIENT,
                 f"Connection {plain} and lag should be requested MacSec at the same time",
                 connectionId=plain, lagId=lag["lagId"])
    answer = dx.associate_mac_sec_key(connectionId=lag["lagId"], ckn=CKN, cak=CAK)
    assert answer["connectionId"] == lag["lagId"]
    [listed] = dx.describe_lags(lagId=lag["lagId"])["lags"]
    assert [k["state"] for k in listed["macSecKeys"]] == ["associated"]
    # Another account's secret is not this one's.
    other = make_client(new_account())
    theirs = connection(other, requestMACSec=True)["connectionId"]
    expect_error(other.associate_mac_sec_key, CLIENT, "is not a MACsec secret Direct Connect created",
                 connectionId=theirs, secretARN=answer["macSecKeys"][0]["secretARN"])
