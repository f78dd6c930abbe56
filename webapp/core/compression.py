"""Compression that costs the CPU once per distinct body, not once per request.

Brotli at its best level takes milliseconds per page. Flask-Compress caches what it
compressed under a key we derive from the body itself (its SHA-256), so a cached copy
can never stand for a different body; the precache bundle is compressed once as a whole.
"""

import gzip
import threading
import uuid
from collections import OrderedDict

import brotli
from flask import current_app, g, request

from .services import provide, service

_lock = threading.Lock()


class PrecompressedBodies(dict):
    """key → {encoding: body}, for large constant bodies such as the precache bundle."""


def _encodings(key: str, body: bytes) -> dict[str, bytes]:
    cache = service(PrecompressedBodies)
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


class CompressedBodies:
    """A small, thread-safe LRU of compressed bodies, Flask-Compress's cache backend."""

    def __init__(self, size: int = 512):
        self.size = size
        self.items: OrderedDict[str, bytes] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self.lock:
            value = self.items.get(key)
            if value is not None:
                self.items.move_to_end(key)
            return value

    def set(self, key: str, value: bytes) -> None:
        with self.lock:
            self.items[key] = value
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)


def body_digest_key(request) -> str:
    return g.get("body_digest") or f"uncached-{uuid.uuid4().hex}"


def init_app(app) -> None:
    provide(app, PrecompressedBodies())
