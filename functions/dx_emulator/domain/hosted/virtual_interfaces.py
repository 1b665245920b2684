"""Allocate{Private,Public,Transit}VirtualInterface and Confirm{...}VirtualInterface's rules.

A connection owner allocates a VIF on its connection, LAG or hosted connection to another account
(``ownerAccount``). The VIF is that account's from the start, ``confirming`` until it confirms it
onto its gateway (or, public, as it is); the connection keeps the VIF's VLAN and quota slot.
"""

from __future__ import annotations

from dataclasses import replace

from ...errors import ClientException
from ..context import Context
from ..model import PUBLIC, Parent, VirtualInterface
from ..names import is_account
from ..virtual_interfaces import INITIAL_STATE, NewVirtualInterface, check_gateways, create_virtual_interface

CONFIRM_OPERATION = {"private": "ConfirmPrivateVirtualInterface", "public": "ConfirmPublicVirtualInterface",
                     "transit": "ConfirmTransitVirtualInterface"}


def checked_owner_account(owner: str | None, allocator: str) -> str:
    if not owner:
        raise ClientException("ownerAccount is required")
    if not is_account(owner):
        raise ClientException(f"ownerAccount {owner} is not an AWS account id (12 digits)")
    if owner == allocator:
        raise ClientException("Cannot allocate VirtualInterface for the connection owner.")  # [seen]
    return owner


def allocate_virtual_interface(parent: Parent, request: NewVirtualInterface, ctx: Context, owner: str,
                               holder: Parent | None = None) -> tuple[Parent, VirtualInterface]:
    """The VIF ``owner`` will confirm, and the connection or LAG holding its slot, as created VIFs are."""
    return create_virtual_interface(parent, request, ctx, holder, owner=checked_owner_account(owner, ctx.account))


def confirm_virtual_interface(vif: VirtualInterface, kind: str, ctx: Context, *, virtual_gateway_id: str | None = None,
                              direct_connect_gateway_id: str | None = None,
                              gateway_asn: int | None = None) -> VirtualInterface:
    """The VIF confirmed by its owner: onto its gateway, with its states (and its peer's) moving from now."""
    operation = CONFIRM_OPERATION[kind]
    if vif.virtual_interface_type != kind:
        raise ClientException(f"Virtual interface {vif.virtual_interface_id} is a {vif.virtual_interface_type} "
                              f"virtual interface: {operation} confirms {kind} ones")
    if vif.virtual_interface_state != "confirming":
        # ConfirmConnection's words [seen], for want of the VIF operations' own [choice].
        state = vif.virtual_interface_state
        raise ClientException(f"{operation} failed. {vif.virtual_interface_id} is in state {state}")
    if kind != PUBLIC:
        check_gateways(kind, virtual_gateway_id, direct_connect_gateway_id)
    return replace(
        vif,
        virtual_interface_state=INITIAL_STATE[kind],
        confirmed_at=ctx.now,
        virtual_gateway_id=virtual_gateway_id,
        direct_connect_gateway_id=direct_connect_gateway_id,
        gateway_attached=bool(direct_connect_gateway_id),
        amazon_side_asn=vif.amazon_side_asn if gateway_asn is None else gateway_asn,
        bgp_peers=tuple(replace(peer, created_at=ctx.now) for peer in vif.bgp_peers),
    )
