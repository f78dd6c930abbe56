"""Static files as phones get them."""

from webapp.core.assets import Assets, minified
from webapp.core.services import service


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
