"""On every page but the words page, the first use of each explained word links to its
definition: done on the rendered HTML, so that the content's wording stays the content's."""

import re
from functools import lru_cache

from flask import g, request, url_for

from .terms import TERMS

# Text inside these is never linked: links, controls, headings, and what is not prose.
NOT_PROSE = frozenset(
    "a button summary select option textarea title script style svg template pre code "
    "h1 h2 h3 h4 h5 h6".split()
)
# Pages left as they are: the words page itself, and the one-file guide, which is opened
# from the phone's storage where the words page's address leads nowhere.
UNLINKED = frozenset({"glossary.page", "guide.whole"})
TAG = re.compile(r"(<[^>]*>)")
TAG_NAME = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)")
MAIN = re.compile(r"(<main\b[^>]*>)(.*?)(</main>)", re.S)


@lru_cache(maxsize=8)
def patterns(lang: str) -> dict[str, re.Pattern]:
    return {
        term.id: re.compile(rf"(?<![\w-])(?:{term.written[lang]})(?!\w)", re.I)
        for term in TERMS
        if lang in term.written
    }


def link_text(text: str, waiting: dict, href: str) -> str:
    """The text with the first match of each waiting word linked; linked words leave `waiting`."""
    parts, position = [], 0
    while waiting:
        found = [(match, tid) for tid, p in waiting.items() if (match := p.search(text, position))]
        if not found:
            break
        match, term_id = min(found, key=lambda item: item[0].start())
        parts += [text[position : match.start()], f'<a href="{href}#{term_id}">{match[0]}</a>']
        position = match.end()
        del waiting[term_id]
    return "".join(parts) + text[position:]


@lru_cache(maxsize=256)
def linked(html: str, lang: str, href: str) -> str:
    main = MAIN.search(html)
    if not main:
        return html
    waiting = dict(patterns(lang))
    inside, pieces = 0, []
    for piece in TAG.split(main[2]):
        tag = TAG_NAME.match(piece)
        if tag and tag[2].lower() in NOT_PROSE:
            inside += -1 if tag[1] else 1
        elif not tag and piece and not inside and waiting:
            piece = link_text(piece, waiting, href)
        pieces.append(piece)
    return html[: main.start(2)] + "".join(pieces) + html[main.end(2) :]


def link_first_uses(response):
    lang = g.get("lang_code")
    if (
        lang
        and response.status_code == 200
        and response.mimetype == "text/html"
        and not response.direct_passthrough
        and request.endpoint not in UNLINKED
    ):
        html = response.get_data(as_text=True)
        response.set_data(linked(html, lang, url_for("glossary.page", lang_code=lang)))
    return response
