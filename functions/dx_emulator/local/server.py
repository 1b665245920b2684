"""`dx-emulator serve`: a threaded HTTP server that hands every request to the Lambda handler."""

from __future__ import annotations

import base64
import email.parser
import http.client
import json
import re
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import BufferedIOBase
from typing import Any, ClassVar

from ..protocol.wire import MAX_BODY_BYTES
from .events import http_api_event

Handler = Callable[[dict[str, Any], Any], dict[str, Any]]
Fields = list[tuple[str, str]]

# http.client's bounds on a request's header block (its _MAXLINE and _MAXHEADERS).
_MAX_LINE = 65536
_MAX_HEADERS = 100
# A header line that email.parser (http.client.parse_headers) reads as exactly (name, value): a
# token for a name, the value after the colon less its leading blanks, and no line break (of any
# kind email or str.splitlines knows, in any Python version) but the one ending the line.
_PLAIN_LINE = re.compile(r"([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*([^\r\n\x0b\x0c\x1c-\x1e\x85]*)\r?\n")


def read_header_lines(rfile: BufferedIOBase) -> list[bytes]:
    """The header block's lines, its ending blank line (or end of input) last: as http.client
    reads them, with its limits and its exceptions."""
    lines = []
    while True:
        line = rfile.readline(_MAX_LINE + 1)
        if len(line) > _MAX_LINE:
            raise http.client.LineTooLong("header line")
        lines.append(line)
        if len(lines) > _MAX_HEADERS:
            raise http.client.HTTPException(f"got more than {_MAX_HEADERS} headers")
        if line in (b"\r\n", b"\n", b""):
            return lines


def plain_fields(lines: list[bytes]) -> Fields | None:
    """The (name, value) pairs of a header block of plain lines only (what SDKs send), as
    email.parser would read them; None if any line is not plain (folded, nameless, ...)."""
    fields = []
    for line in lines[:-1]:
        match = _PLAIN_LINE.fullmatch(line.decode("iso-8859-1"))
        if match is None:
            return None
        fields.append((match[1], match[2]))
    return fields


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

    _fields: Fields  # the request's headers, in order
    _first: dict[str, str]  # the first value of each header, by its lowercased name (as headers.get)

    def parse_request(self) -> bool:
        """http.server's own ``parse_request`` (the same in Python 3.11 to 3.13), but for its header
        block: the email parser took ~40 µs a request, and ``headers.get`` ~1.5 µs a header
        looked up. A block of plain lines is read here, to the same pairs; any other block is still
        read by the email parser (tests/unit/test_server_headers.py compares the two)."""
        if not self._request_line():
            return False
        try:
            lines = read_header_lines(self.rfile)
        except http.client.LineTooLong as err:
            self.send_error(HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "Line too long", str(err))
            return False
        except http.client.HTTPException as err:
            self.send_error(HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "Too many headers", str(err))
            return False
        self._read_headers(lines)
        conntype = self._first.get("connection", "").lower()
        if conntype == "close":
            self.close_connection = True
        elif conntype == "keep-alive" and self.protocol_version >= "HTTP/1.1":
            self.close_connection = False
        expect = self._first.get("expect", "")
        if (expect.lower() == "100-continue" and self.protocol_version >= "HTTP/1.1"
                and self.request_version >= "HTTP/1.1"):
            return self.handle_expect_100()
        return True

    def _request_line(self) -> bool:
        """The method, path and version, or False once the request line has been refused."""
        self.command = None  # type: ignore[assignment]  # as http.server: set in case of an error below
        self.request_version = self.default_request_version
        self.close_connection = True
        self.requestline = requestline = str(self.raw_requestline, "iso-8859-1").rstrip("\r\n")
        words = requestline.split()
        if not words or (len(words) >= 3 and not self._version(words[-1])):
            return False
        if not 2 <= len(words) <= 3:
            self.send_error(HTTPStatus.BAD_REQUEST, f"Bad request syntax ({requestline!r})")
            return False
        command, path = words[:2]
        if len(words) == 2:
            self.close_connection = True
            if command != "GET":
                self.send_error(HTTPStatus.BAD_REQUEST, f"Bad HTTP/0.9 request type ({command!r})")
                return False
        self.command, self.path = command, path
        if self.path.startswith("//"):  # gh-87389: as http.server, against open redirects
            self.path = "/" + self.path.lstrip("/")
        return True

    def _version(self, version: str) -> bool:
        """The request line's HTTP version as http.server reads it (RFC 2145 3.1: one ".", major
        and minor separate integers, leading zeros ignored), or False once refused."""
        try:
            if not version.startswith("HTTP/"):
                raise ValueError
            base_version_number = version.split("/", 1)[1]
            numbers = base_version_number.split(".")
            if len(numbers) != 2 or any(not number.isdigit() or len(number) > 10 for number in numbers):
                raise ValueError
            version_number = int(numbers[0]), int(numbers[1])
        except (ValueError, IndexError):
            self.send_error(HTTPStatus.BAD_REQUEST, f"Bad request version ({version!r})")
            return False
        if version_number >= (1, 1) and self.protocol_version >= "HTTP/1.1":
            self.close_connection = False
        if version_number >= (2, 0):
            self.send_error(HTTPStatus.HTTP_VERSION_NOT_SUPPORTED, f"Invalid HTTP version ({base_version_number})")
            return False
        self.request_version = version
        return True

    def _read_headers(self, lines: list[bytes]) -> None:
        fields = plain_fields(lines)
        if fields is None:
            self.headers = email.parser.Parser(_class=self.MessageClass).parsestr(b"".join(lines).decode("iso-8859-1"))
            fields = [(name, str(value)) for name, value in self.headers.items()]
        else:
            self.headers = self.MessageClass()
            for name, value in fields:
                self.headers.set_raw(name, value)
            self.headers.set_payload("")  # as the email parser leaves it
        self._fields = fields
        self._first = {name.lower(): value for name, value in reversed(fields)}

    def _body(self) -> bytes | None:
        """The body, or None once an AWS-shaped refusal has been sent. Refused bodies are judged by
        their Content-Length before a byte is read, and the connection is then closed, since the
        unread bytes would otherwise be taken for the next request."""
        if "chunked" in self._first.get("transfer-encoding", "").lower():
            self._refuse(411, "MissingContentLength", "Send the body with a Content-Length, not chunked")
            return None
        raw = self._first.get("content-length", "0").strip()
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
        event = http_api_event(self.command, self.path, self._fields, body, self.client_address[0])
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
