"""What every response passes through on its way out, in one place and in the order it runs.

Flask runs after_request functions in the reverse order of registration, which hides
the order across modules; here one function calls each step in turn. Flask-Compress
runs last of all: it is registered before this chain, so it runs after it.
"""

import hashlib

from flask import g

from .security import add_security_headers


def revalidate_pages(response):
    """HTML must be checked with the server each time, so an edit reaches people at once."""
    if response.mimetype == "text/html" and "Cache-Control" not in response.headers:
        response.headers["Cache-Control"] = "no-cache"
        if response.status_code == 200:
            response.add_etag()  # a revalidation costs a 304, not the page
    return response


def remember_body_digest(response):
    """The compressed-body cache is keyed by the body's own hash (see compression.py)."""
    if not response.is_streamed and not response.direct_passthrough:
        g.body_digest = hashlib.sha256(response.get_data()).hexdigest()
    return response


STEPS = (
    revalidate_pages,  # adds an ETag from the final body
    add_security_headers,
    remember_body_digest,  # last: Flask-Compress compresses the body right after
)


def finish_response(response):
    for step in STEPS:
        response = step(response)
    return response


def init_app(app) -> None:
    app.after_request(finish_response)
