"""Named entities in German by span classification: every run of capitalised words is cut into candidate spans,
each span is scored by a linear model over its words, shape, context and gazetteers, and the best spans that do not
overlap are kept. German capitalises every noun, so the model's work is to tell names (PER, ORG, LOC, MISC) from
common nouns and to find their edges.

The model is trained by ``scripts/train_ner.py`` from GermEval 2014 and SmartData (CC BY 4.0) and shipped as
``data/ner_model.json.gz``; see that script for the data and the measured F1.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from newsprism.lang.de import lexicon as lx
from newsprism.lang.names import person_names

CLASSES = ("O", "PER", "ORG", "LOC", "MISC")
MAX_LEN = 5
# words that may sit inside a name between capitalised words: "Institut für Wirtschaftsforschung", "Ursula von der Leyen"
LINKERS = frozenset(
    "für der des die den von vom und de la le van ter ten zu am an im in of the do da di del du dos das y al el bin ibn & auf".split()
)
NAME_PARTICLES, NAME_ARTICLES = frozenset(("von", "van", "de")), frozenset(("der", "den", "la", "le", "los"))
SENTENCE_OPENERS = _SENTENCE_OPENERS = frozenset(('"', "„", "“", "»", "«", ":", "(", "-", "–", "—"))


@lru_cache(maxsize=65536)
def is_capitalised(word: str) -> bool:
    """A word that can be part of a name: it starts with a capital, or has one inside ("eBay", "iPhone", "dpa-Chef")."""
    if not word or not word[0].isalnum():
        return False
    return word[0].isupper() or (word[0].isalpha() and any(c.isupper() for c in word[1:]))


def runs(words: Sequence[str]) -> list[tuple[int, int]]:
    """Maximal runs of capitalised words (with linking words and numbers inside them)."""
    out = []
    i, n = 0, len(words)
    while i < n:
        if not is_capitalised(words[i]):
            i += 1
            continue
        j = i + 1
        while j < n:
            w = words[j]
            if is_capitalised(w):
                j += 1
            elif (w.lower() in LINKERS or w.isdigit()) and j + 1 < n and is_capitalised(words[j + 1]):
                j += 2
            elif w in NAME_PARTICLES and j + 2 < n and words[j + 1] in NAME_ARTICLES and is_capitalised(words[j + 2]):
                j += 3  # "Ursula von der Leyen", "Rafael van der Vaart", "Oscar de la Hoya"
            elif w.isdigit() and j - i <= 3:  # "Bündnis 90", "Apollo 11"
                j += 1
            else:
                break
        out.append((i, j))
        i = j
    return out


def candidates(words: Sequence[str], word_runs: list[tuple[int, int]] | None = None) -> list[tuple[int, int, int, int]]:
    """(start, end, run start, run end) of every span within a run that starts and ends with a capitalised word
    (``word_runs``: ``runs(words)``, when the caller has them)."""
    out = []
    for a, b in runs(words) if word_runs is None else word_runs:
        for s in range(a, b):
            if not is_capitalised(words[s]) or _function_word(words[s]):
                continue
            for e in range(s + 1, min(b, s + MAX_LEN) + 1):
                if is_capitalised(words[e - 1]) or words[e - 1].isdigit():
                    out.append((s, e, a, b))
    return out


@lru_cache(maxsize=65536)
def _function_word(word: str) -> bool:
    """ "Die", "Am", "Auch", "Dabei" opening a sentence: no name starts with them (names with an article, such as
    "Die Zeit", are in the registry)."""
    w = word.lower()
    return w in lx.DETERMINERS or w in lx.PREPOSITIONS or w in lx.SUBORDINATORS or lx.is_adverb(word)


@lru_cache(maxsize=65536)
def _shape(word: str) -> str:
    s = re.sub(r"[A-ZÄÖÜ]+", "X", word)
    s = re.sub(r"[a-zäöüß]+", "x", s)
    s = re.sub(r"\d+", "d", s)
    return s[:6]


@lru_cache(maxsize=32768)
def _word_class(word: str) -> str:
    """A coarse class of a capitalised word: first name, role noun, common noun, or unknown (likely a name)."""
    if lx.is_first_name(word):
        return "first"
    if lx.is_role_noun(word):
        return "role"
    if lx.is_institution_noun(word):
        return "inst"
    if word.isupper() and len(word) <= 6:
        return "acro"
    return "known" if lx.is_known_word(word) else "unknown"


Gazetteer = Callable[[str], "str | None"]


@dataclass(slots=True)
class Sentence:
    """What the features read of each word, computed once per sentence."""

    words: Sequence[str]
    low: list[str]
    cls: list[str]  # _word_class of capitalised words, "lower" otherwise

    @classmethod
    def of(cls, words: Sequence[str]) -> Sentence:
        return cls(words, list(map(str.lower, words)), list(map(_class_or_lower, words)))


@lru_cache(maxsize=65536)
def _class_or_lower(word: str) -> str:
    """``_word_class`` of a capitalised word, "lower" for any other."""
    return _word_class(word) if is_capitalised(word) else "lower"


# A span's features fall in parts, each depending on few things. Those of a word form alone (the span's first word,
# its last word, each of its words, a one-word span as a whole) are scored once per word form and kept
# (``NerModel.word_scores``); those of its place in the sentence are scored once per neighbouring word form (the
# words before and after it, with their classes), per layout (length and place in its run) and per class of a
# one-word span with the word before it (``NerModel.span_scores``). Only a span of several words has features of its
# own (its shape, gazetteer hits), scored for each such span. The model is linear, so the sum of the parts is the
# score of all the features (``span_features``, what training reads).
def first_word_features(word: str) -> list[str]:
    """The features of a span's first word that depend on that word alone."""
    low = word.lower()
    cls = _word_class(word)
    f = [f"first={low}", f"pre3={low[:3]}", f"cls_first={cls}", f"person_first={person_names().get(word, '-')}|{cls}"]
    if "-" in word:
        head, _, tail = word.partition("-")
        f.append(f"hyphead={head.lower()}")
        f.append(f"hyptail_cls={_word_class(tail) if tail else ''}")
    return f


def last_word_features(word: str) -> list[str]:
    """The features of a span's last word that depend on that word alone."""
    low = word.lower()
    cls = _word_class(word)
    f = [
        f"last={low}",
        f"suf2={low[-2:]}",
        f"suf3={low[-3:]}",
        f"suf4={low[-4:]}",
        f"cls_last={cls}",
        f"person_last={person_names().get(word, '-')}|{cls}",
    ]
    if word.endswith("s") and len(word) > 3:
        f.append(f"gen_s_cls={_word_class(word[:-1])}")
    return f


def single_word_features(word: str, gazetteer: Gazetteer | None) -> list[str]:
    """The features of a one-word span that depend on that word alone."""
    f = [f"single={word.lower()}", f"shape={_shape(word)}"]
    g = gazetteer(word) if gazetteer is not None else None
    if g:
        f.append(f"gaz={g}")
    return f


def start_features(sent: Sentence, s: int) -> list[str]:
    """The features of a span that depend on where it starts (its first word's neighbours)."""
    prev_low, prev2_low, cls_prev, first_cls, at_start = _start_keys(sent, s)
    return [*_prev_features(prev_low, cls_prev), *_prev2_features(prev2_low), *_prev_cls_features(prev_low, first_cls, at_start)]


def _start_keys(sent: Sentence, s: int) -> tuple[str, str, str, str, bool]:
    """What the start features read: the word before the span (lower case) and its class, the word before that,
    the span's first word's class, and whether the span opens a sentence."""
    ws, low, cls = sent.words, sent.low, sent.cls
    prev_low = low[s - 1] if s > 0 else "<s>"
    at_start = s == 0 or ws[s - 1] in _SENTENCE_OPENERS or ws[s - 1] in (".", "!", "?")
    return (
        prev_low,
        low[s - 2] if s > 1 else "<s>",
        cls[s - 1] if s > 0 else "lower",
        cls[s] if cls[s] != "lower" else _word_class(ws[s]),
        at_start,
    )


def _prev_features(prev_low: str, cls_prev: str) -> list[str]:
    return [f"prev={prev_low}", f"prevsuf3={prev_low[-3:]}", f"cls_prev={cls_prev}"]


def _prev2_features(prev2_low: str) -> list[str]:
    return [f"prev2={prev2_low}"]


def _prev_cls_features(prev_low: str, first_cls: str, at_start: bool) -> list[str]:
    f = [f"prev|cls={prev_low}|{first_cls}"]
    if at_start:
        f.append("sentstart")
        f.append(f"sentstart_cls={first_cls}")
    return f


def end_features(sent: Sentence, e: int) -> list[str]:
    """The features of a span that depend on where it ends (its last word's neighbours)."""
    next_low, next2_low, cls_next = _end_keys(sent, e)
    return [*_next_features(next_low, cls_next), *_next2_features(next2_low)]


def _end_keys(sent: Sentence, e: int) -> tuple[str, str, str]:
    low, cls = sent.low, sent.cls
    n = len(low)
    return (low[e] if e < n else "</s>", low[e + 1] if e + 1 < n else "</s>", cls[e] if e < n else "lower")


def _next_features(next_low: str, cls_next: str) -> list[str]:
    return [f"next={next_low}", f"cls_next={cls_next}"]


def _next2_features(next2_low: str) -> list[str]:
    return [f"next2={next2_low}"]


def whole_features(sent: Sentence, s: int, e: int, a: int, b: int, gazetteer: Gazetteer | None) -> list[str]:
    """The features of the span as a whole that depend on its place: its length, its run, and for a span of several
    words its shape and the gazetteers."""
    f = list(_layout_features(*_layout_keys(s, e, a, b)))
    if e - s == 1:
        prev_low, _, _, first_cls, _ = _start_keys(sent, s)
        f.extend(_single_features(first_cls, prev_low))
        return f
    f.extend(_multi_features(sent, s, e, gazetteer))
    return f


def _layout_keys(s: int, e: int, a: int, b: int) -> tuple[int, str, int]:
    run = "full" if (s, e) == (a, b) else ("start" if s == a else ("end" if e == b else "inside"))
    return min(e - s, 4), run, min(b - a, 5)


def _single_features(first_cls: str, prev_low: str) -> list[str]:
    return [f"single_cls={first_cls}|prev={prev_low}"]


def _multi_features(sent: Sentence, s: int, e: int, gazetteer: Gazetteer | None) -> list[str]:
    """A span of several words: its shape, whether its first and last words are first names or surnames, and
    what the gazetteers say of it and of its last word."""
    ws = sent.words
    names = person_names()
    f = [
        f"shape={'_'.join(_shape(w) for w in ws[s : min(e, s + 4)])}",
        f"person_pair={names.get(ws[s], '-')}|{names.get(ws[e - 1], '-')}",
    ]
    if gazetteer is not None:
        g = gazetteer(" ".join(ws[s:e]))
        if g:
            f.append(f"gaz={g}")
        g = gazetteer(ws[e - 1])
        if g:
            f.append(f"gaz_last={g}")
    return f


@lru_cache(maxsize=256)
def _layout_features(length: int, run: str, run_length: int) -> tuple[str, ...]:
    """The span's length and its place in its run of capitalised words (few combinations: made once each)."""
    return ("bias", f"len={length}", f"run={run}", f"runlen={run_length}")


def context_features(sent: Sentence, s: int, e: int, a: int, b: int, gazetteer: Gazetteer | None = None) -> list[str]:
    """The features of the span ``[s, e)`` that depend on its place in the sentence, not on its words alone."""
    return [*start_features(sent, s), *end_features(sent, e), *whole_features(sent, s, e, a, b, gazetteer)]


def span_features(
    words: Sequence[str] | Sentence, s: int, e: int, a: int, b: int, gazetteer: Gazetteer | None = None
) -> list[str]:
    """Every feature of the span ``words[s:e]`` in the run ``[a, b)``: its words, where it starts and ends, and the
    span as a whole."""
    sent = words if isinstance(words, Sentence) else Sentence.of(words)
    ws = sent.words
    return [
        *first_word_features(ws[s]),
        *last_word_features(ws[e - 1]),
        *(f"w={w}" for w in sent.low[s:e]),
        *(single_word_features(ws[s], gazetteer) if e - s == 1 else ()),
        *context_features(sent, s, e, a, b, gazetteer),
    ]


@dataclass(slots=True)
class NerModel:
    """A linear model: for each feature, one weight per class."""

    weights: dict[str, list[float]]
    classes: tuple[str, ...] = CLASSES
    threshold: float = 0.0  # a span is an entity when its best type beats O by more than this (tuned in training)
    # (gazetteer, word) -> the scores of the word's own features as a span's first, last, any and only word
    _word_parts: dict[tuple[object, str], tuple[list[float], ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    # per part of a span (its neighbours, its layout, a one-word span's class; see span_scores): keys -> scores
    _context_parts: tuple[dict[object, list[float]], ...] = field(
        default_factory=lambda: tuple({} for _ in range(7)), init=False, repr=False, compare=False
    )

    def word_scores(self, word: str, gazetteer: Gazetteer | None) -> tuple[list[float], ...]:
        """The scores of the features that depend on ``word`` alone — as a span's first word, as its last word, as
        any of its words, as a one-word span — learnt once per word form."""
        key = (gazetteer, word)
        hit = self._word_parts.get(key)
        if hit is None:
            if len(self._word_parts) >= _MAX_WORD_PARTS:
                self._word_parts.clear()  # ever new forms (numbers, typos): start over rather than grow without end
            hit = self._word_parts[key] = (
                self.scores(first_word_features(word)),
                self.scores(last_word_features(word)),
                self.scores([f"w={word.lower()}"]),
                self.scores(single_word_features(word, gazetteer)),
            )
        return hit

    def span_scores(self, sent: Sentence, s: int, e: int, a: int, b: int, gazetteer: Gazetteer | None) -> list[float]:
        """The scores of ``span_features(sent, s, e, a, b, gazetteer)``: the sum of the scores of its parts, each
        learnt once — per word form (the span's words), per neighbour (the words around it), per layout — and,
        for a span of several words, of its shape and gazetteer features."""
        ws = sent.words
        prev_low, prev2_low, cls_prev, first_cls, at_start = _start_keys(sent, s)
        next_low, next2_low, cls_next = _end_keys(sent, e)
        layout = _layout_keys(s, e, a, b)
        cp = self._context_parts  # one dict per part, keyed by what the part reads (this runs for every span)
        parts = [
            cp[0].get((prev_low, cls_prev)) or self._learn(0, (prev_low, cls_prev), _prev_features(prev_low, cls_prev)),
            cp[1].get(prev2_low) or self._learn(1, prev2_low, _prev2_features(prev2_low)),
            cp[2].get((prev_low, first_cls, at_start))
            or self._learn(2, (prev_low, first_cls, at_start), _prev_cls_features(prev_low, first_cls, at_start)),
            cp[3].get((next_low, cls_next)) or self._learn(3, (next_low, cls_next), _next_features(next_low, cls_next)),
            cp[4].get(next2_low) or self._learn(4, next2_low, _next2_features(next2_low)),
            cp[5].get(layout) or self._learn(5, layout, list(_layout_features(*layout))),
        ]
        first = self.word_scores(ws[s], gazetteer)
        if e - s == 1:
            key = (first_cls, prev_low)
            parts.append(cp[6].get(key) or self._learn(6, key, _single_features(first_cls, prev_low)))
            parts.extend(first)
        else:
            parts.append(self.scores(_multi_features(sent, s, e, gazetteer)))
            parts.append(first[0])
            parts.append(self.word_scores(ws[e - 1], gazetteer)[1])
            parts.extend(self.word_scores(w, gazetteer)[2] for w in ws[s:e])
        return list(map(sum, zip(*parts, strict=True)))

    def _learn(self, part: int, key: object, features: list[str]) -> list[float]:
        """Score ``features`` and keep the scores as part ``part`` of the spans with ``key``."""
        kept = self._context_parts[part]
        if len(kept) >= _MAX_CONTEXT_PARTS:
            kept.clear()  # ever new forms: start over rather than grow without end
        scores = kept[key] = self.scores(features)
        return scores

    def scores(self, feats: list[str]) -> list[float]:
        if len(self.classes) != 5:
            total = [0.0] * len(self.classes)
            for f in feats:
                w = self.weights.get(f)
                if w is not None:
                    for k, v in enumerate(w):
                        total[k] += v
            return total
        get = self.weights.get
        a = b = c = d = e = 0.0
        for f in feats:  # unrolled for the five classes: this is the NER's inner loop
            w = get(f)
            if w is not None:
                a += w[0]
                b += w[1]
                c += w[2]
                d += w[3]
                e += w[4]
        return [a, b, c, d, e]

    def to_json(self) -> dict[str, object]:
        return {"format": "newsprism-ner/1", "classes": list(self.classes), "threshold": self.threshold, "weights": self.weights}

    @classmethod
    def from_json(cls, d: dict[str, object]) -> NerModel:
        return cls(
            weights=dict(d["weights"]),  # type: ignore[call-overload]
            classes=tuple(d["classes"]),  # type: ignore[arg-type]
            threshold=float(d.get("threshold", 0.0)),  # type: ignore[arg-type]
        )


# How far a type must beat "no entity" for the model's reading of one word to stand against the dictionary or the
# article's own use of the word as a noun. Measured by 5-fold cross-validation over the GermEval training sentences
# (never the held-out ones): of the one-word ORG and LOC finds the dictionary test would drop, 0.47–0.49 are right
# with a margin of 0–10, 0.62 at 10–15, 0.68–0.85 above.
SURE_MARGIN = 10.0

_MAX_WORD_PARTS = 200_000
_MAX_CONTEXT_PARTS = 20_000  # per part (about 400 bytes a key): at most some 50 MB in all, then start over


@lru_cache(maxsize=1)
def bundled_model() -> NerModel:
    raw = resources.files("newsprism.data").joinpath("ner_model.json.gz").read_bytes()
    return NerModel.from_json(json.loads(gzip.decompress(raw)))


def tag(
    words: Sequence[str],
    model: NerModel,
    gazetteer: Gazetteer | None = None,
    word_runs: list[tuple[int, int]] | None = None,
) -> list[tuple[int, int, str, float]]:
    """Entities among ``words`` as (start, end, type, margin): the best-scoring spans that do not overlap.
    ``word_runs`` are ``runs(words)``, when the caller has them. (Whether a one-word find is a name or a noun the
    article uses as one is the entity stage's to weigh, with the margin: ``mentions._single_name``.)"""
    scored = []
    sent = Sentence.of(words)
    for s, e, a, b in candidates(words, word_runs):
        sc = model.span_scores(sent, s, e, a, b, gazetteer)
        best = max(range(1, len(sc)), key=sc.__getitem__)
        margin = sc[best] - sc[0]
        if margin > model.threshold:
            scored.append((margin, s, e, model.classes[best]))
    scored.sort(reverse=True)
    taken = [False] * len(words)
    out = []
    for margin, s, e, typ in scored:
        if any(taken[s:e]):
            continue
        for k in range(s, e):
            taken[k] = True
        out.append((s, e, typ, margin))
    return sorted(out)
