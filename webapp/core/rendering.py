"""Pages whose HTML depends only on their URL are rendered once per process, not per request.

A page comes in two variants: as the network serves it (its CSS inline, so the first
paint needs no second request) and as the service worker saves it (linking the saved
stylesheet, so two dozen saved pages don't each carry a copy). No request header chooses
between them, since CDNs cache by URL alone: the saved variant is rendered only by the
precache builder (webapp/offline/precache.py), through a WSGI environ key no HTTP client
can set, and reaches the worker in the bundle or at a URL of its own (/precache/<revision>.html).
"""

from flask import render_template, request

from .services import provide, service

# Set in the WSGI environ by the precache builder; see saved_copy().
SAVED_COPY_ENVIRON = "guide.saved_copy"


class RenderedPages(dict):
    """(origin, mount point, path, saved variant?) → HTML, for this process."""


def saved_copy() -> bool:
    """Is this page being saved by the worker? Saved pages link to the saved stylesheet."""
    return request.environ.get(SAVED_COPY_ENVIRON) is True


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


def init_app(app) -> None:
    provide(app, RenderedPages())
    app.jinja_env.globals["saved_copy"] = saved_copy
