"""`dx-emulator serve`'s HTTP layer under requests no SDK sends: every answer is AWS-shaped, bodies
are judged by their Content-Length before they are read, and a refused body closes the connection."""

from __future__ import annotations

import json
import socket
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest

from dx_emulator.errors import RequestEntityTooLargeException
from dx_emulator.local.events import http_api_event
from dx_emulator.protocol.wire import MAX_BODY_BYTES, event_body
from tests.support.server import RunningServer, start_server

AUTH = ("AWS4-HMAC-SHA256 Credential=123456789012/20261125/us-east-1/directconnect/aws4_request, "
        "SignedHeaders=host;x-amz-date, Signature=0")


@pytest.fixture(scope="module")
def http() -> Iterator[RunningServer]:
    """The HTTP layer is the same whatever the store: one embedded server is enough."""
    running = start_server(table=f"dx-http-{uuid.uuid4().hex[:8]}")
    yield running
    running.stop()


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes
    closed: bool

    def json(self) -> dict[str, str]:
        return json.loads(self.body)  # type: ignore[no-any-return]


def exchange(server: RunningServer, head: str, body: bytes = b"", *, read_body: bool = True) -> Reply:
    """One raw request; the reply as read, and whether the server then closed the connection."""
    address = urlsplit(server.url)
    with socket.create_connection((address.hostname, address.port), timeout=5) as sock:
        sock.sendall(head.replace("\n", "\r\n").encode() + b"\r\n" + body)
        reader = sock.makefile("rb")
        status = int(reader.readline().split()[1])
        headers = {}
        while (line := reader.readline().decode().strip()):
            name, _, value = line.partition(":")
            headers[name.lower()] = value.strip()
        data = reader.read(int(headers["content-length"])) if read_body else b""
        sock.settimeout(1)
        try:
            closed = reader.read(1) == b""
        except TimeoutError:
            closed = False
    return Reply(status, headers, data, closed)


def request_head(method: str, *, length: str | None = "2", extra: str = "") -> str:
    head = (f"{method} / HTTP/1.1\nHost: x\nContent-Type: application/x-amz-json-1.1\n"
            f"X-Amz-Target: OvertureService.DescribeConnections\nAuthorization: {AUTH}\n{extra}")
    if length is not None:
        head += f"Content-Length: {length}\n"
    return head


@pytest.mark.parametrize("method", ["PATCH", "OPTIONS", "TRACE", "GET", "BREW"])
def test_any_method_gets_an_aws_shaped_answer(http: RunningServer, method: str) -> None:
    reply = exchange(http, request_head(method, length="0"))
    assert reply.status == 400
    assert reply.json()["__type"] == "UnknownOperationException"
    assert reply.headers["x-amzn-requestid"]


def test_head_gets_headers_and_no_body(http: RunningServer) -> None:
    reply = exchange(http, request_head("HEAD", length="0"), read_body=False)
    assert (reply.status, reply.headers["x-amzn-errortype"]) == (400, "UnknownOperationException")
    assert int(reply.headers["content-length"]) > 0
    assert not reply.closed  # no body bytes followed the headers, so the connection stays usable


def test_a_json_body_that_is_not_utf8_is_refused(http: RunningServer) -> None:
    head = request_head("POST", length="4").replace("application/x-amz-json-1.1", "application/json")
    reply = exchange(http, head, b'{"\xff"')
    assert (reply.status, reply.json()["__type"]) == (400, "SerializationException")
    assert not reply.closed  # a well-framed request keeps the connection


@pytest.mark.parametrize("length", ["ten", "-5", "1e3", "٣"])
def test_a_content_length_that_is_not_a_number_is_refused(http: RunningServer, length: str) -> None:
    reply = exchange(http, request_head("POST", length=length), b"{}")
    assert (reply.status, reply.json()) == (400, {"__type": "SerializationException",
                                                  "message": "Content-Length must be a non-negative integer"})
    assert reply.closed


def test_a_body_over_the_limit_is_refused_before_it_is_sent(http: RunningServer) -> None:
    # 300 MiB announced, nothing sent: the answer comes at once (the socket would time out otherwise).
    reply = exchange(http, request_head("POST", length=str(300 * 2**20)))
    assert (reply.status, reply.json()["__type"]) == (413, "RequestEntityTooLargeException")
    assert reply.json()["message"] == f"The request body is {300 * 2**20} bytes; the limit is {MAX_BODY_BYTES}"
    assert reply.closed


def test_a_chunked_body_is_refused(http: RunningServer) -> None:
    chunked = request_head("POST", length=None, extra="Transfer-Encoding: chunked\n")
    reply = exchange(http, chunked, b"2\r\n{}\r\n0\r\n\r\n")
    assert (reply.status, reply.json()["__type"]) == (411, "MissingContentLength")
    assert reply.closed


def test_a_malformed_request_line_is_answered_in_aws_shape(http: RunningServer) -> None:
    reply = exchange(http, "NONSENSE\n")
    assert reply.status == 400
    assert reply.json()["__type"] == "SerializationException"


def test_expect_100_continue_is_answered_before_the_body_is_sent(http: RunningServer) -> None:
    # Answers are buffered until their request is done; the interim answer must not wait with them.
    address = urlsplit(http.url)
    with socket.create_connection((address.hostname, address.port), timeout=5) as sock:
        head = request_head("POST", extra="Expect: 100-continue\n").replace("\n", "\r\n") + "\r\n"
        sock.sendall(head.encode())
        reader = sock.makefile("rb")
        assert reader.readline().split()[1] == b"100"
        assert reader.readline() == b"\r\n"
        sock.sendall(b"{}")
        assert int(reader.readline().split()[1]) == 200


def test_answers_on_one_connection_each_arrive_whole(http: RunningServer) -> None:
    # Two requests in one write: each answer is flushed in full before the next request is read.
    address = urlsplit(http.url)
    with socket.create_connection((address.hostname, address.port), timeout=5) as sock:
        head = request_head("POST").replace("\n", "\r\n") + "\r\n"
        sock.sendall((head.encode() + b"{}") * 2)
        reader = sock.makefile("rb")
        for _ in range(2):
            assert int(reader.readline().split()[1]) == 200
            headers = {}
            while (line := reader.readline().decode().strip()):
                name, _, value = line.partition(":")
                headers[name.lower()] = value.strip()
            assert json.loads(reader.read(int(headers["content-length"]))) == {"connections": []}


def test_a_text_body_is_measured_in_bytes() -> None:
    # 70,000 two-byte characters: under the limit in characters, over it in bytes.
    text = '{"connectionName": "' + "é" * 70_000 + '"}'
    event = http_api_event("POST", "/", [("content-type", "application/json")], text.encode())
    assert isinstance(event["body"], str) and len(event["body"]) < MAX_BODY_BYTES
    with pytest.raises(RequestEntityTooLargeException, match="The request body is 140022 bytes"):
        event_body(event)


def test_a_folded_header_is_still_read_and_connection_close_honoured(http: RunningServer) -> None:
    # The server reads plain header lines itself and leaves any other block to the email parser.
    reply = exchange(http, request_head("POST", extra="X-Folded: a\n b\n"), b"{}")
    assert reply.status == 200 and json.loads(reply.body) == {"connections": []}
    assert not reply.closed
    reply = exchange(http, request_head("POST", extra="Connection: close\n"), b"{}")
    assert reply.status == 200 and reply.closed
