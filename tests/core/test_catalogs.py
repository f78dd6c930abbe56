"""Every user-visible string exists in both languages, and the catalogs match the source."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from webapp.core import translate

CATALOGS = sorted(Path(translate.TRANSLATIONS).glob("*/LC_MESSAGES/messages.po"))


def load(path: Path):
    with path.open("rb") as handle:
        return read_po(handle)


def test_every_translated_language_has_a_catalog():
    assert {path.parts[-3] for path in CATALOGS} == set(translate.TRANSLATED_LANGUAGES)


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.parts[-3])
def test_no_entry_is_untranslated_or_fuzzy(path):
    catalog = load(path)
    problems = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        if not all(strings):
            problems.append(f"untranslated: {message.id!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.parts[-3])
def test_catalog_is_up_to_date_with_the_source(path, tmp_path):
    template = tmp_path / "messages.pot"
    translate.extract(template)
    in_source = {message.id for message in load(template) if message.id}
    in_catalog = {message.id for message in load(path) if message.id}
    missing = in_source - in_catalog
    stale = in_catalog - in_source
    hint = "run `flask --app app translate update`, then translate"
    assert not missing, f"{hint}; missing: {sorted(map(str, missing))}"
    assert not stale, f"{hint}; stale: {sorted(map(str, stale))}"


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.parts[-3])
def test_placeholders_survive_translation(path):
    import re

    # Both kinds: %(name)s for gettext, {name} for the wording the page's scripts fill in.
    placeholder = re.compile(r"%\(\w+\)[sd]|\{\w+\}")
    for message in load(path):
        if not message.id:
            continue
        source = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set(placeholder.findall(source[-1]))
        for string in strings:
            assert set(placeholder.findall(string)) == expected, message.id


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.parts[-3])
def test_translators_see_where_each_string_appears_and_what_ambiguous_ones_mean(path):
    catalog = load(path)
    for message in catalog:
        if message.id:
            assert message.locations, f"no source location for {message.id!r}"
    explained = {
        ("Update", None),  # the guide's newer version, not a phone update
        ("Reminder", None),  # a notification the phone's owner may read
        ("Cancel", "reminder"),
        ("Cancel", "confirmation"),
        ("Choose Wipe Data, then Wipe All Data, then Confirm. Older versions call it Wipe & "
         "Reset; labels differ a little between MIUI versions.", None),
    }  # fmt: skip
    for message_id, context in explained:
        message = catalog.get(message_id, context=context)
        assert message is not None, (message_id, context)
        assert message.auto_comments or context, f"no comment for translators on {message_id!r}"
    # One English word, two meanings: each has its own context and its own translation.
    assert catalog.get("Cancel") is None
    assert catalog.get("Cancel", context="reminder").string != ""
