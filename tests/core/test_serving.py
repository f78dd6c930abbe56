"""The app as `make run` serves it: real gunicorn, real HTTP."""

import time

import requests


def test_gunicorn_serves_the_guide_on_the_configured_port(server):
    response = requests.get(server.url + "/", headers={"Accept-Language": "en-US"}, timeout=5)
    assert response.url == server.url + "/en/"
    assert response.status_code == 200
    assert "Change the Mi account password" in response.text
    assert response.headers["Content-Encoding"] in {"br", "gzip"}


def test_server_banner_gives_no_version(server):
    response = requests.get(server.url + "/id/", timeout=5)
    assert response.headers.get("Server", "gunicorn") == "gunicorn"


def test_oversized_header_is_refused_not_crashed(server):
    response = requests.get(server.url + "/id/", headers={"X-Big": "a" * 20000}, timeout=5)
    assert response.status_code in {400, 431}
    assert requests.get(server.url + "/id/", timeout=5).status_code == 200


def test_make_run_starts_the_dispatcher_with_gunicorn_and_stops_it_with_it(tmp_path):
    import subprocess

    from ..helpers import LiveServer

    server = LiveServer(tmp_path, env={"START_DISPATCHER": "1"}).start()
    try:
        children = subprocess.run(
            ["pgrep", "-f", "-P", str(server.process.pid), "reminders run"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.split()
        assert len(children) == 1
    finally:
        server.stop()
    # gunicorn's on_exit stops the dispatcher before gunicorn exits; allow for a busy machine.
    deadline = time.monotonic() + 30
    while (
        subprocess.run(["ps", "-p", children[0]], capture_output=True, check=False).returncode == 0
    ):
        assert time.monotonic() < deadline, "the dispatcher outlived gunicorn"
        time.sleep(0.1)
