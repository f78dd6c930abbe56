"""Pages whose HTML depends only on their URL are rendered once per process, not per request."""

from flask import current_app, render_template, request


def render_page(template: str, **context) -> str:
    from .offline.precache import saved_copy  # the saved variant links its stylesheet

    if request.args:  # answers in the query (the triage form): rendered each time
        return render_template(template, **context)
    pages = current_app.extensions.setdefault("rendered_pages", {})
    key = (request.path, saved_copy())
    if key not in pages:
        pages[key] = render_template(template, **context)
    return pages[key]
