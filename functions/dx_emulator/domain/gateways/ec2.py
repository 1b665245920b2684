"""The EC2 side an account declares (its world): the virtual private and transit gateways it deals
with, which the emulator does not own, and whether it is a Direct Connect partner.

Apart from the gateway family: hosted connections and the customer agreements read the world too,
and they should not import the gateways' rules to do it (docs/cold-start.md).
"""

from __future__ import annotations

import re

from ...records import record
from ..stored import Stored

DEFAULT_ASN = 64512  # [doc] AWS's Amazon-side ASN for a new gateway when none is given
# Lenient on purpose, so hand-written ids (vgw-1, AWS's own tgw-02f776b1a7EXAMPLE) work; EC2 issues 8
# or 17 hex digits [choice].
EC2_GATEWAY_ID = re.compile(r"(vgw|tgw)-[0-9A-Za-z]{1,17}")


@record
class Ec2Gateway:
    """A virtual private or transit gateway as its world declares it (or as an undeclared id implies)."""

    gateway_id: str
    gateway_type: str
    owner_account: str
    region: str
    asn: int = DEFAULT_ASN
    cidrs: tuple[str, ...] = ()  # a VGW's VPC CIDRs: the allowed prefixes its association defaults to


@record
class World(Stored):
    """What an account declares of the EC2 gateways it deals with (dx-emulator seed, or PUT
    /_dx-emulator/world)."""

    owner_account: str
    gateways: tuple[Ec2Gateway, ...] = ()
    # Whether the account declares itself a Direct Connect partner (domain/hosted/partners.py), and
    # the customer agreements it confirmed.
    nni_partner_type: str | None = None
    signed_agreements: tuple[str, ...] = ()

    @property
    def resource_id(self) -> str:
        return "world"
