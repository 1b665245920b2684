"""Logs and metrics: one structured line and one EMF metric blob per request, never a secret.

Set up once here (the cookbook's pattern) so the handler only reports what happened.
"""

from __future__ import annotations

import logging
import os
import threading

from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.metrics.functions import is_metrics_disabled

from . import records

logger = Logger(service="dx-emulator")
_metrics_lock = threading.Lock()
# POWERTOOLS_METRICS_NAMESPACE may rename the namespace; POWERTOOLS_METRICS_DISABLED silences the
# EMF lines (dx-emulator serve does).
metrics = Metrics(service="dx-emulator", namespace=os.environ.get("POWERTOOLS_METRICS_NAMESPACE") or "DxEmulator")

# PynamoDB logs every call's arguments at DEBUG, and those hold BGP auth keys; botocore logs
# signed headers. However verbose the function's log level, these stay above DEBUG.
logging.getLogger("pynamodb").setLevel(logging.INFO)
logging.getLogger("botocore").setLevel(logging.WARNING)


@records.record
class Outcome:
    """What one request's log line and metrics report."""

    request_id: str
    protocol: str
    operation: str
    account: str
    region: str
    status: int
    error_code: str | None
    latency_ms: float


def record(outcome: Outcome) -> None:
    """The request's log line and metrics. Never the parameters: they carry BGP auth keys."""
    logger.info("request", extra={
        "protocol": outcome.protocol, "operation": outcome.operation, "account": outcome.account,
        "region": outcome.region, "status": outcome.status, "error_code": outcome.error_code,
        "latency_ms": outcome.latency_ms,
    })
    if is_metrics_disabled():
        # Nothing would be emitted (serve): building the blob only to clear it costs ~20 µs a request.
        return
    # The metrics set is one per process: requests answered on several threads (`serve`) take turns.
    with _metrics_lock:
        metrics.add_dimension(name="operation", value=outcome.operation)
        metrics.add_dimension(name="outcome", value=outcome.error_code or "OK")
        metrics.add_metric(name="Requests", unit=MetricUnit.Count, value=1)
        metrics.add_metric(name="Latency", unit=MetricUnit.Milliseconds, value=outcome.latency_ms)
        try:
            metrics.flush_metrics()  # one blob per request, with this request's dimensions
        finally:
            # Should the metrics be disabled between the check above and the flush, a flush neither
            # emits nor clears: without this, values and dimensions would pile up in memory.
            metrics.clear_metrics()
