"""The emulator's own routes, as a test calls them: signed for the account it acts on."""

from __future__ import annotations

from typing import Any

from botocore.credentials import Credentials

from dx_emulator.local.admin_client import AdminClient


def admin(url: str, account: str, region: str = "us-east-1") -> AdminClient:
    return AdminClient(url, Credentials(account, "not-checked"), region)


def declare(url: str, account: str, *, vgws: list[dict[str, Any]] | None = None,
            tgws: list[dict[str, Any]] | None = None) -> Any:
    """Declare the account's world: its virtual private and transit gateways."""
    return admin(url, account).call("PUT", "world", {"virtualGateways": vgws or [], "transitGateways": tgws or []})
