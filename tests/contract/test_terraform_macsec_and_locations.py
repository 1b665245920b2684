"""Terraform's MACsec resources and the data sources its Direct Connect configurations start from,
replayed call by call: aws_dx_connection with request_macsec and encryption_mode (connection_test.go's
macsecRequested and encryptionMode tests), aws_dx_macsec_key_association by CKN and CAK or by the secret
an earlier association made (macsec_key_association.go: its ID is secretARN + "_" + connectionId, split
back with SplitN(id, "_", 2)), and aws_dx_locations, aws_dx_location, aws_dx_router_configuration."""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from typing import Any

import boto3
import pytest

from tests.support.server import RunningServer, client, new_account
from tests.support.terraform import GONE, find_connection, read_tags, regional_arn, single, wait
from tests.support.world import connection, vif_with_connection

CONFIRM_PENDING = {"pending", "ordering", "requested"}  # waitConnectionConfirmed; target "available"
CISCO_2900 = "CiscoSystemsInc-2900SeriesRouters-IOS124"
REGIONS = ["us-east-1", "sa-east-1", "eu-west-2", "ap-northeast-2"]


@pytest.fixture
def caller(server: RunningServer, account: str) -> str:
    sts = boto3.client("sts", endpoint_url=server.url, region_name="us-east-1", aws_access_key_id=account,
                       aws_secret_access_key="x")
    return str(sts.get_caller_identity()["Account"])


def hex_key() -> str:
    """testAccMacSecGenerateHex: 32 random bytes, hex-encoded."""
    return secrets.token_hex(32)


def location_codes(dx: Any) -> list[str]:
    """aws_dx_locations' location_codes, a set of strings: tolist() sorts it."""
    return sorted({location["locationCode"] for location in dx.describe_locations()["locations"]})


def dx_location(dx: Any, code: str) -> dict[str, Any]:
    """aws_dx_location: DescribeLocations{}, filtered by locationCode; not exactly one is an error."""
    found = single([loc for loc in dx.describe_locations()["locations"] if loc["locationCode"] == code])
    assert found is not GONE, f"no Direct Connect Location {code}"
    return {"id": code, "available_macsec_port_speeds": found.get("availableMacSecPortSpeeds", []),
            "available_port_speeds": found.get("availablePortSpeeds", []),
            "available_providers": found.get("availableProviders", []), "location_code": found["locationCode"],
            "location_name": found.get("locationName", "")}


def read_connection(dx: Any, conn_id: str) -> dict[str, Any]:
    """resourceConnectionRead, then the interceptor's DescribeTags on the ARN from the answer."""
    found = find_connection(dx, conn_id)
    assert found is not GONE
    found["terraform_tags"] = read_tags(dx, regional_arn(found["region"], found["ownerAccount"], "dxcon", conn_id))
    return dict(found)


def parse_id(resource_id: str) -> tuple[str, str]:
    """macSecKeyAssociationParseResourceID."""
    parts = resource_id.split("_", 1)
    assert len(parts) == 2 and parts[0] and parts[1], f"unexpected format for ID ({resource_id})"
    return parts[0], parts[1]


def find_key(dx: Any, conn_id: str, secret_arn: str) -> Any:
    """findMacSecKeyByTwoPartKey: the connection's finder, then exactly one key with that secret."""
    conn = find_connection(dx, conn_id)
    if conn is GONE:
        return GONE
    return single([key for key in conn.get("macSecKeys", []) if key["secretARN"] == secret_arn])


def read_key_association(dx: Any, resource_id: str) -> Any:
    secret_arn, conn_id = parse_id(resource_id)
    key = find_key(dx, conn_id, secret_arn)
    if key is GONE:
        return GONE
    return {"ckn": key["ckn"], "connection_id": conn_id, "secret_arn": key["secretARN"], "start_on": key["startOn"],
            "state": key["state"]}


def create_key_association(dx: Any, conn_id: str, **key: str) -> str:
    """resourceMacSecKeyAssociatioCreate: ckn (with cak) and/or secretARN; the ID from the last key of
    the answer; then Read, where NotFound is an error."""
    params: dict[str, Any] = {"connectionId": conn_id}
    if "ckn" in key:
        params |= {"cak": key["cak"], "ckn": key["ckn"]}
    if "secretARN" in key:
        params["secretARN"] = key["secretARN"]
    secret_arn = ""
    for answered in dx.associate_mac_sec_key(**params).get("macSecKeys", []):
        secret_arn = answered["secretARN"]
    resource_id = f"{secret_arn}_{conn_id}"
    assert parse_id(resource_id) == (secret_arn, conn_id)  # no "_" in the secret's ARN
    assert read_key_association(dx, resource_id) is not GONE
    return resource_id


def destroy_key_association(dx: Any, resource_id: str) -> None:
    """DisassociateMacSecKey: no error is ignored, and no waiter."""
    secret_arn, conn_id = parse_id(resource_id)
    dx.disassociate_mac_sec_key(connectionId=conn_id, secretARN=secret_arn)


def macsec_connection(dx: Any, bandwidth: str = "10Gbps") -> str:
    """The DX_CONNECTION_ID the MACsec tests take: an existing MACsec-capable connection."""
    return str(connection(dx, bandwidth=bandwidth, requestMACSec=True)["connectionId"])


def test_aws_dx_connection_with_macsec_then_an_encryption_mode(dx: Any, caller: str) -> None:
    # testAccConnectionConfig_macsecEnabled: location_codes[min(2, n-1)] and its first provider.
    codes = location_codes(dx)
    location = dx_location(dx, codes[min(2, len(codes) - 1)])
    assert "100G" in location["available_macsec_port_speeds"]  # what AWS needs for this order
    provider = location["available_providers"][0]
    conn_id = dx.create_connection(bandwidth="100Gbps", connectionName="tf-dx", location=location["location_code"],
                                   requestMACSec=True, providerName=provider)["connectionId"]
    read = read_connection(dx, conn_id)
    assert (read["ownerAccount"], read["region"], read["terraform_tags"]) == (caller, "us-east-1", {})
    assert (read["bandwidth"], read["providerName"], read["macSecCapable"]) == ("100Gbps", provider, True)
    assert read["encryptionMode"] == "no_encrypt" and read["portEncryptionStatus"]

    # TestAccDirectConnectConnection_encryptionMode: import the connection (DX_CONNECTION_ID), then apply
    # encryption_mode "no_encrypt" (the state already says so: no call), then "should_encrypt" with a key.
    imported = read_connection(dx, conn_id)
    assert imported["encryptionMode"] == "no_encrypt"
    dx.update_connection(connectionId=conn_id, encryptionMode="should_encrypt")
    wait(lambda: find_connection(dx, conn_id), "connectionState", CONFIRM_PENDING, {"available"})
    key_id = create_key_association(dx, conn_id, ckn=hex_key(), cak=hex_key())
    updated = read_connection(dx, conn_id)
    assert (updated["encryptionMode"], updated["connectionName"], updated["location"]) == (
        "should_encrypt", "tf-dx", location["location_code"])
    assert updated["portEncryptionStatus"] == "Encryption Up"

    # Destroy: the key association; the connection has skip_destroy, so no call at all (CheckDestroyNoop).
    destroy_key_association(dx, key_id)
    left = read_connection(dx, conn_id)
    assert (left["connectionState"], left["encryptionMode"], left.get("macSecKeys", [])) == (
        "available", "should_encrypt", [])


@pytest.mark.timed
def test_an_encryption_update_waits_for_the_connection(timed_server: RunningServer, protocol: str) -> None:
    """waitConnectionConfirmed after UpdateConnection, on a server where a new connection is `requested`
    for a second: it must move on to `available`, through no state the waiter does not know."""
    dx = client(timed_server.url, new_account(), protocol=protocol)
    started = time.monotonic()
    conn_id = macsec_connection(dx)
    dx.update_connection(connectionId=conn_id, encryptionMode="should_encrypt")
    updated = time.monotonic()
    seen: list[str] = []

    def look() -> Any:
        found = find_connection(dx, conn_id)
        seen.append(found["connectionState"])
        return found

    assert wait(look, "connectionState", CONFIRM_PENDING, {"available"})["encryptionMode"] == "should_encrypt"
    if updated < started + 1:  # the update was answered while the connection was surely requested
        assert seen[0] == "requested"
    assert set(seen) <= {"requested", "available"}


@pytest.mark.parametrize("case", [str.lower, str.upper], ids=["lowercase", "uppercase"])
def test_aws_dx_macsec_key_association_with_ckn(dx: Any, case: Callable[[str], str]) -> None:
    conn_id = macsec_connection(dx)
    ckn, cak = case(hex_key()), hex_key()  # the schema takes either case; ckn is ForceNew, so it must echo
    resource_id = create_key_association(dx, conn_id, ckn=ckn, cak=cak)
    secret_arn, parsed_conn = parse_id(resource_id)
    read = read_key_association(dx, resource_id)
    assert (read["connection_id"], read["ckn"], read["secret_arn"]) == (conn_id, ckn, secret_arn)
    assert read["state"] == "associated" and read["start_on"]
    assert read_key_association(dx, resource_id) == read  # import, ImportStateVerify (cak ignored)
    assert cak not in str(dx.describe_connections(connectionId=parsed_conn))  # cak is never read
    destroy_key_association(dx, resource_id)
    assert read_key_association(dx, resource_id) is GONE  # CheckDestroy: the key is gone


def test_aws_dx_macsec_key_association_with_a_secret(dx: Any) -> None:
    """testAccMacSecKeyAssociationConfig_withSecret: SECRET_ARN, a secret an earlier association made
    (Direct Connect cannot take any other), associated again by its ARN."""
    conn_id = macsec_connection(dx)
    ckn = hex_key()
    earlier = create_key_association(dx, conn_id, ckn=ckn, cak=hex_key())
    destroy_key_association(dx, earlier)
    secret_arn, _ = parse_id(earlier)

    resource_id = create_key_association(dx, conn_id, secretARN=secret_arn)
    # secret_arn is ForceNew: the ID (and Read) must carry the very ARN configured, or every plan replaces it.
    assert resource_id == f"{secret_arn}_{conn_id}"
    read = read_key_association(dx, resource_id)
    assert (read["secret_arn"], read["ckn"], read["connection_id"]) == (secret_arn, ckn, conn_id)
    assert read_key_association(dx, resource_id) == read  # import
    destroy_key_association(dx, resource_id)
    assert read_key_association(dx, resource_id) is GONE  # CheckDestroy


def test_a_second_key_association_takes_the_last_key(dx: Any) -> None:
    """The answer lists every key of the connection; the provider's ID takes the last one's secret."""
    conn_id = macsec_connection(dx, "100Gbps")
    first = create_key_association(dx, conn_id, ckn=hex_key(), cak=hex_key())
    second_ckn = hex_key()
    second = create_key_association(dx, conn_id, ckn=second_ckn, cak=hex_key())
    assert first != second and read_key_association(dx, second)["ckn"] == second_ckn
    assert read_key_association(dx, first)["ckn"] != second_ckn  # each reads its own key, exactly one
    destroy_key_association(dx, second)
    assert read_key_association(dx, second) is GONE and read_key_association(dx, first) is not GONE
    destroy_key_association(dx, first)
    assert read_key_association(dx, first) is GONE


@pytest.mark.parametrize("region", REGIONS)
def test_aws_dx_locations_and_aws_dx_location(make_client: Callable[..., Any], region: str) -> None:
    dx = make_client(new_account(), region)
    listed = dx.describe_locations()["locations"]
    # aws_dx_locations: ID = the provider's region; location_codes a set, so a code listed twice would
    # also make aws_dx_location's single match fail.
    codes = location_codes(dx)
    assert len(codes) == len(listed) >= 2 and {loc["region"] for loc in listed} == {region}
    assert dx.describe_locations()["locations"] == listed  # a refresh plans no change
    # The indexes the acceptance tests use: [min(2, n-1)] (connection), [0] (LAG), [1] (association),
    # [n-1] (the location data source), each with a name, port speeds and a first provider.
    for index in {min(2, len(codes) - 1), 0, 1, len(codes) - 1}:
        location = dx_location(dx, codes[index])
        assert (location["id"], location["location_code"]) == (codes[index], codes[index])
        assert location["location_name"] and location["available_port_speeds"] and location["available_providers"]
        assert isinstance(location["available_macsec_port_speeds"], list)
    # testAccFindMacSecCapableLocation("10G") finds one, in the answer's order, with a provider.
    assert any("10G" in loc.get("availableMacSecPortSpeeds", []) and loc.get("availableProviders") for loc in listed)


def test_aws_dx_router_configuration(dx: Any) -> None:
    vif = vif_with_connection(dx)  # VIRTUAL_INTERFACE_ID
    vif_id = vif["virtualInterfaceId"]

    def read() -> dict[str, Any]:
        out = dx.describe_router_configuration(routerTypeIdentifier=CISCO_2900, virtualInterfaceId=vif_id)
        router = out["router"]  # dereferenced without a check: a nil router panics the provider
        return {"id": f"{vif_id}:{CISCO_2900}", "customer_router_config": out["customerRouterConfig"],
                "router_type_identifier": router["routerTypeIdentifier"], "virtual_interface_id":
                out["virtualInterfaceId"], "virtual_interface_name": out["virtualInterfaceName"],
                "router": [{"platform": router.get("platform"), "router_type_identifier": router.get(
                    "routerTypeIdentifier"), "software": router.get("software"), "vendor": router.get("vendor"),
                    "xslt_template_name": router.get("xsltTemplateName"),
                    "xslt_template_name_for_mac_sec": router.get("xsltTemplateNameForMacSec", "")}]}

    data = read()
    assert (data["virtual_interface_id"], data["router_type_identifier"]) == (vif_id, CISCO_2900)
    assert data["virtual_interface_name"] == vif["virtualInterfaceName"] and data["customer_router_config"]
    assert data["router"] == [{"platform": "2900 Series Routers", "router_type_identifier": CISCO_2900,
                               "software": "IOS 12.4+", "vendor": "Cisco Systems, Inc.",
                               "xslt_template_name": "customer-router-cisco-generic.xslt",
                               "xslt_template_name_for_mac_sec": ""}]
    assert read() == data  # a refresh reads the same configuration
