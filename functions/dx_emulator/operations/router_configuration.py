"""DescribeRouterConfiguration: a VIF's configuration for a customer router of a given type."""

from __future__ import annotations

from typing import Any

from ..domain.router_config import customer_router_config
from ..domain.router_types import device_configuration, router_type
from ..errors import ClientException
from .call import Call
from .hosted import lookups as hosted_lookups


def describe(call: Call) -> dict[str, Any]:
    identifier = call.params.string("routerTypeIdentifier")
    vif = hosted_lookups.visible_vif(call, call.context(), call.params.string("virtualInterfaceId"))
    if vif.allocated_by is not None and call.scope.account == vif.owner_account:
        # [doc: the user guide: not available for the account that accepts a hosted VIF]
        raise ClientException(f"The router configuration of hosted virtual interface {vif.virtual_interface_id} is "
                              "available to the account that allocated it, not to the account that accepts it")
    answer: dict[str, Any] = {"virtualInterfaceId": vif.virtual_interface_id,
                              "virtualInterfaceName": vif.virtual_interface_name}
    if identifier is None:  # no router named: the generic XML, as in DescribeVirtualInterfaces [choice]
        return {"customerRouterConfig": customer_router_config(vif), **answer}
    router = router_type(identifier)
    return {"customerRouterConfig": device_configuration(vif, router), **answer, "router": {
        "vendor": router.vendor, "platform": router.platform, "software": router.software,
        "xsltTemplateName": router.xslt, "xsltTemplateNameForMacSec": router.xslt_macsec,
        "routerTypeIdentifier": router.identifier}}
