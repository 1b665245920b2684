"""CreateBGPPeer, DeleteBGPPeer."""

from __future__ import annotations

from typing import Any

from ..domain.bgp_peers import NewBgpPeer, PeerSelector, add_bgp_peer, delete_bgp_peer
from ..domain.model import VirtualInterface
from ..errors import ClientException
from . import lookups, views
from .call import Call, optimistic


def create(call: Call) -> dict[str, Any]:
    vif_id = call.params.string("virtualInterfaceId")
    new = call.params.structure("newBGPPeer")
    request = NewBgpPeer(
        address_family=new.string("addressFamily"),
        asn=new.integer("asn"),
        asn_long=new.long("asnLong"),
        auth_key=new.string("authKey"),
        amazon_address=new.string("amazonAddress"),
        customer_address=new.string("customerAddress"),
    )

    # One consistent read and one conditional write on the happy path; a lost race re-reads, so
    # the loser is judged against the winner's peer (the address-family rule holds under races).
    def attempt() -> VirtualInterface:
        ctx = call.context()
        vif = lookups.virtual_interface(call, ctx, vif_id)
        if call.replayed(vif):
            return vif  # this request's peer is already there
        return call.save(add_bgp_peer(vif, request, ctx))

    return {"virtualInterface": views.virtual_interface(optimistic(attempt), call.scope.account)}


def delete(call: Call) -> dict[str, Any]:
    params = call.params
    vif_id = params.string("virtualInterfaceId")
    selector = PeerSelector(
        bgp_peer_id=params.string("bgpPeerId"),
        asn=params.integer("asn"),
        asn_long=params.long("asnLong"),
        customer_address=params.string("customerAddress"),
    )
    if vif_id is None and selector.bgp_peer_id is None:
        raise ClientException("virtualInterfaceId is required unless bgpPeerId is given")

    def attempt() -> VirtualInterface:
        ctx = call.context()
        if vif_id is not None:
            vif = lookups.virtual_interface(call, ctx, vif_id)
        else:
            vif = lookups.virtual_interface_with_peer(call, ctx, selector.bgp_peer_id or "")
        if call.replayed(vif):
            return vif  # this request already deleted the peer
        return call.save(delete_bgp_peer(vif, selector, ctx))

    return {"virtualInterface": views.virtual_interface(optimistic(attempt), call.scope.account)}
