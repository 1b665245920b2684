"""CreateBGPPeer's rules: which peers a virtual interface accepts, and what a new peer looks like."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

from ..errors import ClientException, NotFoundException
from ..records import record
from . import addresses, asns
from .auth_keys import auth_key_for
from .context import Context
from .model import ADDRESS_FAMILIES, ENDED_STATES, IPV4, PUBLIC, BgpPeer, VirtualInterface

# AWS documents none of these; a VIF on its way out or refused by its owner takes no peer [choice].
# A hosted VIF takes peers once its owner has confirmed it [choice: AWS's console offers none before].
STATES_REFUSING_PEERS = frozenset({"deleting", "deleted", "rejected", "confirming"})


@record
class NewBgpPeer:
    address_family: str | None = None
    asn: int | None = None
    asn_long: int | None = None
    auth_key: str | None = None
    amazon_address: str | None = None
    customer_address: str | None = None


def checked_family(family: str | None) -> str:
    if family is None:
        raise ClientException("addressFamily is required: ipv4 or ipv6")
    if family not in ADDRESS_FAMILIES:
        raise ClientException(f"addressFamily {family} is not valid: use ipv4 or ipv6")
    return family


def peers_allowed_per_family(has_logical_redundancy: str) -> int:
    # With logical redundancy AWS lets a second same-family peer onto another logical device;
    # CloudFormation caps BgpPeers at 2.
    return 2 if has_logical_redundancy == "yes" else 1


def build_peer(request: NewBgpPeer, *, vif_id: str, family: str, asn: int, public: bool,
               live_peers: tuple[BgpPeer, ...], taken_ids: Collection[str], device: str, logical_device: str,
               location: str, ctx: Context) -> BgpPeer:
    """A new peer on the VIF ``vif_id``, its addresses checked or assigned and its key checked or
    generated; its id is none of ``taken_ids`` (the VIF's peers', deleted ones included)."""
    if family == IPV4:
        in_use = [peer.amazon_address for peer in live_peers if peer.address_family == IPV4]
        amazon, customer = addresses.ipv4_pair(
            request.amazon_address, request.customer_address, public=public, in_use=in_use, ctx=ctx
        )
    else:
        amazon, customer = addresses.ipv6_pair(request.amazon_address, request.customer_address, ctx)
    for peer in live_peers:
        if addresses.host(peer.customer_address) == addresses.host(customer):
            raise ClientException(f"Customer Address {customer} is already used by BGP peer {peer.bgp_peer_id}")
    # A second same-family peer (logical redundancy) sits on another logical device [choice].
    if any(peer.address_family == family for peer in live_peers):
        logical_device = ctx.device_name(location)
    return BgpPeer(
        bgp_peer_id=ctx.peer_id(vif_id, taken_ids),
        address_family=family,
        asn=asn,
        auth_key=auth_key_for(request.auth_key, ctx),
        amazon_address=amazon,
        customer_address=customer,
        # AWS: "verifying" applies only to public VIFs, whose addresses and ASN need validation.
        bgp_peer_state="verifying" if public else "pending",
        bgp_status="down",
        aws_device_v2=device,
        aws_logical_device_id=logical_device,
        created_at=ctx.now,
    )


def _check_public_asn(vif: VirtualInterface, asn: int, ctx: Context) -> None:
    if asns.is_private(asn) or asn in vif.allowed_asns or asn in ctx.public_asn_allow_list:
        return
    raise ClientException(
        f"ASN {asn} is not allowed on public virtual interface {vif.virtual_interface_id}: "
        "use a private ASN or one on the virtual interface's allow list"
    )


def add_bgp_peer(vif: VirtualInterface, request: NewBgpPeer, ctx: Context) -> VirtualInterface:
    """The virtual interface with the new peer, or the client error AWS would answer."""
    if vif.virtual_interface_state in STATES_REFUSING_PEERS:
        raise ClientException(
            f"Virtual interface {vif.virtual_interface_id} is {vif.virtual_interface_state}: "
            "BGP peers cannot be added to it"
        )
    family = checked_family(request.address_family)
    live = vif.live_peers
    limit = peers_allowed_per_family(vif.has_logical_redundancy)
    if sum(peer.address_family == family for peer in live) >= limit:
        if limit == 1:
            raise ClientException(
                f"Virtual interface {vif.virtual_interface_id} already has a BGP peer for address family "
                f"{family}, and its connection does not support logical redundancy"
            )
        raise ClientException(
            f"Virtual interface {vif.virtual_interface_id} already has {limit} BGP peers for address family "
            f"{family}, the most a connection with logical redundancy allows"
        )
    asn = asns.resolve_asn(request.asn, request.asn_long)
    if vif.virtual_interface_type == PUBLIC:
        _check_public_asn(vif, asn, ctx)
    peer = build_peer(
        request, vif_id=vif.virtual_interface_id, family=family, asn=asn, public=vif.virtual_interface_type == PUBLIC,
        live_peers=live, taken_ids={p.bgp_peer_id for p in vif.bgp_peers}, device=vif.aws_device_v2,
        logical_device=vif.aws_logical_device_id, location=vif.location, ctx=ctx,
    )
    return replace(vif, bgp_peers=(*vif.bgp_peers, peer))


@record
class PeerSelector:
    """DeleteBGPPeer names a peer by its id, or by ASN and customer address."""

    bgp_peer_id: str | None = None
    asn: int | None = None
    asn_long: int | None = None
    customer_address: str | None = None


LAST_PEER = "The last BGP Peer on a Virtual Interface cannot be deleted"
# Deleted peers stay listed for the retention time, inside the VIF's item. Churn (a test creating
# and deleting peers in a loop) must not grow that item towards DynamoDB's 400 KB: past this many,
# the oldest deleted peers go early [choice].
MAX_DELETED_PEERS_KEPT = 50


def _select(vif: VirtualInterface, selector: PeerSelector) -> BgpPeer:
    if selector.bgp_peer_id is not None:
        for peer in vif.bgp_peers:
            if peer.bgp_peer_id == selector.bgp_peer_id:
                return peer
        raise NotFoundException(
            f"BGP peer {selector.bgp_peer_id} does not exist on virtual interface {vif.virtual_interface_id}"
        )
    if selector.asn is None and selector.asn_long is None:
        raise ClientException("Name the BGP peer: bgpPeerId, or asn (or asnLong) and customerAddress")
    asn = asns.resolve_asn(selector.asn, selector.asn_long)
    wanted = None if selector.customer_address is None else _host_or_none(selector.customer_address)
    matches = [peer for peer in vif.live_peers
               if peer.asn == asn and (wanted is None or addresses.host(peer.customer_address) == wanted)]
    if not matches:
        address = "" if selector.customer_address is None else f" and customer address {selector.customer_address}"
        raise NotFoundException(
            f"No BGP peer with ASN {asn}{address} exists on virtual interface {vif.virtual_interface_id}"
        )
    if len(matches) > 1:
        # Without the address an ASN can name two peers (logical redundancy, or both families) [choice].
        raise ClientException(
            f"{len(matches)} BGP peers with ASN {asn} exist on virtual interface {vif.virtual_interface_id}: "
            "give customerAddress or bgpPeerId"
        )
    return matches[0]


def _host_or_none(address: str) -> str | None:
    try:
        return addresses.host(address)
    except ValueError:
        raise ClientException(f"customerAddress {address} is not an IP address") from None


def delete_bgp_peer(vif: VirtualInterface, selector: PeerSelector, ctx: Context) -> VirtualInterface:
    """The VIF with the peer ``deleting``; it becomes ``deleted`` and then disappears (lifecycle.py)."""
    if vif.virtual_interface_state in ENDED_STATES:
        raise ClientException(f"Virtual interface {vif.virtual_interface_id} is {vif.virtual_interface_state}")
    peer = _select(vif, selector)
    if not peer.is_live:
        raise ClientException(f"BGP peer {peer.bgp_peer_id} is already {peer.bgp_peer_state}")
    if len(vif.live_peers) == 1:
        raise ClientException(LAST_PEER)  # AWS's words; Terraform ignores exactly this on destroy
    gone = replace(peer, bgp_peer_state="deleting", deleted_at=ctx.now)
    peers = [gone if p.bgp_peer_id == peer.bgp_peer_id else p for p in vif.bgp_peers]
    deleted = sorted((p for p in peers if p.deleted_at is not None), key=lambda p: p.deleted_at or 0.0)
    dropped = {p.bgp_peer_id for p in deleted[:-MAX_DELETED_PEERS_KEPT]}
    return replace(vif, bgp_peers=tuple(p for p in peers if p.bgp_peer_id not in dropped))
