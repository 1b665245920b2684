"""Loading a resource by id, or the "not found" error AWS answers (clients match on its words)."""

from __future__ import annotations

from ..domain.model import Connection, VirtualInterface
from ..errors import ClientException, NotFoundException
from .call import Call


def connection(call: Call, connection_id: str | None) -> Connection:
    if not connection_id:
        raise ClientException("connectionId is required")
    conn = call.store.get_connection(call.scope, connection_id)
    if conn is None:
        # Terraform matches "Could not find Connection with ID".
        raise NotFoundException(f"Could not find Connection with ID {connection_id}")
    return conn


def virtual_interface(call: Call, vif_id: str | None) -> VirtualInterface:
    if not vif_id:
        raise ClientException("virtualInterfaceId is required")
    vif = call.store.get_vif(call.scope, vif_id)
    if vif is None:
        # Terraform matches "does not exist".
        raise NotFoundException(f"Virtual interface {vif_id} does not exist")
    return vif
