"""The code's layers: features stand on content, content on the plumbing, nothing imports up.

The contract lives in pyproject.toml ([tool.importlinter]); import-linter reads the real
import graph of webapp/.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_no_module_imports_from_a_higher_layer():
    result = subprocess.run(
        [sys.executable, "-c", "from importlinter.cli import lint_imports; exit(lint_imports())"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def test_building_the_app_opens_makes_and_renders_nothing(tmp_path):
    from webapp import create_app

    instance = tmp_path / "instance"
    app = create_app({"TESTING": True}, str(instance))
    assert app.url_map.bind("localhost").match("/en/") == ("guide.home", {"lang_code": "en"})
    assert not instance.exists()


def test_flask_help_and_the_translate_commands_create_nothing(tmp_path):
    instance = tmp_path / "instance"
    env = {"INSTANCE_PATH": str(instance), "PATH": str(Path(sys.executable).parent)}
    outputs = []
    for command in (["--help"], ["translate", "--help"], ["translate", "extract"]):
        result = subprocess.run(
            [sys.executable, "-m", "flask", "--app", "app", *command],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        outputs.append(result.stdout)
    assert "prepare" in outputs[0] and "translate" in outputs[0]
    assert not instance.exists()
