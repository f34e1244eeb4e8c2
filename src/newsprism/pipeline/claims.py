"""Check-worthy claims: sentences (or the part of a sentence inside a quote) that assert something checkable —
numbers, events, causes, attributions — told apart from opinion, speculation, plans and questions.

A light linear model scores each sentence from cue features (numbers, dates, names, tense, attribution, modality,
evaluative words, person, questions; see ``features``) and the stages before it. The bundled weights
(``data/claims_model.json``) are trained by ``scripts/train_claims.py`` on sentences of GermEval 2014 (CC BY 4.0)
that the project annotated itself (``training/claims-germeval2014.tsv``). ``newsprism train claims`` fits the same
model on other data (GermEval 2021, CheckThat!) for local use; point ``$NEWSPRISM_CLAIMS_MODEL`` at the result.

Each claim has a score, and who asserts it: the speaker of the quote it is in, or the outlet.
"""

from __future__ import annotations

import json
import math
import os
import re
import zlib
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from newsprism.document import Document, Span
from newsprism.errors import UsageError
from newsprism.pipeline.base import StageBase
from newsprism.pipeline.voice import Voices
from newsprism.settings import settings
from newsprism.text import strip_marks

HASH_BUCKETS = 4096
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _rx(pattern: str, flags: int = re.I) -> re.Pattern[str]:
    return re.compile(pattern, flags)


# (name, pattern): each pattern's count in the sentence is a feature (capped, log-scaled)
CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("digit", _rx(r"\d+(?:[.,]\d+)*")),
    (
        "quantity",
        _rx(
            r"\b(?:Prozent|Promille|%|Euro|EUR|Dollar|US-Dollar|Franken|CHF|Rubel|Pfund|Millionen|Milliarden|Mio|Mrd|Tonnen|Kilometer|km|Meter|Grad|Stunden|Tage[n]?|Jahre[n]?|Minuten|Einwohner|Tote[n]?|Verletzte[n]?|Opfer|percent|million|billion|dollars|people|killed|процент\w*|миллион\w*|миллиард\w*|рубл\w*|погиб\w*)\b"
        ),
    ),
    (
        "number_word",
        _rx(
            r"\b(?:zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|zwanzig|dreißig|fünfzig|hundert\w*|tausend\w*|Hälfte|Drittel|Viertel|Dutzend\w*|Dutzende|zweimal|dreimal|two|three|four|five|ten|hundred\w*|thousand\w*|half|два|три|пять|десять|сто|тысяч\w*|половин\w*)\b"
        ),
    ),
    (
        "date",
        _rx(
            r"\b(?:1[0-9]{3}|20[0-9]{2}|Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonnabend|Sonntag|gestern|vorgestern|Jahrhundert\w*|January|February|March|June|July|October|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|январ\w+|феврал\w+|март\w*|апрел\w+|ма[яй]|июн\w+|июл\w+|август\w*|сентябр\w+|октябр\w+|ноябр\w+|декабр\w+|вчера)\b"
        ),
    ),
    (
        "past_aux",
        _rx(r"\b(?:hatte|hatten|hat|haben|war|waren|wurde|wurden|ist|sind|worden|gewesen|was|were|had|has|have|been|был\w*)\b"),
    ),
    ("participle", _rx(r"\b[a-zäöüß]*ge[a-zäöüß]{3,}(?:t|en)\b", 0)),  # gemeldet, festgenommen, sichergestellt
    ("preterite", _rx(r"\b[a-zäöüß]{3,}(?:te|ten|tete|teten)\b")),
    ("passive", _rx(r"\b(?:wurde|wurden|worden)\b")),
    (
        "attribution",
        _rx(
            r"\b(?:laut|zufolge|nach\s+Angaben|Angaben|berichtete\w*|berichtet|teilte\w*|mitteilte|mitgeteilt|bestätigte\w*|Studie|Umfrage|Statistik\w*|Bericht\w*|Daten|Polizei|Behörde\w*|Ministerium|Agentur|according|reported|said|study|survey|data|police|по\s+данным|сообщ\w+|заявил\w*)\b"
        ),
    ),
    (
        "speech",
        _rx(
            r"\b(?:sagte|sagten|sagt|erklärte\w*|erklärt|betonte\w*|meinte\w*|so\b|sagte\s+er|äußerte\w*|says|said|told|сказал\w*)\b"
        ),
    ),
    ("konjunktiv", _rx(r"\b(?:sei|seien|habe|werde|könne|müsse|solle|wolle|dürfe|gebe|liege|stehe|gehe)\b")),
    (
        "modal_future",
        _rx(
            r"\b(?:will|wollen|wollte|soll|sollen|sollte|sollten|plant|planen|geplant|künftig|morgen|nächste[nrs]?|demnächst|voraussichtlich|erwartet|erwarten|wird|werden|würde|würden|könnte|könnten|dürfte|dürften|may|might|will|would|could|should|plans?|expects?|будет|будут|может|должн\w+|планир\w+)\b"
        ),
    ),
    (
        "opinion",
        _rx(
            r"\b(?:ich\s+finde|finde\s+ich|meiner\s+Meinung|meines\s+Erachtens|glaube\w*|denke\w*|hoffe\w*|hoffentlich|wünsche\w*|vielleicht|wahrscheinlich|wohl|offenbar|scheint|eigentlich|leider|zum\s+Glück|zweifellos|natürlich|selbstverständlich|I\s+think|I\s+believe|hope|perhaps|maybe|probably|seems|думаю|считаю|наверное|возможно|кажется)\b"
        ),
    ),
    (
        "evaluative",
        _rx(
            r"\b(?:gut|gute[nrms]?|besser|beste[nrms]?|schlecht\w*|toll\w*|schön\w*|wichtig\w*|interessant\w*|spannend\w*|schrecklich\w*|unglaublich\w*|großartig\w*|beeindruck\w*|enttäusch\w*|skandalös\w*|unfair\w*|richtig\w*|falsch\w*|dumm\w*|peinlich\w*|traurig\w*|lächerlich\w*|schlimm\w*|wunderbar\w*|super|geil\w*|great|good|bad|terrible|wonderful|awful|important|хорош\w+|плох\w+|ужасн\w+|важн\w+)\b"
        ),
    ),
    ("first_person", _rx(r"\b(?:ich|mir|mich|mein\w*|wir|uns|unser\w*|I|me|my|we|us|our|я|мы|нас|наш\w*)\b")),
    ("second_person", _rx(r"\b(?:du|dir|dich|dein\w*|ihr|euch|euer\w*|you|your|ты|вы|вас|ваш\w*)\b")),
    (
        "demand",
        _rx(
            r"\b(?:muss|müssen|musste|brauchen|braucht|fordert\w*|fordern|verlangt\w*|sollte|sollten|darf\s+nicht|dürfen\s+nicht|must|need|demand\w*|нужно|надо|требу\w+)\b"
        ),
    ),
    ("conditional", _rx(r"\b(?:wenn|falls|sofern|ob|if|whether|если|ли)\b")),
    (
        "comparison",
        _rx(
            r"\b(?:mehr\s+als|weniger\s+als|höchste\w*|größte\w*|meiste\w*|erste\w*|letzte\w*|Rekord\w*|doppelt|verdoppelt|gestiegen|gesunken|stieg|sank|more\s+than|less\s+than|largest|record|rose|fell|больше|меньше|рекорд\w*)\b"
        ),
    ),
    (
        "causal",
        _rx(
            r"\b(?:weil|da|denn|deshalb|daher|deswegen|wegen|aufgrund|infolge|führte\s+zu|verursacht\w*|Folge|because|caused|due\s+to|потому|из-за|вследствие)\b"
        ),
    ),
    ("negation", _rx(r"\b(?:nicht|kein\w*|nie|niemals|nichts|not|never|no|не|нет|никогда)\b")),
    (
        "event_verb",
        _rx(
            r"\b(?:getötet|gestorben|starb|starben|verletzt|festgenommen|verhaftet|verurteilt|gewählt|gewann|gewonnen|verlor|verloren|unterzeichnet|beschlossen|eröffnet|gegründet|angegriffen|beschossen|zerstört|bombardiert|gestoppt|erhalten|gezahlt|verkauft|gekauft|gestiegen|gesunken|killed|died|arrested|elected|won|lost|signed|attacked|destroyed|убит\w*|погиб\w*|задержан\w*|подписал\w*|атаковал\w*)\b"
        ),
    ),
)
_TOKEN = re.compile(r"\w+|%")


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a cue pattern ``\b(?:a|b c|…)\b``."""
    body = pattern.removeprefix(r"\b(?:").removesuffix(r")\b")
    out, depth, cur = [], 0, ""
    for ch in body:
        if ch == "|" and depth == 0:
            out.append(cur)
            cur = ""
            continue
        depth += ch == "("
        depth -= ch == ")"
        cur += ch
    return [*out, cur]


# The cues that are phrases ("nach Angaben", "mehr als"): searched in the text; every other cue is one word, and a
# word's cues are looked up once (most words recur), which is what keeps this stage cheap.
_PHRASES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(r"\b(?:" + "|".join(alts) + r")\b", rx.flags))
    for name, rx in CUES
    if (alts := [a for a in _alternatives(rx.pattern) if r"\s" in a])
)


@lru_cache(maxsize=200_000)
def _word_cues(word: str) -> tuple[str, ...]:
    return tuple(name for name, rx in CUES if rx.fullmatch(word))


SHAPE = ("tokens", "question", "exclamation", "colon_start", "quote_start", "capitals", "in_quote", "entities")


@dataclass(frozen=True, slots=True)
class ClaimModel:
    """Logistic regression over the cue features (and optionally hashed words); weights by feature name."""

    weights: dict[str, float]
    bias: float
    words: bool = False  # whether hashed word features were trained (w:<bucket>)
    source: str = ""

    def score(self, feats: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    def to_json(self) -> dict[str, Any]:
        return {
            "format": "newsprism-claims/1",
            "bias": self.bias,
            "words": self.words,
            "weights": self.weights,
            "source": self.source,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], source: str = "") -> ClaimModel:
        if data.get("format") != "newsprism-claims/1":
            raise UsageError(f"{source}: not a newsprism claims model (format newsprism-claims/1)")
        return cls({str(k): float(v) for k, v in data["weights"].items()}, float(data["bias"]), bool(data.get("words")), source)


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> ClaimModel:
    """The model at ``path`` or $NEWSPRISM_CLAIMS_MODEL, else the bundled one."""
    path = path or os.environ.get("NEWSPRISM_CLAIMS_MODEL") or None
    if path:
        try:
            return ClaimModel.from_json(json.loads(Path(path).read_text(encoding="utf-8")), path)
        except (OSError, ValueError) as exc:
            raise UsageError(f"{path}: cannot read the claims model: {exc}") from exc
    text = resources.files("newsprism.data").joinpath("claims_model.json").read_text(encoding="utf-8")
    return ClaimModel.from_json(json.loads(text), "newsprism/data/claims_model.json")


def features(text: str, in_quote: bool = False, entities: int = 0, words: bool = False) -> dict[str, float]:
    """The model's view of a sentence: cue counts (log-scaled), its shape, and — for models trained with them —
    hashed lower-cased words."""
    tokens = _WORD.findall(text)
    n = max(1, len(tokens))
    f: dict[str, float] = {}
    counts: dict[str, int] = {}
    for w in _TOKEN.findall(text):
        for name in _word_cues(w):
            counts[name] = counts.get(name, 0) + 1
    for name, rx in _PHRASES:
        k = len(rx.findall(text))
        if k:
            counts[name] = counts.get(name, 0) + k
    for name, k in counts.items():
        f[name] = math.log1p(min(k, 5))
    stripped = text.strip()
    f["tokens"] = math.log1p(n) / 4
    f["question"] = float(stripped.rstrip("“”\"»«'’ ").endswith("?"))
    f["exclamation"] = float("!" in stripped)
    f["colon_start"] = float(":" in stripped[:40])
    f["quote_start"] = float(stripped[:1] in "„“\"»«‚'")
    f["capitals"] = sum(1 for t in tokens[1:] if t[:1].isupper()) / n
    f["in_quote"] = float(in_quote)
    f["entities"] = math.log1p(entities)
    f["short"] = float(n < 6)
    factual = any(k in f for k in ("digit", "number_word", "quantity", "event_verb", "participle", "date"))
    if "first_person" in f and factual:  # "Wir haben 40 Kilogramm sichergestellt": a speaker's checkable report
        f["first_person_report"] = 1.0
    if words:
        for t in set(w.casefold() for w in tokens):
            f[f"w:{zlib.crc32(t.encode('utf-8')) % HASH_BUCKETS}"] = 1.0 / math.sqrt(n)
    return f


class ClaimStage(StageBase):
    """Fills the ``claims`` layer: each check-worthy sentence (the quoted part when it runs out of a quote) with
    its score, its cue features that weighed most, and who asserts it. Run after the narratives stage, a sentence
    that repeats a known narrative is a claim with the narrative's score."""

    name = "claims"
    requires = ("sentences", "boilerplate", "quotes")
    uses = ("paragraphs", "entities", "narratives", "outlet")
    assigns = ("claims",)
    languages = ("de", "en", "ru")

    def __init__(self, model: ClaimModel | None = None, threshold: float | None = None, limit: int | None = None) -> None:
        self.model = model or load_model()
        given = settings()  # $NEWSPRISM_CLAIM_MIN and $NEWSPRISM_CLAIMS_MAX, read when the stage is made
        self.threshold = given.claim_min if threshold is None else threshold
        self.limit = given.claims_max if limit is None else limit

    def __call__(self, doc: Document) -> Document:
        voices = Voices(doc)
        boiler = [(b.start, b.end) for b in doc.layer("boilerplate")]
        titles = [(p.start, p.end) for p in doc.layer("paragraphs") if p.label in ("title", "subheading")]
        entities = sorted(e.start for e in doc.layer("entities"))
        narratives = doc.layer("narratives")  # when the narratives stage ran before
        found: list[tuple[float, int, int, list[str]]] = []
        for s in doc.layer("sentences"):
            if any(a <= s.start and s.end <= b for a, b in (*boiler, *titles)):
                continue
            start, end = _unit(doc, s, voices)
            text = doc.text[start:end]
            if len(_WORD.findall(text)) < 4:
                continue
            ents = bisect_left(entities, end) - bisect_left(entities, start)
            feats = features(text, voices.quote_at(start, end) is not None, ents, self.model.words)
            score = self.model.score(feats)
            cues = _top_cues(self.model, feats)
            for n in narratives:  # a sentence repeating a known narrative asserts something checkable, and checked
                if n.start < end and start < n.end and float(n.attrs.get("score", 0)) > score:
                    score, cues = float(n.attrs["score"]), [f"narrative:{n.label}", *cues]
            score = round(score, 3)  # as shown and stored: the threshold is compared with what a user sees
            if score >= self.threshold:
                found.append((score, start, end, cues))
        # a triage list: the strongest first (the earlier of two equal scores), cut at the limit, kept in text order
        ranked = sorted(found, key=lambda f: (-f[0], f[1]))
        if self.limit:
            ranked = ranked[: self.limit]
        for rank, (score, start, end, cues) in sorted(enumerate(ranked, 1), key=lambda r: r[1][1]):
            doc.add("claims", start, end, "claim", score=score, rank=rank, cues=cues, voice=voices.of(start, end))
        return doc


def _unit(doc: Document, s: Span, voices: Voices) -> tuple[int, int]:
    """The sentence, or its part inside a quote when most of it is quoted ("„…“, sagte X." → the quoted words)."""
    start, end = s.start, s.end
    found = voices.quote_at(start, end)
    if found is not None:
        q = found[1]
        start, end = max(start, q.start), min(end, q.end)
    return strip_marks(doc.text, start, end, ",")


def _top_cues(model: ClaimModel, feats: dict[str, float], k: int = 3) -> list[str]:
    """The cue features that raised the score most (not the hashed words): why this sentence counts as a claim."""
    contrib = [(model.weights.get(name, 0.0) * v, name) for name, v in feats.items() if not name.startswith("w:")]
    return [name for c, name in sorted(contrib, reverse=True)[:k] if c > 0]


def fit(rows: Iterable[tuple[dict[str, float], int]], c: float = 1.0, source: str = "") -> ClaimModel:
    """Fit the model (scikit-learn's logistic regression, classes balanced) on (features, label) rows."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    data = list(rows)
    vec = DictVectorizer()
    x = vec.fit_transform([f for f, _ in data])
    y = [label for _, label in data]
    clf = LogisticRegression(C=c, max_iter=5000, class_weight="balanced").fit(x, y)
    names = vec.get_feature_names_out()
    weights = {str(k): round(float(w), 5) for k, w in zip(names, clf.coef_[0], strict=True) if abs(w) > 1e-6}
    words = any(k.startswith("w:") for k in weights)
    return ClaimModel(weights, round(float(clf.intercept_[0]), 5), words, source)


def scores(model: ClaimModel, texts: Sequence[str]) -> list[float]:
    return [model.score(features(t, words=model.words)) for t in texts]


__all__ = ["CUES", "ClaimModel", "ClaimStage", "features", "fit", "load_model"]
