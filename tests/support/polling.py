"""Waiting for a state the way automation does: poll, with a bound."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def poll(read: Callable[[], T], until: Callable[[T], bool], timeout: float = 15.0, every: float = 0.2) -> T:
    """Read until ``until(value)``; fail with the last value seen after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = read()
        if until(value):
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"still waiting after {timeout} s; last read: {value!r}")
        time.sleep(every)
