"""Where newsprism keeps what users add (imported narratives, trained models) and what it caches.

``$NEWSPRISM_HOME`` (default ``~/.local/share/newsprism``, or ``$XDG_DATA_HOME/newsprism``) holds the users' data;
``$NEWSPRISM_CACHE`` (default ``~/.cache/newsprism``) holds what can be rebuilt (embeddings of catalogue examples).
"""

from __future__ import annotations

import os
from pathlib import Path


def data_home() -> Path:
    if os.environ.get("NEWSPRISM_HOME"):
        return Path(os.environ["NEWSPRISM_HOME"])
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "newsprism"


def cache_home() -> Path:
    if os.environ.get("NEWSPRISM_CACHE"):
        return Path(os.environ["NEWSPRISM_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsprism"
