"""`serve` reads a header block of plain lines itself (local/server.py), not with the email parser
http.server uses: what it reads must be what http.client.parse_headers reads, and every other block
must still go to the email parser."""

from __future__ import annotations

import http.client
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dx_emulator.local.server import _RequestHandler, plain_fields, read_header_lines

SDK_BLOCK = (b"Host: 127.0.0.1:4599\r\nAccept-Encoding: identity\r\nX-Amz-Target: OvertureService.CreateConnection\r\n"
             b"Content-Type: application/x-amz-json-1.1\r\nUser-Agent: Botocore/1.44.8 Python/3.11.7 Linux/6.1\r\n"
             b"X-Amz-Date: 20261126T132239Z\r\nAuthorization: AWS4-HMAC-SHA256 Credential=303030303030/20261126/"
             b"us-east-1/directconnect/aws4_request, SignedHeaders=content-type;host, Signature=73ac18e2\r\n"
             b"amz-sdk-invocation-id: 994561ec-7ee2-40c5-a617-a0f6a8910d0d\r\namz-sdk-request: attempt=1; max=1\r\n"
             b"Content-Length: 66\r\n\r\n")

PLAIN = [
    SDK_BLOCK,
    b"\r\n",  # no header at all
    b"A: 1\nB:2\n\n",  # bare LF line ends
    b"A:   \t spaced value \t \r\nB:\r\nC:\t\r\n\r\n",  # leading blanks dropped, trailing kept, empty values
    b"Dup: 1\r\ndup: 2\r\nDUP: 3\r\n\r\n",  # repeated names, every case
    b"Latin: caf\xe9 \x00\x7f\r\n\r\n",  # latin-1 bytes and control characters other than line breaks
    b"x-odd!#$%&'*+.^_`|~: v: with: colons\r\n\r\n",  # every token character, colons in the value
]
NOT_PLAIN = [
    b"Folded: a\r\n b\r\n\tc\r\nNext: d\r\n\r\n",  # continuation lines
    b" Leading: space\r\n\r\n",  # a first line that is a continuation
    b": nameless\r\nA: 1\r\n\r\n",
    b"No colon here\r\nA: 1\r\n\r\n",  # the email parser ends the headers there
    b"From someone@example.com\r\nA: 1\r\n\r\n",  # a unix-from envelope line
    b"Bad name: 1\r\n\r\n",
    b"Paren(s): 1\r\n\r\n",
    b"Cr: a\rb\r\n\r\n",  # a bare CR inside a value
    # What str.splitlines breaks lines on (the email parser of some Python versions uses it).
    *(b"A: 1\r\nB: x" + char + b"y\r\n\r\n" for char in (b"\x0b", b"\x0c", b"\x1c", b"\x1d", b"\x1e", b"\x85")),
    b"A: 1\r\nB: 2",  # the input ended before the blank line
]


def reference(block: bytes) -> http.client.HTTPMessage:
    return http.client.parse_headers(io.BytesIO(block))


@pytest.mark.parametrize("block", PLAIN)
def test_plain_blocks_are_read_as_the_email_parser_reads_them(block: bytes) -> None:
    lines = read_header_lines(io.BytesIO(block))
    assert plain_fields(lines) == list(reference(block).items())


@pytest.mark.parametrize("block", NOT_PLAIN)
def test_other_blocks_are_left_to_the_email_parser(block: bytes) -> None:
    assert plain_fields(read_header_lines(io.BytesIO(block))) is None


@pytest.mark.parametrize("block", PLAIN + NOT_PLAIN)
def test_the_handler_sees_what_http_server_would(block: bytes) -> None:
    handler = object.__new__(_RequestHandler)
    handler._read_headers(read_header_lines(io.BytesIO(block)))
    expected = reference(block)
    assert list(handler.headers.items()) == list(expected.items()) == handler._fields
    assert handler.headers.get_payload() == expected.get_payload()
    names = {name.lower() for name, _ in expected.items()} | {"content-length", "expect", "connection"}
    for name in names:  # http.server and the handler look headers up by name: the first value
        assert handler._first.get(name) == expected.get(name)
        assert handler.headers.get(name) == expected.get(name)


def test_the_block_is_read_as_http_client_reads_it() -> None:
    # Up to the blank line and no further: the body stays unread for the request to read.
    stream = io.BytesIO(SDK_BLOCK + b'{"body": 1}')
    assert b"".join(read_header_lines(stream)) == SDK_BLOCK and stream.read() == b'{"body": 1}'
    with pytest.raises(http.client.LineTooLong, match="header line"):
        read_header_lines(io.BytesIO(b"A: " + b"x" * 65536 + b"\r\n\r\n"))
    with pytest.raises(http.client.LineTooLong):
        http.client.parse_headers(io.BytesIO(b"A: " + b"x" * 65536 + b"\r\n\r\n"))
    many = b"".join(b"H%d: v\r\n" % index for index in range(101)) + b"\r\n"
    with pytest.raises(http.client.HTTPException, match="got more than 100 headers"):
        read_header_lines(io.BytesIO(many))
    with pytest.raises(http.client.HTTPException, match="got more than 100 headers"):
        http.client.parse_headers(io.BytesIO(many))
    hundred = b"".join(b"H%d: v\r\n" % index for index in range(99)) + b"\r\n"
    assert plain_fields(read_header_lines(io.BytesIO(hundred))) == list(reference(hundred).items())


LINE = st.tuples(st.text(st.sampled_from("aZ-_!:( \t"), max_size=6),
                 st.text(st.sampled_from("v :\t\r\n\x0b\x85\xe9\x00"), max_size=8),
                 st.sampled_from(["\r\n", "\n", "\r"]))


@settings(max_examples=400, deadline=None)
@given(st.lists(LINE, max_size=5))
def test_any_block_is_read_as_the_email_parser_reads_it_or_left_to_it(lines: list[tuple[str, str, str]]) -> None:
    block = ("".join(f"{name}:{value}{end}" for name, value, end in lines) + "\r\n").encode("iso-8859-1")
    read = read_header_lines(io.BytesIO(block))
    fields = plain_fields(read)
    if fields is not None:
        assert fields == list(reference(block).items())
