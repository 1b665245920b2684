"""GET /_dx-emulator/health: whether this endpoint and its store answer, for load balancers, CI waits
and people. Unauthenticated, so it tells nothing about any account."""

from __future__ import annotations

from typing import Any

from . import __version__
from .errors import StoreUnavailable
from .store.repository import Repository

MODEL = "directconnect 2012-10-25"  # the botocore service model the operations follow


def health(repository: Repository) -> tuple[int, dict[str, Any]]:
    """200 and ``ok`` when the store answers a read, else 503 and ``unavailable``."""
    import botocore  # noqa: PLC0415 - already loaded by PynamoDB; only its version is wanted

    answer: dict[str, Any] = {"version": __version__, "serviceModel": MODEL, "botocore": botocore.__version__}
    try:
        repository.ping()
    except StoreUnavailable:
        return 503, {"status": "unavailable", **answer, "store": "unavailable"}
    return 200, {"status": "ok", **answer, "store": "ok"}
