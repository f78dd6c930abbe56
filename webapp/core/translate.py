"""`flask translate ...`: the pybabel workflow, so nobody has to remember its flags."""

import subprocess  # noqa: S404  # nosec B404
import sys
from pathlib import Path

import click
from flask import Blueprint

ROOT = Path(__file__).resolve().parent.parent.parent  # the repository
TRANSLATIONS = ROOT / "translations"
TEMPLATE = TRANSLATIONS / "messages.pot"
# Source strings are English; these languages get a catalog of their own.
TRANSLATED_LANGUAGES = ("id",)

bp = Blueprint("translate", __name__, cli_group="translate")


def pybabel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True, cwd=ROOT)  # noqa: S603  # nosec B603


def extract(output: Path = TEMPLATE) -> None:
    # Source locations and "Translators:" comments stay in the catalog: a translator
    # sees where a string appears and what an ambiguous one means.
    pybabel(
        "extract", "-F", "babel.cfg", "-k", "_l", "-k", "lazy_gettext",
        "-k", "lazy_pgettext:1c,2", "-c", "Translators:",
        "--omit-header", "--sort-output", "-o", str(output), "webapp",
    )  # fmt: skip


@bp.cli.command("extract")
def extract_command():
    """Write translations/messages.pot from the source."""
    extract()


@bp.cli.command("update")
def update_command():
    """Extract, then merge new strings into every catalog (new ones arrive untranslated)."""
    extract()
    pybabel(
        "update",
        "-i",
        str(TEMPLATE),
        "-d",
        str(TRANSLATIONS),
        "--no-fuzzy-matching",
        "--ignore-obsolete",
    )


@bp.cli.command("init")
@click.argument("lang")
def init_command(lang):
    """Start a catalog for a new language."""
    extract()
    pybabel("init", "-i", str(TEMPLATE), "-d", str(TRANSLATIONS), "-l", lang)


@bp.cli.command("compile")
def compile_command():
    """Compile every catalog to the .mo files the app reads."""
    pybabel("compile", "-d", str(TRANSLATIONS), "--statistics")
