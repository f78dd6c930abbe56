"""The guide's content: stable ids, both languages, sources, and the facts that must be right."""

import hashlib
import re
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from flask_babel import force_locale

from webapp.content import step_ids
from webapp.content.guide import (
    FAQ,
    GROUPS,
    METHODS,
    SITUATIONS,
    all_steps,
    group_by_id,
    method_by_id,
)
from webapp.content.sources import SOURCE_BY_ID, SOURCES

from ..helpers import LANGUAGES

STEP_ID_LIST = Path(__file__).resolve().parents[2] / "webapp" / "content" / "step_ids.txt"
SAFE_GROUPS = {group.id for group in GROUPS if group.safe}


def published_step_ids() -> set[str]:
    lines = STEP_ID_LIST.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def every_page(client, lang: str) -> dict[str, str]:
    paths = ["/", "/faq", "/about", "/start", "/support", "/clear"]
    paths += [f"/{method.id}" for method in METHODS]
    return {path: client.get(f"/{lang}{path}").get_data(as_text=True) for path in paths}


# ---------- ids ----------


def test_step_ids_are_unique_well_formed_and_published():
    ids = [step.id for step in all_steps()]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z]{2}-[a-z0-9-]+", step_id) for step_id in ids)
    unpublished = set(ids) - published_step_ids()
    assert not unpublished, f"add these ids to {STEP_ID_LIST.name}: {sorted(unpublished)}"


def test_the_first_editions_step_ids_are_still_there_so_saved_ticks_survive():
    # Ticks saved on phones refer to these; removing one would silently drop progress.
    first_edition = {"pw-forgot", "pw-code", "ur-find-imei", "fr-wipe", "ut-law", "pv-bind"}
    assert first_edition <= {step.id for step in all_steps()}


# The first 58 published ids, as a digest: progress codes number steps by their place in
# step_ids.txt, so these may never be reordered, renamed or removed; new ids go at the end.
PUBLISHED_BEFORE = (58, "d55f1b120699e5f7dfbd28d5ac83224bdd7754a7f4bd20e11fa97a3f366a69b8")


def test_step_ids_txt_is_only_ever_appended_to():
    count, digest = PUBLISHED_BEFORE
    ids = step_ids.published_step_ids()
    assert len(ids) == len(set(ids)), "an id may be published only once"
    prefix = "\n".join(ids[:count]).encode()
    assert hashlib.sha256(prefix).hexdigest() == digest, (
        f"the first {count} lines of step_ids.txt changed: add new ids at the end, never edit"
    )


def test_method_ids_are_unique_and_every_reference_points_at_a_real_method():
    assert len({method.id for method in METHODS}) == len(METHODS)
    references = [m for situation in SITUATIONS for m in situation.method_ids]
    references += [step.goes_to for step in all_steps() if step.goes_to]
    references += [method.following for method in METHODS if method.following]
    for method_id in references:
        assert method_by_id(method_id) is not None, method_id


# ---------- the order: ways in before risks ----------


def test_the_home_page_lists_ways_in_before_anything_risky(client):
    html = client.get("/en/").get_data(as_text=True)
    headings = re.findall(r'<h2 id="([^"]+)"', html)
    assert headings[:6] == [
        "screens",
        "group-ways-in",
        "group-other-cases",
        "group-before-reset",
        "group-not-a-way-in",
        "group-afterwards",
    ]
    ways_in = html.index('id="group-ways-in"')
    first_link = html.index('href="/en/password-reset"', ways_in)
    assert first_link < html.index('id="group-before-reset"')
    assert "try in order" not in html.lower()


@pytest.mark.parametrize("method", METHODS, ids=lambda m: m.id)
def test_no_next_link_leads_from_a_safe_page_to_a_risky_one(client, method):
    for lang in LANGUAGES:
        html = client.get(f"/{lang}/{method.id}").get_data(as_text=True)
        for target in re.findall(rf'<a href="/{lang}/([a-z-]+)" rel="next">', html):
            if method.group in SAFE_GROUPS:
                assert method_by_id(target).group in SAFE_GROUPS, (method.id, target)
    if method.following and method.group in SAFE_GROUPS:
        assert method_by_id(method.following).group in SAFE_GROUPS


def test_a_safe_page_sends_the_person_on_only_to_safe_pages():
    # One exception: the drawings of the lock screens send a person who recognises the
    # screen lock to its page, which is read before any reset and starts with what erases
    # nothing (triage follows it first for the same reason).
    allowed = {("wl-screen-lock", "screen-lock")}
    for method in METHODS:
        if method.group not in SAFE_GROUPS:
            continue
        for step in method.steps:
            if step.goes_to and (step.id, step.goes_to) not in allowed:
                assert method_by_id(step.goes_to).group in SAFE_GROUPS, step.id
    assert method_by_id("screen-lock").steps[0].id == "sl-try-first"


@pytest.mark.parametrize(("lang", "stop"), [("en", "Stop here"), ("id", "Berhenti di sini")])
def test_the_factory_reset_starts_with_a_stop_sign_before_any_key_is_pressed(client, lang, stop):
    method = method_by_id("factory-reset")
    assert [step.id for step in method.steps][:4] == [
        "fr-stop",
        "fr-passwords",
        "fr-backup",
        "fr-charge",
    ]
    html = client.get(f"/{lang}/factory-reset").get_data(as_text=True)
    first_box = html.index('type="checkbox"')
    assert stop in html[first_box : first_box + 400]
    assert (
        'href="/' + lang + '/password-reset"'
        in html[first_box : html.index('<li id="fr-passwords">')]
    )
    assert 'rel="next"' not in html  # nothing is "tried next" after a reset


def test_the_screen_lock_has_its_own_path_that_comes_before_any_reset():
    method = method_by_id("screen-lock")
    assert method.group == "before-reset"
    ids = [step.id for step in method.steps]
    assert ids[-1] == "sl-reset"
    assert {"sl-mi-password", "sl-google-password", "sl-find-device", "sl-backup"} < set(ids)


@pytest.mark.parametrize(
    ("lang", "warning"),
    [
        ("en", "A factory reset does not remove the Mi account lock."),
        ("id", "Reset pabrik tidak menghapus kunci akun Mi."),
    ],
)
def test_factory_reset_page_warns_about_the_activation_lock_before_the_steps(client, lang, warning):
    html = client.get(f"/{lang}/factory-reset").get_data(as_text=True)
    assert warning in html
    assert html.index(warning) < html.index('type="checkbox"')
    assert 'class="warn"' in html
    assert "Wipe Data" in html and "Wipe All Data" in html and "Reboot to System" in html


def test_the_recovery_menu_path_is_the_mi_recovery_one_not_the_aosp_one(client):
    html = client.get("/en/factory-reset").get_data(as_text=True)
    assert "Wipe data/factory reset" not in html
    assert "Reboot system now" not in html
    assert "Power and Volume Up" in html


# ---------- what must no longer be said ----------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_out_of_date_or_false_claims_are_gone_from_every_page(client, lang):
    for path, html in every_page(client, lang).items():
        text = re.sub(r"<[^>]+>", " ", html)
        assert "480" not in text, path  # the colonial KUHP's article
        assert "art. 30" not in text and "Pasal 30" not in text, path  # UU ITE, replaced
        assert "72" not in text, path  # the bootloader wait that Xiaomi changed often
        assert "cannot get past" not in text, path
        assert "does not sell unlocks" not in text, path
        assert "stores nothing about you on its server" not in text, path
        assert "24 hours" not in text and "24 jam" not in text, path  # it is one to three days


@pytest.mark.parametrize(("lang", "law"), [("en", "in force since"), ("id", "berlaku sejak")])
def test_the_law_in_force_is_named_and_dated(client, lang, law):
    for path in ("/about", "/unlock-tools", "/second-hand", "/seller-gone"):
        html = client.get(f"/{lang}{path}").get_data(as_text=True)
        assert "KUHP Nasional (UU No. 1 Tahun 2023" in html, path
        assert "UU No. 1 Tahun 2026 tentang Penyesuaian Pidana" in html, path
        assert "2026" in html and law in html, path
        checked = "checked 2 December 2026" if lang == "en" else "dicek 2 Desember 2026"
        assert checked in html, path


def test_second_hand_advice_never_tells_a_buyer_to_use_the_sellers_papers(client):
    html = client.get("/en/second-hand").get_data(as_text=True)
    assert "give you the box and invoice" not in html
    assert "return it" in html
    home = client.get("/en/").get_data(as_text=True)
    assert "give you the box and invoice" not in home


def test_privacy_says_exactly_what_a_reminder_keeps_and_for_how_long(client):
    html = client.get("/en/about").get_data(as_text=True)
    assert "unless you set a reminder" in html
    for kept in ("push address and keys", "the language", "the step", "the time"):
        assert kept in html
    # For how long: the retention the server applies (see push retention), in days.
    assert "A reminder is deleted 7 days after it was sent" in html
    # Counted as the purge counts (store.purge): from the last activity, none pending.
    assert (
        "30 days after their last use (turning reminders on, setting or sending a reminder) "
        "if none is waiting, or at once when you remove them"
    ) in html
    assert "30 hari setelah terakhir dipakai" in client.get("/id/about").get_data(as_text=True)
    # Backups hold the same: `flask db backup --prune` keeps them BACKUP_RETENTION.
    assert "Backup copies of our database are deleted after 14 days." in html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_clear_this_guide_is_never_called_wiping_the_phone(client, lang):
    label = {"en": "Clear this guide from this phone", "id": "Hapus panduan ini dari HP ini"}[lang]
    for path, html in every_page(client, lang).items():
        assert "Wipe this phone" not in html, path
        assert f'/clear">{label}</a>' in html, path


# ---------- every claim carries its source ----------


def test_every_method_warning_situation_and_answer_names_a_known_source():
    claims = [(f"method {m.id}", m.sources) for m in METHODS]
    claims += [(f"warning on {m.id}", w.sources) for m in METHODS for w in m.warnings]
    claims += [(f"situation {s.id}", s.sources) for s in SITUATIONS]
    claims += [(f"answer {q.id}", q.sources) for q in FAQ]
    for claim, source_ids in claims:
        assert source_ids, f"{claim} has no source"
        unknown = set(source_ids) - set(SOURCE_BY_ID)
        assert not unknown, f"{claim} names unknown sources {unknown}"


def test_every_source_has_a_title_a_web_address_and_a_check_date():
    assert len(SOURCE_BY_ID) == len(SOURCES), "source ids must be unique"
    for source in SOURCES:
        assert source.title.strip(), source.id
        address = urlsplit(source.url)
        assert address.scheme in {"https", "http"} and address.netloc, source.id
        assert source.checked.year >= 2026, source.id


def test_every_source_is_cited_somewhere():
    cited = {i for m in METHODS for i in m.sources}
    cited |= {i for m in METHODS for w in m.warnings for i in w.sources}
    cited |= {i for s in SITUATIONS for i in s.sources}
    cited |= {i for q in FAQ for i in q.sources}
    from webapp.guide.views import ABOUT_SOURCES
    from webapp.support import CONTACT_SOURCES

    cited |= set(ABOUT_SOURCES) | set(CONTACT_SOURCES)
    assert set(SOURCE_BY_ID) == cited


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("method", METHODS, ids=lambda m: m.id)
def test_every_method_page_ends_with_its_dated_sources(client, lang, method):
    html = client.get(f"/{lang}/{method.id}").get_data(as_text=True)
    wanted = set(method.sources) | {i for w in method.warnings for i in w.sources}
    # The heading carries the date the newest of the page's sources was checked.
    newest = max(SOURCE_BY_ID[source_id].checked for source_id in wanted)
    months = {11: ("November", "November"), 12: ("December", "Desember")}[newest.month]
    heading = {
        "en": f"Sources, checked {newest.day} {months[0]} {newest.year}",
        "id": f"Sumber, dicek {newest.day} {months[1]} {newest.year}",
    }
    assert heading[lang] in html
    sources_at = html.index('class="sources"')
    assert sources_at > html.rindex('type="checkbox"')
    listed = html[sources_at:]
    for source_id in wanted:
        assert f'href="{SOURCE_BY_ID[source_id].url}"'.replace("&", "&amp;") in listed


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_2018_contacts_are_tappable_and_said_to_be_unconfirmed_since(client, lang):
    unconfirmed = {"en": "not confirmed since", "id": "belum dipastikan lagi sejak itu"}[lang]
    for path in ("/support", "/unlock-request"):
        html = client.get(f"/{lang}{path}").get_data(as_text=True)
        html = html[: html.index('class="sources"')]  # the page, without its source list
        text = re.sub(r"<[^>]+>", "", html)
        assert 'href="mailto:service.id@xiaomi.com"' in html, path
        assert "service.id@xiaomi.com" in text, path
        assert 'href="tel:08001401558">0800-1-401558</a>' in html, path
        assert "mi.com/id/service/online" in text, path
        assert "2018" in text and unconfirmed in text, path
        # No source gives opening hours, and no recent "checked" date sits beside them.
        assert "09:00" not in text and "09.00" not in text and "18:00" not in text, path
        assert "26 November 2026" not in text, path
    unlock = client.get(f"/{lang}/unlock-request").get_data(as_text=True)
    steps = unlock[unlock.index('id="ur-contact"') :]
    assert f'href="/{lang}/support"' in steps[: steps.index("</li>")]


# ---------- both languages ----------


@pytest.mark.parametrize("method", METHODS, ids=lambda m: m.id)
def test_every_method_has_steps_written_in_both_languages(app, client, method):
    assert method.steps
    english = client.get(f"/en/{method.id}").get_data(as_text=True)
    indonesian = client.get(f"/id/{method.id}").get_data(as_text=True)
    english = unescape(english)
    english = re.sub(r'<a href="/en/words#[^"]+">([^<]+)</a>', r"\1", english)  # explained words
    with app.test_request_context(), force_locale("en"):
        for step in method.steps:
            assert str(step.text) in english, step.id
            assert str(step.text) not in indonesian  # translated, not the English fallback


def test_the_indonesian_never_confuses_a_password_change_with_a_phone_reset(client):
    for html in every_page(client, "id").values():
        text = re.sub(r"<[^>]+>", " ", html).lower()
        assert "reset kata sandi" not in text
        assert "pemilik yang terkunci" not in text
        assert "sampai ke kamu" not in text


def test_groups_are_known():
    for method in METHODS:
        assert group_by_id(method.group)
