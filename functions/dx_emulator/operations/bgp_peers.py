"""CreateBGPPeer."""

from __future__ import annotations

from typing import Any

from ..domain.bgp_peers import NewBgpPeer, add_bgp_peer
from ..domain.model import VirtualInterface
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
        vif = add_bgp_peer(lookups.virtual_interface(call, vif_id), request, call.context())
        call.store.save_vif(vif)
        return vif

    return {"virtualInterface": views.virtual_interface(optimistic(attempt))}
