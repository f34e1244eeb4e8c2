"""How the German NER's held-out F1 grows with its training data: the evidence behind "more labelled data, not a
different learner" (docs/entities.md).

    python scripts/ner_learning_curve.py ../shared/data/ner-de [--fractions 0.125,0.25,0.5,1] [--epochs 12]

Trains the same model as scripts/train_ner.py (averaged perceptron over candidate spans, same features, same
gazetteers, the shipped model's decision threshold) on growing random shares of the GermEval training sentences —
SmartData is added whole to every share, as in training — and scores each on the 550 held-out GermEval sentences
(PER, ORG, LOC). Prints one line per share and a least-squares line of F1 over log2(training sentences), extended to
the F1 the entities issue asks for. Nothing is written.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from train_ner import instances, read_smartdata, train  # noqa: E402

from newsprism.evaluation.ner import held_out_sentences, training_sentences  # noqa: E402
from newsprism.evaluation.ner import score as evaluate  # noqa: E402
from newsprism.pipeline.entities.gazetteer import default_gazetteer  # noqa: E402
from newsprism.pipeline.entities.ner import NerModel, bundled_model  # noqa: E402


def fit_line(xs: list[float], ys: list[float]) -> tuple[float, float]:
    """Slope and intercept of the least-squares line through the points."""
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx
    return slope, my - slope * mx


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", type=Path, help="the ner-de folder (GermEval files and smartdata/)")
    ap.add_argument("--fractions", default="0.125,0.25,0.5,1", help="shares of the GermEval training sentences")
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--target", type=float, default=0.80, help="the F1 to extend the line to")
    args = ap.parse_args()

    held = held_out_sentences(args.data)
    germeval = training_sentences(args.data)
    extra = read_smartdata(args.data / "smartdata")
    gaz = default_gazetteer()
    threshold = bundled_model().threshold
    order = list(range(len(germeval)))
    random.Random(7).shuffle(order)
    sizes, f1s = [], []
    print(
        f"GermEval training sentences: {len(germeval)}; SmartData sentences added to each share: {len(extra)}; "
        f"held out: {len(held)}; threshold {threshold:g}"
    )
    for frac in (float(x) for x in args.fractions.split(",")):
        t0 = time.time()
        part = [germeval[i] for i in sorted(order[: round(frac * len(germeval))])]
        trained = train(instances(part + extra, gaz), args.epochs, quiet=True)
        s = evaluate(NerModel(trained.weights, trained.classes, threshold), held, gaz)
        sizes.append(len(part))
        f1s.append(s["all"])
        print(
            f"{frac:>6.3f}  {len(part):>5} sentences  F1 {s['all']:.3f}  (PER {s['PER']:.3f}  ORG {s['ORG']:.3f}  "
            f"LOC {s['LOC']:.3f})  {time.time() - t0:.0f} s",
            flush=True,
        )
    if len(sizes) >= 2:
        slope, icpt = fit_line([math.log2(n) for n in sizes], f1s)
        print(f"F1 ≈ {icpt:.3f} + {slope:.4f} · log2(GermEval sentences): +{slope:.3f} per doubling")
        if slope > 0:
            need = 2 ** ((args.target - icpt) / slope)
            print(
                f"the line reaches F1 {args.target:.2f} at about {need:,.0f} GermEval sentences "
                f"({need / sizes[-1]:.1f}× the {sizes[-1]} available)"
            )


if __name__ == "__main__":
    main()
