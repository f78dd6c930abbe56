"""`make build`: the pages' scripts, each entry (webapp/<feature>/static/*.js, an ES module)
bundled by esbuild with what it imports into one classic script, minified, in
build/scripts/<feature>/static/. Classic, not `type="module"`: a phone whose browser has
service workers but no modules (Chrome 40 to 60) keeps its offline copy and its ticks.
ES2018 at most, as ESLint allows in the sources. The digest of the sources goes beside
the bundles last, so a failed build leaves the app refusing the old ones
(webapp/core/assets.py).
"""

import shutil
import subprocess  # nosec B404  # the project's own esbuild, no shell
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from webapp.core.assets import (  # noqa: E402
    PACKAGE_DIR,
    SCRIPTS_BUILD,
    SOURCES_DIGEST,
    script_sources_digest,
)

ESBUILD = ROOT / "node_modules" / ".bin" / "esbuild"


def main() -> None:
    entries = sorted(PACKAGE_DIR.glob("*/static/*.js"))
    if SCRIPTS_BUILD.exists():
        shutil.rmtree(SCRIPTS_BUILD)
    command = [
        str(ESBUILD),
        *(str(entry) for entry in entries),
        "--bundle",
        "--format=iife",
        "--target=es2018",
        "--minify",
        "--charset=utf8",
        '--banner:js="use strict";',
        f"--outbase={PACKAGE_DIR}",
        f"--outdir={SCRIPTS_BUILD}",
        "--log-level=warning",
    ]
    subprocess.run(command, check=True)  # noqa: S603  # nosec B603
    (SCRIPTS_BUILD / SOURCES_DIGEST).write_text(script_sources_digest() + "\n")


if __name__ == "__main__":
    main()
