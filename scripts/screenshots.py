"""Take the README's screenshots: the article view of example 002 and the actor page of Alexander Lukashenko.

    python scripts/screenshots.py [docs/img]

Ingests the two bundled examples into a temporary database, serves the web UI on a free local port, and drives
Debian's chromium (headless, through Playwright) to take the pictures.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from click.testing import CliRunner
from playwright.sync_api import sync_playwright

from newsprism.cli.main import cli, example_paths
from newsprism.web.app import create_app
from newsprism.web.server import HEADLESS_CHROMIUM_ARGS, running


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/img")
    out.mkdir(parents=True, exist_ok=True)
    chromium = shutil.which("chromium") or sys.exit("no chromium: apt-get install chromium")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "shots.db"
        res = CliRunner().invoke(cli, ["ingest", "--db", str(db), "--workers", "1", "--quiet", *example_paths()])
        if res.exit_code:
            sys.exit(res.output)
        with running(create_app(db)) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=HEADLESS_CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1250})
            page.goto(f"{base}/articles/8e781e70ede3aa1d")
            page.screenshot(path=str(out / "article-002.png"))
            page.goto(f"{base}/actors/alexander-lukashenko")
            page.screenshot(path=str(out / "actor-lukashenko.png"))
            browser.close()
    print(f"screenshots in {out}: article-002.png, actor-lukashenko.png")


if __name__ == "__main__":
    main()
