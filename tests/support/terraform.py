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


def _pages(describe: Callable[..., Any], key: str, **params: Any) -> list[Any]:
    """The generated list_pages loop: never maxResults, it echoes nextToken until there is none."""
    items: list[Any] = []
    while True:
        output = describe(**params)
        items += output.get(key, [])
        if not output.get("nextToken"):
            return items
        params["nextToken"] = output["nextToken"]


def find_gateway(dx: Any, gateway_id: str) -> Any:
    # No error handling: an unknown id must answer an empty list.
    found = single(_pages(dx.describe_direct_connect_gateways, "directConnectGateways",
                          directConnectGatewayId=gateway_id))
    return GONE if found is GONE or found["directConnectGatewayState"] == "deleted" else found


def find_gateway_association(dx: Any, **filters: str) -> Any:
    """By associationId (read, waiters, CheckDestroy) or by directConnectGatewayId + associatedGatewayId
    (import, and the proposal's fallback)."""
    found = single(_pages(dx.describe_direct_connect_gateway_associations, "directConnectGatewayAssociations",
                          **filters))
    if found is GONE or found["associationState"] == "disassociated":
        return GONE
    assert found.get("associatedGateway"), "nil associatedGateway: the newest provider dereferences it"
    return found


def find_gateway_association_proposal(dx: Any, proposal_id: str) -> Any:
    found = single(_pages(dx.describe_direct_connect_gateway_association_proposals,
                          "directConnectGatewayAssociationProposals", proposalId=proposal_id))
    return GONE if found is GONE or found["proposalState"] == "deleted" or not found.get("associatedGateway") else found


def ignoring(needle: str, call: Callable[..., Any], **params: Any) -> bool:
    """A delete that takes a DirectConnectClientException containing ``needle`` as done: False then."""
    try:
        call(**params)
    except ClientError as error:
        if _client_error_contains(error, needle):
            return False
        raise
    return True


def cidrs(wanted: set[str]) -> list[dict[str, str]]:
    """expandRouteFilterPrefixes: a set of CIDRs as the API takes them."""
    return [{"cidr": cidr} for cidr in sorted(wanted)]


def prefixes(item: dict[str, Any], member: str = "allowedPrefixesToDirectConnectGateway") -> set[str]:
    """allowed_prefixes, a set of CIDRs as the API gave them."""
    return {prefix["cidr"] for prefix in item.get(member, [])}


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


def global_arn(account: str, kind: str, resource_id: str) -> str:
    """c.GlobalARN: no region (a Direct Connect gateway's), with the caller's account."""
    return f"arn:aws:directconnect::{account}:{kind}/{resource_id}"


# Waiter state sets, as the provider declares them.
CONNECTION_DELETE_PENDING = {"pending", "ordering", "available", "requested", "deleting"}
LAG_DELETE_PENDING = {"available", "requested", "pending", "deleting"}
VIF_DELETE_PENDING = {"available", "confirming", "deleting", "down", "pending", "rejected", "verifying"}
PEER_DELETE_PENDING = {"available", "deleting", "pending", "verifying"}
GATEWAY_DELETE_PENDING = {"pending", "available", "deleting"}
ASSOCIATION_DELETE_PENDING = {"disassociating"}  # only: "associated" after a delete fails the destroy


def create_gateway(dx: Any, name: str, asn: int, tags: dict[str, str] | None = None) -> Any:
    """resourceGatewayCreate: CreateDirectConnectGateway (tags only when there are some; the ID from the
    answer's directConnectGateway, unchecked), then waitGatewayCreated."""
    params: dict[str, Any] = {"directConnectGatewayName": name, "amazonSideAsn": asn}
    if tags:
        params["tags"] = [{"key": key, "value": value} for key, value in tags.items()]
    gateway_id = dx.create_direct_connect_gateway(**params)["directConnectGateway"]["directConnectGatewayId"]
    return wait(lambda: find_gateway(dx, gateway_id), "directConnectGatewayState", {"pending"}, {"available"})


def destroy_gateway(dx: Any, gateway_id: str) -> None:
    if ignoring("does not exist", dx.delete_direct_connect_gateway, directConnectGatewayId=gateway_id):
        wait(lambda: find_gateway(dx, gateway_id), "directConnectGatewayState", GATEWAY_DELETE_PENDING, set())


def wait_gateway_association(dx: Any, association_id: str, pending: str) -> Any:
    """waitGatewayAssociationCreated (pending "associating") or ...Updated ("updating"): target "associated"."""
    return wait(lambda: find_gateway_association(dx, associationId=association_id), "associationState", {pending},
                {"associated"})


def destroy_gateway_association(dx: Any, association_id: str) -> None:
    if ignoring("does not exist", dx.delete_direct_connect_gateway_association, associationId=association_id):
        wait(lambda: find_gateway_association(dx, associationId=association_id), "associationState",
             ASSOCIATION_DELETE_PENDING, set())

