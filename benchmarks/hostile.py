"""Hostile-input benchmark: the hardening audit's reproductions, timed and measured, old and new code side by side.

    python benchmarks/hostile.py [--baseline-src /path/to/old/src] [--sizes 0.16,0.63,1.26]

Each case runs in a fresh process (``PYTHONPATH`` set to the code measured) and reports wall time and peak resident
memory (``ru_maxrss`` of the child):
- ``analyze`` of one-line texts of growing size (the audit saw time grow with the square of a line's length);
- ``ingest`` of a ``.jsonl.gz`` whose one line unpacks to 256 MB, under the 20 MB limit (the audit saw 2.1 GB
  resident before the size check);
- a 2,000-byte search query of prefixes over a database of the examples (the audit saw 19 s).
With ``--baseline-src`` (e.g. ``git worktree add /tmp/old HEAD~3``, then ``/tmp/old/src``) each case runs on both.
"""

from __future__ import annotations

import argparse
import gzip
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SENTENCE = "Der Minister sagte, die Lage sei ernst, und „wir handeln“, sagte er am Mittwoch in Berlin. "


def _run(src: Path, args: list[str], timeout: float) -> tuple[float, float, str]:
    """(seconds, peak MB of the child, the end of its output) of ``python -m newsprism ARGS`` on the code in ``src``."""
    code = (
        "import resource, runpy, sys; sys.argv = ['newsprism', *sys.argv[1:]]\n"
        "try:\n    runpy.run_module('newsprism', run_name='__main__')\n"
        "finally:\n    print('MAXRSS', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(src)}
    t0 = time.perf_counter()
    try:
        res = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=timeout)
    except subprocess.TimeoutExpired:
        return time.perf_counter() - t0, float("nan"), f"stopped after {timeout:g} s"
    elapsed = time.perf_counter() - t0
    rss = next((int(x.split()[1]) / 1024 for x in res.stderr.splitlines() if x.startswith("MAXRSS")), float("nan"))
    tail = " ".join((res.stdout + res.stderr).replace("MAXRSS", "").split())[-110:]
    return elapsed, rss, tail


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--baseline-src", type=Path)
    ap.add_argument("--sizes", default="0.16,0.63,1.26", help="MB of the one-line texts")
    ap.add_argument("--timeout", type=float, default=300)
    args = ap.parse_args()
    codes = [("this", ROOT / "src")]
    if args.baseline_src:
        codes.insert(0, ("baseline", args.baseline_src.resolve()))
    tmp = Path(tempfile.mkdtemp(prefix="newsprism-hostile-"))
    cases: list[tuple[str, list[str]]] = []
    for mb in (float(x) for x in args.sizes.split(",")):
        f = tmp / f"line-{mb}.txt"
        f.write_text(SENTENCE * int(mb * 1e6 / len(SENTENCE)), encoding="utf-8")
        cases.append((f"analyze a {mb} MB line", ["analyze", str(f), "--workers", "1"]))
    bomb = tmp / "bomb.jsonl.gz"
    with gzip.open(bomb, "wb", compresslevel=1) as fh:
        fh.write(b'{"text": "' + b"a" * (256 * 1024 * 1024) + b'"}\n')
    cases.append(("ingest a 256 MB one-line .jsonl.gz", ["ingest", str(bomb), "--db", str(tmp / "bomb.db"), "--workers", "1"]))
    db = tmp / "search.db"
    examples = [str(p) for p in sorted((ROOT / "src" / "newsprism" / "examples").glob("*.txt"))]
    subprocess.run([sys.executable, "-m", "newsprism", "ingest", *examples, "--db", str(db), "--workers", "1", "--quiet"],
                   env={**os.environ, "PYTHONPATH": str(ROOT / "src")}, capture_output=True, check=False)  # fmt: skip
    query = " ".join(f"{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}*" for i in range(500))[:2000]
    cases.append(("search a 2,000-byte query of prefixes", ["search", query, "--db", str(db)]))
    print(f"{'case':<40} {'code':<9} {'seconds':>8} {'peak MB':>8}  outcome")
    for name, argv in cases:
        for label, src in codes:
            seconds, rss, tail = _run(src, argv, args.timeout)
            print(f"{name:<40} {label:<9} {seconds:8.1f} {rss:8.0f}  {tail}")


if __name__ == "__main__":
    main()
