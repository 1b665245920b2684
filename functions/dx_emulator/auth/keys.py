"""The access keys a hosted endpoint accepts, and the account each one acts in.

Locally: ``DX_EMULATOR_ACCESS_KEYS``, a JSON object. On Lambda: the same JSON in an AWS Secrets
Manager secret named by ``DX_EMULATOR_ACCESS_KEYS_SECRET``, read through Powertools Parameters
and cached for five minutes, so a rotated key takes effect without a deployment::

    {"AKIAEXAMPLE1": {"secretAccessKey": "...", "account": "111122223333"}}
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from typing import Any

from ..records import record

CACHE_SECONDS = 300


@record
class AccessKeys:
    secrets: Mapping[str, str]
    accounts: Mapping[str, str]


def parse(document: Any) -> AccessKeys:
    if not isinstance(document, dict):
        raise ValueError("access keys must be a JSON object of access key id -> {secretAccessKey, account}")
    secrets, accounts = {}, {}
    for key_id, entry in document.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("secretAccessKey"), str):
            raise ValueError(f"access key {key_id}: needs a secretAccessKey string")
        account = str(entry.get("account", ""))
        if not (len(account) == 12 and account.isdigit()):
            raise ValueError(f"access key {key_id}: account must be 12 digits")
        secrets[key_id], accounts[key_id] = entry["secretAccessKey"], account
    return AccessKeys(secrets, accounts)


@functools.lru_cache(maxsize=4)
def _inline(document: str) -> AccessKeys:
    # Parsed once per process, not on every request.
    return parse(json.loads(document))


def load(inline: str | None, secret_name: str | None) -> AccessKeys:
    if secret_name:
        # boto3 comes with the Lambda runtime; only endpoints that verify signatures import it.
        from aws_lambda_powertools.utilities import parameters  # noqa: PLC0415

        return parse(parameters.get_secret(secret_name, transform="json", max_age=CACHE_SECONDS))
    return _inline(inline or "{}")
