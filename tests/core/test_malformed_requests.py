"""No 500 from input: malformed requests to real gunicorn get 400 (or the status their
meaning deserves: 413 too large, 414 line too long, 404 no such id), with no traceback
in the log."""

import logging
import runpy
import socket

import pytest

from ..helpers import ROOT, LiveServer

CHUNKED = (
    b"POST /api/wipe HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
    b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
)

# (name, raw request, expected status)
CASES = [
    ("chunk extension", CHUNKED + b"2;foo=bar\r\n{}\r\n0\r\n\r\n", 200),
    (
        "chunked body just under the cap",
        CHUNKED + b"1000\r\n{}" + b" " * 4094 + b"\r\n0\r\n\r\n",
        200,
    ),
    (
        "valid JSON, then padding over the cap",
        CHUNKED + b"1001\r\n{}" + b" " * 4095 + b"\r\n0\r\n\r\n",
        413,
    ),
    ("quoted chunk extension", CHUNKED + b'2;foo="b\\"ar"\r\n{}\r\n0\r\n\r\n', None),
    ("chunk extension with a bare quote", CHUNKED + b'2;foo="\r\n{}\r\n0\r\n\r\n', 400),
    ("chunk extension with a control byte", CHUNKED + b"2;a\x01b\r\n{}\r\n0\r\n\r\n", 400),
    ("chunk extension without a name", CHUNKED + b"2;\r\n{}\r\n0\r\n\r\n", None),
    ("chunk extension with spaces", CHUNKED + b"2 ; a = b\r\n{}\r\n0\r\n\r\n", None),
    ("chunk size that is not hex", CHUNKED + b"zz\r\n{}\r\n0\r\n\r\n", 400),
    ("negative chunk size", CHUNKED + b"-2\r\n{}\r\n0\r\n\r\n", 400),
    ("huge chunk size", CHUNKED + b"ffffffffffffffffffff\r\n{}\r\n0\r\n\r\n", 400),
    ("chunk without its terminator", CHUNKED + b"2\r\n{}XX0\r\n\r\n", 400),
    ("chunked body cut short", CHUNKED + b"20\r\n{}", 400),
    ("chunked body over the cap", CHUNKED + b"2800\r\n" + b" " * 0x2800 + b"\r\n0\r\n\r\n", 413),
    (
        "body shorter than its length",
        b"POST /api/wipe HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        b"Content-Length: 100\r\nConnection: close\r\n\r\n{}",
        400,
    ),
    (
        "two lengths",
        b"POST /api/wipe HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        b"Content-Length: 2\r\nContent-Length: 3\r\nConnection: close\r\n\r\n{}",
        400,
    ),
    (
        "length and chunked",
        b"POST /api/wipe HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        b"Content-Length: 5\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n",
        400,
    ),
    (
        "length that is not a number",
        b"POST /api/wipe HTTP/1.1\r\nHost: localhost\r\nContent-Length: abc\r\n\r\n{}",
        400,
    ),
    (
        "GET with a chunked body over the cap",
        b"GET /api/push/key HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        + b"2800\r\n"
        + b" " * 0x2800
        + b"\r\n0\r\n\r\n",
        413,
    ),
    (
        "GET with a body shorter than its length",
        b"GET /api/push/key HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        b"Content-Length: 100\r\nConnection: close\r\n\r\n{}",
        400,
    ),
    ("request line of garbage", b"GARBAGE\r\n\r\n", 400),
    ("unknown HTTP version", b"GET / HTTP/9.9\r\nHost: localhost\r\n\r\n", 400),
    ("header name with a space", b"GET / HTTP/1.1\r\nHost: localhost\r\nBad Name: x\r\n\r\n", 400),
    ("NUL in the path", b"GET /id/\x00 HTTP/1.1\r\nHost: localhost\r\n\r\n", 400),
    ("request line too long", b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414),
    (
        "reminder id beyond 64 bits",
        b"DELETE /api/reminders/9223372036854775808 HTTP/1.1\r\nHost: localhost\r\n"
        b"Authorization: Bearer AAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\r\n"
        b"Connection: close\r\n\r\n",
        404,
    ),
    (
        "reminder id of 64 bits, unknown key",
        b"DELETE /api/reminders/9223372036854775807 HTTP/1.1\r\nHost: localhost\r\n"
        b"Authorization: Bearer AAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\r\n"
        b"Connection: close\r\n\r\n",
        404,
    ),
]


def status_of(port: int, raw: bytes) -> int:
    """Send the request, say we are done sending, and read the status of the answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        connection.sendall(raw)
        connection.shutdown(socket.SHUT_WR)  # a body cut short ends here, not on a timeout
        answer = b""
        while b"\r\n" not in answer:
            chunk = connection.recv(4096)
            if not chunk:
                break
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 "), answer[:100]
    return int(answer.split(b" ", 2)[1])


@pytest.fixture(scope="module")
def logged_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("malformed")
    server = LiveServer(folder / "instance", log=folder / "gunicorn.log").start()
    yield server
    server.stop()


@pytest.mark.parametrize(("name", "raw", "expected"), CASES, ids=[case[0] for case in CASES])
def test_a_malformed_request_gets_a_4xx_never_a_500(logged_server, name, raw, expected):
    status = status_of(logged_server.port, raw)
    if expected is None:  # a form the parser may take or refuse: anything but an error of ours
        assert status in (200, 400), status
    else:
        assert status == expected


def test_no_traceback_and_no_client_address_reached_the_log(logged_server):
    for _name, raw, _expected in CASES:
        status_of(logged_server.port, raw)
    logged_server.stop()  # flushes the log
    log = logged_server.log.read_text()
    assert '"POST /api/wipe HTTP/1.1" 400' in log  # the log was written
    assert "Traceback" not in log and "unexpected error" not in log
    assert '" 500 ' not in log
    # gunicorn says what it could not parse, never from where.
    assert "Invalid request: Invalid HTTP request line: 'GARBAGE'" in log
    assert "ip=" not in log
    assert [
        line for line in log.splitlines() if "127.0.0.1" in line and "Listening at" not in line
    ] == []


def test_the_filter_takes_ipv6_addresses_out_too():
    settings = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    record = logging.LogRecord(
        "gunicorn.error", logging.WARNING, __file__, 1,
        "Invalid request from ip=%s: %s", ("::ffff:10.0.0.1", "Invalid HTTP Version: 'x: y'"), None,
    )  # fmt: skip
    assert settings["NoClientAddresses"]().filter(record)
    assert record.getMessage() == "Invalid request: Invalid HTTP Version: 'x: y'"
