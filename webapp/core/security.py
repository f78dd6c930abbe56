"""Security headers on every response.

Documents (pages, the SVG icon and the sitemap, which a browser can open on their own)
and the service worker get the full policy. Scripts, styles, images and data that a
page or the worker fetches run under the policy of whatever loads them, so they carry
only the strictest one, in case one is opened on its own, and skip the headers that
apply only to documents: on 2G, a first visit's dozen such responses save kilobytes.
"""

from flask import current_app, request

from .assets import WITHOUT_SCRIPT_CSS, Assets, csp_hash
from .services import service

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "interest-cohort",
    )
)


def content_security_policy() -> str:
    style_hash = f"{service(Assets).inline_css[1]} {csp_hash(WITHOUT_SCRIPT_CSS)}"
    return "; ".join(
        (
            "default-src 'none'",
            "script-src 'self'",
            f"style-src 'self' {style_hash}",
            "img-src 'self'",
            "connect-src 'self'",
            "manifest-src 'self'",
            "worker-src 'self'",
            "form-action 'self'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        )
    )


DOCUMENT_TYPES = ("text/html", "image/svg+xml", "application/xml", "text/xml")
SUBRESOURCE_POLICY = "default-src 'none'; frame-ancestors 'none'"


def document_policy(view):
    """Give a view's responses the document headers, whatever their type (a service
    worker's script: its policy governs what the worker fetches)."""
    view.document_policy = True
    return view


def is_document(response) -> bool:
    view = current_app.view_functions.get(request.endpoint)
    return response.mimetype in DOCUMENT_TYPES or getattr(view, "document_policy", False)


def is_https() -> bool:
    return request.is_secure or current_app.config["FORCE_HTTPS_HEADERS"]


def add_security_headers(response):
    headers = response.headers
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = "no-referrer"
    headers["Cross-Origin-Resource-Policy"] = "same-origin"
    if is_document(response):
        headers["Content-Security-Policy"] = content_security_policy()
        # Framing, features and the opener concern a document in a window; a script given
        # the document policy (the worker's) has none, and is downloaded on every visit.
        view = current_app.view_functions.get(request.endpoint)
        if not getattr(view, "document_policy", False):
            headers["X-Frame-Options"] = "DENY"
            headers["Permissions-Policy"] = PERMISSIONS_POLICY
            headers["Cross-Origin-Opener-Policy"] = "same-origin"
    else:
        headers["Content-Security-Policy"] = SUBRESOURCE_POLICY
    if is_https():
        headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains"
    return response
