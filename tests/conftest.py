"""Shared fixtures: the bundled example articles with their gold, and the shared dev data (skipped when absent)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from newsprism import Document, default_pipeline
from newsprism.cli.main import example_paths
from newsprism.document import Source

from .backends import BACKENDS, database_factory, postgres_databases

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # for benchmarks.corpora
GOLDEN = Path(__file__).parent / "golden"
SHARED = Path(os.environ.get("NEWSPRISM_SHARED", ROOT.parent / "shared"))
DATA = SHARED / "data"


def shared_path(*parts: str) -> Path:
    """A path in the shared dev data, or a skip when this machine has no ../shared."""
    p = DATA.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"shared dev data not available: {p}")
    return p


@pytest.fixture(scope="session")
def postgres():
    """The session's PostgreSQL server (its databases), or why there is none."""
    yield from postgres_databases()


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return str(request.param)


@pytest.fixture
def new_db(backend, tmp_path, postgres):
    """``new_db(name)``: a new empty database on the test's backend (SQLite file or PostgreSQL URL)."""
    return database_factory(backend, tmp_path, postgres)


@pytest.fixture(scope="module", params=BACKENDS)
def module_new_db(request, tmp_path_factory, postgres):
    """``new_db`` for a module's shared database: one per backend."""
    return database_factory(str(request.param), tmp_path_factory.mktemp(str(request.param)), postgres)


@pytest.fixture(scope="session")
def pipeline():
    return default_pipeline()


@pytest.fixture(scope="session")
def spine_pipeline():
    """The stages of the spine issue only (structure, sentences, language, metadata): for tests of those on
    thousands of shared pages, where entities and quotes would only cost time."""
    return default_pipeline(stages="spine")


@pytest.fixture(scope="session")
def examples(pipeline) -> dict[str, tuple[Document, dict[str, Any]]]:
    """The two example articles analysed, keyed by their number ("000", "002"), each with its gold."""
    out = {}
    for path in example_paths():
        name = Path(path).name
        gold = json.loads((GOLDEN / name.replace(".txt", ".gold.json")).read_text(encoding="utf-8"))
        text = Path(path).read_text(encoding="utf-8")
        out[name[:3]] = (pipeline(Document(text, source=Source(path=path))), gold)
    return out


HOSTILE = (
    "Hostile page\n\n"
    "MINSK, 8. August (BelTA) - <script>window.__pwned = 'script'</script> Der Präsident sagte: "
    "„<img src=x onerror=\"window.__pwned='img'\">Wir klicken nie.“ <a href=\"javascript:window.__pwned='link'\">hier</a> "
    "&lt;b&gt;fett&lt;/b&gt; &amp; <svg onload=\"window.__pwned='svg'\"></svg> <style>body{display:none}</style>\n"
)


@pytest.fixture(scope="session", params=BACKENDS)
def web(request, tmp_path_factory, postgres):
    """A real HTTP server (uvicorn in a thread) over a database holding the two examples and a hostile article;
    ingest allowed with the token "test-token"; once on SQLite, once on PostgreSQL. Yields (base URL, database)."""
    from click.testing import CliRunner

    from newsprism.cli.main import cli, example_paths
    from newsprism.web.app import create_app
    from newsprism.web.server import running

    folder = tmp_path_factory.mktemp("web")
    hostile = folder / "hostile.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    db = database_factory(str(request.param), folder, postgres)("web")
    res = CliRunner().invoke(cli, ["ingest", "--db", db, "--workers", "1", *example_paths(), str(hostile)])
    assert res.exit_code == 0, res.output
    with running(create_app(db, token="test-token")) as base:
        yield base, db
