"""What the app computes once and shares between requests, found by its type.

A feature provides an object (`provide(app, WorkerFiles(app))`) and finds it again with
`service(WorkerFiles)`: typed attributes instead of string keys scattered over
`app.extensions`. Services compute what they hold on first use, so building the app
does no work beyond reading its configuration.
"""

from typing import TypeVar

from flask import Flask, current_app

T = TypeVar("T")
REGISTRY = "webapp.services"


def provide(app: Flask, instance: object) -> None:
    app.extensions.setdefault(REGISTRY, {})[type(instance)] = instance


def service(kind: type[T], app: Flask | None = None) -> T:
    return (app or current_app).extensions[REGISTRY][kind]
