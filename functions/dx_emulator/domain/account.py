"""An account's own record on a shared endpoint: the regions it used, when it was last active, its
runtime settings (injected faults, state delays, manual mode) and, in manual mode, which resources
were told to move on.

One item per account, in its global partition. Every request reads it (settings take effect on the
next request, whichever Lambda instance answers); it is written only when something changes: a
first request in a region, activity after ``touch_interval`` of quiet, a settings change, a manual
advance. Its ``expires_at`` is the account's idle expiry: DynamoDB's TTL removes the record of an
account nobody used for that long, and its stream tells the emulator to remove the rest.

The settings document (``PUT /_dx-emulator/settings``)::

    {"faults": [{"operations": ["CreateBGPPeer"], "error": "ThrottlingException", "rate": 0.5}],
     "faultsSeed": 7,
     "delays": {"connectionAvailable": 30, "vifAvailable": 10},
     "manual": {"reads": 3}}

``faults`` are rules in the deployment's own format (faults.py); ``delays`` replace the deployment's
delays, by the names of ``Lifecycle``'s fields in camelCase; ``manual`` holds every resource in its
state until it is told to advance (``POST /_dx-emulator/advance``) or, with ``reads``, has been
returned by that many reads.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import field, fields, replace
from typing import Any

from ..errors import ClientException
from ..records import record
from .lifecycle import Lifecycle
from .stored import Expiring

RESOURCE_ID = "account"
SECTIONS = ("faults", "faultsSeed", "delays", "manual")
# Lifecycle field -> settings name: connection_available -> connectionAvailable.
DELAY_NAMES = {f.name: f.name.split("_")[0] + "".join(p.capitalize() for p in f.name.split("_")[1:])
               for f in fields(Lifecycle) if f.name != "manual"}
# The delays a manual account's resources wait for instead of time: none (the release is the wait).
TRANSITIONS = ("connection_available", "vif_available", "peer_available", "deleting", "bgp_up",
               "gateway_available", "association_available", "association_update", "disassociation")
MAX_DELAY = 7 * 86400.0  # a week: longer than any test run waits [choice]
MAX_READS = 100
MAX_RELEASES = 2000  # resources told to move on, kept per account (oldest dropped) [choice]


@record
class Account(Expiring):
    """An account's own record: the regions it used, its last activity, its runtime settings."""

    owner_account: str
    regions: tuple[str, ...] = ()
    last_active: float = 0.0
    # The validated settings document, as JSON text ("" = the deployment's defaults).
    settings: str = ""
    # Manual mode: when each resource was last told to move on, and how often it was read since.
    releases: Mapping[str, float] = field(default_factory=dict)
    manual_reads: Mapping[str, int] = field(default_factory=dict)

    @property
    def resource_id(self) -> str:
        return RESOURCE_ID

    @property
    def document(self) -> dict[str, Any]:
        return json.loads(self.settings) if self.settings else {}


def touched(account: Account | None, owner: str, region: str, now: float, idle_expiry: float) -> Account | None:
    """The record to write for a request now, or None when the stored one is fresh enough. Activity
    is written at most every tenth of the idle expiry (and at most hourly), so the record is not
    rewritten on every request, yet never expires less than 0.9 x the setting after the last one."""
    record = account or Account(owner)
    interval = min(3600.0, idle_expiry / 10)
    fresh = region in record.regions and (not idle_expiry or now - record.last_active < interval)
    if account is not None and fresh:
        return None
    return replace(record, regions=tuple(sorted({*record.regions, region})), last_active=now,
                   expires_at=now + idle_expiry if idle_expiry else None)


def _number(value: Any, name: str, upper: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= upper:
        raise ClientException(f"{name} must be a number from 0 to {upper:g}")
    return float(value)


def _delays(delays: Any) -> dict[str, float]:
    if not isinstance(delays, Mapping):
        raise ClientException("delays must be an object of seconds by name")
    known = set(DELAY_NAMES.values())
    for name, value in delays.items():
        if name not in known:
            raise ClientException(f"delays: {name} is not one of {', '.join(sorted(known))}")
        _number(value, f"delays.{name}", MAX_DELAY)
    return dict(delays)


def validated(document: Any, parse_faults: Any) -> dict[str, Any]:
    """The settings document as it will be stored, or what is wrong with it. ``parse_faults`` is the
    deployment's own rule parser (faults.py), so both accept exactly the same rules."""
    if not isinstance(document, Mapping):
        raise ClientException("Settings are a JSON object")
    unknown = sorted(set(document) - set(SECTIONS))
    if unknown:
        raise ClientException(f"Settings have {', '.join(SECTIONS)}, not {', '.join(unknown)}")
    result: dict[str, Any] = {}
    if document.get("faults") is not None:
        try:
            parse_faults(json.dumps(document["faults"]))
        except (ValueError, TypeError) as problem:
            raise ClientException(str(problem).replace("DX_EMULATOR_FAULTS", "faults")) from None
        result["faults"] = document["faults"]
    if document.get("faultsSeed") is not None:
        seed = document["faultsSeed"]
        if isinstance(seed, bool) or not isinstance(seed, int):
            raise ClientException("faultsSeed must be an integer")
        result["faultsSeed"] = seed
    delays = _delays(document.get("delays") or {})
    if delays:
        result["delays"] = delays
    manual = document.get("manual")
    if manual is not None:
        if not isinstance(manual, Mapping) or set(manual) - {"reads"}:
            raise ClientException('manual is an object: {} (advance when told) or {"reads": N}')
        reads = manual.get("reads", 0)
        if isinstance(reads, bool) or not isinstance(reads, int) or not 0 <= reads <= MAX_READS:
            raise ClientException(f"manual.reads must be an integer from 0 to {MAX_READS}")
        result["manual"] = {"reads": reads}
    return result


def lifecycle_for(base: Lifecycle, account: Account | None) -> Lifecycle:
    """The deployment's lifecycle with the account's delays, and manual mode if it is on."""
    settings = account.document if account is not None else {}
    if not settings:
        return base
    by_setting = {setting: name for name, setting in DELAY_NAMES.items()}
    delays: dict[str, Any] = {by_setting[name]: float(value) for name, value in settings.get("delays", {}).items()}
    lifecycle = replace(base, **delays)
    if "manual" in settings and account is not None:
        lifecycle = replace(lifecycle, **dict.fromkeys(TRANSITIONS, 0.0), manual=dict(account.releases))
    return lifecycle


def manual_reads(account: Account | None) -> int | None:
    """After how many reads a manual account's resource moves on (0: only when told), None when not manual."""
    settings = account.document if account is not None else {}
    return settings["manual"]["reads"] if "manual" in settings else None


def released(account: Account, resource_ids: list[str], now: float) -> Account:
    releases = {**account.releases, **dict.fromkeys(resource_ids, now)}
    kept = dict(sorted(releases.items(), key=lambda item: item[1])[-MAX_RELEASES:])
    reads = {key: count for key, count in account.manual_reads.items() if key not in resource_ids}
    return replace(account, releases=kept, manual_reads=reads)


def read(account: Account, resource_ids: list[str], after: int, now: float) -> Account:
    """The account after a read returned ``resource_ids`` (still moving): each read counts, and a
    resource read ``after`` times is released, so the next read finds it moved on."""
    counts = {**account.manual_reads}
    for resource_id in resource_ids:
        counts[resource_id] = counts.get(resource_id, 0) + 1
    due = [resource_id for resource_id in resource_ids if counts[resource_id] >= after]
    return released(replace(account, manual_reads=counts), due, now)
