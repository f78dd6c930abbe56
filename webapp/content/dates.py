"""Dates the guide shows: when we last checked what can change (contacts, the law).

Dates are written out in the reader's language ("26 November 2026"), never as ISO
numbers, and formatted when a page is rendered, so each language gets its own month.
"""

from datetime import date

from flask_babel import LazyString, format_date

# Day, month name, year: the order both Indonesian and British English use.
LONG_DATE = "d MMMM y"

LAW_CHECKED = date(2026, 12, 2)
# When the whole guide's content was last checked against its sources: a saved or printed
# copy shows it, so that a reader weeks later knows contacts and the law may have changed.
CONTENT_CHECKED = date(2026, 12, 2)


def long_date(day: date) -> LazyString:
    """The date in the language of the page being rendered."""
    return LazyString(lambda: format_date(day, LONG_DATE))
