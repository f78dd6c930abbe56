"""The systemd units in deploy/systemd keep the services up and confined."""

import configparser
from pathlib import Path

import pytest

from ..helpers import ROOT

UNITS = ROOT / "deploy" / "systemd"
LONG_RUNNING = ("guide-web.service", "guide-dispatcher.service")
ALL_SERVICES = (*LONG_RUNNING, "guide-export.service", "guide-backup.service")


def service_section(name: str) -> dict[str, str]:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read_string(Path(UNITS / name).read_text())
    return dict(parser["Service"])


@pytest.mark.parametrize("name", ALL_SERVICES)
def test_each_service_runs_as_the_guide_user_confined(name):
    service = service_section(name)
    assert service["User"] == "guide"
    assert service["NoNewPrivileges"] == "yes"
    assert service["ProtectSystem"] == "strict"
    assert service["ProtectHome"] == "yes"
    assert service["PrivateTmp"] == "yes"
    assert service["CapabilityBoundingSet"] == ""
    assert service["UMask"] in ("0077", "0027")  # 0027: the export, read by group caddy
    assert service["EnvironmentFile"] == "/etc/guide/guide.env"


@pytest.mark.parametrize("name", LONG_RUNNING)
def test_the_web_server_and_the_dispatcher_always_come_back(name):
    service = service_section(name)
    assert service["Restart"] == "always"
    assert service["UMask"] == "0077"
    assert service["StateDirectoryMode"] == "0700"


def test_gunicorn_leaves_the_dispatcher_to_its_own_unit():
    assert service_section("guide-web.service")["Environment"] == "START_DISPATCHER=0"


def test_the_backup_runs_daily_with_the_online_backup_command():
    assert "db backup" in service_section("guide-backup.service")["ExecStart"]
    assert "OnCalendar=" in (UNITS / "guide-backup.timer").read_text()


def unit_sections(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read_string(Path(UNITS / name).read_text())
    return parser


def test_gunicorn_gets_a_unix_socket_only_caddys_group_can_open():
    socket_unit = unit_sections("guide-web.socket")["Socket"]
    assert socket_unit["ListenStream"].startswith("/run/")
    assert (socket_unit["SocketUser"], socket_unit["SocketGroup"]) == ("guide", "caddy")
    assert socket_unit["SocketMode"] == "0660"
    web = unit_sections("guide-web.service")
    assert "guide-web.socket" in web["Unit"]["Requires"]
    assert web["Service"]["IPAddressDeny"] == "any"  # it never calls out
    caddy_env = (UNITS / "caddy.env.example").read_text()
    assert f"UPSTREAM=unix/{socket_unit['ListenStream']}" in caddy_env
    assert "PORT=" not in (UNITS / "guide.env.example").read_text()


def test_the_dispatcher_unit_has_a_watchdog():
    service = service_section("guide-dispatcher.service")
    assert service["Type"] == "notify"
    assert int(service["WatchdogSec"]) > 60  # the longest pause between failing rounds


@pytest.mark.parametrize("name", ["guide-backup.service", "guide-export.service"])
def test_backup_and_export_have_no_network(name):
    service = service_section(name)
    assert service["PrivateNetwork"] == "yes"
    assert service["IPAddressDeny"] == "any"
    assert service["RestrictAddressFamilies"] == "AF_UNIX"
