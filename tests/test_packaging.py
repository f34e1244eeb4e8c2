"""Every data file the package reads is declared as package data, so that `pip install .` (not only an editable
install) ships it: a missing model or word list would break the README's first command."""

from __future__ import annotations

import fnmatch
import tomllib

from .conftest import ROOT


def test_every_bundled_data_file_is_package_data():
    conf = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = conf["tool"]["setuptools"]["package-data"]["newsprism"]
    pkg = ROOT / "src" / "newsprism"
    folders = ("data", "examples", "web/templates", "web/static")
    files = [p for sub in folders for p in (pkg / sub).iterdir() if p.is_file() and p.suffix != ".py"]
    assert files
    missing = [
        str(p.relative_to(pkg)) for p in files if not any(fnmatch.fnmatch(str(p.relative_to(pkg)), pat) for pat in patterns)
    ]
    assert not missing, f"not in [tool.setuptools.package-data]: {missing}"
