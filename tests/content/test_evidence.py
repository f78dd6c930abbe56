"""The guide's evidence lives in this repository (docs/sources.md), not outside it: every source
is listed there with its check date, every page's claims have an entry, and nothing in the
repository points at a file outside it."""

import subprocess
from pathlib import Path

from webapp.content.guide import FAQ, METHODS
from webapp.content.sources import SOURCES

ROOT = Path(__file__).resolve().parents[2]
EVIDENCE = ROOT / "docs" / "sources.md"


def test_every_source_is_in_the_evidence_file_with_its_check_date():
    text = EVIDENCE.read_text(encoding="utf-8")
    for source in SOURCES:
        row = f"| `{source.id}` | [{source.title}]({source.url}) | {source.checked.isoformat()} |"
        assert row in text, f"docs/sources.md lacks (or has an old row for) {source.id}"


def test_every_page_that_makes_claims_has_an_entry_and_unconfirmed_points_are_listed():
    text = EVIDENCE.read_text(encoding="utf-8")
    for method in METHODS:
        assert f"`{method.id}`" in text.split("## Claims, page by page", 1)[1], method.id
    assert "### FAQ" in text and len(FAQ) > 0
    assert text.count("**Unconfirmed") >= 8
    assert "## Retired claims" in text


def test_no_file_in_the_repository_depends_on_a_file_outside_it():
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    for name in tracked:
        path = ROOT / name
        if path == Path(__file__).resolve():
            continue
        if path.suffix not in {".py", ".md", ".html", ".js", ".txt", ".toml", ".cfg", ".po"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        assert "../shared" not in text and "shared/docs" not in text, name
