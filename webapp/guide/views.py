"""Views for the guide's pages: thin, the content is data."""

from flask import abort, make_response

from ..content.dates import CONTENT_CHECKED, LAW_CHECKED, long_date
from ..content.guide import (
    FAQ,
    GROUPS,
    METHODS,
    SITUATIONS,
    group_by_id,
    method_by_id,
    methods_in,
    situation_sources,
)
from ..content.sources import sources_for
from ..content.step_ids import published_step_ids
from ..core.i18n import current_language
from ..core.rendering import render_page
from . import bp

# The public sources behind the safety-and-privacy page: the law, the phone, the lock.
ABOUT_SOURCES = (
    "kuhp-in-force",
    "kuhp-illegal-access",
    "kuhp-amended",
    "rolex-device",
    "last-update",
    "official-site",
)


# The step after which paper gets lines to write on (IMEIs, the date sent, the ticket number):
# sending the request to Xiaomi. A published step id, so it stays.
WRITE_IN_AFTER = "ur-wait-reply"


@bp.app_context_processor
def guide_context():
    return {
        "method_titles": {method.id: method.title for method in METHODS},
        "write_in_after": WRITE_IN_AFTER,
    }


@bp.get("/")
def home():
    return render_page(
        "guide/home.html",
        situations=SITUATIONS,
        groups=GROUPS,
        methods_in=methods_in,
        page_sources=situation_sources(),
    )


@bp.get("/<method_id>")
def method(method_id: str):
    found = method_by_id(method_id)
    if found is None:
        abort(404)
    return render_page(
        "guide/method.html",
        method=found,
        group=group_by_id(found.group),
        following=method_by_id(found.following) if found.following else None,
        page_sources=sources_for(found.sources, *(w.sources for w in found.warnings)),
    )


@bp.get("/faq")
def faq():
    return render_page(
        "guide/faq.html",
        questions=FAQ,
        page_sources=sources_for(*(question.sources for question in FAQ)),
    )


@bp.get("/about")
def about():
    return render_page(
        "guide/about.html",
        law_checked=long_date(LAW_CHECKED),
        page_sources=sources_for(ABOUT_SOURCES),
    )


# The one-file guide: saved and sent as a file, so it is always offered as a download.
@bp.get("/guide.html")
def whole():
    response = make_response(
        render_page(
            "guide/whole.html",
            situations=SITUATIONS,
            groups=GROUPS,
            methods_in=methods_in,
            questions=FAQ,
            content_checked=long_date(CONTENT_CHECKED),
            page_sources=sources_for(
                *(method.sources for method in METHODS),
                *(warning.sources for method in METHODS for warning in method.warnings),
                *(situation.sources for situation in SITUATIONS),
                *(question.sources for question in FAQ),
            ),
        )
    )
    response.headers["Content-Disposition"] = f'attachment; filename="{file_name()}"'
    return response


def file_name() -> str:
    return f"redmi-4a-guide-{current_language()}.html"


@bp.get("/move")
def move():
    """Move my progress to another phone: the code is made and read on the phone."""
    current = {step.id for method in METHODS for step in method.steps}
    # Each published id at its place; one no longer in the guide is left blank, and ignored.
    ids = ",".join(step_id if step_id in current else "" for step_id in published_step_ids())
    return render_page("guide/move.html", step_ids=ids)
