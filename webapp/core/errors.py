"""Error responses in the person's language: a page for pages, JSON for the API."""

import errno
import sqlite3

from flask import current_app, g, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from werkzeug.exceptions import (
    BadRequest,
    HTTPException,
    InternalServerError,
    ServiceUnavailable,
)

# Every path under it answers errors in JSON, whether a route matched or not.
API_PREFIX = "/api"

MESSAGES = {
    400: _l("The request was not understood."),
    404: _l("This page does not exist. The whole guide starts from its first page."),
    405: _l("This address does not accept that kind of request."),
    413: _l("What was sent is too large."),
    415: _l("Send the request as JSON."),
    429: _l("Too many requests. Please wait a minute and try again."),
    500: _l("Something went wrong on our side. Your saved progress is safe: please try again."),
    503: _l("The server is busy. Nothing was lost: please try again in a moment."),
}


class ApiError(Exception):
    """A refused API request: its status and a message for the person."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = str(message)
        self.headers = headers or {}


def is_api_request() -> bool:
    return request.path.startswith(API_PREFIX + "/")


def json_error(status: int, message: str):
    response = jsonify({"error": str(message), "status": status})
    response.status_code = status
    return response


def handle_api_error(error: ApiError):
    response = json_error(error.status, error.message)
    response.headers.update(error.headers)
    return response


def handle_http_error(error: HTTPException):
    status = error.code or 500
    message = MESSAGES.get(status) or MESSAGES[400 if status < 500 else 500]
    window = limit_window(error) if status == 429 else 0
    if window > 60:
        # A limit counted per hour (new subscriptions) must not say "wait a minute".
        minutes = -(-window // 60)
        message = ngettext(
            "Too many requests from this network. Please try again in %(num)d minute.",
            "Too many requests from this network. Please try again in %(num)d minutes.",
            minutes,
        )
    if is_api_request():
        if status == 404:
            message = _l("There is nothing at this address.")
        response = json_error(status, message)
    else:
        first_segment = request.path.strip("/").split("/", 1)[0]
        if first_segment in current_app.config["LANGUAGES"]:
            g.lang_code = first_segment
        title = _l("Page not found") if status == 404 else _l("Something is not right")
        page = render_template("error.html", title=title, message=message)
        response = current_app.make_response((page, status))
    original = error.get_response().headers
    for name in ("Retry-After", "Allow"):
        if original.get(name):
            response.headers[name] = original[name]
    if status == 429:
        response.headers.setdefault("Retry-After", str(window))
    return response


def limit_window(error: HTTPException) -> int:
    """Seconds until the limit that refused the request counts again from zero: its window
    (a minute for the API-wide limit, an hour for new subscriptions)."""
    try:
        return int(error.limit.limit.get_expiry())
    except AttributeError:
        return 60


DISK_FULL = _l(
    "The server has no room to save this right now. Nothing was saved: please try again later."
)


def handle_busy_database(error: sqlite3.OperationalError):
    """The database stayed locked past the busy timeout: a retry later, not a crash.
    A full disk: a 503 with a message, logged for the operator, never a 500."""
    if "full" in str(error) or "disk I/O error" in str(error):
        return disk_full(error)  # an I/O error writing is, as a rule, a disk with no room
    if "locked" not in str(error) and "busy" not in str(error):
        return handle_unexpected_error(error)
    current_app.logger.warning("database busy on %s %s", request.method, request.path)
    response = handle_http_error(ServiceUnavailable())
    response.headers["Retry-After"] = "5"
    return response


def disk_full(error: Exception):
    current_app.logger.error("disk full on %s %s: %s", request.method, request.path, error)
    if is_api_request():
        response = json_error(503, DISK_FULL)
    else:
        response = handle_http_error(ServiceUnavailable())
    response.headers["Retry-After"] = "60"
    return response


def handle_os_error(error: OSError):
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return disk_full(error)
    return handle_unexpected_error(error)


def handle_unexpected_error(error: Exception):
    current_app.logger.exception("unexpected error on %s %s", request.method, request.path)
    return handle_http_error(InternalServerError())


class UnreadableBody(BadRequest):
    """The server could not parse the request's body (a malformed chunk, a body cut short)."""


class CheckedInput:
    """The request body stream, where any failure to read it is the client's error (400).

    gunicorn parses a chunked body only as the app reads it, and raises its own errors
    (InvalidChunkSize, ChunkMissingTerminator, InvalidChunkExtension, NoMoreData...) from
    inside the view; without this they would be unexpected errors: a 500 and a traceback.
    """

    def __init__(self, stream):
        self._stream = stream

    def _checked(self, read, *args):
        try:
            return read(*args)
        except HTTPException:
            raise
        except Exception as error:  # whatever the server's parser raises
            raise UnreadableBody() from error

    def read(self, *args):
        return self._checked(self._stream.read, *args)

    def readline(self, *args):
        return self._checked(self._stream.readline, *args)

    def readlines(self, *args):
        return self._checked(self._stream.readlines, *args)

    def __iter__(self):
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line


def check_body_reads(wsgi_app):
    def checked(environ, start_response):
        if environ.get("wsgi.input") is not None:
            environ["wsgi.input"] = CheckedInput(environ["wsgi.input"])
        return wsgi_app(environ, start_response)

    return checked


def init_app(app) -> None:
    app.wsgi_app = check_body_reads(app.wsgi_app)
    app.register_error_handler(ApiError, handle_api_error)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(sqlite3.OperationalError, handle_busy_database)
    app.register_error_handler(OSError, handle_os_error)
    app.register_error_handler(Exception, handle_unexpected_error)
