"""DescribeCustomerMetadata, ConfirmCustomerAgreement; and who is a Direct Connect partner."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ...domain.gateways.ec2 import World
from ...domain.hosted.partners import agreements, checked_agreement, checked_partner, partner_type, signed
from ..call import Call, optimistic
from ..world import world


def kind_of(call: Call) -> str:
    """The caller's partner type (v1, v2) or nonPartner: the deployment's list, else its world."""
    account = call.scope.account
    if account in call.settings.partners:  # no read needed
        return call.settings.partners[account]
    return partner_type(account, call.settings.partners, world(call).nni_partner_type)


def partner(call: Call) -> str:
    """The caller's partner type, or AWS's refusal for an account that is not a partner."""
    return checked_partner(call.scope.account, call.scope.region, kind_of(call))


def describe_metadata(call: Call) -> dict[str, Any]:
    declared = world(call)
    kind = partner_type(call.scope.account, call.settings.partners, declared.nni_partner_type)
    return {"agreements": [{"agreementName": name, "status": status}
                           for name, status in agreements(declared.signed_agreements)],
            "nniPartnerType": kind}


def confirm_agreement(call: Call) -> dict[str, Any]:
    name = checked_agreement(call.params.string("agreementName"))

    def attempt() -> World:
        declared = world(call)
        if name in declared.signed_agreements:
            return declared
        return call.save(replace(declared, signed_agreements=signed(declared.signed_agreements, name)))

    optimistic(attempt)
    return {"status": "signed"}
