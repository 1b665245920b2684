"""Injected faults: an operator setting that makes chosen operations fail at a given rate with a
given AWS error, or answer late, so users can test their own retry and backoff code.

``DX_EMULATOR_FAULTS`` is a JSON list of rules, tried in order, the first that fires wins::

    [{"operations": ["CreateBGPPeer"], "error": "DirectConnectServerException", "rate": 0.5},
     {"operations": ["*"], "latencyMs": 200, "rate": 0.1}]

``DX_EMULATOR_FAULTS_SEED`` makes the draws repeatable (one sequence per process, in request
order). Off by default. An injected fault happens before the operation touches the store, so an
injected error writes nothing; every injected answer is logged as injected.
"""

from __future__ import annotations

import json
import random
import threading
import time
from collections import OrderedDict

from .errors import DirectConnectError, LimitExceededException, ServerException
from .records import record

# The errors a rule may inject: what SDK retry code meets from AWS.
ERRORS: dict[str, type[DirectConnectError]] = {
    "DirectConnectServerException": ServerException,
    "LimitExceededException": LimitExceededException,
}


class ThrottlingException(DirectConnectError):
    """Rate exceeded: SDKs' standard retry modes back off on this code."""

    code = "ThrottlingException"


ERRORS["ThrottlingException"] = ThrottlingException


@record
class Rule:
    """An injected-fault rule: which operations, how often, and the error or latency it injects."""

    operations: frozenset[str]
    rate: float
    error: str | None = None
    latency_ms: float = 0.0

    def matches(self, operation: str) -> bool:
        return "*" in self.operations or operation in self.operations


@record
class Fault:
    """A rule that fired for one request."""

    rule: Rule

    def error(self, operation: str) -> DirectConnectError | None:
        if self.rule.error is None:
            return None
        return ERRORS[self.rule.error](f"Injected fault (dx-emulator): {operation} failed with {self.rule.error}")


def parse(raw: str | None) -> list[Rule]:
    if not raw:
        return []
    try:
        document = json.loads(raw)
    except ValueError as problem:
        raise ValueError(f"DX_EMULATOR_FAULTS is not JSON: {problem}") from problem
    if not isinstance(document, list):
        raise ValueError("DX_EMULATOR_FAULTS must be a JSON list of rules")
    rules = []
    for index, entry in enumerate(document):
        if not isinstance(entry, dict):
            raise ValueError(f"DX_EMULATOR_FAULTS[{index}] must be an object")
        code, latency = entry.get("error"), float(entry.get("latencyMs", 0))
        if code is not None and code not in ERRORS:
            raise ValueError(f"DX_EMULATOR_FAULTS[{index}]: error must be one of {', '.join(ERRORS)}")
        if code is None and latency <= 0:
            raise ValueError(f"DX_EMULATOR_FAULTS[{index}]: give an error, a latencyMs, or both")
        rate = float(entry.get("rate", 1.0))
        if not 0 <= rate <= 1:
            raise ValueError(f"DX_EMULATOR_FAULTS[{index}]: rate must be between 0 and 1")
        operations = entry.get("operations", ["*"])
        rules.append(Rule(frozenset(operations), rate, code, latency))
    return rules


class Injector:
    def __init__(self, rules: list[Rule], seed: int | None) -> None:
        self.rules = rules
        self._random = random.Random(seed)  # noqa: S311 - repeatable test behaviour, not security
        self._lock = threading.Lock()  # one draw sequence, whatever the threads

    def draw(self, operation: str) -> Fault | None:
        for rule in self.rules:
            if rule.matches(operation):
                with self._lock:
                    fires = self._random.random() < rule.rate
                if fires:
                    return Fault(rule)
        return None

    def inject(self, operation: str) -> None:
        """A fault, if one fires, before the operation touches anything: logged as injected, then its
        latency, then its error."""
        from .observability import logger  # noqa: PLC0415 - Powertools' logger, only when a fault is configured

        fault = self.draw(operation)
        if fault is None:
            return
        logger.warning("injected fault", extra={"operation": operation, "injected_error": fault.rule.error,
                                                "injected_latency_ms": fault.rule.latency_ms})
        if fault.rule.latency_ms:
            time.sleep(fault.rule.latency_ms / 1000)
        error = fault.error(operation)
        if error is not None:
            raise error


class Injectors:
    """One injector per account and settings document (PUT /_dx-emulator/settings): a seeded account
    draws its own repeatable sequence in this process, whatever other accounts do."""

    def __init__(self, size: int = 256) -> None:
        self._cache: OrderedDict[tuple[str, str], Injector] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, account: str, rules: list[object], seed: int | None) -> Injector:
        key = (account, json.dumps([rules, seed], sort_keys=True))
        with self._lock:
            injector = self._cache.pop(key, None) or Injector(parse(json.dumps(rules)), seed)
            self._cache[key] = injector
            while len(self._cache) > self._size:
                self._cache.popitem(last=False)
            return injector


# The accounts' injectors, shared by every request of the process (operations/accounts.py).
injectors = Injectors()
