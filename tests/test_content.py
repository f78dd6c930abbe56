"""The guide's content: stable ids, both languages, and the facts that must be right."""

import re
from pathlib import Path

import pytest

from webapp.content.guide import METHODS, SITUATIONS, all_steps, method_by_id

STEP_ID_LIST = Path(__file__).resolve().parent.parent / "webapp" / "content" / "step_ids.txt"


def published_step_ids() -> set[str]:
    lines = STEP_ID_LIST.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def test_step_ids_are_unique_well_formed_and_published():
    ids = [step.id for step in all_steps()]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z]{2}-[a-z0-9-]+", step_id) for step_id in ids)
    unpublished = set(ids) - published_step_ids()
    assert not unpublished, f"add these ids to {STEP_ID_LIST.name}: {sorted(unpublished)}"


def test_method_ids_are_unique_and_situations_point_at_real_methods():
    assert len({method.id for method in METHODS}) == len(METHODS)
    for situation in SITUATIONS:
        for method_id in situation.method_ids:
            assert method_by_id(method_id) is not None


@pytest.mark.parametrize("method", METHODS, ids=lambda m: m.id)
def test_every_method_has_steps_written_in_both_languages(client, method):
    assert method.steps
    english = client.get(f"/en/{method.id}").get_data(as_text=True)
    indonesian = client.get(f"/id/{method.id}").get_data(as_text=True)
    for step in method.steps:
        assert str(step.text) in english
        assert str(step.text) not in indonesian  # translated, not the English fallback


def test_the_order_of_escalation_is_safest_first():
    assert [m.id for m in METHODS][:3] == ["password-reset", "unlock-request", "factory-reset"]


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
