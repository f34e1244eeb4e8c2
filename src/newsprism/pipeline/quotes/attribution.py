"""Who said what in languages that put the cue beside the quote: English and Russian.

The reading loop is the same for both; what differs is a ``Grammar`` — how a language's cues stand beside a
quote ("“…,” Stoltenberg said", "«…», — заявил Орбан", "X said: “…”"), how it reports speech ("said (that) …",
"заявил, что …", "according to X", "по словам X", "…, Peskov said."), and how its noun phrases name a speaker.

The article is read paragraph by paragraph, in order, because who speaks carries over: a quote without a cue in
the paragraph of a quote with one has that quote's speaker (a quote split by its cue), a paragraph that opens
with a quote and names nobody continues the last speaker, "he" and "она" are the last speaker of their gender,
and "the minister" is the one the article called minister. A pronoun with no speaker it can agree with stays
unresolved: its mention is kept, its name is null.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from newsprism.lang.marks import QuoteSpan, pair_quotes
from newsprism.lang.tokens import QUOTE_MARKS, Token
from newsprism.pipeline.quotes.extract import Found, Speaker

_DROPPED = "dropped"  # a quote found, then read as part of reported speech around it
MIN_SPEECH_WORDS = 4  # a shorter quote with no cue is a label or a scare quote, not speech
CONTEXT_SENTENCES = 6  # how many sentences back a pronoun looks for the speaker it agrees with
NAME_CONTEXT_SENTENCES = 2  # and for a person the narrative named


@dataclass(slots=True)
class Entity:
    """A mention the entity stage found, as the quote stage reads it."""

    start: int
    end: int
    type: str
    kind: str
    text: str
    name: str | None  # the actor's name
    role_title: str | None = None


@dataclass(slots=True)
class Chunk:
    """A noun phrase that may be a speaker: tokens ``[a, b)`` of its paragraph."""

    a: int
    b: int
    kind: str = "np"  # np | pronoun
    gender: str | None = None  # what a pronoun or a verb says: m, f, p (plural), n (a body)


@dataclass(slots=True)
class Cue:
    """A speech verb (or phrase) and who it says spoke. ``verb`` and ``particle`` are token ranges; ``inherit``:
    the subject is the sentence's last speaker ("…, adding that …"); ``back``: the words are the sentence before
    ("Об этом заявил …")."""

    verb: tuple[int, int] | None
    subject: Chunk | None
    addressee: Chunk | None = None
    inherit: bool = False
    gender: str | None = None  # what the verb's form says of its subject (Russian: заявила, заявили)


@dataclass(slots=True)
class Reported:
    """Reported speech: content tokens ``[a, b)`` and its cue."""

    a: int
    b: int
    cue: Cue
    back: bool = False  # the content is the sentence before ("Об этом сообщил X")


@dataclass(slots=True)
class Para:
    start: int
    end: int
    toks: list[Token]
    starts: list[int]
    quotes: list[QuoteSpan]
    top: list[int]  # per token: the index of the depth-0 quote it is in (or is a mark of), -1 outside
    sents: list[tuple[int, int]]  # token ranges
    marks: list[bool]  # the token is a quotation mark
    people: list[tuple[int, int]] = field(default_factory=list)  # token ranges of the people the entity stage named


class Grammar(Protocol):
    """What the reading loop needs to know of a language."""

    def tokenize(self, text: str, start: int, end: int) -> list[Token]: ...

    def after_quote(self, p: Para, i: int, end: int) -> Cue | None:
        """The cue right after a quote whose closing mark is token ``i - 1`` (sentence ends at token ``end``)."""
        ...

    def before_quote(self, p: Para, o: int, start: int) -> Cue | None:
        """The cue right before a quote whose opening mark is token ``o`` (sentence starts at token ``start``)."""
        ...

    def reported(self, p: Para, a: int, b: int, outside: Sequence[bool]) -> list[Reported]:
        """Reported speech in sentence ``[a, b)``; ``outside[k]``: token k is outside every quote."""
        ...

    def pronoun(self, tok: Token) -> str | None:
        """The gender a pronoun speaker agrees with (m, f, p, n), or None when the token is no pronoun."""
        ...

    def name_form(self, text: str) -> str:
        """A name as the speaker's name is given: as written (English), in the nominative (Russian)."""
        ...

    def surname_key(self, name: str) -> str:
        """What a surname is known by, whatever its form ("Stoltenberg", "Орбана" → "орбан")."""
        ...

    def name_gender(self, name: str) -> str | None: ...

    def role_gender(self, text: str) -> str | None: ...

    def is_role(self, tok: Token) -> bool: ...

    def body_form(self, text: str) -> str:
        """A body's name as a speaker's name is given ("в Кремле" → "Кремль")."""
        ...

    def role_key(self, tok: Token) -> str:
        """What a role word is remembered by: the word ("minister"), its lemma in Russian ("премьера" → "премьер")."""
        ...

    def is_group(self, toks: Sequence[Token]) -> bool:
        """A group or a body speaks ("officials", "the ministry", "в Кремле")."""
        ...


@dataclass(slots=True)
class _Voice:
    speaker: Speaker
    gender: str | None
    typ: str  # PER | ORG | GROUP
    sentence: int


@dataclass(slots=True)
class _Context:
    last: _Voice | None = None
    history: list[_Voice] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)  # a role word → the person the article gave it


class Attribution:
    """Runs over an article's paragraphs in order, keeping who has been speaking."""

    def __init__(
        self,
        text: str,
        grammar: Grammar,
        paragraphs: list[tuple[int, int]],
        sentences: list[tuple[int, int]],
        skip: list[tuple[int, int]],
        entities: Sequence[Entity] = (),
        titles: Sequence[tuple[int, int]] = (),
    ) -> None:
        self.text = text
        self.g = grammar
        self.skip = skip
        self.sentences = sorted(sentences)
        self.sent_starts = [s for s, _ in self.sentences]
        self.entities = sorted(entities, key=lambda e: e.start)
        self.ent_starts = [e.start for e in self.entities]
        self.found: list[Found] = []
        self.ctx = _Context()
        self.sentence_no = 0
        self.full: dict[str, str] = {}
        for e in self.entities:  # the fullest form of each person's name in the article, by surname
            if e.type == "PER" and e.kind in ("name", "title"):
                form = grammar.name_form(e.text)
                key = grammar.surname_key(form)
                if len(form.split()) > len(self.full.get(key, "").split()):
                    self.full[key] = form
        self.paras = [self._para(s, e) for s, e in paragraphs]
        self.leaders: dict[str, str] = {}  # a body → the person the article names with its title ("NATO Secretary-General …")
        for p in [*(self._para(s, e) for s, e in titles), *self.paras]:
            for a, b in p.sents:  # roles and leaders are learnt from the whole article first, its title too: "the
                self._learn_roles(p, a, b)  # U.N. chief" before his name
        self.ahead = self.ctx.roles  # what the article calls its people, anywhere in it
        self.ctx.roles = {}  # and what it has called them so far, as it is read

    # --- reading -------------------------------------------------------------------------------------------------
    def _para(self, start: int, end: int) -> Para:
        quotes = pair_quotes(
            self.text,
            start,
            end,
            doubled=getattr(self.g, "doubled_apostrophes", False),
            guillemets=getattr(self.g, "directed_guillemets", False),
        )
        toks = self.g.tokenize(self.text, start, end)
        starts = [t.start for t in toks]
        top = [-1] * len(toks)
        marks = [t.text in QUOTE_MARKS for t in toks]
        for qi, q in enumerate(quotes):
            if q.depth != 0:
                continue
            lo = q.open_pos if q.open_pos is not None else q.start
            hi = q.close_pos + 1 if q.close_pos is not None else q.end
            for k in range(bisect_left(starts, lo), bisect_left(starts, hi)):
                top[k] = qi
        sents = []
        for s, e in self.sentences[bisect_left(self.sent_starts, start) : bisect_left(self.sent_starts, end)]:
            a, b = bisect_left(starts, s), bisect_left(starts, min(e, end))
            if b > a:
                sents.append((a, b))
        people = []
        for x in self.entities[bisect_left(self.ent_starts, start) : bisect_left(self.ent_starts, end)]:
            if x.type == "PER" and x.kind in ("name", "title"):
                a, b = bisect_left(starts, x.start), bisect_left(starts, x.end)
                if b > a:
                    people.append((a, b))
        return Para(start, end, toks, starts, quotes, top, sents, marks, people)

    def run(self) -> list[Found]:
        for p in self.paras:
            self._paragraph(p)
        kept = [i for i, f in enumerate(self.found) if f.kind != _DROPPED]
        index = {old: new for new, old in enumerate(kept)}
        out = []
        for i in kept:
            f = self.found[i]
            if f.parent is not None:
                f.parent = index.get(f.parent)
            out.append(f)
        return out

    def _paragraph(self, p: Para) -> None:
        first_found = len(self.found)
        pending: list[int] = []  # indices into self.found of direct quotes with no cue yet
        outside = [p.top[k] < 0 and not p.marks[k] and not self._skipped(p.toks[k].start) for k in range(len(p.toks))]
        for a, b in p.sents:
            self.sentence_no += 1
            done_quotes = {p.top[k] for k in range(a, b) if p.top[k] >= 0}
            for qi in sorted(done_quotes, key=lambda q: p.quotes[q].start):
                q = p.quotes[qi]
                if q.start < p.toks[a].start - 1 and self._has_found(q.start, q.end):
                    continue  # a quote over several sentences was read in its first one
                self._direct(p, qi, a, b, pending)
            self._reported(p, a, b, outside)
            self._learn_roles(p, a, b)
        self._settle(p, pending, first_found)

    def _skipped(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.skip)

    def _has_found(self, start: int, end: int) -> bool:
        return any(f.start == start and f.end == end for f in self.found)

    # --- direct quotes -------------------------------------------------------------------------------------------
    def _quote_range(self, p: Para, qi: int) -> tuple[int, int, int | None, int | None]:
        """Token indices: first and last+1 of the content, the opening and the closing mark (None when missing)."""
        q = p.quotes[qi]
        a, b = bisect_left(p.starts, q.start), bisect_left(p.starts, q.end)
        o = bisect_left(p.starts, q.open_pos) if q.open_pos is not None else None
        c = bisect_left(p.starts, q.close_pos) if q.close_pos is not None else None
        return a, b, o, c

    def _direct(self, p: Para, qi: int, sa: int, sb: int, pending: list[int]) -> None:
        q = p.quotes[qi]
        a, b, o, c = self._quote_range(p, qi)
        words = sum(1 for t in p.toks[a:b] if t.is_word)
        end = max(sb, c + 1 if c is not None else b)
        cue = None
        if c is not None:
            after = c + 1
            while after < len(p.toks) and p.marks[after] and p.toks[after].start == p.toks[after - 1].end:
                after += 1  # the second apostrophe of a closing ''
            cue = self.g.after_quote(p, after, self._sentence_end(p, after, end))
        if cue is None and o is not None:
            while o > 0 and p.marks[o - 1] and p.toks[o - 1].end == p.toks[o].start:
                o -= 1  # the first apostrophe of an opening ''
            cue = self.g.before_quote(p, o, sa)
        if cue is None:
            if words < MIN_SPEECH_WORDS or self._embedded(p, o, c):
                self.found.append(Found(q.start, q.end, "scare"))
                return
            self.found.append(Found(q.start, q.end, "direct"))
            pending.append(len(self.found) - 1)
            return
        speaker = self._speaker(p, cue)
        found = Found(q.start, q.end, "direct", speaker, self._cue_offsets(p, cue), self._addressee(p, cue))
        self.found.append(found)
        self._nested(p, qi, found)
        if speaker is not None:
            self._spoke(speaker, cue, p)

    def _sentence_end(self, p: Para, i: int, end: int) -> int:
        """The token where the sentence after position ``i`` ends: the cue of a quote may run into it."""
        for a, b in p.sents:
            if a <= i < b:
                return b
        return end

    def _embedded(self, p: Para, o: int | None, c: int | None) -> bool:
        """A quote inside running text ("are “cautiously optimistic” for"): a word right before and after it."""
        if o is None or c is None:
            return False
        before = p.toks[o - 1] if o > 0 else None
        after = p.toks[c + 1] if c + 1 < len(p.toks) else None
        inner_end = p.toks[c - 1].text if c > 0 else ""
        return (
            before is not None
            and after is not None
            and before.is_word
            and (after.is_word or after.text in ",;)")
            and inner_end not in ".!?,…"
        )

    def _nested(self, p: Para, qi: int, parent: Found) -> None:
        """Quotes inside a quote that name their own speaker ("The British press is saying ‘We’ll give them hell!’")
        or speak in the first person; other inner quotes are the speaker's scare quotes."""
        index = len(self.found) - 1
        for qj, inner in enumerate(p.quotes):
            if inner.parent != qi:
                continue
            a, b, o, _c = self._quote_range(p, qj)
            words = sum(1 for t in p.toks[a:b] if t.is_word)
            cue = self.g.before_quote(p, o, bisect_left(p.starts, parent.start)) if o is not None else None
            if cue is not None and cue.subject is not None and words >= 2:
                spk = self._speaker(p, cue)
                self.found.append(Found(inner.start, inner.end, "direct", spk, self._cue_offsets(p, cue), parent=index))
            else:
                self.found.append(Found(inner.start, inner.end, "scare", parent=index))

    def _settle(self, p: Para, pending: list[int], first: int) -> None:
        """Quotes with no cue: the speaker of the paragraph's attributed quotes, or the last speaker when the
        paragraph opens with the quote, or no speaker at all."""
        if not pending:
            return
        own = [
            f
            for f in self.found[first:]
            if f.kind in ("direct", "mixed", "indirect") and f.speaker is not None and f.speaker.name
        ]
        for i in pending:
            f = self.found[i]
            if f.kind == _DROPPED:
                continue
            before = [x for x in own if x.start < f.start]
            after = [x for x in own if x.start > f.start]
            source = before[-1] if before else (after[0] if after else None)
            if source is not None and source.speaker is not None:
                f.speaker = source.speaker.inherited()
            elif self._opens(p, f) and self.ctx.last is not None and self._recent(self.ctx.last, CONTEXT_SENTENCES):
                f.speaker = self.ctx.last.speaker.inherited()

    def _opens(self, p: Para, f: Found) -> bool:
        """Whether quote ``f`` opens its paragraph (after its mark)."""
        return bool(p.toks) and p.toks[0].start >= f.start - 2

    # --- reported speech ---------------------------------------------------------------------------------------
    def _reported(self, p: Para, a: int, b: int, outside: list[bool]) -> None:
        for r in self.g.reported(p, a, b, outside):
            ra, rb = r.a, r.b
            if r.back:
                span = self._previous_sentence(p, a)
                if span is None:
                    continue
                start, end = span
            else:
                while rb > ra and not p.toks[rb - 1].is_word and p.toks[rb - 1].text not in QUOTE_MARKS:
                    rb -= 1
                if rb - ra < 2:
                    continue
                start, end = p.toks[ra].start, p.toks[rb - 1].end
            start, end = self._strip_marks(start, end)
            for f in self.found:  # a quote that opens inside the reported words and closes after them is part of them
                if f.kind in ("direct", "scare") and start <= f.start < end < f.end:
                    end = f.end + (1 if f.end < len(self.text) and self.text[f.end] in QUOTE_MARKS else 0)
            if end - start < 8:
                continue
            kind = self._kind(start, end)
            if kind is None:
                continue
            speaker = self._speaker(p, r.cue)
            cue = self._cue_offsets(p, r.cue)
            self._drop_inner(start, end, cue)
            self.found.append(Found(start, end, kind, speaker, cue, self._addressee(p, r.cue)))
            if speaker is not None:
                self._spoke(speaker, r.cue, p)

    def _strip_marks(self, start: int, end: int) -> tuple[int, int]:
        """Reported words wholly inside quotation marks are a direct quote, found as one: keep the marks out."""
        t = self.text
        while start < end and t[start].isspace():
            start += 1
        while end > start and t[end - 1].isspace():
            end -= 1
        return start, end

    def _kind(self, start: int, end: int) -> str | None:
        """indirect, mixed (quoted words inside), or None when the words are a direct quote already found."""
        inside = [
            f for f in self.found if f.kind in ("direct", "scare", "mixed", "indirect") and start <= f.start and f.end <= end
        ]
        overlapping = [f for f in self.found if f.kind in ("direct", "mixed", "indirect") and f.start < end and start < f.end]
        for f in overlapping:
            if f not in inside and not (f.start <= start and end <= f.end and f.kind == "direct"):
                return None  # crosses a quote found already
            if f.start <= start + 2 and end <= f.end + 2 and f.kind == "direct":
                return None  # the reported words are that quote
        if any(f.kind in ("direct", "scare") for f in inside):
            return "mixed"
        marks = sum(1 for ch in self.text[start:end] if ch in QUOTE_MARKS and ch not in "’'")
        return "mixed" if marks >= 2 else "indirect"

    def _drop_inner(self, start: int, end: int, cue: tuple[int, ...] | None) -> None:
        """Quoted words inside reported speech are part of it (a mixed quote), not quotes of their own — unless
        they carry a cue of their own (not the reported speech's: "…, а ВСУ будут соблюдать режим тишины - «еще проще
        и примитивнее», считает Подоляк" is one mixed quote)."""
        for f in self.found:
            if start <= f.start and f.end <= end and (f.cue is None or f.kind == "scare" or (cue is not None and f.cue == cue)):
                f.kind = _DROPPED

    def _previous_sentence(self, p: Para, a: int) -> tuple[int, int] | None:
        i = bisect_right(self.sent_starts, p.toks[a].start - 1) - 1
        return self.sentences[i] if i >= 0 else None

    # --- speakers ------------------------------------------------------------------------------------------------
    def _chunk_text(self, p: Para, ch: Chunk) -> tuple[int, int, str]:
        s, e = p.toks[ch.a].start, p.toks[ch.b - 1].end
        return s, e, self.text[s:e]

    def _entities_in(self, s: int, e: int) -> list[Entity]:
        lo = bisect_left(self.ent_starts, s)
        return [x for x in self.entities[lo : bisect_left(self.ent_starts, e)] if x.end <= e]

    def _speaker(self, p: Para, cue: Cue) -> Speaker | None:
        if cue.subject is None:
            if cue.inherit and self.ctx.last is not None and self.ctx.last.sentence >= self.sentence_no - 1:
                return self.ctx.last.speaker.inherited()
            return None
        ch = cue.subject
        s, e, mention = self._chunk_text(p, ch)
        if ch.kind == "pronoun":
            voice = self._agreeing(ch.gender or cue.gender, s)
            return Speaker(voice.speaker.name if voice else None, mention, s, e, "pronoun")
        ents = self._entities_in(s, e)
        people = [x for x in ents if x.type == "PER" and x.kind in ("name", "title")]
        if people:
            person = people[-1]
            form = self.g.name_form(person.text)
            name = self.full.get(self.g.surname_key(form), form)
            return Speaker(name, mention, s, e, "name")
        toks = p.toks[ch.a : ch.b]
        roles = [x for x in ents if x.kind == "role" and x.name]
        if roles and not self.g.is_group(toks):
            return Speaker(self._article_name(roles[-1]), mention, s, e, "role")
        bodies = [x for x in ents if x.type in ("ORG", "LOC")]
        role_words = [self.g.role_key(t) for t in toks if self.g.is_role(t)]
        if role_words and self.g.is_role(toks[-1]):  # a person by a role: "the U.N. chief", "the minister"
            who = self.leaders.get(bodies[-1].name or bodies[-1].text) if bodies else None
            who = who or self.ctx.roles.get(role_words[-1])
            if who is None and not bodies and not self.g.is_group(toks):
                who = self._just_spoken()
            who = who or self.ahead.get(role_words[-1])
            if who is not None:
                return Speaker(who, mention, s, e, "role")
        if self.g.is_group(toks) or bodies:
            if bodies:
                return Speaker(self.g.body_form(bodies[-1].text), mention, s, e, "group")
            return Speaker(self._plain(toks), mention, s, e, "group")
        if role_words:
            return Speaker(self._just_spoken(), mention, s, e, "role")
        capital = [t for t in toks if t.text[:1].isupper()]
        if capital:  # a name the entity stage did not know: a body or a person, the text does not say which
            return Speaker(self.g.name_form(self._plain(toks)), mention, s, e, "unknown")
        return None

    def _just_spoken(self) -> str | None:
        """ "the official", "эксперт": the person who has been speaking in the last two sentences, if anyone."""
        last = self.ctx.last
        return last.speaker.name if last is not None and last.typ == "PER" and self._recent(last, 2) else None

    def _article_name(self, e: Entity) -> str | None:
        """The name a role mention's actor goes by in this article ("the president" → "Alexander Lukashenko")."""
        if e.name is None:
            return None
        key = self.g.surname_key(e.name)
        return self.full.get(key, e.name)

    def _plain(self, toks: Sequence[Token]) -> str:
        words = [t for t in toks if t.low not in ("the", "a", "an")]
        if not words:
            return ""
        return self.text[words[0].start : words[-1].end]

    def _agreeing(self, gender: str | None, pos: int) -> _Voice | None:
        """The last speaker a pronoun of ``gender`` can stand for, or a person the narrative has just named."""
        for voice in reversed(self.ctx.history):
            if not self._recent(voice, CONTEXT_SENTENCES):
                break
            if self._agrees(voice, gender):
                return voice
        person = self._named_before(pos, gender)
        return person

    def _agrees(self, voice: _Voice, gender: str | None) -> bool:
        if gender in (None, "1"):
            return True
        if gender == "p":
            return voice.typ in ("ORG", "GROUP") or voice.gender == "p"
        if gender == "n":
            return voice.typ in ("ORG", "GROUP")
        return voice.typ == "PER" and voice.gender in (None, gender)

    def _named_before(self, pos: int, gender: str | None) -> _Voice | None:
        if gender not in ("m", "f"):
            return None
        lo = self.sent_starts[max(0, bisect_right(self.sent_starts, pos) - 1 - NAME_CONTEXT_SENTENCES)] if self.sent_starts else 0
        for x in reversed(self.entities[bisect_left(self.ent_starts, lo) : bisect_left(self.ent_starts, pos)]):
            if x.type == "PER" and x.kind in ("name", "title"):
                form = self.g.name_form(x.text)
                name = self.full.get(self.g.surname_key(form), form)
                g = self.g.name_gender(name)
                if g in (None, gender):
                    return _Voice(Speaker(name, None, None, None, "context"), g, "PER", self.sentence_no)
        return None

    def _recent(self, voice: _Voice, sentences: int) -> bool:
        return voice.sentence >= self.sentence_no - sentences

    def _spoke(self, speaker: Speaker, cue: Cue, p: Para) -> None:
        if speaker.name is None:
            return
        typ = "PER"
        gender: str | None = None
        if speaker.kind in ("group", "unknown"):
            typ = "GROUP"
        else:
            gender = self.g.name_gender(speaker.name)
            if gender is None and speaker.mention:
                gender = self.g.role_gender(speaker.mention)
            if gender is None and cue.gender in ("m", "f"):
                gender = cue.gender
        voice = _Voice(speaker, gender, typ, self.sentence_no)
        self.ctx.last = voice
        self.ctx.history.append(voice)
        del self.ctx.history[:-20]

    def _learn_roles(self, p: Para, a: int, b: int) -> None:
        """ "Ukrainian Foreign Minister Dmitry Kuleba": later, "the minister" is Kuleba."""
        s, e = p.toks[a].start, p.toks[b - 1].end
        for x in self._entities_in(s, e):
            if x.type != "PER" or x.kind not in ("name", "title"):
                continue
            k = bisect_left(p.starts, x.start)
            form = self.g.name_form(x.text)
            name = self.full.get(self.g.surname_key(form), form)
            before = p.toks[max(a, k - 4) : k]
            for t in before:
                if self.g.is_role(t):
                    self.ctx.roles[self.g.role_key(t)] = name
            if before:  # "NATO Secretary-General Jens Stoltenberg", "The United Nations alarmist-in-chief António Guterres"
                for y in self._entities_in(before[0].start, x.start):
                    if y.type in ("ORG", "LOC"):
                        self.leaders.setdefault(y.name or y.text, name)

    def _cue_offsets(self, p: Para, cue: Cue) -> tuple[int, ...] | None:
        if cue.verb is None:
            return None
        a, b = cue.verb
        return (p.toks[a].start, p.toks[b - 1].end)

    def _addressee(self, p: Para, cue: Cue) -> Speaker | None:
        if cue.addressee is None:
            return None
        s, e, mention = self._chunk_text(p, cue.addressee)
        return Speaker(self._plain(p.toks[cue.addressee.a : cue.addressee.b]), mention, s, e, "name")


def attribute(
    text: str,
    grammar: Grammar,
    paragraphs: list[tuple[int, int]],
    sentences: list[tuple[int, int]],
    skip: list[tuple[int, int]],
    entities: Sequence[Entity] = (),
    titles: Sequence[tuple[int, int]] = (),
) -> list[Found]:
    """The quotes of an article in a language with a ``grammar`` (``titles``: read for the roles they give only)."""
    return Attribution(text, grammar, paragraphs, sentences, skip, entities, titles).run()


__all__ = ["Attribution", "Chunk", "Cue", "Entity", "Grammar", "Para", "Reported", "attribute"]
