"""Train newsprism's German NER (src/newsprism/data/ner_model.json.gz) and report its F1 on held-out data.

    python scripts/train_ner.py ../shared/data/ner-de [--epochs 12] [--no-smartdata] [--dry-run]

Data (CC BY 4.0, credited in NOTICE and README):
- GermEval 2014 (Benikova, Biemann, Reznicek: NoSta-D Named Entity Annotation for German, LREC 2014): the
  development split and the first part of the test split (test-a). The last 550 sentences of test-a are held out
  and never trained on: the F1 printed at the end is measured on them (PER, ORG, LOC; deriv/part count as O).
- SmartData (DFKI, Schiersch et al. 2018): German news, RSS and tweets, v1 train/test and v3 dev/test, person,
  organisation and location mentions mapped to PER, ORG, LOC.

The model is a multiclass averaged perceptron over candidate spans (see newsprism.pipeline.entities.ner). Training
is deterministic (fixed seed) and takes a few minutes on one core.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsprism.evaluation.ner import Sentence, fold, held_out_sentences, training_sentences  # noqa: E402
from newsprism.evaluation.ner import score as evaluate  # noqa: E402
from newsprism.pipeline.entities.gazetteer import default_gazetteer  # noqa: E402
from newsprism.pipeline.entities.ner import CLASSES, NerModel, candidates, span_features  # noqa: E402
from newsprism.pipeline.entities.ner import Sentence as NerSentence  # noqa: E402
from newsprism.lang.de.tokens import _TOKEN_RE  # noqa: E402

OUT = ROOT / "src" / "newsprism" / "data" / "ner_model.json.gz"
SMARTDATA_TYPES = {
    "person": "PER",
    "organization": "ORG",
    "organization-company": "ORG",
    "location": "LOC",
    "location-city": "LOC",
    "location-street": "LOC",
}


def _avro_docs(path: Path):
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        s = fh.read()
    dec = json.JSONDecoder()
    i, n = 0, len(s)
    while i < n:
        while i < n and s[i].isspace():
            i += 1
        if i >= n:
            break
        obj, i = dec.raw_decode(s, i)
        yield obj


def read_smartdata(folder: Path) -> list[Sentence]:
    out: list[Sentence] = []
    seen: set[str] = set()
    for f in ("v1_20180119/train.json.gz", "v1_20180119/test.json.gz", "v3_20200302/dev.json.gz", "v3_20200302/test.json.gz"):
        path = folder / f
        if not path.exists():
            continue
        for d in _avro_docs(path):
            text = (d.get("text") or {}).get("string") or ""
            if not text or text in seen:
                continue
            seen.add(text)
            mentions = []
            for m in (d.get("conceptMentions") or {}).get("array", []):
                typ = SMARTDATA_TYPES.get(m["type"].lower().replace("_", "-"))
                if typ:
                    mentions.append((m["span"]["start"], m["span"]["end"], typ))
            out.extend(_sentences(text, mentions))
    return out


def _sentences(text: str, mentions: list[tuple[int, int, str]]) -> list[Sentence]:
    toks = [(m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(text)]
    out: list[Sentence] = []
    start = 0
    for i, (_, e, w) in enumerate(toks):
        end_here = w in (".", "!", "?") or (i + 1 < len(toks) and "\n" in text[e : toks[i + 1][0]])
        if end_here or i == len(toks) - 1:
            sent = toks[start : i + 1]
            words = [t[2] for t in sent]
            spans = []
            for ms, me, typ in mentions:
                a = next((k for k, t in enumerate(sent) if t[0] == ms), None)
                b = next((k + 1 for k, t in enumerate(sent) if t[1] == me), None)
                if a is not None and b is not None and a < b:
                    spans.append((a, b, typ))
            if words:
                out.append((words, spans))
            start = i + 1
    return out


def instances(sentences: list[Sentence], gazetteer) -> list[tuple[list[str], int]]:
    out = []
    for words, spans in sentences:
        gold = {(s, e): t for s, e, t in spans}
        sent = NerSentence.of(words)
        for s, e, a, b in candidates(words):
            out.append((span_features(sent, s, e, a, b, gazetteer), CLASSES.index(gold.get((s, e), "O"))))
    return out


def train(data: list[tuple[list[str], int]], epochs: int, seed: int = 13, quiet: bool = False) -> NerModel:
    k = len(CLASSES)
    w: dict[str, list[float]] = defaultdict(lambda: [0.0] * k)
    u: dict[str, list[float]] = defaultdict(lambda: [0.0] * k)
    rng = random.Random(seed)
    order = list(range(len(data)))
    c = 1
    for epoch in range(epochs):
        rng.shuffle(order)
        errors = 0
        for idx in order:
            feats, y = data[idx]
            sc = [0.0] * k
            for f in feats:
                wf = w.get(f)
                if wf is not None:
                    for j in range(k):
                        sc[j] += wf[j]
            pred = max(range(k), key=lambda j: sc[j])
            if pred != y:
                errors += 1
                for f in feats:
                    wf, uf = w[f], u[f]
                    wf[y] += 1
                    wf[pred] -= 1
                    uf[y] += c
                    uf[pred] -= c
            c += 1
        if not quiet:
            print(f"  epoch {epoch + 1}: {errors} errors of {len(data)}", flush=True)
    weights = {}
    for f, wf in w.items():
        avg = [round(wf[j] - u[f][j] / c, 3) for j in range(k)]
        if any(abs(x) >= 0.001 for x in avg):
            weights[f] = avg
    return NerModel(weights)


THRESHOLDS = (0.0, -2.0, -4.0, -6.0, -8.0, -10.0, -12.0, -14.0, -16.0, -20.0)


def _with(model: NerModel, threshold: float) -> NerModel:
    return NerModel(model.weights, model.classes, threshold)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", type=Path, help="the ner-de folder (GermEval files and smartdata/)")
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--no-smartdata", action="store_true", help="train on GermEval only")
    ap.add_argument("--tune-folds", type=int, default=5, help="folds of GermEval that tune the decision threshold")
    ap.add_argument("--dry-run", action="store_true", help="evaluate without writing the model")
    args = ap.parse_args()

    t0 = time.time()
    germeval = training_sentences(args.data)
    held = held_out_sentences(args.data)
    extra = [] if args.no_smartdata else read_smartdata(args.data / "smartdata")
    train_sents = germeval + extra
    gaz = default_gazetteer()
    # the decision threshold is tuned by cross-validation over the GermEval training sentences (a single tenth was
    # too few: its best threshold moved by 8 between feature sets), then the model is trained on all
    f1s = {th: 0.0 for th in THRESHOLDS}
    for k in range(args.tune_folds):
        tune, rest = fold(germeval, k, args.tune_folds)
        rest += extra
        print(f"tuning the threshold: fold {k + 1} of {args.tune_folds} ({len(tune)} sentences)", flush=True)
        probe = train(instances(rest, gaz), args.epochs)
        for th in THRESHOLDS:
            f1s[th] += evaluate(_with(probe, th), tune, gaz)["all"] / args.tune_folds
    best = max(THRESHOLDS, key=lambda th: f1s[th])
    print("threshold " + "  ".join(f"{th:g}: {f:.3f}" for th, f in f1s.items()) + f"  → {best}", flush=True)
    print(f"training on {len(train_sents)} sentences, holding out {len(held)} GermEval test-a sentences", flush=True)
    model = _with(train(instances(train_sents, gaz), args.epochs), best)
    scores = evaluate(model, held, gaz)
    print(json.dumps(scores, indent=1))
    print(f"F1 (PER, ORG, LOC) on the held-out GermEval sentences: {scores['all']:.3f}   ({time.time() - t0:.0f} s)")
    if not args.dry_run:
        OUT.write_bytes(gzip.compress(json.dumps(model.to_json(), separators=(",", ":")).encode(), mtime=0))
        print(f"{len(model.weights)} features → {OUT} ({OUT.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
