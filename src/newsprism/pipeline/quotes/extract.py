"""Quotes of one article: direct (with nesting), indirect, mixed — each with speaker, cue and addressee.

The article is read paragraph by paragraph and sentence by sentence, in order, because who speaks
carries over: a quote without a cue continues the last speaker; "er" is the last person who spoke,
or the one the last quote was addressed to; "ich" inside a quote is the one quoted; "das
Staatsoberhaupt" is the person the article is about.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import and_, eq, not_

from newsprism.lang.de import lexicon as lx
from newsprism.lang.de.tokens import (
    DEMONSTRATIVES,
    QUOTE_CHARS,
    Chunk,
    Tok,
    chunk_at,
    tok_getter,
    tokenize,
    tokenize_columns,
)
from newsprism.lang.marks import QuoteSpan, pair_quotes
from newsprism.pipeline.quotes.cues import (
    AUXILIARIES,
    FOCUS_PARTICLES,
    Cue,
    clause_end,
    find_cues,
    is_finite_verb,
    name_opening,
    subject_of,
)
from newsprism.pipeline.quotes.resolve import Names, collect_names, mention_name, plain_mention

MIN_SPEECH_WORDS = 3  # a shorter quoted fragment without a cue is a title or a scare quote
CONTEXT_SENTENCES = 3  # how many narrative sentences a speaker stays "the last speaker"
DASHES = frozenset("-–—")
SOURCE_CUES = frozenset({"laut", "zufolge", "nach", "heisst"})


@dataclass(slots=True)
class Speaker:
    name: str | None
    mention: str | None = None
    start: int | None = None
    end: int | None = None
    kind: str = ""  # how it was chosen: name | role | group | pronoun | context | unknown
    unfit: bool = False  # a common noun that names no person, body or document ("die Frage"): no speaker unless named

    def as_dict(self) -> dict[str, object]:
        how = self.kind or ("name" if self.mention else "context")
        return {"name": self.name, "id": None, "mention": self.mention, "start": self.start, "end": self.end, "how": how}

    def inherited(self) -> Speaker:
        """The same speaker, carried over to a quote that does not name them."""
        return Speaker(self.name, None, None, None, "context")


SpeakerOf = Callable[[], Speaker | None]  # a cue's speaker, read when first asked for


@dataclass(slots=True, eq=False)
class Found:
    start: int
    end: int
    kind: str  # direct | indirect | mixed | scare
    speaker: Speaker | None = None
    cue: tuple[int, ...] | None = None  # (start, end) of the verb, then (start, end) of a separated particle
    addressee: Speaker | None = None
    parent: int | None = None


@dataclass(slots=True)
class _Para:
    start: int
    end: int
    toks: list[Tok]
    quotes: list[QuoteSpan]
    sents: list[tuple[int, int]]  # token index ranges
    plain: list[bool]  # the token is text (not a quote mark, not in a skipped span such as the dateline)
    starts: list[int]  # each token's start offset, for bisection
    sent_starts: list[int]  # each sentence's start offset
    lows: list[str]  # each token in lower case, for searches at C speed
    narrative: list[int]  # indices of the tokens of the narrative (plain and outside every quote), ascending
    children: dict[int, list[int]] = field(default_factory=dict)  # a quote's nested quotes, by index
    opens: list[tuple[int, int]] = field(default_factory=list)  # (where each quote opens, its index), ascending


@dataclass(slots=True)
class _Context:
    """Who has been speaking, as the reading goes on."""

    person: Speaker | None = None  # the last person who spoke (for "er", "sie", continuations)
    person_at: int = -100
    source: Speaker | None = None  # the last source of any kind ("laut Polizei") for Konjunktiv continuations
    source_at: int = -100
    announced: tuple[Speaker, Speaker | None, int] | None = None  # "X sprach Y an." before a quote without cue
    groups: list[tuple[str, int]] = field(default_factory=list)  # plural groups ("die Amerikaner") by position
    history: list[Speaker] = field(default_factory=list)  # recent speakers, for pronouns of either gender
    topic: Speaker | None = None  # the subject of the last sentence without a quote ("Der Minister weist … hin.")
    topic_at: int = -100


class ArticleQuotes:
    """Runs over an article's paragraphs in order, keeping the speaker context."""

    def __init__(
        self,
        text: str,
        paragraphs: list[tuple[int, int]],
        sentences: list[tuple[int, int]],
        skip: list[tuple[int, int]],
        titles: list[tuple[int, int]] | None = None,
    ):
        self.text = text
        self.names = Names()
        self.found: list[Found] = []
        self.ctx = _Context()
        self.narrative_no = 0
        self.sentence_start = 0
        self.skip = skip
        self.topics: dict[tuple[int, int, int], tuple[Speaker, int] | None] = {}
        self.outside_cache: dict[tuple[int, int, int, int], list[int]] = {}
        self.reports: dict[tuple[int, int, int], bool] = {}
        sentences = sorted(sentences)
        self.sentence_starts = [s for s, _ in sentences]
        self.paras = [self._para(s, e, sentences) for s, e in paragraphs]
        for s, e in titles or []:  # the title's names and roles count too ("Bundespräsident Köhler sieht …")
            collect_names(tokenize(text, s, e, []), self.names)
        for p in self.paras:
            collect_names(p.toks, self.names)
        self.names.finalize()

    def _para(self, start: int, end: int, sentences: list[tuple[int, int]]) -> _Para:
        quotes = pair_quotes(self.text, start, end)
        toks, starts, words, qs = tokenize_columns(self.text, start, end, quotes)
        ranges = []
        k = 0
        for s, e in sentences[bisect_left(self.sentence_starts, start) : bisect_left(self.sentence_starts, end)]:
            if e > end:
                continue
            a = max(k, bisect_left(starts, s))
            k = bisect_left(starts, e, a)
            while k > a and toks[k - 1].end > e:
                k -= 1
            if k > a:
                ranges.append((a, k))
        plain = list(map(not_, map(QUOTE_CHARS.__contains__, words)))
        for s, e in self.skip:  # the dateline
            for i in range(bisect_left(starts, s), bisect_left(starts, e)):
                plain[i] = False
        narrative = list(compress(range(len(toks)), map(and_, plain, map(eq, qs, repeat(-1)))))
        sent_starts = [starts[a] for a, _ in ranges]
        children: dict[int, list[int]] = {}
        for ci, c in enumerate(quotes):
            if c.parent is not None:
                children.setdefault(c.parent, []).append(ci)
        opens = sorted(((q.open_pos or q.start), qi) for qi, q in enumerate(quotes))
        lows = list(map(_LOW, toks))
        return _Para(start, end, toks, quotes, ranges, plain, starts, sent_starts, lows, narrative, children, opens)

    def run(self) -> list[Found]:
        for p in self.paras:
            self._paragraph(p)
        return self.found

    def _paragraph(self, p: _Para) -> None:
        tops = sorted((q.open_pos if q.open_pos is not None else q.start, qi) for qi, q in enumerate(p.quotes) if q.depth == 0)
        j = 0
        for n, (a, b) in enumerate(p.sents):
            if self._outside(p, a, b):
                self.narrative_no += 1
            self._track_groups(p, a, b)
            self.sentence_start = p.toks[a].start
            first = len(self.found)
            lo, hi = p.toks[a].start, p.toks[b - 1].end + 1
            while j < len(tops) and tops[j][0] < lo:
                j += 1  # a quote opening between sentences
            while j < len(tops) and tops[j][0] < hi:  # the quotes that open in this sentence
                self._direct(p, tops[j][1])
                j += 1
            self._indirect(p, a, b)
            self._settle_fragments(p, a, b, first)
            if len(self.found) == first and self._may_use_topic(p, n + 1):
                topic = self._topic_of(p, a, b)
                if topic is not None:
                    self.ctx.topic, self.ctx.topic_at = topic[0], self.narrative_no

    def _may_use_topic(self, p: _Para, n: int) -> bool:
        """Whether sentence ``n`` could need the subject of the one before (it can report, or says "sie")."""
        if n >= len(p.sents):
            return True  # the next paragraph's first sentence
        a, b = p.sents[n]
        return "sie" in p.lows[a:b] or self._may_report(p, a, b)

    def _may_report(self, p: _Para, a: int, b: int) -> bool:
        """Whether the narrative of sentence ``[a, b)`` holds a way reported speech is found: a word that reports
        by itself, or a base of a speech verb with one of its particles in the sentence ("gab … bekannt")."""
        key = (p.start, a, b)
        known = self.reports.get(key)
        if known is None:
            toks = p.toks
            bases = [toks[k] for k in self._outside(p, a, b) if toks[k].report or toks[k].speech]
            known = any(t.report for t in bases)
            if not known and bases:
                lows = set(p.lows[a:b])
                known = any(not lows.isdisjoint(lx.speech_particles(t.text, t.low)) for t in bases)
            self.reports[key] = known
        return known

    def _topic_of(self, p: _Para, a: int, b: int) -> tuple[Speaker, int] | None:
        key = (p.start, a, b)
        if key not in self.topics:
            self.topics[key] = self._topic(p, a, b)
        return self.topics[key]

    def _topic(self, p: _Para, a: int, b: int) -> tuple[Speaker, int] | None:
        """The subject of a sentence that opens with it ("Der Minister weist auf die Risiken hin"), when it is a
        person or a body that can speak: the speaker of Konjunktiv sentences right after it."""
        out = self._outside(p, a, b)
        if not out or out[0] != a:
            return None
        toks = p.toks
        s = a + 1 if toks[a].low in FOCUS_PARTICLES or toks[a].low in ("aber", "und", "doch") else a
        ch = chunk_at(toks, s, b)
        if ch is not None and ch.b < b and ch.kind != "pronoun":
            j = ch.b
            if toks[j].text == "," and j + 1 < b:  # "Der Generalanwalt, Damaso Ruiz-Jarabo Colomer, kritisierte"
                j = next((m + 1 for m in range(j + 1, min(b, j + 12)) if toks[m].text == ","), j)
            if j < b and (toks[j].low in AUXILIARIES or is_finite_verb(toks[j]) or _plural_present(toks[j])):
                return (self._resolve(ch, None), j) if self._speaking(ch) else None
        return None

    def _speaking(self, ch: Chunk) -> bool:
        """A person, or a body or group of people that can speak."""
        return ch.kind != "group" or bool(ch.head and (lx.is_institution_noun(ch.head) or lx.is_people_plural(ch.head)))

    # --- helpers over tokens ---------------------------------------------------------------------------------
    def _outside(self, p: _Para, a: int, b: int, owner: int = -1) -> list[int]:
        """Token indices of ``[a, b)`` at the level of quote ``owner`` (-1: the narrative), marks excluded.
        The list is shared between callers: do not change it."""
        key = (p.start, a, b, owner)
        out = self.outside_cache.get(key)
        if out is None:
            if owner == -1:
                narrative = p.narrative
                out = narrative[bisect_left(narrative, a) : bisect_left(narrative, b)]
            else:
                toks, plain = p.toks, p.plain
                out = [k for k in range(a, b) if plain[k] and toks[k].quote == owner]
            self.outside_cache[key] = out
        return out

    def _sentence_of(self, p: _Para, pos: int) -> tuple[int, int]:
        i = bisect_right(p.sent_starts, pos) - 1
        if i >= 0:
            a, b = p.sents[i]
            if pos < p.toks[b - 1].end + 1:
                return a, b
        return 0, len(p.toks)

    def _tok_at(self, p: _Para, pos: int | None) -> int | None:
        if pos is None:
            return None
        i = bisect_left(p.starts, pos)
        return i if i < len(p.toks) and p.starts[i] == pos else None

    def _first_tok(self, p: _Para, pos: int) -> int:
        return bisect_left(p.starts, pos)

    def _inside(self, p: _Para, q: QuoteSpan) -> list[Tok]:
        """The tokens within quote ``q``."""
        a = bisect_left(p.starts, q.start)
        b = bisect_left(p.starts, q.end)
        while b > a and p.toks[b - 1].end > q.end:
            b -= 1
        return p.toks[a:b]

    def _quote_tokens(self, p: _Para, qi: int) -> tuple[int, int]:
        q = p.quotes[qi]
        a = bisect_left(p.starts, q.start)
        b = bisect_left(p.starts, q.end)
        while b > a and p.toks[b - 1].end > q.end:
            b -= 1
        return (a, b) if b > a else (0, 0)

    def _track_groups(self, p: _Para, a: int, b: int) -> None:
        """Plural groups of people ("die Amerikaner"), antecedents of a speaking "sie"/"Sie"."""
        toks, lows = p.toks, p.lows
        k = a - 1
        while True:
            try:
                k = lows.index("die", k + 1, b - 1)
            except ValueError:
                return
            if toks[k + 1].cap and toks[k + 1].word:
                j = k + 1
                while j < b and toks[j].word and not toks[j].cap:
                    j += 1
                if j < b and toks[j].cap and lx.is_people_plural(toks[j].text):
                    self.ctx.groups.append((toks[j].text, toks[j].start))

    # --- direct quotes ---------------------------------------------------------------------------------------
    def _direct(self, p: _Para, qi: int, owner: int = -1, owner_speaker: Speaker | None = None) -> None:
        q = p.quotes[qi]
        qa, qb = self._quote_tokens(p, qi)
        n_words = sum(map(_WORD, p.toks[qa:qb]))
        if owner < 0 and self._subject_name(p, qi, n_words):
            self.found.append(Found(q.start, q.end, "scare"))  # „heise online“ berichtet: a name, the speaker
            return
        if n_words <= 3 and self._reference(p, q):
            self.found.append(Found(q.start, q.end, "scare"))  # "[siehe »Focus« oder »n-tv«]": a source named
            return
        before, after = self._frame_tokens(p, qi, owner)
        cue, chunk, addressee = self._frame(p, before, after, owner_speaker)
        speaker: Speaker | None = None
        if chunk is not None:
            speaker = self._resolve(chunk, owner_speaker)
        elif cue is not None and cue.kind in ("verb", "adj") and owner < 0:
            speaker = self._fallback(p.toks[cue.i].start)
        embedded = self._embedded(p, before, after)
        if cue is None and embedded:  # a fragment in running text: settled once its sentence is read
            scare = self._names_a_title(p, before, q) or self._is_name(p, q) or self._modifier(p, q)
            kind = "scare" if scare or owner >= 0 else "fragment"  # a label inside someone's quote: their scare quote
            self.found.append(Found(q.start, q.end, kind, parent=self._found_index(p.quotes[owner]) if owner >= 0 else None))
            return
        if cue is None or (cue.kind == "woertlich" and chunk is None):
            if owner >= 0:
                if cue is None and not self._dialogue_turn(p, qi, owner):
                    self.found.append(Found(q.start, q.end, "scare"))
                    return
            elif cue is None and n_words < MIN_SPEECH_WORDS:
                self.found.append(Found(q.start, q.end, "scare"))
                return
            else:
                speaker, addressee = self._continuation(p, q)
        found = Found(q.start, q.end, "direct", speaker, self._cue_span(p, cue), addressee or self._vocative(p, q))
        if owner >= 0:
            found.parent = self._found_index(p.quotes[owner])
        idx = len(self.found)
        self.found.append(found)
        if owner < 0 and speaker is not None and speaker.name:
            self._spoke(speaker)
        self._nested(p, qi, idx, speaker)

    def _frame_tokens(self, p: _Para, qi: int, owner: int) -> tuple[list[int], list[int]]:
        """Narrative tokens of the quote's sentence before its opening mark and after its closing mark."""
        q = p.quotes[qi]
        oi, ci = self._tok_at(p, q.open_pos), self._tok_at(p, q.close_pos)
        sa, _ = self._sentence_of(p, q.open_pos if q.open_pos is not None else q.start)
        _, cb = self._sentence_of(p, q.close_pos if q.close_pos is not None else max(q.end - 1, q.start))
        if owner >= 0:
            pa, pb = self._quote_tokens(p, owner)
            sa, cb = max(sa, pa), min(cb, pb)
        first = oi if oi is not None else self._first_tok(p, q.start)
        before = self._outside(p, sa, first, owner)
        previous_quote_end = max((t.i for t in p.toks[sa:first] if t.quote != owner), default=-1)
        before = [k for k in before if k > previous_quote_end]
        last = (ci + 1) if ci is not None else self._first_tok(p, q.end)
        after: list[int] = []
        for k in self._outside(p, last, cb, owner):
            if after and k != after[-1] + 1:
                break
            after.append(k)
        return before, after

    def _frame(
        self, p: _Para, before: list[int], after: list[int], owner_speaker: Speaker | None
    ) -> tuple[Cue | None, Chunk | None, Speaker | None]:
        """The cue and speaker around a quote: after it ("„…“, sagte X"), or before it ("X sagte: „…“")."""
        toks = p.toks
        if after:
            comma = toks[after[0]].text == ","
            k = after[0] + 1 if comma else after[0]
            end = after[-1] + 1
            closed_by_punct = k > 0 and self.text[: toks[after[0]].start].rstrip(" “”\"»«‘’'‹›")[-1:] in ".,!?…:"
            introduces_next = toks[after[-1]].text == ":"  # "„…?“, sagte er: „…“" — the cue is the next quote's
            if k < end and (comma or closed_by_punct) and not introduces_next:
                found = self._frame_after(p, k, end, owner_speaker)
                if found is not None:
                    if found[1] is not None and found[1].kind == "pronoun" and before:
                        earlier = self._frame_before(p, before, owner_speaker)
                        if earlier[1] is not None and earlier[1].kind != "pronoun":
                            return found[0], earlier[1], found[2] or earlier[2]  # "X sagte: „…“, betont sie."
                    return found
        return self._frame_before(p, before, owner_speaker)

    def _frame_before(
        self, p: _Para, before: list[int], owner_speaker: Speaker | None
    ) -> tuple[Cue | None, Chunk | None, Speaker | None]:
        toks = p.toks
        if not before:
            return None, None, None
        colon = toks[before[-1]].text == ":"
        clause_a = before[0]
        for k in reversed(before[:-1] if colon else before):
            if toks[k].text == "." and k > 0 and toks[k - 1].text.isdigit() and toks[k - 1].end == toks[k].start:
                continue  # "den 10. Januar": an ordinal's point
            if toks[k].text in (".", "!", "?", ";") or (toks[k].text in DASHES and k != before[0]):
                clause_a = k + 1
                break
        region = [k for k in before if k >= clause_a]
        if not region:
            return None, None, None
        ra, rb = region[0], region[-1] + 1
        cues = [c for c in find_cues(toks, ra, rb, set(region)) if "colon" in c.frames or not colon]
        titled = bool(p.quotes) and not colon and self._names_a_title(p, before, p.quotes[self._quote_after(p, before)])
        if cues and (colon or self._introduces(toks, cues[-1].i, rb)) and not titled:
            c = cues[-1]
            ch = subject_of(toks, c, ra, rb)
            return c, ch, self._addressee(p, c, rb, owner_speaker)
        if colon and rb - ra <= 2 and toks[ra].low in ("wörtlich", "zitat", "so"):
            return Cue(ra, None, "woertlich"), None, None
        if colon:
            ch = chunk_at(toks, ra, rb)
            if ch is not None and ch.kind in ("name", "role") and not any(is_finite_verb(toks[j]) for j in range(ch.b, rb)):
                return Cue(ra, None, "woertlich"), ch, None  # "Nina Hagen zur neuen Heimat: „…“"
            verb = next((j for j in range(ra, rb) if is_finite_verb(toks[j])), None)
            if verb is not None:  # "Die Firma empfindet die Kritik als ungerechtfertigt: „…“"
                subject = subject_of(toks, Cue(verb, None, "verb"), ra, rb)
                if subject is not None:
                    return Cue(verb, None, "woertlich"), subject, None
        return None, None, None

    def _quote_after(self, p: _Para, before: list[int]) -> int:
        """Index of the quote that opens right after the frame tokens ``before``."""
        pos = p.toks[before[-1]].end
        k = bisect_left(p.opens, (pos, -1))  # the quotes opening nearest before and after: the closest, first by index
        near = [p.opens[j] for j in (k - 1, k) if 0 <= j < len(p.opens)]
        best = min(abs(o - pos) for o, _ in near)
        lo, hi = bisect_left(p.opens, (pos - best, -1)), bisect_right(p.opens, (pos + best, len(p.opens)))
        return min(qi for o, qi in p.opens[lo:hi] if abs(o - pos) == best)

    @staticmethod
    def _introduces(toks: list[Tok], k: int, rb: int) -> bool:
        """ "zitiert X mit den Worten „…“", "sagte er „…“": a verb close before the quote, no comma between."""
        if any(toks[j].text == "," for j in range(k + 1, rb)):
            return False
        words = " ".join(t.low for t in toks[max(k + 1, rb - 3) : rb])
        return rb - k <= 4 or words.endswith(("mit den worten", "mit dem satz", "mit der aussage"))

    def _frame_after(
        self, p: _Para, k: int, end: int, owner_speaker: Speaker | None
    ) -> tuple[Cue, Chunk | None, Speaker | None] | None:
        toks = p.toks
        if toks[k].low == "so" and k + 1 < end:
            ch = chunk_at(toks, k + 1, end)
            if ch is not None:
                return Cue(k, None, "so"), ch, None
        if toks[k].low == "wie" and k + 1 < end:
            for c in find_cues(toks, k + 1, end):
                ch = subject_of(toks, c, k, end)
                if ch is not None:
                    return c, ch, None
        for c in find_cues(toks, k, end):
            if c.i > k + 4 or "direct" not in c.frames:
                continue
            return c, subject_of(toks, c, k, end), self._addressee(p, c, end, owner_speaker)
        return None

    def _names_a_title(self, p: _Para, before: list[int], q: QuoteSpan) -> bool:
        """„…“ right after a noun, starting with a capital, names a work, a party or a ship ("im Fachmagazin
        „Nature“", "die Partei „Die Linke“"); "ihre Arbeit „nicht frei von Schwächen“" does not."""
        if not before or not self.text[q.start : q.start + 1].isupper():
            return False
        t = p.toks[before[-1]]
        return t.word and t.cap and not lx.is_adverb(t.text) and t.low not in lx.SUBJECT_PRONOUNS and t.low not in lx.DETERMINERS

    def _settle_fragments(self, p: _Para, a: int, b: int, first: int) -> None:
        """Fragments inside reported speech became its direct words (``_mix``); the others are the words of the
        sentence's speaker if it has one ("nannte den Platzverweis „überzogen“"), or scare quotes."""
        if len(self.found) == first:
            return
        pending = [f for f in self.found[first:] if f.kind == "fragment"]
        if not pending:
            return
        outside = set(self._outside(p, a, b))
        cues = [c for c in find_cues(p.toks, a, b, outside) if c.kind == "verb"]
        for f in pending:
            if f.parent is not None and self.found[f.parent].kind in ("direct", "indirect", "mixed"):
                f.kind = "direct"
                parent = self.found[f.parent]
                f.speaker = parent.speaker.inherited() if parent.speaker is not None and f.speaker is None else f.speaker
                continue
            f.kind = "scare"
            for c in cues:
                if not (self._same_clause(p, c, f) or self._governed(p, c, f, cues)):
                    continue
                ch = subject_of(p.toks, c, a, b)
                if ch is not None:
                    f.kind, f.speaker, f.cue = "direct", self._resolve(ch, None), self._cue_span(p, c)
                    break

    def _subject_name(self, p: _Para, qi: int, n_words: int) -> bool:
        """A short quoted name followed directly by the speech verb it is the subject of."""
        a, b = self._quote_tokens(p, qi)
        while b < len(p.toks) and p.toks[b].text in QUOTE_CHARS:
            b += 1
        if n_words > 4 or b >= len(p.toks) or a == b:
            return False
        nxt = p.toks[b]
        cues = find_cues(p.toks, b, min(len(p.toks), b + 8))
        return nxt.word and not nxt.cap and any(c.i == b and c.kind == "verb" and c.finite for c in cues)

    def _modifier(self, p: _Para, q: QuoteSpan) -> bool:
        """Das Bild eines „blutrünstigen“ russischen Führers: one or two quoted words inside a noun phrase that goes
        on after them — a distancing mark on a word, not words someone said."""
        ws = [t for t in self._inside(p, q) if t.word]
        if not ws or len(ws) > 2 or any(t.cap or lx.is_adverb(t.text) for t in ws):
            return False
        nxt = next((t for t in p.toks[bisect_left(p.starts, q.end) :] if t.text not in QUOTE_CHARS), None)
        return (
            nxt is not None
            and nxt.word
            and nxt.low not in lx.COORDINATORS
            and (nxt.cap or _adjective_like(nxt))
            and ws[-1].low.endswith(("e", "en", "er", "es", "em"))
        )

    def _reference(self, p: _Para, q: QuoteSpan) -> bool:
        """A short quote right after "siehe", "vgl." or an opening bracket (a noun between allowed), or one of
        such quotes joined by "oder", "und" or a comma: a reference to a source, not words anyone says."""
        k, nouns = bisect_left(p.starts, q.start) - 1, 0
        while k >= 0:
            t = p.toks[k]
            if t.text in QUOTE_CHARS or t.quote != -1 or t.low in ("oder", "und", ",", "bzw", "."):
                k -= 1
            elif t.cap and t.word and nouns < 2:  # "siehe Bericht »n-tv«"
                k, nouns = k - 1, nouns + 1
            else:
                break
        return k >= 0 and p.toks[k].low in ("siehe", "vgl", "[", "(")

    def _is_name(self, p: _Para, q: QuoteSpan) -> bool:
        """„Freedom Tower“, „BBC News“, „Le Grand Macabre“: every word capitalised — a name or a title."""
        ws = [t for t in self._inside(p, q) if t.word]
        return (
            bool(ws)
            and all(t.cap or t.text.isdigit() or t.low in _NAME_LINKS for t in ws)
            and not (len(ws) == 1 and ws[0].low.endswith(("ung", "heit", "keit")))
        )

    def _same_clause(self, p: _Para, c: Cue, f: Found) -> bool:
        """No comma or colon between the cue verb and the fragment: the fragment is the verb's complement."""
        toks = p.toks
        lo, hi = (toks[c.i].end, f.start) if toks[c.i].end <= f.start else (f.end, toks[c.i].start)
        between = [t for t in toks[bisect_left(p.starts, lo) : bisect_left(p.starts, hi)] if t.quote == -1]
        if between and between[-1].text in QUOTE_CHARS:
            between = between[:-1]
        if lo < f.start and [t.text for t in between[-1:]] == [","] and self._introduced(p, c, between):
            return True  # "Die Polizei bekräftigt auch, „Huchting ist nicht Paris.“"
        return not any(t.text in (",", ":", ";") for t in between)

    def _introduced(self, p: _Para, c: Cue, between: list[Tok]) -> bool:
        return sum(1 for t in between if t.word) <= 4 and sum(1 for t in between if t.text == ",") == 1

    def _governed(self, p: _Para, c: Cue, f: Found, cues: list[Cue]) -> bool:
        """A fragment after its cue verb, in a clause that depends on it ("kritisiert Blogs, in denen … „…“"),
        with no other speech verb between."""
        cue_end = p.toks[c.i].end
        return cue_end <= f.start and not any(cue_end < p.toks[o.i].start < f.start for o in cues if o is not c)

    def _passive(self, p: _Para, c: Cue) -> bool:
        toks = p.toks
        return not c.finite and any(
            toks[j].low in ("wird", "werden", "wurde", "wurden", "worden")
            for j in range(max(0, c.i - 8), min(len(toks), c.i + 3))
        )

    def _embedded(self, p: _Para, before: list[int], after: list[int]) -> bool:
        """Text of the same sentence on both sides, or a word right before: a fragment in running text."""
        toks = p.toks
        return bool(before) and toks[before[-1]].text != ":" and any(toks[k].word for k in before)

    def _continuation(self, p: _Para, q: QuoteSpan) -> tuple[Speaker | None, Speaker | None]:
        """No cue around the quote: the speaker the sentence before announced, or the last one who spoke."""
        ann = self.ctx.announced
        if ann is not None and self.narrative_no - ann[2] <= 1:
            return ann[0].inherited(), ann[1]
        if self.ctx.person is not None and self.narrative_no - self.ctx.person_at <= CONTEXT_SENTENCES:
            return self.ctx.person.inherited(), None
        return None, None

    def _dialogue_turn(self, p: _Para, qi: int, owner: int) -> bool:
        """A quote inside a quote, right after another one and a dash ("‚…‘ - ‚…‘"): a turn of a dialogue."""
        q = p.quotes[qi]
        siblings = [s for s in p.quotes if s.parent == owner and s.end <= q.start]
        if not siblings:
            return False
        between = self.text[siblings[-1].end : q.start].strip(" ‘’'›‹\"“”„‚")
        return between in DASHES

    def _vocative(self, p: _Para, q: QuoteSpan) -> Speaker | None:
        """ "Wladimir Wladimirowitsch, hier ist …", "George, entschuldigen Sie …": the one addressed."""
        names: list[Tok] = []
        for t in p.toks[bisect_left(p.starts, q.start) : bisect_left(p.starts, q.end)][:5]:
            if t.text == "," and names:
                raw = " ".join(x.text for x in names)
                return Speaker(self.names.fullest(raw), raw, names[0].start, names[-1].end, "name")
            if (
                t.word
                and t.cap
                and (lx.is_first_name(t.text) or not lx.is_known_word(t.text))
                and t.low not in lx.SUBJECT_PRONOUNS
                and t.text != "Sie"
            ):
                names.append(t)
            else:
                return None
        return None

    def _addressee(self, p: _Para, cue: Cue, end: int, owner_speaker: Speaker | None) -> Speaker | None:
        """ "sagte zu ihm", "sagte gegenüber Nawfal", "sprach X an", "fragte ihn"."""
        toks = p.toks
        for k in range(cue.i + 1, min(end, cue.i + 8)):
            t = toks[k]
            if t.low in ("zu", "gegenüber") and k + 1 < end:
                nxt = toks[k + 1]
                if nxt.low in lx.OBJECT_PRONOUNS:
                    return Speaker(self._pronoun(nxt.low, owner_speaker, objective=True), nxt.text, nxt.start, nxt.end, "pronoun")
                ch = chunk_at(toks, k + 1, end)
                if ch is not None:
                    return self._resolve(ch, owner_speaker)
        if cue.verb is not None and cue.verb.kind == "address":
            return self._object_of(p, cue, end, owner_speaker)
        return None

    def _object_of(self, p: _Para, cue: Cue, end: int, owner_speaker: Speaker | None) -> Speaker | None:
        """The accusative object of an address verb ("sprach … den ukrainischen Präsidenten X … an")."""
        toks = p.toks
        k = cue.i + 1
        while k < end:
            t = toks[k]
            if t.low in lx.PREPOSITIONS:
                ch = chunk_at(toks, k + 1, end)
                k = ch.b if ch is not None else k + 2
                continue
            if t.low in ("den", "die", "das", "einen", "eine") or (t.cap and t.word and t.low not in lx.SUBJECT_PRONOUNS):
                ch = chunk_at(toks, k, end)
                if ch is not None and ch.kind in ("name", "role"):
                    sp = self._resolve(ch, owner_speaker)
                    if sp.name and (self.ctx.person is None or sp.name != self.ctx.person.name):
                        return sp
            k += 1
        return None

    def _nested(self, p: _Para, qi: int, idx: int, speaker: Speaker | None) -> None:
        for ci in p.children.get(qi, ()):
            self._direct(p, ci, owner=qi, owner_speaker=speaker)
        self._turns(idx, speaker)

    def _turns(self, owner_idx: int, owner_speaker: Speaker | None) -> None:
        """Turns of a dialogue without cues alternate between the quoted speaker and the other party."""
        # a quote's nested quotes are found after it: only the tail of the list is read, not all of it
        nested = [f for f in self.found[owner_idx + 1 :] if f.parent == owner_idx and f.kind == "direct"]
        for i in range(1, len(nested)):
            prev, cur = nested[i - 1], nested[i]
            between = self.text[prev.end : cur.start].strip(" ‘’'›‹\"“”„‚")
            if cur.cue is not None or between not in DASHES:
                continue
            if prev.speaker is not None and owner_speaker is not None and prev.speaker.name == owner_speaker.name:
                cur.speaker = self._other_party(nested[:i], owner_speaker)
            else:
                cur.speaker = owner_speaker.inherited() if owner_speaker else None

    def _other_party(self, earlier: list[Found], me: Speaker | None) -> Speaker | None:
        for f in reversed(earlier):
            for s in (f.addressee, f.speaker):
                if s is not None and s.name and (me is None or s.name != me.name):
                    return s.inherited()
        if self.ctx.groups:
            return Speaker(self.ctx.groups[-1][0], None, None, None, "context")
        return None

    def _found_index(self, q: QuoteSpan) -> int | None:
        for i in range(len(self.found) - 1, -1, -1):
            if (self.found[i].start, self.found[i].end) == (q.start, q.end):
                return i
        return None

    def _cue_span(self, p: _Para, cue: Cue | None) -> tuple[int, ...] | None:
        if cue is None:
            return None
        t = p.toks[cue.i]
        if cue.particle is not None and cue.particle != cue.i - 1:  # "fügte … hinzu"; not "bekannt gab"
            part = p.toks[cue.particle]
            return (t.start, t.end, part.start, part.end)
        if cue.particle is not None:
            return (p.toks[cue.particle].start, t.end)
        return (t.start, t.end)

    # --- speakers --------------------------------------------------------------------------------------------
    def _resolve(self, chunk: Chunk, owner_speaker: Speaker | None) -> Speaker:
        text = chunk.text(self.text)
        if chunk.kind == "pronoun" and chunk.head in DEMONSTRATIVES and not self._plural_subject(chunk):
            name = self.names.before(chunk.start)  # "Dieser bestätigte": the person named last
            return Speaker(name, text, chunk.start, chunk.end, "pronoun")  # unresolved: no name, the mention kept
        if chunk.kind == "pronoun" and owner_speaker is None and chunk.head in ("er", "sie", "es"):
            topic = self._topic_antecedent(chunk)
            if topic is not None:  # "Der iranische Vize-Außenminister betrachtet … Er sagte, …": the last subject
                return Speaker(topic, text, chunk.start, chunk.end, "pronoun")
        if chunk.kind == "pronoun":
            quoted = chunk.toks[chunk.a].quote >= 0  # said inside someone's quote, not by the narrative
            name = self._pronoun(chunk.head or "", owner_speaker, plural=self._plural_subject(chunk), quoted=quoted)
            if owner_speaker is None and chunk.head in ("er", "sie") and not self._plural_subject(chunk):
                name = self.names.before(chunk.start, since=self.sentence_start) or name  # named earlier in the sentence
            if name is None and (chunk.head or "") in ("er", "sie") and owner_speaker is None and not self._plural_subject(chunk):
                name = self.names.before(chunk.start)  # the last person named before the pronoun
            return Speaker(name, text, chunk.start, chunk.end, "pronoun")
        name = mention_name(chunk, self.text, self.names)
        if name is None:  # a definite role noun without a name ("das Staatsoberhaupt", "der Präsident")
            name = self._role_referent(chunk) or plain_mention(chunk, self.text)
        kind = "group" if chunk.kind == "group" else chunk.kind
        head = chunk.head or ""
        words = name.split() if name else []
        if (
            chunk.kind == "group"
            and name == plain_mention(chunk, self.text)
            and 0 < len(words) <= 3
            and words[-1] == head  # the head is the mention's last word: no genitive or name after it
            and lx.cannot_speak(head)
        ):
            # "die Frage", "Corona-Viren", "Man": a common noun that names no one who can speak — unless the
            # entity stage finds a name there ("Greenpeace", "Köhler"), which the quote stage checks
            return Speaker(name, text, chunk.start, chunk.end, kind, unfit=True)
        return Speaker(name, text, chunk.start, chunk.end, kind)

    def _role_referent(self, chunk: Chunk) -> str | None:
        """The person a definite role noun points back to: the last speaker when they hold that role (or any
        role is unknown), else the role's named holder; else none — the role itself is the speaker ("der Sprecher" is not
        the person the article names most)."""
        toks = chunk.toks[chunk.a : chunk.b]
        aged = self.names.of_age(chunk.head or "")
        if aged is not None:
            return aged  # "der 81-Jährige": the person of that age
        adjs = " ".join(t.low for t in toks[1:] if t.word and not t.cap and t.text != chunk.head)
        holders = self.names.holders(chunk.head or "", adjs)
        person = self.ctx.person.name if self.ctx.person is not None and self.ctx.person.kind != "group" else None
        recent = person is not None and self.narrative_no - self.ctx.person_at <= 2 * CONTEXT_SENTENCES
        if adjs and not holders:
            return None
        if recent and (not holders or person in holders):
            return person
        if holders:
            main = self.names.protagonist()
            return main if main in holders else holders[-1]
        return person if recent else None

    def _topic_antecedent(self, chunk: Chunk) -> str | None:
        """A singular "er", "sie" or "es" opening a sentence right after one whose subject was a person or body of
        that gender, with no one named in between: that subject."""
        topic = self.ctx.topic
        if topic is None or not topic.name or self.ctx.topic_at != self.narrative_no - 1 or self._plural_subject(chunk):
            return None
        if chunk.start != self.sentence_start or self.names.before(chunk.start, since=self.sentence_start):
            return None
        if self.ctx.person is not None and self.ctx.person_at >= self.ctx.topic_at and self.ctx.person.name != topic.name:
            return None  # someone spoke after the subject was named
        want = {"er": "m", "sie": "f", "es": "n"}[chunk.head or ""]
        have = lx.mention_gender(topic.name, topic.mention)
        if topic.kind == "group" and have != want:
            return None  # a body is "er", "sie" or "es" by its article only
        return topic.name if have in (None, want) else None

    def _plural_subject(self, chunk: Chunk) -> bool:
        """ "Sie sagen", "sie hätten": the pronoun's verb is plural."""
        toks = chunk.toks
        for t in toks[chunk.b : chunk.b + 2]:
            if not t.word:
                break  # "appellierte sie, den …": the verb is before the pronoun
            if not t.cap:
                return t.low.endswith("en") or t.low in ("sind", "seien", "waren", "wären", "haben", "hätten")
        if chunk.a > 0:
            t = toks[chunk.a - 1]
            return t.word and t.low.endswith("en") and not t.cap
        return False

    def _pronoun(
        self, word: str, owner_speaker: Speaker | None, plural: bool = False, objective: bool = False, quoted: bool = True
    ) -> str | None:
        w = word.lower()
        if w in ("ich", "wir", "mir", "mich", "uns"):
            if owner_speaker is not None:
                return owner_speaker.name
            if self.ctx.person is None or (not quoted and self.narrative_no - self.ctx.person_at > 1):
                return None  # "Ich glaube nicht, dass …" in the narrative: the author, whom the text does not name
            return self.ctx.person.name  # inside a quote, or right after someone spoke (a transcript's broken marks)
        if w in ("sie", "ihnen") and plural:
            topic = self.ctx.topic
            if topic is not None and topic.kind in ("group", "role") and self.narrative_no - self.ctx.topic_at <= 1:
                return topic.name  # "Wissenschaftler der Universität machen … verantwortlich. Sie gehen davon aus, …"
            if self.ctx.groups:
                return self.ctx.groups[-1][0]
            if owner_speaker is None:  # "Sie argumentieren": a plural is no one person named before — a group may be
                groups = {sp.name for sp in self.ctx.history if sp.kind == "group"}  # "teilten sie mit": still them
                return next((sp.name for sp in reversed(self.ctx.history) if sp.name in groups), None)
        if plural and w == "sie":
            return None
        if owner_speaker is not None:  # "er" inside a quote: someone else the quote spoke of or to
            for f in reversed(self.found):
                for s in (f.addressee, f.speaker):
                    if s is not None and s.name and s.name != owner_speaker.name:
                        return s.name
            return None
        addressed = self._last_addressee()
        want = "m" if w in ("er", "ihm", "ihn") else ("f" if w in ("sie", "ihr") and not plural else None)
        if addressed is not None and not objective and lx.gender(addressed) in (None, want):
            return addressed
        for sp in reversed(self.ctx.history):
            if sp.kind == "group" and want is not None:
                continue  # "er"/"sie" is one person
            if want is None or lx.gender(sp.name, sp.mention) in (None, want):
                return sp.name
        return self.ctx.person.name if self.ctx.person is not None else None

    def _last_addressee(self) -> str | None:
        """In a dialogue, "sagte er" after a quote addressed to someone is that someone answering."""
        if not self.found:
            return None
        last = next((f for f in reversed(self.found) if f.kind == "direct" and f.parent is None), None)
        if last is None or last.addressee is None or not last.addressee.name:
            return None
        if last.speaker is not None and last.speaker.name == last.addressee.name:
            return None
        return last.addressee.name if self.narrative_no - self.ctx.person_at <= 1 else None

    def _spoke(self, speaker: Speaker, source_only: bool = False) -> None:
        self.ctx.source, self.ctx.source_at = speaker, self.narrative_no
        if not source_only:
            self.ctx.person, self.ctx.person_at = speaker, self.narrative_no
            if speaker.kind != "context" and speaker.name:
                known = next((s for s in self.ctx.history if s.name == speaker.name), None)
                kept = known if known is not None and speaker.kind == "pronoun" else speaker  # "sie" keeps them a group
                self.ctx.history = [*[s for s in self.ctx.history if s.name != speaker.name][-5:], kept]

    # --- indirect speech -------------------------------------------------------------------------------------
    def _indirect(self, p: _Para, a: int, b: int) -> None:
        out = self._outside(p, a, b)
        if not out or not any(map(_WORD, map(p.toks.__getitem__, out))):
            return
        if not self._may_report(p, a, b):
            return  # no speech verb, no reporting word, no Konjunktiv: nothing below could find a quote
        a = a if out[0] > a and name_opening(p.toks, out[0] - 1, a) == a else out[0]  # „Muslix64“ erwähnte
        outside = set(out)
        before = len(self.found)
        tried: list[tuple[Cue, SpeakerOf]] = []
        for c in find_cues(p.toks, a, b, outside):
            if c.kind not in ("verb", "adj"):
                continue
            # the subject is read only when the cue has content (most cues have none: "sagte" in a relative clause)
            speaker = self._speaker_later(p, c, a, b)
            if self._from_cue(p, c, a, b, outside, speaker):
                break
            tried.append((c, speaker))
        self._attribution(p, a, b, outside, out)
        self._nominal(p, a, b, outside, out)
        if len(self.found) == before:
            self._konjunktiv_continuation(p, a, b, out)
        if len(self.found) == before:
            self._backward(p, a, b, outside, out)
        announced = (
            next(((c, s) for c, sp in tried if (s := sp()) is not None and s.name), None) if len(self.found) == before else None
        )
        if announced is not None:
            c, who = announced  # "X sprach von …", "X sprach Y direkt an." — the quote may follow
            person = who.kind in ("name", "role", "pronoun")
            if person:
                self.ctx.announced = (who, self._addressee(p, c, b, None), self.narrative_no)
            self._spoke(who, source_only=not person)
        for idx in range(before, len(self.found)):
            self._mix(idx)

    def _nominal(self, p: _Para, a: int, b: int, outside: set[int], out: list[int]) -> None:
        """ "der Vorwurf der Verteidigung, das Gericht sei nicht legitim", "Aussagen, dass …": a noun of saying
        with its content; the speaker is the noun's genitive or the sentence's subject."""
        toks = p.toks
        for k in compress(out, map(lx.STATEMENT_NOUNS.__contains__, map(p.lows.__getitem__, out))):  # nouns of saying
            if k >= b - 2:
                break
            if not toks[k].cap or not lx.is_statement_noun(toks[k].text):
                continue
            j = k + 1
            source = None
            if toks[j].low in ("der", "des", "von", "vom"):
                source = chunk_at(toks, j + 1 if toks[j].low in ("von", "vom") else j, b)
                j = source.b if source is not None else j
            if j >= b or toks[j].text != ",":
                continue
            nxt = toks[j + 1] if j + 1 < b else None
            if nxt is None:
                return
            if nxt.low in ("dass", "daß"):
                end = self._clause_stop(p, j + 2, b, outside)
                span = self._content(p, j + 1, end)
            else:
                end = next((m for m in range(j + 1, b) if toks[m].text == ","), b)
                if not self._has_konjunktiv(p, [m for m in range(j + 1, end) if m in outside]):
                    continue
                span = self._content(p, j + 1, end)
            if source is None:
                start_ch = chunk_at(toks, a, b)
                source = start_ch if start_ch is not None and start_ch.b <= k else None
            self._add(p, span, self._resolve(source, None) if source is not None else None, Cue(k, None, "nach"))
            return

    def _backward(self, p: _Para, a: int, b: int, outside: set[int], ks: list[int]) -> None:
        """ "Das teilte die Polizei mit." / "…, das entschied die NASA.": the cue points back at its content."""
        toks = p.toks
        for idx, k in enumerate(ks):
            if toks[k].low not in ("das", "dies") or not (idx == 0 or toks[ks[idx - 1]].text == ","):
                continue
            j = ks[idx + 1] if idx + 1 < len(ks) else None
            if j is None:
                return
            if toks[j].low in ("zumindest", "jedenfalls", "auch") and idx + 2 < len(ks):
                j = ks[idx + 2]
            cues = [c for c in find_cues(toks, j, min(b, j + 8), outside) if c.kind == "verb"]
            if not cues or (cues[0].i != j and toks[j].low not in AUXILIARIES):
                return
            ch = subject_of(toks, cues[0], k, b)
            if ch is None or ch.start <= toks[k].start:
                return
            speaker = self._resolve(ch, None)
            if idx > 0:  # "…, das entschied X."
                self._add(p, self._content(p, a, ks[idx - 1]), speaker, cues[0])
            else:
                self._previous_sentence(p, a, speaker, cues[0])
            return

    def _previous_sentence(self, p: _Para, a: int, speaker: Speaker, cue: Cue) -> None:
        for pa, pb in p.sents:
            if pb == a:
                covering = [
                    f
                    for f in self.found
                    if f.kind != "scare"
                    and (f.start <= p.toks[pa].start < f.end or p.toks[pa].start <= f.start < p.toks[pb - 1].end)
                ]
                for f in covering:  # "„…“ Das sagte X." names the speaker of the quote before it
                    if f.kind == "direct" and f.parent is None and (f.speaker is None or f.speaker.kind == "context"):
                        f.speaker, f.cue = speaker, self._cue_span(p, cue)
                if covering:
                    return
                self._add(p, self._content(p, pa, pb), speaker, cue)
                return

    def _content(self, p: _Para, s: int, e: int) -> tuple[int, int] | None:
        """Trim a token range to a content span without surrounding punctuation."""
        toks = p.toks
        while s < e and not toks[s].word and toks[s].text not in QUOTE_CHARS:
            s += 1
        while e > s and ((not toks[e - 1].word and toks[e - 1].text not in QUOTE_CHARS) or toks[e - 1].text in ".,;:"):
            e -= 1
        if e - s < 2:
            return None
        return toks[s].start, toks[e - 1].end

    def _add(self, p: _Para, span: tuple[int, int] | None, speaker: Speaker | None, cue: Cue | None) -> bool:
        if span is None:
            return False
        s, e = span
        for f in self.found:
            if f.kind in ("indirect", "mixed") and f.start < e and s < f.end:
                return False
            if f.kind == "direct" and f.parent is None and f.start < e and s < f.end:
                inside = min(e, f.end) - max(s, f.start)
                if inside >= 0.6 * (e - s):  # the "content" is a direct quote already found
                    return False
        self.found.append(Found(s, e, "indirect", speaker, self._cue_span(p, cue)))
        if speaker is not None and speaker.name:
            self._spoke(speaker, source_only=cue is not None and cue.kind in SOURCE_CUES)
        return True

    def _speaker_later(self, p: _Para, cue: Cue, a: int, b: int) -> SpeakerOf:
        """The speaker of ``cue``, read when first asked for (then kept)."""
        known: list[Speaker | None] = []

        def speaker() -> Speaker | None:
            if not known:
                known.append(self._speaker_of(p, cue, a, b))
            return known[0]

        return speaker

    def _speaker_of(self, p: _Para, cue: Cue, a: int, b: int) -> Speaker | None:
        ch = subject_of(p.toks, cue, a, b)
        if ch is not None:
            return self._resolve(ch, None)
        return self._fallback(p.toks[cue.i].start)

    def _fallback(self, offset: int) -> Speaker | None:
        """A cue whose subject cannot be read ("wie es hieß", a broken sentence): the speaker in context, or the
        last person named before it."""
        if self.ctx.person is not None and self.narrative_no - self.ctx.person_at <= 2:
            return self.ctx.person.inherited()
        name = self.names.before(offset)
        return Speaker(name, None, None, None, "context") if name else None

    def _from_cue(self, p: _Para, c: Cue, a: int, b: int, outside: set[int], speaker: SpeakerOf) -> bool:
        toks = p.toks
        frames = c.frames
        if "dass" in frames and self._dass_clause(p, c, b, outside, speaker):
            return True
        if "konj" in frames or "direct" in frames:
            # "Für Russland sei das der beste Ort, sagte X." — the content stands before ", cue subject"
            comma_at = self._comma_before_cue(toks, c, a)
            if comma_at is not None and not (comma_at >= 1 and toks[comma_at - 1].text in QUOTE_CHARS):
                prefix = [k for k in range(a, comma_at) if k in outside]
                konj = bool(prefix) and self._has_konjunktiv(p, prefix)
                whole = chunk_at(toks, prefix[0], comma_at + 1) if prefix else None
                if whole is not None and whole.b >= comma_at:
                    prefix = []  # "Die Vorsitzende der Partei, Petra Pau, forderte": that is the subject
                if prefix and (
                    konj
                    or toks[prefix[0]].low in ("dass", "daß")
                    or (self._may_precede(p, a) and self._ends_sentence_after(p, c, b))
                ):
                    tail = self._parenthesis_rest(p, c, b, outside)
                    end = tail if tail is not None else prefix[-1] + 1
                    return self._add(p, self._content(p, prefix[0], end), speaker(), c)
            # "Er sagte, die Ukraine sei …" — a Konjunktiv clause after the verb's comma
            comma = next((k for k in range(c.i + 1, b) if toks[k].text == "," and k in outside), None)
            if (
                comma is not None
                and "konj" in frames
                and comma - c.i <= 20
                and not any(toks[j].low in AUXILIARIES or toks[j].text in (":", ";") for j in range(c.i + 1, comma))
            ):
                end = self._clause_stop(p, comma + 1, b, outside)
                rest = [k for k in range(comma + 1, end) if k in outside]
                if rest and self._has_konjunktiv(p, list(range(comma + 1, end))):
                    return self._add(p, self._content(p, comma + 1, end), speaker(), c)
        if "zu" in frames or "dass" in frames:
            return self._zu_infinitive(p, c, b, outside, speaker)
        return False

    def _dass_clause(self, p: _Para, c: Cue, b: int, outside: set[int], speaker: SpeakerOf) -> bool:
        if _CLAUSE_OPENERS.isdisjoint(p.lows[c.i + 1 : min(b, c.i + 25)]):
            return False  # no "dass", "ob", "wie" or "wonach" near the cue (most cues)
        toks = p.toks
        for k in range(c.i + 1, min(b, c.i + 25)):
            if k not in outside:
                continue
            t = toks[k]
            if t.text in (":", ";"):
                return False  # the cue's clause ends: "damit hat niemand gerechnet: X sagte, dass …" is X's
            if (
                t.text == ","
                and k + 1 < b
                and toks[k + 1].low not in ("dass", "daß", "ob", "wie", "wonach")
                and _starts_with_verb(toks, k + 1)
            ):
                return False  # another clause's verb: "Nachdem … gewarnt hatten, hatte sich herausgestellt, dass"
            if t.low in ("dass", "daß", "wonach") or (t.low in ("ob", "wie") and toks[k - 1].text == ","):
                end = self._clause_stop(p, k + 1, b, outside)
                if t.low == "wie" and self._source_clause(p, k, end, outside):
                    return False  # "erklärte Sgarbi, wie der Kurier berichtet": where it was read, not what was said
                if self._add(p, self._content(p, k, end), speaker(), c):
                    self._second_cue(p, end, b, outside, speaker)
                    return True
                return False
        return False

    def _zu_infinitive(self, p: _Para, c: Cue, b: int, outside: set[int], speaker: SpeakerOf) -> bool:
        """ "kündigte an, die Preise zu erhöhen", "hat angekündigt die Preise ab 1. Oktober zu erhöhen"."""
        if "zu" not in " ".join(p.lows[c.i + 1 : b]):
            return False  # no "zu" and no word holding it ("abzuziehen") after the cue
        toks = p.toks
        for k in range(c.i + 1, b):
            if k not in outside:
                continue
            if toks[k].text in (".", ";", ":") or toks[k].low in ("dass", "daß", "ob"):
                return False
            if k > c.i + 1 and toks[k - 1].text == "," and toks[k].low in ("und", "oder", "aber", "sondern"):
                return False  # a coordinated main clause starts: its verb has its own content
            if "zu" in toks[k].low and _zu_infinitive_at(toks, k, b):
                start = next((j + 1 for j in range(c.i, k) if toks[j].text == ","), None)
                if start is None:
                    start = c.i + 1 if not c.finite else (c.particle + 1 if c.particle is not None and c.particle < k else None)
                if start is not None and any(
                    toks[j].low in ("um", "ohne", "statt", "anstatt", "anstelle") for j in range(start, k)
                ):
                    return False  # "um … zu": a purpose, not a reported content
                if (
                    start is not None
                    and start < k
                    and toks[start].low in lx.SUBORDINATORS
                    and toks[start].low not in lx.RELATIVE_PRONOUNS
                ):
                    return False  # "…, weil er … zu verhindern sucht"
                last = k + 2 if toks[k].low == "zu" else k + 1
                if start is not None and 2 <= last - start <= 25:
                    return self._add(p, self._content(p, start, last), speaker(), c)
                return False
        return False

    def _parenthesis_rest(self, p: _Para, c: Cue, b: int, outside: set[int]) -> int | None:
        """ "Aber sie, sagte er, hätten sich versteckt.": the content goes on after the cue's closing comma."""
        end = clause_end(p.toks, c.i, b)
        if end < b - 1 and p.toks[end].text == "," and self._has_konjunktiv(p, [k for k in range(end + 1, b) if k in outside]):
            return b
        return None

    @staticmethod
    def _comma_before_cue(toks: list[Tok], c: Cue, a: int) -> int | None:
        """The comma before ", sagte X" or ", hatte X damals gesagt" (a participle cue with its auxiliary)."""
        if c.i > a and toks[c.i - 1].text == "," and c.finite:
            return c.i - 1
        if not c.finite:
            j = c.i - 1
            while j > a and toks[j].text not in (",", ".", ":") and c.i - j <= 6:
                if toks[j].low in AUXILIARIES and toks[j - 1].text == ",":
                    return j - 1
                j -= 1
        return None

    def _may_precede(self, p: _Para, a: int) -> bool:
        """Indicative content before its cue must be a clause of its own: not "Wenn …", not "In seiner Rede, die …"."""
        first = p.toks[a]
        return not ((first.low in lx.SUBORDINATORS and first.low not in ("dass", "daß")) or first.low in lx.PREPOSITIONS)

    def _ends_sentence_after(self, p: _Para, c: Cue, b: int) -> bool:
        """ ", sagte X." or ", sagte X am Montag in Berlin.": only the speaker and a few words follow the cue."""
        end = clause_end(p.toks, c.i, b)
        if not (end >= b - 1 or p.toks[end].text in (".", "!", "?")):
            return False
        ch = subject_of(p.toks, c, c.i, b)
        return ch is not None and ch.start > p.toks[c.i].start and end - ch.b <= 6

    def _has_konjunktiv(self, p: _Para, ks: list[int]) -> bool:
        toks = p.toks
        first_person = any(toks[k].low in ("ich", "wir") for k in ks[:6])
        return any(toks[k].word and not toks[k].cap and lx.is_konjunktiv(toks[k].text, first_person) for k in ks)

    def _clause_stop(self, p: _Para, k: int, b: int, outside: set[int]) -> int:
        """End of a reported clause: the sentence's end, or where a second cue or a ", so X" begins."""
        toks = p.toks
        for j in range(k, b):
            if j not in outside:
                continue
            t = toks[j]
            if t.text == ":" and (j + 1 >= b or toks[j + 1].text in QUOTE_CHARS or j + 1 not in outside):
                return j  # "…, dass X werde: „…“" — the colon opens a direct quote
            if t.low in ("und", "sowie") and j + 1 < b:
                c = find_cues(toks, j + 1, min(b, j + 3), outside)
                if c and c[0].i == j + 1:
                    return j
            if t.text == "," and j + 1 < b:
                nxt = toks[j + 1]
                if nxt.low == "so" and j + 2 < b and chunk_at(toks, j + 2, b) is not None:
                    return j
                c = find_cues(toks, j + 1, min(b, j + 3), outside)
                if c and c[0].i == j + 1 and c[0].finite:
                    return j
        return b

    def _second_cue(self, p: _Para, end: int, b: int, outside: set[int], speaker: SpeakerOf) -> None:
        """ "… gehabt hätten und erinnerte daran, dass …": the same speaker's second reported clause."""
        if end >= b or p.toks[end].low not in ("und", "sowie"):
            return
        for c in find_cues(p.toks, end + 1, b, outside):
            if c.i <= end + 2:
                self._dass_clause(p, c, b, outside, speaker)
            return

    def _attribution(self, p: _Para, a: int, b: int, outside: set[int], out: list[int]) -> None:
        """ "Laut X …", "X zufolge …", "Nach Angaben von X …", "…, so X.", "Wie X mitteilte, …", "heißt es"."""
        toks = p.toks
        for k in compress(out, map(lx.REPORT_TRIGGERS.__contains__, map(p.lows.__getitem__, out))):
            t = toks[k]
            if (
                t.low in ("laut", "gemäß")
                and k + 1 < b
                and (toks[k + 1].word or toks[k + 1].text in QUOTE_CHARS)
                and (k == a or toks[k - 1].low not in _LOUD_BEFORE)
            ):
                ch = chunk_at(toks, k + 1, b) or _domain(toks, k + 1)
                if ch is not None:
                    self._add_around(p, a, b, k, ch.b, ch, Cue(k, None, "laut"))
                    return
            elif t.low == "zufolge" and k > a:
                start = k - 1
                while start > a and toks[start - 1].word and k - start < 6 and not is_finite_verb(toks[start - 1]):
                    start -= 1
                ch = None
                for s0 in range(start, k):
                    ch = chunk_at(toks, s0, k)
                    if ch is not None and ch.b == k:
                        start = s0
                        break
                    ch = None
                self._add_around(p, a, b, start, k + 1, ch, Cue(k, None, "zufolge"))
                return
            elif (
                t.low in ("nach", "laut")
                and k + 1 < b
                and k > a
                and toks[k + 1].low in ("denen", "dem", "der")
                and toks[k - 1].text == ","
            ):
                if self._nach_relative(p, a, b, k):
                    return
            elif t.low == "nach" and k > a and lx.is_attribution_noun(toks[k - 1].text) and toks[k - 1].cap:
                start = k - 1
                while start > a and toks[start - 1].word and not toks[start - 1].cap and not is_finite_verb(toks[start - 1]):
                    start -= 1
                ch = chunk_at(toks, start, k)
                self._add_around(p, a, b, start, k + 1, ch if ch is not None and ch.b == k else None, Cue(k, None, "nach"))
                return
            elif t.low == "nach" and k + 1 < b:
                if self._nach_angaben(p, a, b, k):
                    return
            elif t.low == "so" and k > a and toks[k - 1].text == "," and k + 1 < b:
                verb = find_cues(toks, k + 1, min(b, k + 2), outside)
                j = k + 2 if verb else k + 1
                ch = chunk_at(toks, j, b)
                trailing = [x for x in range(ch.b, b) if toks[x].word] if ch is not None else []
                if ch is not None and (
                    verb or len(trailing) <= 4 or (len(trailing) <= 14 and not any(is_finite_verb(toks[x]) for x in trailing))
                ):
                    self._add(p, self._content(p, a, k - 1), self._resolve(ch, None), verb[0] if verb else Cue(k, None, "so"))
                    return
            elif t.low == "wie" and (k == a or toks[k - 1].text == ",") and k + 2 < b:
                if self._wie_clause(p, a, b, k, outside):
                    return
            elif t.low in ("heißt", "hieß") and k + 1 < b and toks[k + 1].low == "es":
                if not any(toks[j].text == ":" for j in range(k + 2, min(b, k + 8))):
                    self._heisst_es(p, a, b, k)
                return

    def _nach_angaben(self, p: _Para, a: int, b: int, k: int) -> bool:
        """ "Nach Angaben der Polizei", "nach eigenen Angaben", "Nach Schäubles Idee"."""
        toks = p.toks
        head = k + 1
        while head < b and toks[head].word and not toks[head].cap:
            head += 1
        if head >= b:
            return False
        if lx.is_attribution_noun(toks[head].text):
            j = head + 1
            if j < b and toks[j].low in ("von", "vom", "der", "des", "aus"):
                j += 1 if toks[j].low in ("von", "vom", "aus") else 0
            ch = chunk_at(toks, j, b) if j < b and toks[j].low not in lx.SUBORDINATORS else None
            if ch is None and toks[k + 1].low != "eigenen":
                ch = chunk_at(toks, k + 1, head + 1)  # "Nach Polizeiangaben", "nach ersten Angaben"
            if toks[k + 1].low == "eigenen":  # the sentence's own subject speaks
                ch = None
            self._add_around(p, a, b, k, ch.b if ch is not None else head + 1, ch, Cue(k, None, "nach"))
            return True
        if (
            (k == a or toks[k - 1].text in (",", "("))
            and head + 1 < b
            and toks[head].low.endswith("s")
            and lx.is_attribution_noun(toks[head + 1].text)
        ):
            ch = chunk_at(toks, head, head + 1)  # "Nach Schäubles Idee"
            self._add_around(p, a, b, k, head + 2, ch, Cue(k, None, "nach"))
            return True
        return False

    def _nach_relative(self, p: _Para, a: int, b: int, k: int) -> bool:
        """ "Es gibt auch Gerüchte, nach denen Barrett an Krebs litt": the relative clause is what they say."""
        toks = p.toks
        if not lx.is_statement_noun(toks[k - 2].text) and not lx.is_attribution_noun(toks[k - 2].text):
            return False
        end = next((m for m in range(k + 2, b) if toks[m].text == ","), b)
        ch = chunk_at(toks, max(a, k - 3), k - 1) or chunk_at(toks, k - 2, k - 1)
        return self._add(
            p, self._content(p, k + 2, end), self._resolve(ch, None) if ch is not None else None, Cue(k, None, "nach")
        )

    def _source_clause(self, p: _Para, k: int, end: int, outside: set[int]) -> bool:
        """ "wie der Kurier berichtet", "wie ein Sprecher sagte": a "wie" clause that ends with its speech verb."""
        toks = p.toks
        last = max((m for m in range(k + 1, min(end, len(toks))) if m in outside and toks[m].word), default=None)
        return last is not None and any(c.i == last for c in find_cues(toks, k + 1, last + 1, outside) if c.kind == "verb")

    def _cued_quote_in(self, p: _Para, a: int, b: int) -> bool:
        """Whether a direct quote with its own cue was found in the sentence ``[a, b)``."""
        sa, _ = self._sentence_of(p, p.toks[a].start)  # ``a`` may be the first narrative token, after the quote
        lo, hi = p.toks[min(a, sa)].start, p.toks[b - 1].end
        return any(f.kind == "direct" and f.parent is None and f.cue is not None and lo <= f.start < hi for f in self.found)

    def _wie_clause(self, p: _Para, a: int, b: int, k: int, outside: set[int]) -> bool:
        """ "Wie die Polizei mitteilte, …" / "…, wie ein Sprecher sagte."."""
        toks = p.toks
        end = clause_end(toks, k, b)
        cues = [c for c in find_cues(toks, k + 1, end + 1, outside) if c.kind == "verb"]
        if not cues:
            return False
        if k > a and self._cued_quote_in(p, a, k):
            return True  # "„…“, erklärte Sgarbi, wie der Kurier berichtet": the paper is where the quote was read
        ch = subject_of(toks, cues[0], k, end + 1)
        speaker = self._resolve(ch, None) if ch is not None else None
        if end < b and toks[end].text == ",":
            return self._add(p, self._content(p, end + 1, b), speaker, cues[0])
        if k > a:
            return self._add(p, self._content(p, a, k), speaker, cues[0])
        return False

    def _heisst_es(self, p: _Para, a: int, b: int, k: int) -> None:
        toks = p.toks
        if k > a and toks[k - 1].text == ",":
            span = self._content(p, a, k - 1)
        else:
            comma = next((j for j in range(k, b) if toks[j].text in (",", ":")), None)
            if comma is None:
                return
            span = self._content(p, comma + 1, b)
        speaker = None
        pps = [j for j in range(k + 2, min(b, k + 5))] + [j for j in range(a, k)]
        for j in pps:
            if toks[j].low in ("in", "im", "von", "vom", "aus", "laut"):
                ch = chunk_at(toks, j + 1, b)
                if ch is not None:
                    speaker = self._resolve(ch, None)
                    break
        self._add(p, span, speaker, Cue(k, None, "heisst"))

    def _add_around(self, p: _Para, a: int, b: int, s: int, e: int, ch: Chunk | None, cue: Cue) -> None:
        """The reported content is the sentence — or the subordinate clause the phrase stands in — without the
        attribution phrase ``[s, e)``."""
        if self._cued_quote_in(p, a, b):
            return  # "„…“, sagte der Minister laut einem Bericht der Zeitung": the quote's source, not more speech
        speaker = self._resolve(ch, None) if ch is not None else None
        toks = p.toks
        for j in range(s - 1, a, -1):
            if (
                toks[j].text == ","
                and j + 1 < s
                and (toks[j + 1].low in lx.RELATIVE_PRONOUNS or toks[j + 1].low in lx.SUBORDINATORS)
            ):
                a = j + 1
                break
        left, right = self._content(p, a, s), self._content(p, e, b)
        span = (left[0], right[1]) if left and right else (right or left)
        self._add(p, span, speaker, cue)

    def _konjunktiv_continuation(self, p: _Para, a: int, b: int, ks: list[int]) -> None:
        """A Konjunktiv I sentence without a cue continues the last speaker's reported speech."""
        toks = p.toks
        if not ks:
            return
        words = set(map(p.lows.__getitem__, ks))
        if not (
            toks[ks[0]].low in ("demnach", "danach")
            or not _HEARSAY.isdisjoint(words)
            or any(map(_KONJ, map(toks.__getitem__, ks)))
        ):
            return  # nothing that marks reported speech
        src, src_at = self.ctx.source, self.ctx.source_at
        own = self._topic_of(p, a, b)
        if own is not None and not lx.is_konjunktiv(toks[own[1]].text) and toks[own[1]].low not in ("soll", "sollen"):
            src, src_at = own[0], self.narrative_no  # "Manche Analysten halten es für möglich, dass er … könnte"
        elif self.ctx.topic is not None and self.ctx.topic_at == self.narrative_no - 1 and self.ctx.topic_at > src_at:
            src, src_at = self.ctx.topic, self.ctx.topic_at  # "Der Minister weist auf … hin. Dazu gehöre …"
        if src is None:
            return
        distance = self.narrative_no - src_at
        if toks[ks[0]].low in ("demnach", "danach") and distance <= 2 and not any(toks[k].low == "zufolge" for k in ks):
            if self._add(p, self._content(p, a, b), src.inherited(), None):
                self.ctx.source_at = self.narrative_no
            return
        if distance > 6:
            return
        if "ich" in words or "wir" in words:
            return
        if any(k > 0 and toks[k - 1].low in ("als", "ob") for k in ks) or any(
            " ".join(t.low for t in toks[k : k + 2]) in _ALWAYS_IDIOMS for k in ks
        ):
            return  # a comparison ("als handele es sich um", "als wären sie"), an idiom ("Man stelle sich vor")
        just_before = distance <= 1
        konj_i = any(toks[k].word and not toks[k].cap and lx.is_konjunktiv_i(toks[k].text) for k in ks)
        konj_ii = words & _KONJ_II_WORDS
        if not konj_i and konj_ii and _MODAL_KONJUNKTIV_II.issuperset(konj_ii):
            return  # "dürfte", "könnte", "möchten": what might be, not what someone said
        irrealis = not _IRREALIS.isdisjoint(words)  # "Bei einem Erfolg müsste …", "Dieser könnte möglicherweise …"
        konj = (konj_i and distance <= 6) or (just_before and not irrealis and any(map(_KONJ, map(toks.__getitem__, ks))))
        if konj_i and distance > 2 and any(" ".join(t.low for t in toks[k : k + 2]) in _IDIOMS for k in ks):
            return
        hearsay = not _HEARSAY.isdisjoint(words) and any(
            toks[k].low in ("haben", "sein") and k > 0 and (toks[k - 1].low == "worden" or _participle_like(toks[k - 1]))
            for k in ks
        )
        if (konj or hearsay) and self._add(p, self._content(p, a, b), src.inherited(), None):
            self.ctx.source, self.ctx.source_at = src, self.narrative_no

    def _mix(self, idx: int) -> None:
        """An indirect quote holding a quoted fragment is mixed; the fragment is the speaker's own words."""
        f = self.found[idx]
        for g in self.found:
            if g is f or g.kind not in ("direct", "fragment") or g.parent is not None:
                continue
            if f.start <= g.start and g.end <= f.end and (g.start, g.end) != (f.start, f.end):
                f.kind = "mixed"
                g.parent = idx
                g.kind = "direct"
                g.speaker = f.speaker.inherited() if f.speaker is not None else g.speaker


_LOW, _WORD, _KONJ = map(tok_getter, ("low", "word", "konj"))
_HEARSAY = frozenset(("soll", "sollen"))
_CLAUSE_OPENERS = frozenset(("dass", "daß", "wonach", "ob", "wie"))  # what opens the content of a "dass" frame
_NAME_LINKS = frozenset("of the and de la le du des der die das von und for in am an zu".split())
_LOUD_BEFORE = frozenset(("sehr", "zu", "so", "ganz", "immer"))  # "laut" the adjective ("Kritik wurde laut." ends a clause)
_IRREALIS = frozenset(("wenn", "falls", "möglicherweise", "vielleicht", "eventuell", "bei", "ohne", "sonst", "andernfalls"))
_IDIOMS = frozenset(("sei denn", "sei es", "komme was", "koste es", "gehe es"))
_ALWAYS_IDIOMS = frozenset(("sei denn", "sei es", "komme was", "koste es", "stelle sich", "stellen sich"))
_MODAL_KONJUNKTIV_II = frozenset(
    "dürfte dürften könnte könnten müsste müssten möchte möchten sollte sollten wollte wollten".split()
)
_KONJ_II_WORDS = _MODAL_KONJUNKTIV_II | frozenset("hätte hätten wäre wären würde würden".split())


def _domain(toks: list[Tok], i: int) -> Chunk | None:
    """ "laut bildblog.de": a web address as a source."""
    if i < len(toks) and "." in toks[i].text and toks[i].word:
        return Chunk(i, i + 1, "name", toks[i].text, None, toks)
    return None


def _plural_present(t: Tok) -> bool:
    """ "machen", "erwarten" right after a subject: the plural verb, spelt like its infinitive."""
    return t.word and not t.cap and t.low.endswith(("en", "ern", "eln")) and t.lemma == t.low and len(t.low) > 4


def _adjective_like(t: Tok) -> bool:
    return t.word and not t.cap and t.low.endswith(("e", "en", "er", "es", "em")) and not is_finite_verb(t)


def _participle_like(t: Tok) -> bool:
    w = t.low
    return (
        t.word
        and not t.cap
        and len(w) > 4
        and ((w.startswith("ge") and w.endswith(("t", "en"))) or "ge" in w[2:6] or w.endswith("iert"))
    )


def _starts_with_verb(toks: list[Tok], k: int) -> bool:
    t = toks[k]
    if t.low in AUXILIARIES:
        return True
    return (
        t.word
        and not t.cap
        and t.low.endswith(("te", "ten", "tet"))
        and lx.lemma(t.text) != t.low
        and lx.lemma(t.text).endswith("en")
    )


_SEPARABLE = frozenset("ab auf aus ein her hin los weg zurück fest vor mit an nach bei durch um zusammen".split())


def _zu_infinitive_at(toks: list[Tok], k: int, b: int) -> bool:
    """ "zu erhöhen" or "abzuziehen" at token ``k``."""
    t = toks[k]
    if t.low == "zu" and k + 1 < b:
        nxt = toks[k + 1]
        return (
            nxt.word
            and not nxt.cap
            and nxt.low.endswith(("en", "ern", "eln"))
            and nxt.low not in lx.DETERMINERS
            and len(nxt.low) > 3
        )
    if t.word and not t.cap and len(t.low) > 6 and t.low.endswith("en"):
        i = t.low.find("zu", 2, len(t.low) - 4)
        return i > 0 and (t.low[:i] in lx.particles() or t.low[:i] in _SEPARABLE)
    return False


def extract(
    text: str,
    paragraphs: list[tuple[int, int]],
    sentences: list[tuple[int, int]],
    skip: list[tuple[int, int]],
    titles: list[tuple[int, int]] | None = None,
) -> list[Found]:
    """Quotes of the article whose article paragraphs and sentences are given (``skip``: datelines; ``titles``
    are read for names only)."""
    return ArticleQuotes(text, paragraphs, sentences, skip, titles).run()
