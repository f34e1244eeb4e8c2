"""Scoring claim detection.

- ``germeval2021``: the fact-claiming task of GermEval 2021 (German Facebook comments). The training file is split
  by a hash of each comment's id: 80 % may train a model (``newsprism eval claims --fit``), 20 % are held out and
  scored. The shared task's measure is macro-F1 over both classes (GottBERT: 0.746 on the official test); F1 of the
  fact-claiming class alone is reported beside it.
- ``annotated``: the project's own annotation of GermEval 2014 sentences (``training/claims-germeval2014.tsv``),
  scored by cross-validation of the bundled model's recipe.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from newsprism.pipeline.claims import ClaimModel, features, fit, scores


def held_out(key: str, share: float = 0.2) -> bool:
    return int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:8], 16) / 0xFFFFFFFF < share


def read_germeval2021(path: Path) -> list[tuple[str, str, int]]:
    """(comment id, text, fact-claiming 0/1) of the GermEval 2021 training file."""
    with path.open(encoding="utf-8", newline="") as fh:
        return [(r["comment_id"], r["comment_text"], int(r["Sub3_FactClaiming"])) for r in csv.DictReader(fh)]


def detokenize(tokens: Sequence[str]) -> str:
    s = " ".join(tokens)
    s = re.sub(r" ([,.;:!?)\]])", r"\1", s)
    s = re.sub(r"([(\[„]) ", r"\1", s)
    return re.sub(r'" (.*?) "', r'"\1"', s)


def germeval2014_sentences(path: Path) -> Iterator[str]:
    """The sentences of a GermEval 2014 NER file (token per line), in order, as text."""
    tokens: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("#\t"):
                tokens = []
            elif not line.strip():
                if tokens:
                    yield detokenize(tokens)
                tokens = []
            else:
                tokens.append(line.split("\t")[1])
    if tokens:
        yield detokenize(tokens)


def read_annotated(labels: Path, ner_dir: Path) -> list[tuple[str, int]]:
    """The project's annotated sentences: (text, label), texts read from the GermEval 2014 files."""
    files = {"dev": "NER-de-dev.tsv", "test": "NER-de-test-a.tsv"}
    texts = {part: list(germeval2014_sentences(ner_dir / name)) for part, name in files.items()}
    with labels.open(encoding="utf-8") as fh:
        rows = [line.rstrip("\n").split("\t") for line in fh if not line.startswith("#")]
    return [(texts[part][int(i)], int(label)) for part, i, label in rows[1:]]


def f1s(gold: Sequence[int], pred: Sequence[int]) -> dict[str, float]:
    """F1 of the positive class, of the negative class, their mean (macro), and accuracy."""

    def f1(cls: int) -> float:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == cls and p == cls)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if g != cls and p == cls)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == cls and p != cls)
        return 2 * tp / (2 * tp + fp + fn) if tp else 0.0

    pos, neg = f1(1), f1(0)
    acc = sum(1 for g, p in zip(gold, pred, strict=True) if g == p) / len(gold) if gold else 0.0
    return {"f1_claim": pos, "f1_other": neg, "macro_f1": (pos + neg) / 2, "accuracy": acc, "n": float(len(gold))}


def score_model(model: ClaimModel, texts: Sequence[str], gold: Sequence[int], threshold: float = 0.5) -> dict[str, float]:
    return f1s(gold, [int(s >= threshold) for s in scores(model, texts)])


def germeval2021(path: Path, model: ClaimModel, fit_words: bool = True) -> dict[str, dict[str, float] | ClaimModel]:
    """The active model on the held-out 20 %, and a model fitted on the other 80 % (same features, plus hashed
    words when ``fit_words``) on the same 20 %."""
    rows = read_germeval2021(path)
    train = [(t, y) for k, t, y in rows if not held_out(k)]
    test = [(t, y) for k, t, y in rows if held_out(k)]
    fitted = fit(((features(t, words=fit_words), y) for t, y in train), c=0.5, source=f"fitted on 80% of {path.name}")
    texts, gold = [t for t, _ in test], [y for _, y in test]
    return {"model": score_model(model, texts, gold), "fitted": score_model(fitted, texts, gold), "fitted_model": fitted}


def cross_validate(rows: Sequence[tuple[str, int]], folds: int = 5, words: bool = False, c: float = 1.0) -> dict[str, float]:
    """k-fold scores of the bundled recipe on annotated (text, label) rows."""
    gold: list[int] = []
    pred: list[int] = []
    for k in range(folds):
        train = [(t, y) for i, (t, y) in enumerate(rows) if i % folds != k]
        test = [(t, y) for i, (t, y) in enumerate(rows) if i % folds == k]
        model = fit(((features(t, words=words), y) for t, y in train), c=c)
        gold.extend(y for _, y in test)
        pred.extend(int(s >= 0.5) for s in scores(model, [t for t, _ in test]))
    return f1s(gold, pred)
