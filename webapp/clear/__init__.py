"""Clear this guide from this phone: the page that removes everything the guide stored on a borrowed phone.

The browser removes what it holds itself; POST /api/clear (api.py) removes what only the
server can, and the plain form (form.py) what it can without JavaScript.
"""

from flask import redirect, url_for
from flask_babel import lazy_gettext as _l

from ..core.features import Feature, Link, Page
from ..core.i18n import language_blueprint
from ..core.rendering import render_page
from .api import bp as api_bp
from .form import bp as form_bp

bp = language_blueprint("clear", __name__, template_folder="templates")


@bp.get("/clear")
def page():
    return render_page("clear/clear.html")


@bp.get("/wipe")
def old_address():
    """The page's first address, which read as "wipe the phone": links and saved pages that
    still name it are sent on."""
    return redirect(url_for("clear.page"), 308)


feature = Feature(
    "clear",
    blueprints=(bp, form_bp),
    api_blueprints=(api_bp,),
    pages=(Page("clear.page"),),
    footer=(
        Link(
            "clear.page",
            # Translators: the last link at the bottom of every page. It removes what the
            # guide saved; it never erases the phone (Indonesian: "Hapus panduan ini dari HP ini").
            _l("Clear this guide from this phone"),
            place=60,
        ),
    ),
)
