"""Train the bundled claim model from the project's own annotation of GermEval 2014 sentences.

    python scripts/train_claims.py ../shared/data/ner-de [--germeval2021 ../shared/data/claims-de/germeval2021/GermEval21_TrainData.csv]

The labels are in ``training/claims-germeval2014.tsv`` (ours, Apache-2.0); the sentence texts are read from the
GermEval 2014 files (CC BY 4.0), which never enter the repository. Prints the cross-validated scores on the
annotation, writes ``src/newsprism/data/claims_model.json``, and — given the GermEval 2021 file — scores the new
model on its held-out 20 % (the model is not trained on GermEval 2021, whose licence does not let a model trained on
it ship; ``newsprism eval claims --fit`` trains one for local use).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsprism.evaluation.claims import cross_validate, germeval2021, read_annotated  # noqa: E402
from newsprism.pipeline.claims import features, fit  # noqa: E402

C = 1.0
WORDS = True


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("ner_dir", type=Path, help="../shared/data/ner-de (GermEval 2014)")
    ap.add_argument("--germeval2021", type=Path, help="GermEval 2021 training CSV, to score the model on its held-out part")
    ap.add_argument("--out", type=Path, default=ROOT / "src/newsprism/data/claims_model.json")
    args = ap.parse_args()
    rows = read_annotated(ROOT / "training/claims-germeval2014.tsv", args.ner_dir)
    cv = cross_validate(rows, 5, WORDS, C)
    print(f"annotated sentences: {len(rows)} ({sum(y for _, y in rows)} claims)")
    print("5-fold on them: " + ", ".join(f"{k} {v:.3f}" for k, v in cv.items() if k != "n"))
    model = fit(((features(t, words=WORDS), y) for t, y in rows), c=C, source="newsprism annotation of GermEval 2014 (CC BY 4.0)")
    args.out.write_text(json.dumps(model.to_json(), ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(model.weights)} weights)")
    if args.germeval2021:
        r = germeval2021(args.germeval2021, model)
        for name in ("model", "fitted"):
            s = r[name]
            assert isinstance(s, dict)
            label = "this model" if name == "model" else "the recipe fitted on GermEval 2021's other 80 %"
            print(f"GermEval 2021 held-out 20 %, {label}: macro-F1 {s['macro_f1']:.3f}, F1 (claims) {s['f1_claim']:.3f}")


if __name__ == "__main__":
    main()
