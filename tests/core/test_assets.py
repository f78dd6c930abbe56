"""Static files as phones get them."""

import re
from pathlib import Path

from webapp.core.assets import Assets, minified
from webapp.core.services import service

ROOT = Path(__file__).resolve().parent.parent.parent


def test_scripts_and_styles_reach_phones_minified(client, app):
    source = '"use strict";\n// a note for people\n  // an indented one\nconst url = "https://x"; // gone\n'
    assert minified("a.js", source.encode()) == b'"use strict";const url="https://x";'
    template = b"const text = `\n// part of the string\n`;"
    assert minified("a.js", template) == b"const text=`\n// part of the string\n`;"
    assert minified("a.css", b"/* note */\na { color : red ; }\n") == b"a{color:red}"
    with app.test_request_context():
        for asset in service(Assets, app).by_name.values():
            if asset.logical_name.endswith((".js", ".css")):
                served = client.get(f"/assets/{asset.hashed_name}").get_data()
                assert served == asset.body
                assert b"\n//" not in served and b"/*" not in served


def test_the_script_every_page_runs_comes_in_one_request_and_its_parts_never_alone(client):
    home = client.get("/en/").get_data(as_text=True)
    scripts = re.findall(r'<script src="([^"]+)" defer></script>', home)
    assert len(scripts) == 1 and re.fullmatch(r"/assets/page\.[0-9a-f]{10}\.js", scripts[0])
    served = client.get(scripts[0]).get_data(as_text=True)
    parts = [
        minified(name, (ROOT / "webapp" / folder / "static" / name).read_bytes()).decode()
        for folder, name in (("core", "app.js"), ("core", "storage.js"), ("guide", "progress.js"))
    ]
    assert served == "\n".join(parts)  # in this order: progress.js uses storage.js
    assert served.startswith('"use strict";')  # strict as a whole, as each part was
    for page in ("/en/unlock-request", "/en/clear", "/en/support", "/en/move", "/id/faq"):
        html = client.get(page).get_data(as_text=True)
        assert scripts[0] in html
        assert not re.search(r"/assets/(app|storage|progress)\.", html), page
