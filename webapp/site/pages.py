"""The site's pages, for one language: what the sitemap lists and the worker saves."""

from ..content.guide import METHODS


def site_pages() -> list[tuple[str, dict]]:
    """Every page as (endpoint, values), in reading order."""
    pages = [("guide.home", {})]
    pages += [("guide.method", {"method_id": method.id}) for method in METHODS]
    pages += [("guide.faq", {}), ("guide.about", {}), ("guide.move", {})]
    pages += [("triage.start", {}), ("support.helper", {}), ("clear.page", {})]
    return pages
