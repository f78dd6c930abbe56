"""The guide's pages, at the same path under every language prefix."""

from ..core.i18n import language_blueprint

bp = language_blueprint("guide", __name__, template_folder="templates")

from . import views  # noqa: E402,F401  (registers the routes on bp)
