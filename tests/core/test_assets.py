"""Static files as phones get them."""

from webapp.core.assets import Assets, without_comment_lines
from webapp.core.services import service


def test_scripts_reach_phones_without_their_comment_lines(client, app):
    source = b'"use strict";\n// a note for people\n  // an indented one\nconst url = "https://x"; // kept\n'
    assert without_comment_lines(source) == b'"use strict";\nconst url = "https://x"; // kept\n'
    several_lines = b"const text = `\n// part of the string\n`;\n"
    assert without_comment_lines(several_lines) == several_lines
    with app.test_request_context():
        for asset in service(Assets, app).by_name.values():
            if asset.logical_name.endswith(".js"):
                served = client.get(f"/assets/{asset.hashed_name}").get_data()
                assert served == asset.body
                assert not any(line.lstrip().startswith(b"//") for line in served.splitlines())
