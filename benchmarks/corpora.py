"""Readers for the shared development corpora (never copied into the repository; paths are arguments)."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def fang_records(folder: str | Path) -> Iterator[dict[str, Any]]:
    """FANG-COVID articles (zipped CSV per outlet) as newsprism JSON Lines records."""
    csv.field_size_limit(10**9)
    root = Path(folder)
    zips = sorted(root.glob("preprocessed/*.zip")) or sorted(root.glob("*.zip"))
    if not zips:
        raise SystemExit(f"no FANG-COVID zip files under {root}")
    for z in zips:
        with zipfile.ZipFile(z) as zf:
            for name in zf.namelist():
                if not name.endswith(".csv"):
                    continue
                with zf.open(name) as fh:
                    for row in csv.DictReader(io.TextIOWrapper(fh, encoding="utf-8")):
                        if not (row.get("article") or "").strip():
                            continue
                        yield {
                            "text": row["article"],
                            "title": (row.get("header") or "").strip() or None,
                            "published": row.get("date") or None,
                            "url": row.get("url") or None,
                            "outlet": z.stem,
                        }


def write_jsonl(records: Iterator[dict[str, Any]], path: Path, limit: int | None = None) -> int:
    n = 0
    with open(path, "w", encoding="utf-8") as fh:
        for rec in records:
            if limit is not None and n >= limit:
                break
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    return n
