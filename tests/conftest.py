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
def pipeline():
    return default_pipeline()


@pytest.fixture(scope="session")
def spine_pipeline():
    """The stages of the spine issue only (structure, sentences, language, metadata): for tests of those on
    thousands of shared pages, where entities and quotes would only cost time."""
    from newsprism.pipeline import Pipeline

    full = default_pipeline()
    names = [s.name for s in full.stages]
    return Pipeline(full.stages[: names.index("metadata") + 1])


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
