"""Words the guide uses that a person may not know: one short page of definitions, and on
every other page the first use of each word links to its definition (linking.py)."""

from flask_babel import lazy_gettext as _l

from ..core.features import Feature, Link, Page
from ..core.i18n import language_blueprint
from ..core.rendering import render_page
from .linking import link_first_uses
from .terms import TERMS

bp = language_blueprint("glossary", __name__, template_folder="templates")


@bp.get("/words")
def page():
    return render_page("glossary/words.html", terms=TERMS)


def setup(app) -> None:
    app.after_request(link_first_uses)


feature = Feature(
    "glossary",
    blueprints=(bp,),
    pages=(Page("glossary.page"),),
    # Translators: the footer link to the page that explains words like "bootloader".
    footer=(Link("glossary.page", _l("Words explained"), place=45),),
    setup=setup,
)
