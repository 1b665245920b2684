"""What Terraform's AWS provider does against Direct Connect, replayed with boto3: its finders (how it
decides a resource is gone), its waiters (a state outside pending and target fails the apply), its
tag reads and its ARNs. Taken from hashicorp/terraform-provider-aws internal/service/directconnect
(finders in find.go, waiters in wait.go/status.go, the tagging interceptor)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from botocore.exceptions import ClientError

GONE = object()  # a finder's NotFound


class UnexpectedState(AssertionError):
    """The provider's 'unexpected state X, wanted target Y': the apply fails."""


class TooManyResults(AssertionError):
    """The provider's TooManyResultsError: two matches where it wants one."""


def _client_error_contains(error: ClientError, needle: str) -> bool:
    # errs.IsAErrorMessageContains[*awstypes.DirectConnectClientException]: the code, then a
    # case-sensitive substring of the message.
    return (error.response["Error"]["Code"] == "DirectConnectClientException"
            and needle in error.response["Error"]["Message"])


def single(items: list[Any]) -> Any:
    """tfresource.AssertSingleValueResult: none is NotFound, two or more an error."""
    if not items:
        return GONE
    if len(items) > 1:
        raise TooManyResults(f"{len(items)} results")
    return items[0]


def find_connection(dx: Any, connection_id: str) -> Any:
    try:
        found = single(dx.describe_connections(connectionId=connection_id)["connections"])
    except ClientError as error:
        if _client_error_contains(error, "Could not find Connection with ID"):
            return GONE
        raise
    return GONE if found is GONE or found["connectionState"] in ("deleted", "rejected") else found


def find_lag(dx: Any, lag_id: str) -> Any:
    try:
        found = single(dx.describe_lags(lagId=lag_id)["lags"])
    except ClientError as error:
        if _client_error_contains(error, "Could not find Lag with ID"):
            return GONE
        raise
    return GONE if found is GONE or found["lagState"] == "deleted" else found


def find_vif(dx: Any, vif_id: str) -> Any:
    # findVirtualInterfaces has no error handling: any error fails the plan.
    found = single(dx.describe_virtual_interfaces(virtualInterfaceId=vif_id)["virtualInterfaces"])
    return GONE if found is GONE or found["virtualInterfaceState"] == "deleted" else found


def find_bgp_peer(dx: Any, vif_id: str, family: str, asn: int) -> Any:
    vif = find_vif(dx, vif_id)
    if vif is GONE:
        return GONE
    matches = [peer for peer in vif["bgpPeers"]
               if peer["addressFamily"] == family and (peer.get("asnLong") or peer["asn"]) == asn]
    found = single(matches)
    return GONE if found is GONE or found["bgpPeerState"] == "deleted" else found


def wait(find: Callable[[], Any], state: str, pending: set[str], target: set[str], timeout: float = 30) -> Any:
    """StateChangeConf: poll until a target state; a state in neither set fails at once; with no
    target (a delete), NotFound ends the wait."""
    deadline = time.monotonic() + timeout
    while True:
        found = find()
        if found is GONE:
            if not target:
                return GONE
            raise AssertionError("not found while waiting for " + ", ".join(sorted(target)))
        current = found[state]
        if current in target:
            return found
        if current not in pending:
            raise UnexpectedState(f"unexpected state '{current}', wanted target '{', '.join(sorted(target))}'")
        if time.monotonic() > deadline:
            raise AssertionError(f"timeout while waiting for {target}; last state {current}")
        time.sleep(0.1)


def read_tags(dx: Any, arn: str) -> dict[str, str]:
    """The tagging interceptor's listTags: ``output.ResourceTags[0].Tags``, indexed without a check."""
    output = dx.describe_tags(resourceArns=[arn])
    return {tag["key"]: tag.get("value", "") for tag in output["resourceTags"][0].get("tags", [])}


def update_tags(dx: Any, arn: str, old: dict[str, str], new: dict[str, str]) -> None:
    """The interceptor's order: untag the removed keys, then tag the added or changed ones."""
    removed = [key for key in old if key not in new]
    if removed:
        dx.untag_resource(resourceArn=arn, tagKeys=removed)
    changed = [{"key": key, "value": value} for key, value in new.items() if old.get(key) != value]
    if changed:
        dx.tag_resource(resourceArn=arn, tags=changed)


def regional_arn(region: str, account: str, kind: str, resource_id: str) -> str:
    return f"arn:aws:directconnect:{region}:{account}:{kind}/{resource_id}"


# Waiter state sets, as the provider declares them.
CONNECTION_DELETE_PENDING = {"pending", "ordering", "available", "requested", "deleting"}
LAG_DELETE_PENDING = {"available", "requested", "pending", "deleting"}
VIF_DELETE_PENDING = {"available", "confirming", "deleting", "down", "pending", "rejected", "verifying"}
PEER_DELETE_PENDING = {"available", "deleting", "pending", "verifying"}
