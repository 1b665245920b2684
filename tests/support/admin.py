"""The emulator's own routes, as a test calls them: signed for the account it acts on."""

from __future__ import annotations

from typing import Any

from botocore.credentials import Credentials

from dx_emulator.local.admin_client import AdminClient


def admin(url: str, account: str, region: str = "us-east-1") -> AdminClient:
    return AdminClient(url, Credentials(account, "not-checked"), region)


def declare(url: str, account: str, *, vgws: list[dict[str, Any]] | None = None,
            tgws: list[dict[str, Any]] | None = None, partner: str | None = None) -> Any:
    """Declare the account's world: its virtual private and transit gateways, whether it is a partner."""
    document: dict[str, Any] = {"virtualGateways": vgws or [], "transitGateways": tgws or []}
    if partner is not None:
        document["nniPartnerType"] = partner
    return admin(url, account).call("PUT", "world", document)
