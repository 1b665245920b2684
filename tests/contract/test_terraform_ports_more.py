"""Terraform's aws_dx_lag beyond create and tags (test_terraform_ports.py): a new name and a new
encryption_mode in place, a LAG made around an existing connection (connection_id), destroyed with and
without force_destroy; and aws_dx_connection_association, with the retry and ignore rules of its
destroy. Replayed call by call as the provider (lag.go, connection_association.go) and its acceptance
tests (lag_test.go, connection_association_test.go) run them, locations picked as their configurations
pick them from aws_dx_locations."""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from threading import Barrier
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from tests.support.server import RunningServer, client, new_account
from tests.support.terraform import (
    CONNECTION_DELETE_PENDING,
    GONE,
    LAG_DELETE_PENDING,
    find_connection,
    find_lag,
    ignoring,
    read_tags,
    regional_arn,
    wait,
)

CLIENT = "DirectConnectClientException"
TRANSITIONING = "is in a transitioning state"
IGNORED = ("Connection does not exist", "Lag does not exist")  # deleteConnectionLAGAssociation takes them as done
# What the LAG's Read sets, and ImportStateVerify compares (force_destroy, request_macsec, connection_id ignored).
LAG_READ = ("connectionsBandwidth", "encryptionMode", "hasLogicalRedundancy", "jumboFrameCapable", "location",
            "macSecCapable", "lagName", "ownerAccount", "providerName")


@pytest.fixture
def caller(server: RunningServer, account: str) -> str:
    sts = boto3.client("sts", endpoint_url=server.url, region_name="us-east-1", aws_access_key_id=account,
                       aws_secret_access_key="x")
    return str(sts.get_caller_identity()["Account"])


def location_codes(dx: Any) -> list[str]:
    """tolist(data.aws_dx_locations.test.location_codes): a set of strings, which tolist() sorts."""
    return sorted({location["locationCode"] for location in dx.describe_locations()["locations"]})


def macsec_location(dx: Any, speed: str) -> tuple[str, str]:
    """testAccFindMacSecCapableLocation: the first location, in the answer's order, with a provider and
    MACsec at ``speed``; its code and first provider."""
    for location in dx.describe_locations()["locations"]:
        if location.get("availableProviders") and speed in location.get("availableMacSecPortSpeeds", []):
            return location["locationCode"], location["availableProviders"][0]
    raise AssertionError(f"no location with {speed} MACsec ports and a provider: the provider's test skips")


def create_connection(dx: Any, name: str, bandwidth: str, location: str) -> str:
    """resourceConnectionCreate (requestMACSec always sent), then Read: NotFound there is an error."""
    conn_id = str(dx.create_connection(bandwidth=bandwidth, connectionName=name, location=location,
                                       requestMACSec=False)["connectionId"])
    assert find_connection(dx, conn_id) is not GONE
    return conn_id


def destroy_connection(dx: Any, conn_id: str) -> None:
    """deleteConnection: its needle ends it at once, else waitConnectionDeleted."""
    if ignoring("Could not find Connection with ID", dx.delete_connection, connectionId=conn_id):
        wait(lambda: find_connection(dx, conn_id), "connectionState", CONNECTION_DELETE_PENDING, set())


def create_lag(dx: Any, name: str, location: str, bandwidth: str = "10Gbps", connection_id: str | None = None,
               **optional: Any) -> str:
    """resourceLagCreate: CreateLag with one connection (connectionId when given, else a new one the
    provider deletes at once: connections[0], unchecked), UpdateLag for an encryption_mode, then Read."""
    encryption_mode = optional.pop("encryptionMode", None)
    params = {"connectionsBandwidth": bandwidth, "lagName": name, "location": location, "requestMACSec": False,
              "numberOfConnections": 1, **optional}
    if connection_id:
        params["connectionId"] = connection_id
    created = dx.create_lag(**params)
    if not connection_id:
        destroy_connection(dx, created["connections"][0]["connectionId"])
    if encryption_mode:
        dx.update_lag(encryptionMode=encryption_mode, lagId=created["lagId"])
    assert find_lag(dx, created["lagId"]) is not GONE
    return str(created["lagId"])


def read_lag(dx: Any, lag_id: str) -> dict[str, Any]:
    """resourceLagRead, then the interceptor's DescribeTags on the ARN built from the answer."""
    lag = find_lag(dx, lag_id)
    assert lag is not GONE
    read_tags(dx, regional_arn(lag["region"], lag["ownerAccount"], "dxlag", lag_id))
    assert lag["hasLogicalRedundancy"] and isinstance(lag["jumboFrameCapable"], bool)  # TestCheckResourceAttrSet
    return dict(lag)


def disassociate(dx: Any, conn_id: str, lag_id: str, outcomes: list[tuple[float, str]] | None = None) -> None:
    """deleteConnectionLAGAssociation: RetryWhen for a minute while the connection is transitioning;
    "Connection does not exist" / "Lag does not exist" mean done. ``outcomes`` records each attempt."""
    deadline = time.monotonic() + 60
    while True:
        try:
            dx.disassociate_connection_from_lag(connectionId=conn_id, lagId=lag_id)
            message = "ok"
        except ClientError as error:
            message = error.response["Error"]["Message"]
            if error.response["Error"]["Code"] != CLIENT:
                raise
            if not any(needle in message for needle in IGNORED) and (
                    TRANSITIONING not in message or time.monotonic() > deadline):
                raise
        if outcomes is not None:
            outcomes.append((time.monotonic(), message))
        if TRANSITIONING not in message:
            return
        time.sleep(0.5)


def destroy_lag(dx: Any, lag_id: str, force_destroy: bool, connection_id: str | None = None) -> None:
    """resourceLagDelete: force_destroy deletes every member; otherwise connection_id is taken out of
    the LAG. Then DeleteLag (its needle ends it) and waitLagDeleted."""
    if force_destroy:
        lag = find_lag(dx, lag_id)
        if lag is GONE:
            return
        for member in lag.get("connections", []):
            destroy_connection(dx, member["connectionId"])
    elif connection_id:
        disassociate(dx, connection_id, lag_id)
    if ignoring("Could not find Lag with ID", dx.delete_lag, lagId=lag_id):
        wait(lambda: find_lag(dx, lag_id), "lagState", LAG_DELETE_PENDING, set())


def association_exists(dx: Any, conn_id: str, lag_id: str) -> bool:
    """The association's finder: the connection, and its lagId the LAG's."""
    conn = find_connection(dx, conn_id)
    return conn is not GONE and conn.get("lagId") == lag_id


def associate(dx: Any, conn_id: str, lag_id: str) -> str:
    """resourceConnectionAssociationCreate: the ID is the answer's connectionId; the Read must find it."""
    resource_id = str(dx.associate_connection_with_lag(connectionId=conn_id, lagId=lag_id)["connectionId"])
    assert resource_id == conn_id and association_exists(dx, resource_id, lag_id)
    return resource_id


def test_aws_dx_lag_renamed_in_place(dx: Any, caller: str) -> None:
    lag_id = create_lag(dx, "tf-lag-1", location_codes(dx)[0])  # testAccLagConfig_basic
    first = read_lag(dx, lag_id)
    assert (first["ownerAccount"], first["region"], first["connectionsBandwidth"]) == (caller, "us-east-1", "10Gbps")
    assert (first["lagName"], "providerName" in first, first["connections"]) == ("tf-lag-1", False, [])
    # rName1 -> rName2: UpdateLag{LagId, LagName}, then Read; the same LAG, not a replacement.
    dx.update_lag(lagId=lag_id, lagName="tf-lag-2")
    second = read_lag(dx, lag_id)
    assert {key: second.get(key) for key in LAG_READ} == {**{key: first.get(key) for key in LAG_READ},
                                                          "lagName": "tf-lag-2"}
    imported = read_lag(dx, lag_id)  # ImportStateVerify
    assert {key: imported.get(key) for key in LAG_READ} == {key: second.get(key) for key in LAG_READ}
    destroy_lag(dx, lag_id, force_destroy=False)  # no connection_id: DeleteLag alone
    assert find_lag(dx, lag_id) is GONE  # CheckDestroy


def test_aws_dx_lag_with_macsec_and_an_encryption_mode(dx: Any) -> None:
    code, provider = macsec_location(dx, "10G")  # testAccLagConfig_requestMACSec
    lag_id = create_lag(dx, "tf-lag", code, requestMACSec=True, providerName=provider, encryptionMode="should_encrypt")
    read = read_lag(dx, lag_id)
    assert (read["location"], read["providerName"], read["macSecCapable"]) == (code, provider, True)
    assert read["encryptionMode"] == "should_encrypt"
    # A MACsec member (aws_dx_connection + aws_dx_connection_association), then encryption_mode changes:
    # UpdateLag{EncryptionMode, LagId}, which AWS gives every member.
    member = str(dx.create_connection(bandwidth="10Gbps", connectionName="tf-member", location=code,
                                      requestMACSec=True)["connectionId"])
    associate(dx, member, lag_id)
    dx.update_lag(encryptionMode="must_encrypt", lagId=lag_id)
    assert read_lag(dx, lag_id)["encryptionMode"] == "must_encrypt"
    assert find_connection(dx, member)["encryptionMode"] == "must_encrypt"
    destroy_lag(dx, lag_id, force_destroy=True)  # the member goes first, then the LAG
    assert find_lag(dx, lag_id) is GONE and find_connection(dx, member) is GONE


@pytest.mark.parametrize("force_destroy", [False, True])
def test_aws_dx_lag_around_a_connection(dx: Any, force_destroy: bool) -> None:
    # testAccLagConfig_connectionID: the LAG takes the connection's id, bandwidth and location.
    conn_id = create_connection(dx, "tf-dx", "10Gbps", location_codes(dx)[1])
    conn = find_connection(dx, conn_id)
    lag_id = create_lag(dx, "tf-dx", conn["location"], conn["bandwidth"], connection_id=conn_id)
    read = read_lag(dx, lag_id)
    assert [member["connectionId"] for member in read["connections"]] == [conn_id]  # nothing deleted
    assert find_connection(dx, conn_id)["lagId"] == lag_id
    assert read["numberOfConnections"] == 1

    # Destroy: the LAG first (it depends on the connection), then the connection.
    destroy_lag(dx, lag_id, force_destroy=force_destroy, connection_id=conn_id)
    assert find_lag(dx, lag_id) is GONE
    left = find_connection(dx, conn_id)
    if force_destroy:
        assert left is GONE  # force_destroy deleted it as a member
    else:
        assert left is not GONE and "lagId" not in left  # disassociated, as it was before the LAG
    destroy_connection(dx, conn_id)  # already deleted: the provider waits and finds it gone
    assert find_connection(dx, conn_id) is GONE  # CheckDestroy


def test_aws_dx_connection_association(dx: Any) -> None:
    code = location_codes(dx)[1]  # testAccConnectionAssociationConfig_basic
    conn_id = create_connection(dx, "tf-dx", "1Gbps", code)
    lag_id = create_lag(dx, "tf-dx", code, "1Gbps")
    resource_id = associate(dx, conn_id, lag_id)
    assert [member["connectionId"] for member in read_lag(dx, lag_id)["connections"]] == [conn_id]
    # A second apply reads it again, unchanged.
    assert association_exists(dx, resource_id, lag_id)

    disassociate(dx, resource_id, lag_id)
    assert not association_exists(dx, resource_id, lag_id)  # what CheckDestroy needs: lagId no longer the LAG's
    assert find_connection(dx, conn_id)["connectionState"] == "available"
    destroy_lag(dx, lag_id, force_destroy=True)  # no members left to delete
    destroy_connection(dx, conn_id)
    assert not association_exists(dx, resource_id, lag_id)  # CheckDestroy
    assert find_lag(dx, lag_id) is GONE and find_connection(dx, conn_id) is GONE


def test_aws_dx_connection_association_with_a_lag_on_a_connection(dx: Any) -> None:
    code = location_codes(dx)[1]  # testAccConnectionAssociationConfig_lagOnConnection
    first, second = (create_connection(dx, f"tf-dx-{n}", "1Gbps", code) for n in (1, 2))
    lag_id = create_lag(dx, "tf-dx", code, "1Gbps", connection_id=first)  # force_destroy false
    associate(dx, second, lag_id)
    assert {member["connectionId"] for member in read_lag(dx, lag_id)["connections"]} == {first, second}

    disassociate(dx, second, lag_id)  # the association, then the LAG: connection_id leaves, DeleteLag
    destroy_lag(dx, lag_id, force_destroy=False, connection_id=first)
    for conn_id in (first, second):
        assert find_connection(dx, conn_id).get("lagId") is None
        destroy_connection(dx, conn_id)
    assert find_lag(dx, lag_id) is GONE  # CheckDestroy
    assert not association_exists(dx, second, lag_id)


def test_two_connection_associations_applied_in_parallel(make_client: Callable[..., Any], account: str) -> None:
    """testAccConnectionAssociationConfig_multiple: Terraform creates, then destroys, the two
    associations at the same time (its walk runs independent resources in parallel)."""
    dx, other = make_client(account), make_client(account)
    code = location_codes(dx)[1]
    conns = [create_connection(dx, f"tf-dx-{n}", "1Gbps", code) for n in (1, 2)]
    lag_id = create_lag(dx, "tf-dx", code, "1Gbps")

    def both(step: Callable[[Any, str], Any]) -> list[Any]:
        barrier = Barrier(2)

        def run(pair: tuple[Any, str]) -> Any:
            barrier.wait()
            return step(*pair)

        with ThreadPoolExecutor(max_workers=2) as pool:
            return list(pool.map(run, zip((dx, other), conns, strict=True)))

    assert both(lambda c, conn_id: associate(c, conn_id, lag_id)) == conns
    assert {member["connectionId"] for member in read_lag(dx, lag_id)["connections"]} == set(conns)
    both(lambda c, conn_id: disassociate(c, conn_id, lag_id))
    assert read_lag(dx, lag_id)["connections"] == []
    destroy_lag(dx, lag_id, force_destroy=True)
    for conn_id in conns:
        assert not association_exists(dx, conn_id, lag_id)
        destroy_connection(dx, conn_id)


@pytest.mark.timed
def test_a_transitioning_connection_is_retried(timed_server: RunningServer, protocol: str) -> None:
    """On a server where a connection stays `requested` for a second: the LAG's member goes through the
    connection delete waiter, and the association's destroy retries while the connection transitions."""
    dx = client(timed_server.url, new_account(), protocol=protocol)
    code = location_codes(dx)[1]
    lag_id = create_lag(dx, "tf-dx", code, "1Gbps")  # its requested member: deleting -> deleted, waited for
    started = time.monotonic()
    conn_id = create_connection(dx, "tf-dx", "1Gbps", code)
    associate(dx, conn_id, lag_id)
    outcomes: list[tuple[float, str]] = []
    disassociate(dx, conn_id, lag_id, outcomes)
    assert outcomes[-1][1] == "ok" and all(TRANSITIONING in message for _, message in outcomes[:-1])
    if outcomes[0][0] < started + 1:  # answered while the connection was surely still requested
        assert outcomes[0][1] == f"Connection {conn_id} is in a transitioning state."
    assert not association_exists(dx, conn_id, lag_id)
    destroy_lag(dx, lag_id, force_destroy=True)  # deleting -> deleted -> gone, in the waiter's states
    destroy_connection(dx, conn_id)
    assert find_lag(dx, lag_id) is GONE and find_connection(dx, conn_id) is GONE


def test_a_lag_whose_connection_was_deleted_elsewhere_is_destroyed(dx: Any) -> None:
    """The LAG's connection_id connection deleted outside Terraform (the console, another configuration):
    refresh drops the aws_dx_connection, whose replacement replaces the LAG (connection_id is ForceNew),
    so the LAG is destroyed first, taking connection_id out of it: the provider needs success or one of
    its two ignored needles."""
    code = location_codes(dx)[1]
    conn_id = create_connection(dx, "tf-dx", "10Gbps", code)
    lag_id = create_lag(dx, "tf-dx", code, connection_id=conn_id)
    destroy_connection(dx, conn_id)
    assert find_connection(dx, conn_id) is GONE and read_lag(dx, lag_id)["connections"] == []
    destroy_lag(dx, lag_id, force_destroy=False, connection_id=conn_id)
    assert find_lag(dx, lag_id) is GONE
