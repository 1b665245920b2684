"""views.connection builds its view member by member instead of dropping the None members after:
the view must be what the dropping made, member for member and in the same order."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from itertools import product
from typing import Any

import pytest

from dx_emulator.domain.model import Connection, MacSecKey, Tag
from dx_emulator.operations import views

from .domain_support import conn


def dropped(conn: Connection) -> dict[str, Any]:
    """The view as it was made before: every member, then the None ones dropped."""
    return views.compact({
        "ownerAccount": conn.owner_account,
        "connectionId": conn.connection_id,
        "connectionName": conn.connection_name,
        "connectionState": conn.connection_state,
        "region": conn.region,
        "location": conn.location,
        "bandwidth": conn.bandwidth,
        "vlan": conn.vlan,
        "partnerName": conn.partner_name,
        "lagId": conn.lag_id or (conn.hosted_on if (conn.hosted_on or "").startswith("dxlag-") else None),
        "loaIssueTime": datetime.fromtimestamp(conn.created_at, UTC),
        "awsDevice": conn.aws_device,
        "awsDeviceV2": conn.aws_device,
        "awsLogicalDeviceId": conn.aws_logical_device_id,
        "jumboFrameCapable": False,
        "hasLogicalRedundancy": conn.has_logical_redundancy,
        "macSecCapable": conn.mac_sec_capable,
        "portEncryptionStatus": None if not conn.mac_sec_capable else (
            "Encryption Up" if any(key.state == "associated" for key in conn.mac_sec_keys) else "Encryption Down"),
        "macSecKeys": views.mac_sec_keys(conn.mac_sec_keys) if conn.mac_sec_capable else None,
        "providerName": conn.provider_name,
        "billingMode": conn.billing_mode,
        "encryptionMode": conn.encryption_mode,
        "tags": views.tags(conn.tags),
    })


KEYS = [(), (MacSecKey("arn:a", "ckn-a", "associating", 1.0),),
        (MacSecKey("arn:a", "ckn-a", "associating", 1.0), MacSecKey("arn:b", "ckn-b", "associated", 2.0))]
HOSTING = [  # (lag_id, hosted_on, vlan, partner_name)
    (None, None, None, None), ("dxlag-own", None, None, None), ("", "dxlag-partner", 101, "Partner"),
    (None, "dxcon-interconnect", 102, "Partner"), (None, "dxlag-partner", None, None), ("", None, 0, ""),
]
OPTIONAL = [(None, None, None), ("Provider", "committed", "should_encrypt"), ("", "", "")]


@pytest.mark.parametrize(("hosting", "capable", "keys", "optional"), list(product(HOSTING, [False, True], KEYS,
                                                                                    OPTIONAL)))
def test_a_connection_view_is_what_dropping_its_nones_made(hosting: tuple[Any, ...], capable: bool,
                                                           keys: tuple[MacSecKey, ...],
                                                           optional: tuple[str | None, ...]) -> None:
    lag_id, hosted_on, vlan, partner_name = hosting
    provider_name, billing_mode, encryption_mode = optional
    item = replace(conn(), lag_id=lag_id, hosted_on=hosted_on, vlan=vlan, partner_name=partner_name,
                   mac_sec_capable=capable, mac_sec_keys=keys, provider_name=provider_name,
                   billing_mode=billing_mode, encryption_mode=encryption_mode,
                   tags=(Tag("k", "v"), Tag("no-value")))
    view = views.connection(item)
    assert list(view.items()) == list(dropped(item).items())  # the same members, in the same order
