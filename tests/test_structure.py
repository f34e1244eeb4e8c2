"""The seams, checked on the code itself: what imports what (issue 14's structure)."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "newsprism"


def _imports(path: Path) -> set[str]:
    """The modules ``path`` imports (absolute names; relative imports resolved against its package)."""
    package = ".".join(path.relative_to(SRC.parent).with_suffix("").parts[:-1])
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            out.add(base)
            out.update(f"{base}.{a.name}" for a in node.names)
    return out


def _modules(folder: str) -> list[Path]:
    return sorted((SRC / folder).rglob("*.py"))


BACKENDS = ("newsprism.storage.sqlite", "newsprism.storage.migrations")


def test_no_stage_package_imports_another_stage_package():
    stage_packages = [p.name for p in (SRC / "pipeline").iterdir() if (p / "__init__.py").exists()]
    assert {"quotes", "entities", "narratives"} <= set(stage_packages)
    wrong = []
    for pkg in stage_packages:
        for path in _modules(f"pipeline/{pkg}"):
            for name in _imports(path):
                other = [o for o in stage_packages if o != pkg and name.startswith(f"newsprism.pipeline.{o}")]
                if other:
                    wrong.append(f"{path.relative_to(SRC)} imports {name}")
    assert not wrong, wrong


def test_ingest_and_the_web_import_no_backend():
    wrong = [
        f"{path.relative_to(SRC)} imports {name}"
        for folder in ("ingest", "web", "fetch")
        for path in _modules(folder)
        for name in _imports(path)
        if name.startswith(BACKENDS) or name.endswith("SQLiteStore")
    ]
    assert not wrong, wrong


def test_the_import_reader_sees_imports():  # the checks above are only as good as this
    found = _imports(SRC / "ingest" / "runner.py")
    assert "newsprism.storage.stemming.search_fields" in found and "newsprism.pipeline.base" in found
    found = _imports(SRC / "pipeline" / "quotes" / "__init__.py")
    assert any(n.startswith("newsprism.") for n in found)
