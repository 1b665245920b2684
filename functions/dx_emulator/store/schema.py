"""Creating the table where `dx-emulator serve` needs one; template.yaml deploys the same schema
(a test compares the two, so they cannot drift)."""

from __future__ import annotations

from .items import BaseItem


def ensure_table() -> None:
    if not BaseItem.exists():
        BaseItem.create_table(billing_mode="PAY_PER_REQUEST", wait=True)
