"""The Lambda entry point: API Gateway HTTP API (payload 2.0) -> protocol -> operation -> protocol.

`dx-emulator serve` and `sam local invoke` call this same handler with the same kind of event.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from aws_lambda_powertools.event_handler import APIGatewayHttpResolver, Response
from aws_lambda_powertools.utilities.data_classes import APIGatewayProxyEventV2

from . import preload  # noqa: F401 - first of the emulator's own imports (preload.py says why)
from .config import Settings
from .errors import DirectConnectError, ServerException, UnknownOperationException
from .health import health
from .observability import Outcome, logger, record
from .operations.dispatch import dispatch
from .protocol import admin_protocol, json_protocol
from .protocol.selection import protocol_for
from .protocol.wire import Encoded, event_body, header
from .scope import Scope, scope_from_authorization
from .store import items
from .store.repository import Repository

settings = Settings.from_environment()
items.configure(settings.table_name, settings.dynamodb_endpoint, settings.dynamodb_region)
if settings.store == "memory":  # `serve` without DynamoDB; Lambda never imports it
    from .store.memory import MemoryRepository

    repository: Repository = MemoryRepository()
else:
    repository = Repository()
injector: Injector | None = None
if settings.faults:  # the deployment's own fault rules; the parser loads only where there are some
    from .faults import Injector, parse

    injector = Injector(parse(settings.faults), settings.faults_seed)
app = APIGatewayHttpResolver()


# This invocation's event and context. Powertools keeps its current event on the router class and
# the context on the resolver, both shared by every thread, and `serve` on DynamoDB answers requests
# on many threads at once: read from there, one request could take another's body, account or id.
_invocation = threading.local()


def _request_id() -> str:
    context = getattr(_invocation, "context", None)
    request_id = getattr(context, "aws_request_id", None)
    if request_id:
        return str(request_id)
    import uuid  # noqa: PLC0415 - Lambda always gives a request id; uuid costs ~5 ms of cold start

    return str(uuid.uuid4())


def request_token(scope: Scope, operation: str, invocation_id: str | None, body: bytes) -> str:
    """What identifies a request across its retries. SDKs send the same ``amz-sdk-invocation-id``
    with every attempt of one call (botocore, the CLI, the Go, Java and JS SDKs do), so a retry after
    a lost answer or a 500 is the same request; the scope and body are part of it, so the id alone
    names nothing of another account's or another call's. Without the header every request is new."""
    if not invocation_id:
        return secrets.token_hex(12)
    digest = hashlib.sha256(f"{scope.account}|{scope.region}|{operation}|{invocation_id[:128]}|".encode())
    digest.update(body)
    return digest.hexdigest()[:24]


def _respond(encoded: Encoded, request_id: str) -> Response[str | bytes]:
    headers = {"x-amzn-RequestId": request_id, **encoded.headers}
    return Response(encoded.status, encoded.content_type, encoded.body, headers)


def _presigned(event: APIGatewayProxyEventV2) -> bool:
    """A presigned URL (SigV4 in the query): only for the emulator's own GET routes, the dashboard's
    link; an API call is a POST whose body a URL cannot sign."""
    return (event.request_context.http.method == "GET" and admin_protocol.handles(event.path)
            and "X-Amz-Signature=" in (event.raw_query_string or ""))


def _verified_scope(event: APIGatewayProxyEventV2, headers: Mapping[str, str], body: bytes, service: str) -> Scope:
    """The account of the key that signed the request, or AWS's authentication error."""
    # Only endpoints that verify signatures pay for these imports (~5 ms of cold start).
    from .auth import keys, sigv4  # noqa: PLC0415

    access_keys = keys.load(settings.access_keys_json, settings.access_keys_secret)
    request = sigv4.Request(event.request_context.http.method, event.raw_path, event.raw_query_string,
                            headers, body)
    verify = sigv4.verify_presigned if _presigned(event) else sigv4.verify
    signed = verify(request, access_keys.secrets, datetime.now(UTC), service)
    return Scope(access_keys.accounts[signed.access_key_id], signed.region)


def _open_scope(event: APIGatewayProxyEventV2, headers: Mapping[str, str]) -> Scope:
    """The account a request names on an endpoint that does not check signatures: its access key
    (moto's convention), from the Authorization header or a presigned URL's credential."""
    authorization = header(headers, "Authorization")
    if _presigned(event) and not authorization:
        from .auth.sigv4 import presigned_key  # noqa: PLC0415

        named = presigned_key(event.raw_query_string)
        authorization = f"Credential={named[0]}/00000000/{named[1]}/directconnect/aws4_request" if named else None
    return scope_from_authorization(authorization, settings.default_account, settings.default_region)


# JSON 1.1 on "/" (or any path with X-Amz-Target), RPC v2 CBOR on .../service/S/operation/O, STS's
# query protocol (a form body, no X-Amz-Target), the emulator's own routes under /_dx-emulator/.
# One route takes every request, so which route matched never depends on Powertools' shared event.
@app.route(".*", method=["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"])
def request() -> Response[str | bytes]:
    started = time.perf_counter()
    event: APIGatewayProxyEventV2 = _invocation.event
    if event.request_context.http.method != "POST" and not admin_protocol.handles(event.path):
        return _unknown_operation()
    request_id = _request_id()
    if admin_protocol.is_health(event.request_context.http.method, event.path):
        return _respond(admin_protocol.encode_health(*health(repository)), request_id)
    # Per thread: `serve` answers requests concurrently, and one process-wide key would give them all
    # the last request's id.
    logger.thread_safe_append_keys(correlation_id=request_id)
    # Read once: Powertools builds a new case-insensitive dict each time ``event.headers`` is read.
    headers = event.headers
    protocol = protocol_for(event.path, headers)
    # Until the request names a valid scope, its outcome is logged under the defaults.
    scope = Scope(settings.default_account, settings.default_region)
    operation = "unknown"
    error_code = None
    try:
        body = event_body(event.raw_event)
        if settings.verify_signatures:
            scope = _verified_scope(event, headers, body, protocol.signing_name)
        else:
            scope = _open_scope(event, headers)
        decoded = protocol.decode(event.request_context.http.method, event.path, event.raw_query_string or "",
                                  headers, body)
        operation = decoded.operation
        if injector is not None:
            injector.inject(operation)
        token = request_token(scope, operation, header(headers, "amz-sdk-invocation-id"), body)
        result = dispatch(service=decoded.service, operation=operation, params=decoded.params, scope=scope,
                          store=repository, settings=settings, token=token)
        encoded = protocol.encode_result(result, request_id)
    except DirectConnectError as error:
        error_code = error.code
        encoded = protocol.encode_error(error, request_id)
    except Exception:
        # Logged with its stack trace here; the client sees an AWS-shaped 500 and the request id.
        logger.exception("unexpected error", extra={"operation": operation})
        server_error = ServerException(f"An internal error occurred (request id {request_id})")
        error_code = server_error.code
        encoded = protocol.encode_error(server_error, request_id)
    record(Outcome(request_id, protocol.name, operation, scope.account, scope.region, encoded.status, error_code,
                   round((time.perf_counter() - started) * 1000, 2)))
    return _respond(encoded, request_id)


def _unknown_operation() -> Response[str | bytes]:
    error = UnknownOperationException(
        "Direct Connect requests are POST / with an X-Amz-Target header (JSON 1.1) or "
        "POST /service/OvertureService/operation/<Operation> (Smithy RPC v2 CBOR)"
    )
    return _respond(json_protocol.encode_error(error), _request_id())


@app.not_found
def not_found(_: Exception) -> Response[str | bytes]:
    return _unknown_operation()


def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    if "Records" in event:
        # DynamoDB's stream: TTL removed idle accounts' records; remove the rest of each account.
        from .operations.expiry import expire_idle  # noqa: PLC0415

        return expire_idle(event["Records"], repository, settings)
    _invocation.event, _invocation.context = APIGatewayProxyEventV2(event), context
    return app.resolve(event, context)
