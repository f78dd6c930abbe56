"""The feature contract: what each feature adds to the app, declared in its own package.

A feature (a package under webapp/) declares `feature = Feature(...)`: its blueprints, its
API blueprints, its pages, its footer entries, the partials it offers other pages. create_app
hands one list of features to `init_app`, which registers them; core then renders the
footer, the header's home link, the sitemap and the worker's precache list from the
declarations, and names no feature's endpoint itself. Adding a page is one folder plus one
line in that list.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from flask import Blueprint, Flask, request, url_for

from .services import provide, service


@dataclass(frozen=True)
class Page:
    """A page under /<lang>/, by its endpoint and the values of its URL's other parts."""

    endpoint: str
    values: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Link:
    """An entry of every page's footer navigation: `place` orders the entries of all the
    features (10, 20, ...), so a feature's links need not sit together."""

    endpoint: str
    label: str  # a lazy string (lazy_gettext): rendered in the page's language
    place: int


@dataclass(frozen=True)
class Feature:
    name: str
    blueprints: tuple[Blueprint, ...] = ()
    # Nested under the one /api blueprint (core/api.py), with its rules.
    api_blueprints: tuple[Blueprint, ...] = ()
    # Listed in the sitemap, saved by the service worker, written by the export, in each
    # language: a tuple, or a function when the pages come from data.
    pages: tuple[Page, ...] | Callable[[], Iterable[Page]] = ()
    # Saved and exported too, but not listed in the sitemap (the offline page, the manifest).
    saved: tuple[Page, ...] = ()
    footer: tuple[Link, ...] = ()
    # Templates other pages include, by slot: base.html includes every feature's "head"
    # and "tools" partials.
    partials: dict[str, str] = field(default_factory=dict)
    # The endpoint of the guide's front page in a language, when this feature has it.
    home: str | None = None
    # Its pages name their canonical URL and their twins in the other languages.
    canonical: bool = False
    # Anything else it sets up on the app (services, commands), after its blueprints.
    setup: Callable[[Flask], None] | None = None
    # What it must have ready before the server's first request (prepare() in
    # webapp/__init__.py), so that a problem stops the start with one clear line.
    prepare: Callable[[Flask], None] | None = None

    def all_pages(self) -> list[Page]:
        return list(self.pages() if callable(self.pages) else self.pages)


class Features(tuple):
    """The app's features, in the order create_app lists them."""

    def pages(self) -> list[Page]:
        return [page for feature in self for page in feature.all_pages()]

    def saved(self) -> list[Page]:
        return [page for feature in self for page in feature.saved]

    def api_blueprints(self) -> list[Blueprint]:
        return [bp for feature in self for bp in feature.api_blueprints]

    def footer(self) -> list[Link]:
        return sorted(
            (link for feature in self for link in feature.footer), key=lambda link: link.place
        )

    def partials(self, slot: str) -> list[str]:
        return [feature.partials[slot] for feature in self if slot in feature.partials]

    def home(self) -> str | None:
        return next((feature.home for feature in self if feature.home), None)

    def canonical_blueprints(self) -> set[str]:
        return {bp.name for feature in self if feature.canonical for bp in feature.blueprints}


def features(app: Flask | None = None) -> Features:
    return service(Features, app)


def home_url(lang: str) -> str:
    """The guide's front page in `lang`; the site's root when no feature has one."""
    home = features().home()
    return url_for(home, lang_code=lang) if home else "/"


def has_canonical() -> bool:
    return request.blueprint in features().canonical_blueprints()


def init_app(app: Flask, declared: Iterable[Feature]) -> Features:
    """Register every feature's blueprints, then its set-up; the API blueprints are the
    caller's to nest under the API's parent (core/api.py)."""
    registered = Features(declared)
    provide(app, registered)
    for feature in registered:
        for blueprint in feature.blueprints:
            app.register_blueprint(blueprint)
        if feature.setup:
            feature.setup(app)

    @app.context_processor
    def feature_context():
        found = features()
        return {
            "footer_links": found.footer(),
            "partials": found.partials,
            "home_url": home_url,
            "has_canonical": has_canonical,
        }

    return registered
