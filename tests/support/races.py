"""Racing clients: each race lines its clients up on a barrier, then lets them all go at once."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from botocore.exceptions import ClientError

RACERS = 32


def race(clients: list[Any], call: Callable[[Any, int], Any]) -> tuple[list[Any], list[ClientError]]:
    """Run ``call(client, index)`` on every client at once; split the results from the client errors."""
    barrier = threading.Barrier(len(clients))

    def run(index: int) -> Any:
        barrier.wait()
        try:
            return call(clients[index], index)
        except ClientError as error:
            return error

    with ThreadPoolExecutor(max_workers=len(clients)) as pool:
        outcomes = list(pool.map(run, range(len(clients))))
    errors = [outcome for outcome in outcomes if isinstance(outcome, ClientError)]
    return [outcome for outcome in outcomes if not isinstance(outcome, ClientError)], errors


def error_codes(errors: list[ClientError]) -> set[str]:
    return {error.response["Error"]["Code"] for error in errors}


def error_messages(errors: list[ClientError]) -> set[str]:
    return {error.response["Error"]["Message"] for error in errors}


def tagged(role: str, call: Callable[[], Any]) -> tuple[str, Any]:
    """The outcome of one racer's call, a result or its ClientError, with the racer's role: for
    races where racers play different parts."""
    try:
        return role, call()
    except ClientError as error:
        return role, error


def split(outcomes: list[tuple[str, Any]], role: str) -> tuple[list[Any], list[ClientError]]:
    """A role's results and its client errors."""
    mine = [outcome for played, outcome in outcomes if played == role]
    return ([outcome for outcome in mine if not isinstance(outcome, ClientError)],
            [outcome for outcome in mine if isinstance(outcome, ClientError)])
