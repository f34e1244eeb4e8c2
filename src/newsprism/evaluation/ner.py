"""Score the German NER on CoNLL-style BIO files (GermEval 2014): F1 of PER, ORG and LOC spans, exact match.

GermEval's ``deriv`` and ``part`` tags ("deutsche", "EU-weit") count as no entity, OTH as MISC (not scored). The
bundled model is trained by ``scripts/train_ner.py`` on GermEval dev and test-a *without its last 550 sentences*:
those are held out, and ``held_out_sentences`` reads exactly them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from itertools import accumulate
from pathlib import Path

from newsprism.pipeline.entities import common_nouns
from newsprism.pipeline.entities.gazetteer import gazetteer_for
from newsprism.pipeline.entities.mentions import sentence_mentions
from newsprism.pipeline.entities.ner import NerModel, tag
from newsprism.registry.actors import ActorRegistry

GERMEVAL_TYPES = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "OTH": "MISC"}
HELD_OUT = 550  # sentences at the end of GermEval test-a never trained on
SCORED = ("PER", "ORG", "LOC")

Sentence = tuple[list[str], list[tuple[int, int, str]]]


def read_germeval(path: str | Path) -> list[Sentence]:
    """Sentences of a GermEval file: words and (start, end, type) outer entity spans."""
    out: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []
    for line in [*Path(path).read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("#"):
            continue
        if not line.strip():
            if words:
                out.append((words, bio_spans(tags)))
            words, tags = [], []
            continue
        parts = line.split("\t")
        if len(parts) < 3:
            raise ValueError(f"{path}: not a GermEval line: {line[:60]!r}")
        words.append(parts[1])
        tags.append(parts[2])
    return out


def bio_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    out = []
    start, typ = None, None
    for i, t in enumerate([*tags, "O"]):
        base = t[2:] if t != "O" else None
        if t == "O" or t.startswith("B-") or base != typ:
            if start is not None and typ in GERMEVAL_TYPES:
                out.append((start, i, GERMEVAL_TYPES[typ]))
            start, typ = (i, base) if t != "O" else (None, None)
    return out


def held_out_sentences(folder: str | Path) -> list[Sentence]:
    """The GermEval test-a sentences the bundled model was not trained on."""
    return read_germeval(Path(folder) / "NER-de-test-a.tsv")[-HELD_OUT:]


def training_sentences(folder: str | Path) -> list[Sentence]:
    """The GermEval sentences the bundled model may be trained on: the development split and test-a without its
    held-out end."""
    return read_germeval(Path(folder) / "NER-de-dev.tsv") + read_germeval(Path(folder) / "NER-de-test-a.tsv")[:-HELD_OUT]


def fold(sentences: list[Sentence], k: int, folds: int) -> tuple[list[Sentence], list[Sentence]]:
    """Fold ``k`` of ``folds`` for cross-validation: (every ``folds``-th sentence from the ``k``-th, the rest)."""
    return sentences[k::folds], [x for i, x in enumerate(sentences) if i % folds != k]


def score(model: NerModel, sentences: list[Sentence], gazetteer: Callable[[str], str | None] | None) -> dict[str, float]:
    """Precision, recall and F1 of the NER alone, per type and over PER, ORG and LOC together ("all")."""
    return _prf(
        (
            {(s, e, t) for s, e, t in spans if t in SCORED},
            {(s, e, t) for s, e, t, _ in tag(words, model, gazetteer) if t in SCORED},
        )
        for words, spans in sentences
    )


def score_mentions(model: NerModel, sentences: list[Sentence], registry: ActorRegistry) -> dict[str, float]:
    """The same figures for what the entity stage finds — the NER, the registry's names it adds, and the filters of
    one-word names — on each sentence as a text (its words joined by spaces). A mention counts by its name, without
    a title before it ("US-Präsident Trump" is "Trump"); role nouns ("der Kremlsprecher") are not names and are left
    out."""
    gazetteer = gazetteer_for(registry)

    def pairs(words: list[str], spans: list[tuple[int, int, str]]) -> tuple[set[tuple[int, int, str]], set[tuple[int, int, str]]]:
        text = " ".join(words)
        starts = list(accumulate((len(w) + 1 for w in words[:-1]), initial=0))
        first = {c: i for i, c in enumerate(starts)}
        last = {c + len(w): i + 1 for i, (c, w) in enumerate(zip(starts, words, strict=True))}
        pred = set()
        for m in sentence_mentions(text, 0, len(text), model, gazetteer, registry, 0, common_nouns(text, registry)):
            s = m.end - len(m.name)
            if m.kind in ("name", "title") and m.type in SCORED:
                pred.add((first.get(s, -1), last.get(m.end, -1), m.type))  # off the gold's word bounds: wrong
        return {(s, e, t) for s, e, t in spans if t in SCORED}, pred

    return _prf(pairs(words, spans) for words, spans in sentences)


def _prf(pairs: Iterable[tuple[set[tuple[int, int, str]], set[tuple[int, int, str]]]]) -> dict[str, float]:
    """Precision, recall and F1 from (gold, predicted) span sets."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for gold, pred in pairs:
        for x in pred & gold:
            tp[x[2]] += 1
        for x in pred - gold:
            fp[x[2]] += 1
        for x in gold - pred:
            fn[x[2]] += 1
    out = {}
    for t in (*SCORED, "all"):
        a = sum(tp.values()) if t == "all" else tp[t]
        p_ = sum(fp.values()) if t == "all" else fp[t]
        n_ = sum(fn.values()) if t == "all" else fn[t]
        prec = a / (a + p_) if a + p_ else 0.0
        rec = a / (a + n_) if a + n_ else 0.0
        out[t] = round(2 * prec * rec / (prec + rec), 4) if prec + rec else 0.0
        out[f"{t}_p"], out[f"{t}_r"] = round(prec, 4), round(rec, 4)
    return out
