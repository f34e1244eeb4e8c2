"""How many check-worthy claims an article gets, with every claim over the threshold kept and as the triage list
keeps them (the strongest ``$NEWSPRISM_CLAIMS_MAX``, 10 by default), on the first articles of a FANG-COVID folder.

    python scripts/claims_per_article.py ../shared/data/corpus-de/fang-covid [--articles 300]

Prints, for both, the median, 90th percentile and largest number of claims per article, the share of sentences
that are claims, and how many articles have more than ten. Nothing is written. About a minute per 300 articles.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from benchmarks.corpora import fang_records  # noqa: E402

from newsprism import Document, default_pipeline  # noqa: E402
from newsprism.settings import settings  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("fang", help="a FANG-COVID folder (../shared/data/corpus-de/fang-covid)")
    ap.add_argument("--articles", type=int, default=300)
    args = ap.parse_args()
    limit = settings().claims_max
    os.environ["NEWSPRISM_CLAIMS_MAX"] = "0"  # every claim over the threshold, then cut here as the stage cuts
    pipeline = default_pipeline(stages="claims")
    every, sentences = [], 0
    for record in itertools.islice(fang_records(args.fang), args.articles):
        doc = pipeline(Document(record["text"]))
        every.append(len(doc.layer("claims")))
        sentences += len(doc.layer("sentences"))
    for name, counts in (("every claim", every), (f"the {limit} strongest", [min(n, limit or n) for n in every])):
        counts = sorted(counts)
        print(
            f"{name:>18}: {len(counts)} articles, claims per article median {statistics.median(counts):g}, "
            f"p90 {counts[int(0.9 * len(counts))]}, max {counts[-1]}; {sum(counts) / max(sentences, 1):.1%} of "
            f"sentences; {sum(n > 10 for n in counts)} articles with more than 10"
        )


if __name__ == "__main__":
    main()
