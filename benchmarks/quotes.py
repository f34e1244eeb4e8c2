"""Quotes benchmark: what the quotes stage costs per article, normalised to 500 words.

    python benchmarks/quotes.py ../shared/data/quotes-de-wikinews [--repeat 3]
    python benchmarks/quotes.py src/newsprism/examples

Runs the stages before it once per article, then times the quotes stage alone and prints milliseconds per 500
words (median, 95th percentile) and words/s, for the whole pipeline too. "first pass" is each article read once
in this fresh process, in order — word knowledge (lemmas, name tests) is learnt as new words come; "warm" is the
best of ``--repeat`` further runs, the cost once the vocabulary is known. Any folder of ``.txt`` articles works.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newsprism import Document, default_pipeline
from newsprism.pipeline import Pipeline
from newsprism.pipeline.quotes import QuoteStage

WORD = re.compile(r"\w+")


def _fresh(doc: Document) -> Document:
    """The prepared document without the layers the quotes stage adds (it adds to the document it gets)."""
    for layer in QuoteStage.adds:
        doc.layers.pop(layer, None)
    return doc


def _best(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path, help="folder of .txt articles")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs per article; the best counts")
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles")
    args = ap.parse_args()

    paths = sorted(args.folder.glob("*.txt"))[: args.limit or None]
    if not paths:
        sys.exit(f"{args.folder}: no .txt files")
    full = default_pipeline()
    before = Pipeline([s for s in full.stages if not isinstance(s, QuoteStage)])
    stage = QuoteStage()
    first500: list[float] = []
    per500: list[float] = []
    full_per500: list[float] = []
    words = quotes = 0
    first_s = stage_s = full_s = 0.0
    prepared_docs = []
    stage(before(Document("Titel\n\nDie Ministerin sagte, die Regeln seien streng.\n")))  # load the lexicon files
    for p in paths:
        text = p.read_text(encoding="utf-8")
        n = len(WORD.findall(text))
        if n == 0:
            continue
        prepared = before(Document(text))
        t0 = time.perf_counter()
        quotes += len(stage(prepared).layer("quotes"))
        t = time.perf_counter() - t0
        first_s += t
        first500.append(t * 1000 * 500 / n)
        prepared_docs.append((text, n, prepared))
    for text, n, prepared in prepared_docs:
        t = _best(lambda prepared=prepared: stage(_fresh(prepared)), args.repeat)
        t_full = _best(lambda text=text: full(Document(text)), 1)
        words += n
        stage_s += t
        full_s += t_full
        per500.append(t * 1000 * 500 / n)
        full_per500.append(t_full * 1000 * 500 / n)

    def pct(xs: list[float], q: float) -> float:
        return sorted(xs)[min(len(xs) - 1, int(q * len(xs)))]

    print(f"articles {len(per500)}   words {words}   quotes found {quotes}")
    print(
        f"quotes stage, first pass   ms per 500 words: median {statistics.median(first500):.2f}"
        f"   p95 {pct(first500, 0.95):.2f}   ({words / first_s:,.0f} words/s)"
    )
    print(
        f"quotes stage, warm         ms per 500 words: median {statistics.median(per500):.2f}   p95 {pct(per500, 0.95):.2f}"
        f"   max {max(per500):.2f}   ({words / stage_s:,.0f} words/s)"
    )
    print(
        f"whole pipeline, warm       ms per 500 words: median {statistics.median(full_per500):.2f}   p95 {pct(full_per500, 0.95):.2f}"
        f"   ({words / full_s:,.0f} words/s)"
    )


if __name__ == "__main__":
    main()
