"""Calibrate the narrative matcher's score: fit z = a·(similarity − 0.8) + b·cue + c by logistic regression.

    python scripts/calibrate_narratives.py ../shared/data/ner-de

Positives: each example phrasing of the bundled catalogue, left out of it and matched against the rest (how a new
sentence repeating the narrative compares). Negatives: the same phrasings against the other narratives whose claim
cue they also carry, and the sentences of GermEval 2014 (German news and Wikipedia, CC BY 4.0) that the cues select,
each read with the war as its context so that the cues can fire. Prints the parameters for ``CALIBRATION`` in
``newsprism/pipeline/narratives/match.py`` and how well they separate the two. (False alarms are measured apart, on
German WikiNews: ``newsprism eval narratives … --neutral``.)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newsprism.document import Document, Span
from newsprism.embed import embed
from newsprism.pipeline.narratives.catalogue import bundled
from newsprism.pipeline.narratives.features import stems
from newsprism.pipeline.narratives.match import MIN_CUE, Window, cue_score


def example_rows() -> tuple[list[list[float]], list[int]]:
    cat = bundled()
    emb = cat.embeddings()
    sims = emb @ emb.T
    owner = cat.example_owner
    rows, labels = [], []
    for i, text in enumerate(cat.example_texts):
        doc = Document(text)
        w = Window(0, Span(0, len(text)), 0, text, text)
        ws = set(stems(text))
        for j, n in enumerate(cat.narratives):
            cue = cue_score(n, w, doc, ws)
            if j != owner[i] and cue < MIN_CUE:
                continue
            cols = (owner == j) & (np.arange(len(owner)) != i)
            if not cols.any():
                continue
            rows.append([float(sims[i, cols].max()) - 0.8, cue])
            labels.append(int(j == owner[i]))
    return rows, labels


def news_rows(ner_dir: Path) -> tuple[list[list[float]], list[int]]:
    from newsprism.evaluation.claims import germeval2014_sentences

    cat = bundled()
    rows: list[list[float]] = []
    sentences = list(germeval2014_sentences(ner_dir / "NER-de-dev.tsv"))
    for text in sentences:
        w = Window(0, Span(0, len(text)), 0, text, text)
        doc = Document(text)
        ws = set(stems(text))
        cues = [cue_score(n, w, doc, ws) for n in cat.narratives]
        if max(cues) < MIN_CUE:
            continue
        e = embed([text])
        sims = e @ cat.embeddings().T
        for j, cue in enumerate(cues):
            if cue >= MIN_CUE:
                rows.append([float(sims[0, cat.example_owner == j].max()) - 0.8, cue])
    return rows, [0] * len(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("ner_dir", type=Path, help="../shared/data/ner-de (GermEval 2014)")
    args = ap.parse_args()
    from sklearn.linear_model import LogisticRegression

    pos_rows, pos_labels = example_rows()
    neg_rows, neg_labels = news_rows(args.ner_dir)
    x = np.array(pos_rows + neg_rows)
    y = np.array(pos_labels + neg_labels)
    clf = LogisticRegression(C=1000.0, class_weight="balanced").fit(x, y)  # weak prior: similarity differs by hundredths
    a, b = (float(v) for v in clf.coef_[0])
    c = float(clf.intercept_[0])
    p = clf.predict_proba(x)[:, 1]
    tp = int(((p >= 0.5) & (y == 1)).sum())
    fp = int(((p >= 0.5) & (y == 0)).sum())
    print(f"rows: {int(y.sum())} positive, {int((y == 0).sum())} negative ({len(neg_rows)} from news)")
    print(f"at 0.5: {tp} of {int(y.sum())} positives, {fp} of {int((y == 0).sum())} negatives")
    print(f'CALIBRATION = {{"a": {a:.2f}, "b": {b:.2f}, "c": {c:.2f}}}')


if __name__ == "__main__":
    main()
