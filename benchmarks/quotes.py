"""Quotes benchmark: what the quotes stage costs per article, normalised to 500 words.

    python benchmarks/quotes.py ../shared/data/quotes-de-wikinews [--repeat 3]
    python benchmarks/quotes.py src/newsprism/examples

The same as ``python benchmarks/stages.py FOLDER --stages quotes``; see benchmarks/stages.py.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stages import run


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path, help="folder of .txt articles")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs per article; the best counts")
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles")
    args = ap.parse_args()
    run(args.folder, ["quotes"], args.repeat, args.limit)


if __name__ == "__main__":
    main()
