"""The guide's pages, at the same path under every language prefix."""

from flask_babel import lazy_gettext as _l

from ..content.guide import METHODS
from ..core.features import Feature, Link, Page
from ..core.i18n import language_blueprint

bp = language_blueprint("guide", __name__, template_folder="templates")

from . import views  # noqa: E402,F401  (registers the routes on bp)


def pages() -> list[Page]:
    """In reading order: the home page, each method, the FAQ, About, Move my progress."""
    methods = [Page("guide.method", {"method_id": method.id}) for method in METHODS]
    return [
        Page("guide.home"),
        *methods,
        Page("guide.faq"),
        Page("guide.about"),
        Page("guide.move"),
    ]


feature = Feature(
    "guide",
    blueprints=(bp,),
    pages=pages,
    saved=(Page("guide.whole"),),  # the one-file guide: saved, not a page of the sitemap
    footer=(
        Link("guide.home", _l("All methods"), place=10),
        Link("guide.faq", _l("Questions"), place=20),
        Link("guide.about", _l("Safety and privacy"), place=50),
    ),
    partials={"tools": "guide/_save_whole.html"},
    home="guide.home",
    canonical=True,
)
