"""`dx-emulator serve`: a threaded HTTP server that hands every request to the Lambda handler."""

from __future__ import annotations

import base64
import json
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

from ..protocol.wire import MAX_BODY_BYTES
from .events import http_api_event

Handler = Callable[[dict[str, Any], Any], dict[str, Any]]


@dataclass
class InvocationContext:
    """The part of Lambda's context object the handler reads."""

    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    function_name: str = "dx-emulator-local"


class EmulatorServer(ThreadingHTTPServer):
    daemon_threads = True
    # Many test clients connect at once; the default backlog of 5 drops connections.
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], handler: Handler) -> None:
        super().__init__(address, _RequestHandler)
        self.handler = handler

    def invoke(self, event: dict[str, Any]) -> dict[str, Any]:
        # Requests run concurrently, one thread each: both stores make every commit atomic themselves.
        return self.handler(event, InvocationContext())


class _RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as SDK clients expect
    # An answer is buffered and leaves when http.server flushes it after the request: one write (one
    # syscall, one packet) for most answers, not one for the headers and one for the body.
    wbufsize = -1
    # A large body still leaves in more writes than one; with Nagle on, a write after the first
    # waits for the client's delayed ACK: +40 ms (measured: 64 ms -> 20 ms for DescribeConnections).
    disable_nagle_algorithm = True
    # A client that announces a body and never sends it must not hold a thread for ever.
    timeout = 60
    server: EmulatorServer
    _date: ClassVar[tuple[int, str]] = (-1, "")  # the second the Date header was formatted for, and it

    def _body(self) -> bytes | None:
        """The body, or None once an AWS-shaped refusal has been sent. Refused bodies are judged by
        their Content-Length before a byte is read, and the connection is then closed, since the
        unread bytes would otherwise be taken for the next request."""
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            self._refuse(411, "MissingContentLength", "Send the body with a Content-Length, not chunked")
            return None
        raw = (self.headers.get("Content-Length") or "0").strip()
        if not raw.isascii() or not raw.isdigit():
            self._refuse(400, "SerializationException", "Content-Length must be a non-negative integer")
            return None
        length = int(raw)
        if length > MAX_BODY_BYTES:
            self._refuse(413, "RequestEntityTooLargeException",
                         f"The request body is {length} bytes; the limit is {MAX_BODY_BYTES}")
            return None
        return self.rfile.read(length) if length else b""

    def _invoke(self) -> None:
        body = self._body()
        if body is None:
            return
        event = http_api_event(self.command, self.path, self.headers.items(), body, self.client_address[0])
        result = self.server.invoke(event)
        payload = result.get("body") or ""
        data = base64.b64decode(payload) if result.get("isBase64Encoded") else payload.encode("utf-8")
        self.send_response(int(result.get("statusCode", 200)))
        for name, value in (result.get("headers") or {}).items():
            self.send_header(name, value)
        for name, values in (result.get("multiValueHeaders") or {}).items():
            for value in values:
                self.send_header(name, value)
        self._finish(data)

    def _finish(self, data: bytes) -> None:
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def handle_expect_100(self) -> bool:
        # The interim "100 Continue" must leave now, not with the answer: the client waits for it
        # before it sends the body the answer needs.
        answered = super().handle_expect_100()
        self.wfile.flush()
        return answered

    def date_time_string(self, timestamp: float | None = None) -> str:
        # http.server formats the Date header anew for every answer (~8 µs); it changes once a second.
        if timestamp is not None:
            return super().date_time_string(timestamp)
        second = int(time.time())
        cached = _RequestHandler._date
        if cached[0] != second:
            cached = _RequestHandler._date = (second, super().date_time_string(second))
        return cached[1]

    def _refuse(self, status: int, code: str, message: str) -> None:
        self.close_connection = True
        data = json.dumps({"__type": code, "message": message}).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/x-amz-json-1.1")
        self.send_header("x-amzn-RequestId", str(uuid.uuid4()))
        self.send_header("X-Amzn-ErrorType", code)
        self.send_header("Connection", "close")
        self._finish(data)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """http.server's own refusals (a malformed request line, headers too long) in AWS's shape,
        not an HTML page."""
        if self.request_version == "HTTP/0.9":
            self.request_version = "HTTP/1.0"  # http.server writes no status line or headers for 0.9
        self._refuse(code, "SerializationException" if code < 500 else "DirectConnectServerException",
                     message or "The request could not be read")

    # Whatever the method, the handler answers: POST is the API; the rest get an AWS-shaped error.
    do_POST = do_GET = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = do_TRACE = _invoke

    def __getattr__(self, name: str) -> Any:
        # Any other method (http.server would answer 501 with an HTML page).
        if name.startswith("do_"):
            return self._invoke
        raise AttributeError(name)

    def log_message(self, format: str, *args: Any) -> None:
        # The handler logs one structured line per request; a second line here would be noise.
        return
