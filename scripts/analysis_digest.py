"""Digest of the analysis output over a corpus, and the difference between two digests.

    python scripts/analysis_digest.py write OUT.jsonl PATH... [--workers 2] [--stages all]
    python scripts/analysis_digest.py diff OLD.jsonl NEW.jsonl [--show 5]

``write`` runs the pipeline over every input (folders of .txt files such as the WikiNews gold set, JSON Lines
files, or a FANG-COVID folder: its zipped CSVs are read as the benchmarks read them) and writes one line per
article: its id, the sha256 of its output contract and the contract itself. ``diff`` says which articles' output
changed between two digests and, for the first few, which parts of the contract changed — the check that a
refactoring kept the analysis byte for byte what it was.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

_PIPELINE: Any = None


def _records(paths: list[str]) -> Iterator[dict[str, Any]]:
    from benchmarks.corpora import fang_records

    for p in map(Path, paths):
        if p.is_dir() and (list(p.glob("preprocessed/*.zip")) or list(p.glob("*.zip"))):
            yield from fang_records(p)
        elif p.is_dir():
            for f in sorted(p.rglob("*.txt")):
                yield {"text": f.read_text(encoding="utf-8"), "path": str(f.relative_to(p))}
        elif p.suffix in (".jsonl", ".ndjson"):
            with p.open(encoding="utf-8") as fh:
                yield from (json.loads(line) for line in fh if line.strip())
        else:
            yield {"text": p.read_text(encoding="utf-8"), "path": p.name}


def _init(stages: str) -> None:
    global _PIPELINE
    from newsprism.pipeline import default_pipeline

    _PIPELINE = default_pipeline(stages=stages)


def _analyze(rec: dict[str, Any]) -> str:
    from newsprism.document import Document, Source
    from newsprism.output import contract

    hints = {k: v for k, v in rec.items() if k not in ("text", "path") and v is not None}
    doc = Document(rec["text"], source=Source(path=rec.get("path"), hints=hints))
    out = contract(_PIPELINE(doc))
    out["source"].pop("sha256", None)
    body = json.dumps(out, ensure_ascii=False, sort_keys=True)
    digest = hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()
    return json.dumps({"id": out["id"], "digest": digest, "contract": out}, ensure_ascii=False)


def write(out: str, paths: list[str], workers: int, stages: str) -> None:
    n = 0
    with open(out, "w", encoding="utf-8") as fh, ProcessPoolExecutor(workers, initializer=_init, initargs=(stages,)) as pool:
        for line in pool.map(_analyze, _records(paths), chunksize=8):
            fh.write(line + "\n")
            n += 1
    print(f"{n} articles → {out}")


def _load(path: str) -> dict[str, dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return {r["id"]: r for r in map(json.loads, fh)}


def diff(old: str, new: str, show: int) -> int:
    a, b = _load(old), _load(new)
    changed = [k for k in a if k in b and a[k]["digest"] != b[k]["digest"]]
    only_a, only_b = sorted(set(a) - set(b)), sorted(set(b) - set(a))
    print(f"{len(a)} old, {len(b)} new: {len(changed)} changed, {len(only_a)} only old, {len(only_b)} only new")
    for k in changed[:show]:
        ca, cb = a[k]["contract"], b[k]["contract"]
        parts = [p for p in sorted(set(ca) | set(cb)) if ca.get(p) != cb.get(p)]
        print(f"  {k}: {', '.join(parts)}")
        for p in parts[:3]:
            va, vb = ca.get(p), cb.get(p)
            if isinstance(va, list) and isinstance(vb, list):
                gone = [x for x in va if x not in vb][:2]
                came = [x for x in vb if x not in va][:2]
                print(f"    {p}: -{json.dumps(gone, ensure_ascii=False)[:300]}")
                print(f"    {p}: +{json.dumps(came, ensure_ascii=False)[:300]}")
            else:
                print(f"    {p}: {json.dumps(va, ensure_ascii=False)[:200]} → {json.dumps(vb, ensure_ascii=False)[:200]}")
    return 1 if changed or only_a or only_b else 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    w = sub.add_parser("write")
    w.add_argument("out")
    w.add_argument("paths", nargs="+")
    w.add_argument("--workers", type=int, default=2)
    w.add_argument("--stages", default="all")
    d = sub.add_parser("diff")
    d.add_argument("old")
    d.add_argument("new")
    d.add_argument("--show", type=int, default=5)
    args = ap.parse_args()
    if args.cmd == "write":
        write(args.out, args.paths, args.workers, args.stages)
    else:
        sys.exit(diff(args.old, args.new, args.show))


if __name__ == "__main__":
    main()
