"""Persuasion techniques (SemEval-2023 Task 3 names) with their evidence spans and whose voice they are in.

Most techniques are found by the patterns and lexicons of ``data/techniques.yaml`` (users add their own through
``$NEWSPRISM_TECHNIQUES``), one sentence at a time. Two need more than a sentence and are written here:

- an evaluative adverb on a speech verb in the outlet's own voice ("stellte Alexander Lukaschenko vernünftig
  fest"): Loaded_Language — the outlet tells the reader what to think of the words it reports; the speech verbs are
  the quotes stage's cues;
- a question that points at someone else right after an accusation is waved away ("Sie brauchen nicht darüber zu
  sprechen, dass Putin Zivilisten bombardiert." — "Weiß Selenskyj, wohin die Drohne fliegen wird?"): Whataboutism.

A match inside scare quotes is somebody else's word being mentioned, not used („blutrünstigen“), and is skipped.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from newsprism.document import Document, Span
from newsprism.errors import UsageError
from newsprism.pipeline.base import StageBase
from newsprism.pipeline.voice import Voices
from newsprism.settings import settings
from newsprism.text import strip_marks

TECHNIQUES = (
    "Name_Calling-Labeling",
    "Loaded_Language",
    "Doubt",
    "Appeal_to_Hypocrisy",
    "Whataboutism",
    "Exaggeration-Minimisation",
    "Flag_Waving",
    "Appeal_to_Fear-Prejudice",
    "False_Dilemma",
    "Causal_Oversimplification",
    "Repetition",
    "Slogans",
    "Straw_Man",
    "Red_Herring",
    "Appeal_to_Authority",
    "Appeal_to_Popularity",
    "Conversation_Killer",
    "Guilt_by_Association",
    "Obfuscation-Vagueness-Confusion",
    "Appeal_to_Values",
    "Questioning_the_Reputation",
)
VOICES = ("any", "speaker", "outlet")


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    technique: str
    lang: str
    pattern: re.Pattern[str]
    confidence: float
    voice: str = "any"
    unless: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class Lexicons:
    rules: tuple[Rule, ...]
    words: dict[str, re.Pattern[str]]  # lexicon name → the compiled alternation, for the rules written in Python


def _expand(pattern: str, lexicons: dict[str, str]) -> str:
    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in lexicons:
            raise UsageError(f"technique pattern names an unknown lexicon {{{name}}}; the lexicons are {', '.join(lexicons)}")
        return lexicons[name]

    return re.sub(r"\{([a-z_]+)\}", sub, pattern)


def _compile(text: str, flags: str, where: str) -> re.Pattern[str]:
    f = re.X | (re.I if "i" in flags else 0)
    try:
        return re.compile(text, f)
    except re.error as exc:
        raise UsageError(f"{where}: not a regular expression: {exc}") from exc


def _read(data: dict[str, Any], where: str, lexicons: dict[str, str], rules: dict[str, Rule]) -> None:
    for name, words in (data.get("lexicons") or {}).items():
        lexicons[name] = re.sub(r"\s+", "", str(words))
    for raw in data.get("rules") or []:
        rid = str(raw.get("id") or "")
        technique = str(raw.get("technique") or "")
        if not rid or technique not in TECHNIQUES:
            raise UsageError(f"{where}: rule {rid or '?'} needs an id and a technique out of {', '.join(TECHNIQUES)}")
        voice = str(raw.get("voice", "any"))
        if voice not in VOICES:
            raise UsageError(f"{where}: rule {rid}: voice must be one of {', '.join(VOICES)}")
        flags = str(raw.get("flags", ""))
        unless = raw.get("unless")
        rules[rid] = Rule(
            rid,
            technique,
            str(raw.get("lang", "de")),
            _compile(_expand(str(raw["pattern"]), lexicons), flags, f"{where}: rule {rid}"),
            float(raw.get("confidence", 0.7)),
            voice,
            _compile(_expand(str(unless), lexicons), flags, f"{where}: rule {rid} (unless)") if unless else None,
        )


def _user_files() -> list[Path]:
    return [Path(p) for p in os.environ.get("NEWSPRISM_TECHNIQUES", "").split(os.pathsep) if p]


@lru_cache(maxsize=4)
def load_lexicons(extra: tuple[Path, ...] = ()) -> Lexicons:
    """The bundled rules and lexicons, then the users' files ($NEWSPRISM_TECHNIQUES) over them."""
    lexicons: dict[str, str] = {}
    rules: dict[str, Rule] = {}
    bundled = resources.files("newsprism.data").joinpath("techniques.yaml").read_text(encoding="utf-8")
    _read(yaml.safe_load(bundled), "techniques.yaml", lexicons, rules)
    for path in (*_user_files(), *extra):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise UsageError(f"{path}: cannot read technique rules: {exc}") from exc
        _read(data, str(path), lexicons, rules)
    words = {name: re.compile(rf"\b(?:{alt})\b", re.X) for name, alt in lexicons.items()}
    return Lexicons(tuple(rules.values()), words)


class TechniqueStage(StageBase):
    """Fills the ``techniques`` layer: label = the technique; attrs: rule, confidence, voice."""

    name = "techniques"
    requires = ("sentences", "boilerplate", "language", "quotes")
    uses = ("entities", "scare_quotes", "outlet")
    assigns = ("techniques",)
    languages = ("de", "en", "ru")

    def __init__(self, lexicons: Lexicons | None = None) -> None:
        self.lex = lexicons or load_lexicons(tuple(_user_files()))
        self.min_confidence = settings().technique_min  # $NEWSPRISM_TECHNIQUE_MIN, read when the stage is made

    def __call__(self, doc: Document) -> Document:
        lang = doc.meta.get("language") or "de"
        voices = Voices(doc)
        skip = _Skip(doc)
        sentences = [s for s in doc.layer("sentences") if not skip.boiler(s.start, s.end)]
        found: list[tuple[int, int, str, str, float]] = []
        rules = [r for r in self.lex.rules if r.lang == lang and r.confidence >= self.min_confidence]  # once, not per sentence
        for s in sentences:
            found.extend(self._rules(doc.text, s, rules, voices, skip))
        found.extend(self._adverbs_on_cues(doc, lang, voices))
        found.extend(self._whataboutism(doc, sentences, lang))
        for start, end, technique, rule, conf in _dedupe(found):
            doc.add("techniques", start, end, technique, rule=rule, confidence=round(conf, 3), voice=voices.of(start, end))
        return doc

    def _rules(
        self, text: str, s: Span, rules: Sequence[Rule], voices: Voices, skip: _Skip
    ) -> Iterable[tuple[int, int, str, str, float]]:
        sentence = text[s.start : s.end]
        for rule in rules:
            for m in rule.pattern.finditer(sentence):
                a, b = _trim(text, s.start + m.start(), s.start + m.end())
                if b <= a or skip.scare(a, b) or _mentioned(text, a, b):
                    continue
                if rule.unless is not None and rule.unless.search(sentence[: m.start()][-40:]):
                    continue
                if rule.voice != "any" and (voices.quote_at(a, b) is None) != (rule.voice == "outlet"):
                    continue
                yield a, b, rule.technique, rule.id, rule.confidence

    def _adverbs_on_cues(self, doc: Document, lang: str, voices: Voices) -> Iterable[tuple[int, int, str, str, float]]:
        """An evaluative adverb between a quote's speech verb and its particle, or right after the speaker
        ("stellte Alexander Lukaschenko vernünftig fest", "betonte er zu Recht"), in the outlet's voice."""
        adverbs = self.lex.words.get(f"evaluative_adverb_{lang}")
        if adverbs is None:
            return
        for q in doc.layer("quotes"):
            cue = q.attrs.get("cue")
            if not cue:
                continue
            start, end = int(cue["start"]), int(cue["end"])
            if voices.quote_at(start, end) is not None:  # a cue inside a quote is the speaker telling, not the outlet
                continue
            particle = cue.get("particle")
            limit = int(particle["end"]) if particle else _clause_end(doc.text, end, 60)
            m = adverbs.search(doc.text, end, limit)
            if m is None:
                continue
            yield start, max(m.end(), limit if particle else m.end()), "Loaded_Language", "evaluative-adverb-on-cue", 0.8

    def _whataboutism(self, doc: Document, sentences: list[Span], lang: str) -> Iterable[tuple[int, int, str, str, float]]:
        """A question naming someone else within two sentences after an accusation was waved away."""
        dismissal = self.lex.words.get(f"dismissal_{lang}")
        if dismissal is None:
            return
        names = [e for e in doc.layer("entities") if e.label in ("PER", "ORG", "LOC")]
        for i, s in enumerate(sentences):
            if not dismissal.search(doc.text, s.start, s.end):
                continue
            accused = {_actor(e) for e in names if s.start <= e.start < s.end}
            for t in sentences[i + 1 : i + 3]:
                a, b = _trim(doc.text, t.start, t.end)
                q = _question_end(doc.text, a, b)
                others = {_actor(e) for e in names if a <= e.start < q} - accused
                if q > a and others:
                    yield a, q, "Whataboutism", "question-after-dismissal", 0.75
                    break


class _Skip:
    """Boilerplate lines and scare quotes: no technique is looked for in the one or reported in the other."""

    def __init__(self, doc: Document) -> None:
        self.boilers = [(b.start, b.end) for b in doc.layer("boilerplate")]
        self.scares = [(q.start, q.end) for q in doc.layer("scare_quotes")]

    def boiler(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.boilers)

    def scare(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e + 1 for s, e in self.scares)


def _actor(e: Span) -> str:
    actor = e.attrs.get("actor") or {}
    return str(actor.get("id") or actor.get("name") or e.start)


def _mentioned(text: str, a: int, b: int) -> bool:
    """A word in quote marks of its own is mentioned, not used: „Volksverräter“ beschimpft."""
    return a > 0 and b < len(text) and text[a - 1] in "„“”\"»«‚‘'" and text[b] in "“”\"«»‘’'"


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    return strip_marks(text, a, b, ",")


def _question_end(text: str, a: int, b: int) -> int:
    """Where the question that ``[a, b)`` is ends (after its "?"), or ``a`` when it is no question. A quoted
    question may be followed by its closing mark and the attribution: „Wer hat …?“, sagte er."""
    q = text.rfind("?", a, b)
    if q < 0:
        return a
    rest = text[q + 1 : b].lstrip("“”\"»«'‘’ ")
    return q + 1 if not rest or rest[0] in ",–-" or rest == "" else a


def _clause_end(text: str, pos: int, most: int) -> int:
    m = re.compile(r"[,.;:!?„“”\"«»]").search(text, pos, min(len(text), pos + most))
    return m.start() if m else min(len(text), pos + most)


def _dedupe(found: list[tuple[int, int, str, str, float]]) -> list[tuple[int, int, str, str, float]]:
    """One span per technique where matches overlap: the most confident, then the longest."""
    out: list[tuple[int, int, str, str, float]] = []
    for f in sorted(found, key=lambda f: (-f[4], -(f[1] - f[0]), f[0])):
        if any(g[2] == f[2] and g[0] < f[1] and f[0] < g[1] for g in out):
            continue
        out.append(f)
    return sorted(out, key=lambda f: (f[0], f[1]))


__all__ = ["TECHNIQUES", "Lexicons", "Rule", "TechniqueStage", "load_lexicons"]
