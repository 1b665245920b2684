"""Settings read once from the environment (Lambda's, or the one `dx-emulator serve` sets up)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import field

from .domain.hosted.partners import parse_partners
from .domain.lifecycle import Lifecycle
from .records import record

DEFAULT_ACCOUNT = "123456789012"
DEFAULT_REGION = "us-east-1"
DEFAULT_TABLE = "dx-emulator"


def _non_empty(env: Mapping[str, str], name: str) -> str | None:
    # SAM passes unset parameters as empty strings; an empty endpoint must mean "none".
    value = env.get(name, "").strip()
    return value or None


def _asn_list(raw: str | None) -> frozenset[int]:
    if not raw:
        return frozenset()
    try:
        return frozenset(int(part) for part in raw.replace(" ", "").split(",") if part)
    except ValueError as error:
        raise ValueError(f"DX_EMULATOR_PUBLIC_ASN_ALLOW_LIST must be comma-separated ASNs: {raw!r}") from error


# Seconds each state lasts before it moves on (domain/lifecycle.py); the defaults move every state on
# the next read, for fast tests.
DELAY_VARIABLES = {
    "connection_available": "DX_EMULATOR_CONNECTION_DELAY",
    "vif_available": "DX_EMULATOR_VIF_DELAY",
    "peer_available": "DX_EMULATOR_PEER_DELAY",
    "deleting": "DX_EMULATOR_DELETE_DELAY",
    "deleted_retention": "DX_EMULATOR_DELETED_RETENTION",
    "bgp_up": "DX_EMULATOR_BGP_UP_DELAY",
    "failover_minute": "DX_EMULATOR_FAILOVER_MINUTE",
    "gateway_available": "DX_EMULATOR_GATEWAY_DELAY",
    "association_available": "DX_EMULATOR_ASSOCIATION_DELAY",
    "association_update": "DX_EMULATOR_ASSOCIATION_UPDATE_DELAY",
    "disassociation": "DX_EMULATOR_DISASSOCIATION_DELAY",
}


def _seconds(env: Mapping[str, str], variable: str) -> float:
    raw = _non_empty(env, variable) or "0"
    try:
        value = float(raw)
    except ValueError as error:
        raise ValueError(f"{variable} must be a number of seconds: {raw!r}") from error
    if value < 0:
        raise ValueError(f"{variable} must not be negative: {raw!r}")
    return value


def _lifecycle(env: Mapping[str, str]) -> Lifecycle:
    values: dict[str, float] = {}
    for name, variable in DELAY_VARIABLES.items():
        raw = _non_empty(env, variable)
        if raw is None:
            continue
        try:
            values[name] = float(raw)
        except ValueError as error:
            raise ValueError(f"{variable} must be a number of seconds: {raw!r}") from error
        if values[name] < 0:
            raise ValueError(f"{variable} must not be negative: {raw!r}")
    return Lifecycle(**values)  # type: ignore[arg-type] # the delay fields, by name


@record
class Settings:
    """The deployment's configuration, read once from the environment (template.yaml, `serve`)."""

    table_name: str
    dynamodb_endpoint: str | None
    dynamodb_region: str
    default_account: str
    default_region: str
    public_asn_allow_list: frozenset[int]
    lifecycle: Lifecycle = field(default_factory=Lifecycle)
    # Off by default: a local or CI emulator takes any key. On, only the configured keys get in.
    verify_signatures: bool = False
    access_keys_json: str | None = None
    access_keys_secret: str | None = None
    faults: str | None = None
    faults_seed: int | None = None
    # Direct Connect partner accounts and their types (domain/hosted/partners.py).
    partners: Mapping[str, str] = field(default_factory=dict)
    # Whether new ports must name a location DescribeLocations lists (domain/locations.py).
    strict_locations: bool = False
    # Seconds an account may stay untouched before DynamoDB's TTL removes it (0: never; domain/account.py).
    idle_expiry: float = 0.0
    # "memory": `dx-emulator serve`'s in-process store (store/memory.py); anything else: DynamoDB.
    store: str = "dynamodb"

    @classmethod
    def from_environment(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        return cls(
            table_name=_non_empty(env, "DX_EMULATOR_TABLE") or DEFAULT_TABLE,
            # AWS's own variable for a service endpoint, so DynamoDB Local needs no new name.
            dynamodb_endpoint=_non_empty(env, "AWS_ENDPOINT_URL_DYNAMODB"),
            dynamodb_region=_non_empty(env, "AWS_REGION") or _non_empty(env, "AWS_DEFAULT_REGION") or DEFAULT_REGION,
            default_account=_non_empty(env, "DX_EMULATOR_DEFAULT_ACCOUNT") or DEFAULT_ACCOUNT,
            default_region=_non_empty(env, "DX_EMULATOR_DEFAULT_REGION") or DEFAULT_REGION,
            public_asn_allow_list=_asn_list(_non_empty(env, "DX_EMULATOR_PUBLIC_ASN_ALLOW_LIST")),
            lifecycle=_lifecycle(env),
            verify_signatures=(_non_empty(env, "DX_EMULATOR_VERIFY_SIGNATURES") or "false").lower() == "true",
            access_keys_json=_non_empty(env, "DX_EMULATOR_ACCESS_KEYS"),
            access_keys_secret=_non_empty(env, "DX_EMULATOR_ACCESS_KEYS_SECRET"),
            faults=_non_empty(env, "DX_EMULATOR_FAULTS"),
            faults_seed=int(seed) if (seed := _non_empty(env, "DX_EMULATOR_FAULTS_SEED")) else None,
            partners=parse_partners(_non_empty(env, "DX_EMULATOR_PARTNERS")),
            strict_locations=(_non_empty(env, "DX_EMULATOR_STRICT_LOCATIONS") or "false").lower() == "true",
            idle_expiry=_seconds(env, "DX_EMULATOR_IDLE_EXPIRY"),
            store=_non_empty(env, "DX_EMULATOR_STORE") or "dynamodb",
        )
