"""DescribeLocations."""

from __future__ import annotations

from typing import Any

from ..domain.locations import locations
from .call import Call


def describe(call: Call) -> dict[str, Any]:
    region = call.scope.region
    return {"locations": [{
        "locationCode": location.code,
        "locationName": location.name,
        "region": region,
        "availablePortSpeeds": list(location.port_speeds),
        "availableProviders": list(location.providers),
        "availableMacSecPortSpeeds": list(location.macsec_speeds),
    } for location in locations(region)]}
