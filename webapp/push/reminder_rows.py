"""The reminder rows under a method's waiting steps (push/_reminder_rows.html): the times
they offer come from the configuration, and only those the API accepts are offered."""

from flask import Blueprint, current_app
from flask_babel import gettext as _
from flask_babel import ngettext

bp = Blueprint("reminder_rows", __name__, template_folder="templates")

DAY = 24 * 3600


def delay_label(seconds: int) -> str:
    """What a button says: "tomorrow", "in a week", "in 3 days", or hours below a day."""
    days, rest = divmod(seconds, DAY)
    if rest:
        hours = max(1, round(seconds / 3600))
        return ngettext("in %(num)d hour", "in %(num)d hours", hours)
    if days == 1:
        return _("tomorrow")
    if days == 7:
        return _("in a week")
    return ngettext("in %(num)d day", "in %(num)d days", days)


def reminder_delays() -> list[tuple[int, str]]:
    config = current_app.config
    low, high = config["REMINDER_MIN_DELAY"], config["REMINDER_MAX_DELAY"]
    return [
        (delay, delay_label(delay)) for delay in config["REMINDER_DELAYS"] if low <= delay <= high
    ]


@bp.app_context_processor
def provide_delays():
    return {"reminder_delays": reminder_delays}
