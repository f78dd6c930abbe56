"""Static files as phones get them."""

import re
from pathlib import Path

import pytest

from webapp.core.assets import Assets, built_script, minified
from webapp.core.services import service

ROOT = Path(__file__).resolve().parent.parent.parent


def test_scripts_and_styles_reach_phones_minified(client, app):
    assert minified("a.css", b"/* note */\na { color : red ; }\n") == b"a{color:red}"
    with app.test_request_context():
        for asset in service(Assets, app).by_name.values():
            if asset.logical_name.endswith((".js", ".css")):
                served = client.get(f"/assets/{asset.hashed_name}").get_data()
                assert served == asset.body
                assert b"\n//" not in served and b"/*" not in served


def test_each_page_script_is_its_entry_bundled_with_what_it_imports(client, app):
    """Served: the bundle esbuild made of the entry, one classic script (an IIFE, strict as
    a whole), with every module it imports inside it and no import left; the modules it
    shares (the store, the API call) are never served alone."""
    by_name = service(Assets, app).by_name
    scripts = {name: asset for name, asset in by_name.items() if name.endswith(".js")}
    entries = {path.name for path in (ROOT / "webapp").glob("*/static/*.js")}
    assert set(scripts) == entries and "page.js" in entries
    for name, asset in scripts.items():
        body = asset.body.decode()
        assert body.startswith('"use strict";\n(()=>{'), name
        assert not re.search(r"\bimport\s*[{*\w(\"]|\bexport\s", body), name
        assert built_script(next((ROOT / "webapp").glob(f"*/static/{name}"))) == asset.body
    # The one store: what storage.js exports, in the scripts that keep something.
    for name in ("page.js", "clear.js", "support.js", "move.js", "reminders.js"):
        assert "guide-" in scripts[name].body.decode(), name  # the shared prefix, from names.json
        assert "guideStore" not in scripts[name].body.decode(), name
    assert not set(by_name) & {"app.js", "storage.js", "progress.js", "api.js", "names.js"}


def test_a_script_older_than_its_sources_is_refused(tmp_path, monkeypatch):
    """A bundle left from before a change to any source (an entry or a shared module) is
    never served: the app asks for `make build` instead."""
    from webapp.core import assets

    build = tmp_path / "scripts"
    build.mkdir()
    entry = next((ROOT / "webapp").glob("*/static/page.js"))
    with pytest.raises(RuntimeError, match="make build"):
        built_script(entry, build)
    (build / assets.SOURCES_DIGEST).write_text("0" * 64 + "\n")
    with pytest.raises(RuntimeError, match="make build"):
        built_script(entry, build)
    (build / assets.SOURCES_DIGEST).write_text(assets.script_sources_digest() + "\n")
    (build / "guide" / "static").mkdir(parents=True)
    (build / "guide" / "static" / "page.js").write_bytes(b"built")
    assert built_script(entry, build) == b"built"


def test_the_script_every_page_runs_comes_in_one_request(client):
    home = client.get("/en/").get_data(as_text=True)
    scripts = re.findall(r'<script src="([^"]+)" defer></script>', home)
    assert len(scripts) == 1 and re.fullmatch(r"/assets/page\.[0-9a-f]{10}\.js", scripts[0])
    for page in ("/en/unlock-request", "/en/clear", "/en/support", "/en/move", "/id/faq"):
        html = client.get(page).get_data(as_text=True)
        assert scripts[0] in html
        assert not re.search(r"/assets/(app|storage|progress)\.", html), page
