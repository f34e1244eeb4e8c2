"""Instruction-count benchmark: CPU instructions one or more stages execute per 500 words, under valgrind.

    python benchmarks/instructions.py ../shared/data/quotes-de-wikinews --stages quotes [--limit 100]

Wall-clock figures on a shared machine move by ±30 % from one minute to the next; the number of instructions a
stage executes does not. This runs the stages (warm: once before counting) over the articles in a child process
under ``valgrind --tool=callgrind``, once with one pass and once with three, and prints the difference per pass,
per 500 words — a figure to compare two versions of the code on any machine (not a time: an instruction takes
well under a nanosecond on a current CPU, more under load). Needs valgrind (``apt-get install valgrind``); about
a minute per 100 articles.
"""

from __future__ import annotations

import argparse
import os
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newsprism import Document, default_pipeline
from newsprism.pipeline import Pipeline

WORD = re.compile(r"\w+")
_COLLECTED = re.compile(r"Collected : (\d+)")


def _child(prepared: Path, names: list[str], passes: int) -> None:
    """Run in the counted process: the timed stages over the prepared documents, ``passes`` times after a warm one."""
    full = default_pipeline()
    timed = [s for s in full.stages if s.name in names]
    docs = pickle.loads(prepared.read_bytes())
    for _ in range(1 + passes):
        for doc in docs:
            for s in timed:
                for layer in s.assigns:
                    doc.layers.pop(layer, None)
                s(doc)


def _count(prepared: Path, names: list[str], passes: int) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={tmp}/out",
            sys.executable,
            __file__,
            "--child",
            str(prepared),
            "--stages",
            ",".join(names),
            "--passes",
            str(passes),
        ]
        # a fixed hash seed: with a random one, set and dict layouts vary from run to run and so, by ±2 %, the count
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        run = subprocess.run(cmd, capture_output=True, text=True, check=False, env=env)
    m = _COLLECTED.search(run.stderr)
    if run.returncode or not m:
        sys.exit(f"valgrind failed ({run.returncode}):\n{run.stderr[-2000:]}")
    return int(m.group(1))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path, nargs="?", help="folder of .txt articles")
    ap.add_argument("--stages", default="quotes", help="comma-separated stage names")
    ap.add_argument("--limit", type=int, default=100, help="the first N articles (0: all)")
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--passes", type=int, default=1, help=argparse.SUPPRESS)
    args = ap.parse_args()
    names = [s.strip() for s in args.stages.split(",") if s.strip()]
    if args.child is not None:
        _child(args.child, names, args.passes)
        return
    if args.folder is None:
        ap.error("give a folder of .txt articles")
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (apt-get install valgrind)")
    full = default_pipeline()
    order = [s.name for s in full.stages]
    unknown = [n for n in names if n not in order]
    if unknown:
        sys.exit(f"no stage {', '.join(unknown)}; the stages are {', '.join(order)}")
    before = Pipeline(full.stages[: min(order.index(n) for n in names)])
    paths = sorted(args.folder.glob("*.txt"))[: args.limit or None]
    if not paths:
        sys.exit(f"{args.folder}: no .txt files")
    docs, words = [], 0
    for p in paths:
        text = p.read_text(encoding="utf-8", errors="replace")
        words += len(WORD.findall(text))
        docs.append(before(Document(text)))
    with tempfile.NamedTemporaryFile(suffix=".pickle") as f:
        f.write(pickle.dumps(docs))
        f.flush()
        one, three = _count(Path(f.name), names, 1), _count(Path(f.name), names, 3)
    per_pass = (three - one) / 2
    print(f"articles {len(docs)}   words {words}")
    print(f"{' + '.join(names)}: {per_pass / words * 500 / 1e6:.2f} million instructions per 500 words (warm)")


if __name__ == "__main__":
    main()
