"""Large bodies that never change while the app runs, compressed once instead of per request."""

import gzip
import threading

import brotli
from flask import current_app, request

_lock = threading.Lock()


def _encodings(key: str, body: bytes) -> dict[str, bytes]:
    cache = current_app.extensions.setdefault("precompressed", {})
    if key not in cache:
        with _lock:
            if key not in cache:
                cache[key] = {
                    "br": brotli.compress(body, quality=11),
                    "gzip": gzip.compress(body, compresslevel=9, mtime=0),
                }
    return cache[key]


def precompressed_response(key: str, body: bytes, mimetype: str):
    """A response in the best encoding the client accepts, compressed once per process."""
    encodings = _encodings(key, body)
    chosen = next((name for name in ("br", "gzip") if name in request.accept_encodings), None)
    response = current_app.response_class(encodings[chosen] if chosen else body, mimetype=mimetype)
    if chosen:
        response.headers["Content-Encoding"] = chosen
    response.vary.add("Accept-Encoding")
    return response
