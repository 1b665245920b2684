"""DescribeCustomerMetadata, ConfirmCustomerAgreement; and who is a Direct Connect partner."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ...domain.gateways.associations import World
from ...domain.hosted.partners import agreements, checked_agreement, checked_partner, partner_type, signed
from ..call import Call, optimistic
from ..gateways import lookups as gateway_lookups


def kind_of(call: Call) -> str:
    """The caller's partner type (v1, v2) or nonPartner: the deployment's list, else its world."""
    account = call.scope.account
    if account in call.settings.partners:  # no read needed
        return call.settings.partners[account]
    return partner_type(account, call.settings.partners, gateway_lookups.world(call).nni_partner_type)


def partner(call: Call) -> str:
    """The caller's partner type, or AWS's refusal for an account that is not a partner."""
    return checked_partner(call.scope.account, call.scope.region, kind_of(call))


def describe_metadata(call: Call) -> dict[str, Any]:
    world = gateway_lookups.world(call)
    kind = partner_type(call.scope.account, call.settings.partners, world.nni_partner_type)
    return {"agreements": [{"agreementName": name, "status": status}
                           for name, status in agreements(world.signed_agreements)],
            "nniPartnerType": kind}


def confirm_agreement(call: Call) -> dict[str, Any]:
    name = checked_agreement(call.params.string("agreementName"))

    def attempt() -> World:
        world = gateway_lookups.world(call)
        if name in world.signed_agreements:
            return world
        return call.save(replace(world, signed_agreements=signed(world.signed_agreements, name)))

    optimistic(attempt)
    return {"status": "signed"}
