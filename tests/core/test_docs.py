"""The documentation names only what exists: every link between the docs, every anchor,
every path into the repository, and every entry of the layout trees."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
# A backticked path is checked when it starts in one of these: the rest (`/id/`,
# `instance/...`, `/etc/guide/...`) are URLs or places made at run time.
REPOSITORY_ROOTS = (
    ".ci/",
    "bench/",
    "deploy/",
    "docs/",
    "requirements/",
    "scripts/",
    "service_worker/",
    "tests/",
    "translations/",
    "webapp/",
)
TOP_FILES = {"Makefile", "app.py", "gunicorn.conf.py", "pyproject.toml", "README.md", "babel.cfg"}
# What a doc tells the reader to create.
TO_CREATE = {"translations/jv/LC_MESSAGES/messages.po"}  # docs/translating.md: a new language
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
CODE = re.compile(r"`([^`\s]+)`")
FENCE = re.compile(r"^```.*?^```", re.S | re.M)
TREE_LINE = re.compile(r"^( *)([\w.][\w. /-]*?)(?:\s{2,}|$)")


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading."""
    text = re.sub(r"[`*]", "", heading.strip().lower())
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(doc: Path) -> set[str]:
    text = FENCE.sub("", doc.read_text())
    return {slug(line.lstrip("#")) for line in text.splitlines() if line.startswith("#")}


def links(doc: Path) -> list[str]:
    return LINK.findall(FENCE.sub("", doc.read_text()))


def repository_paths(doc: Path) -> list[str]:
    """Backticked paths into the repository, outside code blocks."""
    found = []
    for token in CODE.findall(FENCE.sub("", doc.read_text())):
        token = token.rstrip(".,:;")
        if token in TOP_FILES or token.startswith(REPOSITORY_ROOTS):
            found.append(token)
    return found


def tree_paths(doc: Path) -> list[str]:
    """The entries of a layout tree (a code block of `name/` lines, nested by indentation)."""
    found = []
    for block in FENCE.findall(doc.read_text()):
        lines = block.splitlines()[1:-1]
        if not lines or not lines[0].split()[0].endswith((".py", "/")):
            continue
        parents: list[tuple[int, str]] = []
        for line in lines:
            match = TREE_LINE.match(line)
            indent = len(line) - len(line.lstrip())
            if not match or indent >= 10:  # a description's continuation
                continue
            while parents and parents[-1][0] >= indent:
                parents.pop()
            prefix = parents[-1][1] if parents else ""
            names = match.group(2).split()
            for name in names:
                found.append(prefix + name)
            if len(names) == 1 and names[0].endswith("/"):
                parents.append((indent, prefix + names[0]))
    return found


def exists(path: str) -> bool:
    if "<" in path or "*" in path:
        pattern = re.sub(r"<[^>]+>", "*", path)
        return any(ROOT.glob(pattern.rstrip("/")))
    return (ROOT / path).exists()


@pytest.mark.parametrize("doc", DOCS, ids=lambda doc: doc.name)
def test_every_internal_link_resolves(doc):
    broken = []
    for target in links(doc):
        if re.match(r"[a-z]+:", target):
            continue  # another site, or mailto:
        path, _, anchor = target.partition("#")
        file = (doc.parent / path).resolve() if path else doc
        if not file.exists():
            broken.append(target)
        elif anchor and anchor not in anchors(file):
            broken.append(target)
    assert not broken, f"{doc.name}: {broken}"


@pytest.mark.parametrize("doc", DOCS, ids=lambda doc: doc.name)
def test_every_path_named_exists(doc):
    named = repository_paths(doc) + tree_paths(doc)
    missing = [path for path in named if not exists(path) and path not in TO_CREATE]
    assert not missing, f"{doc.name} names what does not exist: {missing}"


def test_the_checks_see_what_they_check():
    """The checks above would pass on docs they cannot read; make sure they read these."""
    architecture = ROOT / "docs" / "architecture.md"
    assert "webapp/core/security.py" in tree_paths(architecture)
    assert "tests/core/test_layers.py" in repository_paths(architecture)
    assert "docs/architecture.md" in links(ROOT / "README.md")
    assert "pages" in anchors(ROOT / "docs" / "features.md")
    assert not exists("webapp/security.py")


def test_the_readme_is_a_front_door():
    readme = (ROOT / "README.md").read_text()
    assert len(readme.splitlines()) <= 170
    # CI and a new developer run these two, as the README says.
    assert "make run" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text()
