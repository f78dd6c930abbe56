"""Pages whose HTML depends only on their URL are rendered once per process, not per request.

A page comes in two variants: as the network serves it (its CSS inline, so the first
paint needs no second request) and as the service worker saves it (linking the saved
stylesheet, so two dozen saved pages don't each carry a copy). The worker asks for the
saved variant with a request header.
"""

import re

from flask import render_template, request
from markupsafe import Markup

from .services import provide, service

# The worker sends this header when it saves a page; see saved_copy().
SAVED_COPY_HEADER = "X-Guide-Precache"


class RenderedPages(dict):
    """(origin, mount point, path, saved variant?) → HTML, for this process."""


def saved_copy() -> bool:
    """Is this page being saved by the worker? Saved pages link to the saved stylesheet."""
    return request.headers.get(SAVED_COPY_HEADER) == "1"


def vary_on_saved_copy(response):
    if response.mimetype == "text/html":
        response.vary.add(SAVED_COPY_HEADER)
    return response


def render_page(template: str, **context) -> str:
    if request.args:  # answers in the query (the triage form): rendered each time
        return render_template(template, **context)
    pages = service(RenderedPages)
    # Everything a page's links are built from: a page rendered for one origin or mount
    # point (SCRIPT_NAME) is never served for another.
    key = (request.host_url, request.script_root, request.path, saved_copy())
    if key not in pages:
        pages[key] = render_template(template, **context)
    return pages[key]


# Inside a web address or a name written as one word: after a dot, slash, @ or _ between
# letters, and between a lower-case and an upper-case letter ("KompasTekno").
BREAK_POINTS = re.compile(r"(?<=[^\W\d][./@_])(?=[^\W\d])|(?<=[a-z])(?=[A-Z])")
LINE_BREAK_OPPORTUNITY = Markup("<wbr>")


def breakable(text) -> Markup:
    """The text, escaped, with a line-break opportunity (<wbr>) where an address or a joined
    name may wrap: at large text sizes such a token wraps there, never mid-word."""
    return LINE_BREAK_OPPORTUNITY.join(BREAK_POINTS.split(str(text)))


def init_app(app) -> None:
    provide(app, RenderedPages())
    app.jinja_env.globals["saved_copy"] = saved_copy
    app.jinja_env.filters["breakable"] = breakable
