"""The entity stage's names against the NER's own spans, by cross-validation over the NER's GermEval training
sentences — text the stage's rules were never tuned on (the held-out sentences are left alone).

    python scripts/entities_cv.py ../shared/data/ner-de [--folds 5] [--epochs 12]

For each fold, the NER is trained as scripts/train_ner.py trains it (the other folds and SmartData, the shipped
model's threshold), then both are scored on the fold: the NER's spans (``newsprism.evaluation.ner.score``) and the
names the entity stage makes of them with the registry and its one-word filters (``score_mentions``). Prints each
fold and the mean; nothing is written. About four minutes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from train_ner import instances, read_smartdata, train  # noqa: E402

from newsprism.evaluation.ner import fold, score, score_mentions, training_sentences  # noqa: E402
from newsprism.pipeline.entities.gazetteer import gazetteer_for  # noqa: E402
from newsprism.pipeline.entities.ner import NerModel, bundled_model  # noqa: E402
from newsprism.registry.actors import load_actors  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", type=Path, help="the ner-de folder (GermEval files and smartdata/)")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--epochs", type=int, default=12)
    args = ap.parse_args()

    germeval = training_sentences(args.data)
    extra = read_smartdata(args.data / "smartdata")
    registry = load_actors()
    gazetteer = gazetteer_for(registry)
    threshold = bundled_model().threshold
    sums = {"ner": [0.0, 0.0, 0.0], "mentions": [0.0, 0.0, 0.0]}
    for k in range(args.folds):
        tune, rest = fold(germeval, k, args.folds)
        trained = train(instances(rest + extra, gazetteer), args.epochs, quiet=True)
        model = NerModel(trained.weights, trained.classes, threshold)
        line = [f"fold {k + 1}/{args.folds} ({len(tune)} sentences)"]
        for what, s in (("ner", score(model, tune, gazetteer)), ("mentions", score_mentions(model, tune, registry))):
            for i, key in enumerate(("all", "all_p", "all_r")):
                sums[what][i] += s[key] / args.folds
            line.append(f"{what} F1 {s['all']:.3f} (P {s['all_p']:.3f} R {s['all_r']:.3f})")
        print("   ".join(line), flush=True)
    for what, (f, p, r) in sums.items():
        print(f"mean {what:<8} F1 {f:.3f}   precision {p:.3f}   recall {r:.3f}")


if __name__ == "__main__":
    main()
