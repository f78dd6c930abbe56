"""Claims the guide has retired because they were false or had no source: none may come back,
in either language, on any page or in the one-file guide. docs/sources.md says why each went."""

import re

import pytest

from webapp.content.guide import METHODS

from ..helpers import LANGUAGES

# (what was said, in English and in the Indonesian it was translated to) → why it went.
RETIRED = {
    "flashing cannot help because the bootloader is locked (EDL through a test point can)": (
        "flashing cannot help",
        "bootloader is locked",
        "flash tidak membantu",
        "bootloader-nya terkunci. Untuk membukanya",
    ),
    "only a reset removes the screen lock (no source)": (
        "only a reset removes",
        "hanya reset pabrik yang bisa menghapusnya",
    ),
    "the unlock request is free (no source)": (
        "request is free",
        "costs nothing",
        "Xiaomi's own unlock request is free",
        "Permintaan online gratis",
        "Gratis.",
        "resmi ke Xiaomi gratis",
    ),
    "a flash ends the warranty (a phone from 2016)": ("ends the warranty", "garansinya hangus"),
    "the Google account must be Gmail": ("Google account (Gmail", "akun Google (alamat Gmail"),
    "most people... (no source), locked out for good (there is a way back)": (
        "most people",
        "locked out for good",
        "paling umum orang",
    ),
    "mi.co.id is the only official site (the guide sends people to xiaomi.com and mi.com)": (
        "only official site",
        "satu-satunya situs resmi",
    ),
    "opening hours of the 2018 contacts (no source gives them)": (
        "09:00",
        "18:00",
        "09.00",
        "18.00",
    ),
    "the 2018 fee as a price": ("Rp 120.000 for", "biayanya Rp 120.000"),
}


def pages(client, lang: str) -> dict[str, str]:
    paths = ["/", "/faq", "/about", "/start", "/support", "/guide.html"]
    paths += [f"/{method.id}" for method in METHODS]
    found = {}
    for path in paths:
        html = client.get(f"/{lang}{path}").get_data(as_text=True)
        found[path] = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_retired_claim_comes_back(client, lang):
    for path, text in pages(client, lang).items():
        for why, phrasings in RETIRED.items():
            for phrase in phrasings:
                assert phrase.lower() not in text.lower(), (path, phrase, why)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_kartu_mati_always_comes_with_the_expired_number_warning(client, lang):
    """ "Kartu mati" usually means an expired number, which a stranger may now own: wherever
    the words appear, the page says "expired/hangus" and gives the warning or links to it."""
    expired = {"en": "expire", "id": "hangus"}[lang]
    said = 0
    for path, text in pages(client, lang).items():
        if "kartu mati" not in text.lower():
            continue
        said += 1
        html = client.get(f"/{lang}{path}").get_data(as_text=True)
        assert expired in text, path
        warned = "60" in text and "lost-number" in path
        assert warned or f'href="/{lang}/lost-number"' in html or 'href="#lost-number"' in html
    assert said >= 2, "the expired-number advice must be there"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_2018_contacts_have_no_recent_check_date_beside_them(client, lang):
    checked = {"en": "last checked", "id": "terakhir dicek"}[lang]
    for path in ("/support", "/unlock-request"):
        html = client.get(f"/{lang}{path}").get_data(as_text=True)
        page = html[: html.index('class="sources"')]  # the dated source list is fine
        text = re.sub(r"<[^>]+>", " ", page)
        assert checked not in text, path
        assert "2018" in text, path
